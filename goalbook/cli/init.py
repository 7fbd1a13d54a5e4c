from __future__ import annotations

from pathlib import Path

import click

from goalbook.cli.options import clock, fail, project_option, start_folder


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@project_option
def init(directory: Path | None) -> None:
    """Start a goalbook project with a short example goal and check-in."""
    from goalbook.app.init import AlreadyThere, init_project

    root = start_folder() / directory if directory is not None else start_folder()
    try:
        done = init_project(root, clock().local_today())
    except AlreadyThere as exc:
        fail(f"{root} already has {', '.join(exc.paths)}; nothing was changed",
             "goalbook init never overwrites files; choose an empty folder")
    for name in done.created:
        click.echo(f"  created {root / name}")
    if done.gitignore_added:
        click.echo(f"  added {', '.join(done.gitignore_added)} to {root / '.gitignore'} (your lines are as they were)")
    click.echo("Next: edit content/goals/evening-walks.yaml, then run 'goalbook check'.")
