from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import DATE, clock, fail, pass_project, start_folder

def complete_goals(ctx, param, incomplete: str):
    """Shell completion: the goal ids of the project found as the command would find it."""
    from click.shell_completion import CompletionItem

    from goalbook.load.discover import SUFFIXES, is_ignored
    from goalbook.load.locate import find_project

    root = find_project(start_folder(ctx))
    folder = root / "content" / "goals" if root is not None else None
    if "=" in incomplete or folder is None or not folder.is_dir():
        return []
    ids = sorted({p.stem for p in folder.iterdir() if p.suffix in SUFFIXES and not is_ignored(p.name)})
    return [CompletionItem(goal_id) for goal_id in ids if goal_id.startswith(incomplete)]


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("items", nargs=-1, metavar="GOAL VALUE | GOAL=VALUE...", shell_complete=complete_goals)
@click.option("--note", help="Free text: how it went, in your own words.")
@click.option("--date", "day", type=DATE, help="The day of the check-in (default: today).")
@click.option("--mood", help="Overall mood, 0-10.")
@click.option("--win", help="Something to celebrate.")
@click.option("--obstacle", help="What got in the way.")
@click.option("--discuss", help="Something to bring up in the next session.")
@click.option("--private", is_flag=True, help="Keep this check-in's words out of the report (values still count).")
@pass_project
def checkin(project: Path, items: tuple[str, ...], day: date | None, **texts) -> None:
    """Record a check-in as a new file in content/checkins/.

    \b
    goalbook checkin evening-walks 1
    goalbook checkin evening-walks=1 phone-away=yes --mood 7 --note "Good day."

    The values are checked against each goal's measure first; nothing is
    written if one doesn't fit. Existing files are never changed.
    """

    from goalbook.app.checkin import CheckinDraft, RecordError, parse_items, record

    today = clock().local_today()
    try:
        draft = CheckinDraft(day=day or today, values=parse_items(items), **texts)
        recorded = record(project, draft, today)
    except RecordError as exc:
        for message, hint in exc.more:
            click.echo(f"goalbook: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
        fail(f"{exc} — nothing was written", exc.hint, status=exc.status)
    click.echo(f"Recorded {recorded.rel_path}")
    if draft.day > today:
        click.echo(f"  (dated {draft.day}, after today: it counts from that day on)")
    from goalbook.render.words import goal_line

    for view in recorded.goals:
        click.echo(goal_line(view))
