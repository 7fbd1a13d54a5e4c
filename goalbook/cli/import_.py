"""`goalbook import loop|daylio FILE`: options only; the work is in goalbook.app.importers."""
from __future__ import annotations

from pathlib import Path

import click

from goalbook.cli.options import clock, fail, pass_project, project_option

FILE = click.Path(exists=True, path_type=Path)
map_option = click.option("--map", "maps", multiple=True, metavar="NAME=GOAL",
                          help="Send a habit or activity to an existing goal (repeatable).")
dry_run_option = click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")


@click.group("import")
@project_option
def import_() -> None:
    """Turn another app's export into new goalbook files (existing files are never changed)."""


@import_.command("loop")
@click.argument("file", type=FILE)
@map_option
@dry_run_option
@pass_project
def loop(project: Path, file: Path, maps: tuple[str, ...], dry_run: bool) -> None:
    """Import a Loop Habit Tracker CSV export (the zip, or its unzipped folder).

    Each habit becomes a goal draft (or, with --map HABIT=GOAL, goes to a goal
    you have), and its check-marks become check-ins, one file per habit and month.
    Running it again adds only what is new.
    """
    from goalbook.app.importers import LoopImporter

    _run(project, LoopImporter(), file, maps, dry_run, "'Morning run=running'")


@import_.command("daylio")
@click.argument("file", type=FILE)
@map_option
@click.option("--mood", "moods", multiple=True, metavar="LABEL=N",
              help="The 0-10 number for a mood label (repeatable); defaults rad=9 good=7 meh=5 bad=3 awful=1.")
@dry_run_option
@pass_project
def daylio(project: Path, file: Path, maps: tuple[str, ...], moods: tuple[str, ...], dry_run: bool) -> None:
    """Import a Daylio CSV export: a check-in per entry, with its mood and note.

    An activity sent to a goal with --map ACTIVITY=GOAL counts 1 for that goal
    on each day it was logged. Running it again adds only what is new.
    """
    from goalbook.app.importers import DaylioImporter
    from goalbook.app.importers.base import parse_pairs
    from goalbook.app.importers.daylio import parse_moods
    from goalbook.errors import GoalbookError

    try:
        importer = DaylioImporter(parse_moods(parse_pairs(moods, "--mood", "'tired=4'")))
    except GoalbookError as exc:
        fail(exc.message, exc.hint, exc.exit_status)
    _run(project, importer, file, maps, dry_run, "walk=evening-walks")


def _run(project: Path, importer, file: Path, maps: tuple[str, ...], dry_run: bool, example: str) -> None:
    from goalbook.app.importers import run_import
    from goalbook.app.importers.base import parse_pairs
    from goalbook.errors import GoalbookError

    try:
        summary = run_import(importer, project, file, parse_pairs(maps, "--map", example),
                             clock().local_today(), dry_run)
    except GoalbookError as exc:
        fail(exc.message, exc.hint, exc.exit_status)
    _report(summary, file)


def _report(summary, file: Path) -> None:
    verb = "would write" if summary.dry_run else "wrote"
    click.echo(f"From {summary.app} ({file.name}):")
    for w in summary.written:
        click.echo(f"  {verb} {w.rel_path} — {w.what}")
    for w in summary.kept_goals:
        click.echo(f"  skipped {w.rel_path} — {w.what}")
    if summary.skipped:
        click.echo(f"  skipped {summary.skipped} check-in{'' if summary.skipped == 1 else 's'} already imported")
    for note in summary.notes:
        click.echo(f"  {note}")
    if summary.schema_files:
        click.echo("  (and refreshed .goalbook/, the schema your editor uses to complete and check fields)")
    if summary.dry_run:
        click.echo("Dry run: nothing was written.")
    elif not summary.written:
        click.echo("Nothing new to import; no file was written.")
    else:
        drafts = any(w.rel_path.startswith("content/goals/") for w in summary.written)
        click.echo(f"{len(summary.written)} new file{'' if len(summary.written) == 1 else 's'}; no existing file "
                   "was changed." + (" Run 'goalbook check' to see what each goal draft still needs." if drafts else ""))
