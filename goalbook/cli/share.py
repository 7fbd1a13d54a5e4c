from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import clock, fail, here_paths, pass_project, today_option

PASSWORD_VARIABLE = "GOALBOOK_SHARE_PASSWORD"


@click.command()
@click.argument("partner")
@click.option("--password", "protect", is_flag=True,
              help=f"Encrypt the PDF (AES-256) with a password: asked for, or read from {PASSWORD_VARIABLE}.")
@today_option
@pass_project
def share(project: Path, partner: str, protect: bool, today: date | None) -> None:
    """Write what PARTNER may see: output/share/<partner>/index.html and <partner>.pdf.

    \b
    goalbook share Jo
    goalbook share "Jo (my sister)" --password

    Only the goals whose 'partner:' is PARTNER (any case) and that aren't
    private: their titles, standing, progress, charts, steps done and check-in
    dates, plus the wins, why and notes a goal's 'share:' lists. Nothing else.
    """
    from goalbook.app.share import make_share
    from goalbook.errors import GoalbookError
    from goalbook.cli.formats import format_text, summary
    from goalbook.app.check import ProjectError
    from goalbook.publish.output import UnsafeOutput

    password = _password() if protect or os.environ.get(PASSWORD_VARIABLE) else None
    try:
        result = make_share(project, partner, clock().report_today(today), password)
    except (ProjectError, UnsafeOutput) as exc:
        fail(str(exc), exc.hint)
    except GoalbookError as exc:
        fail(exc.message, exc.hint, exc.exit_status)
    if not result.ok:
        errors = [d for d in result.check.diagnostics if d.severity == "error"]
        click.echo(format_text(here_paths(errors, project), color=False), err=True)
        click.echo(summary(result.check.errors, result.check.warnings, result.check.files), err=True)
        click.echo("Nothing was shared: these need a look first.", err=True)
        sys.exit(1)
    click.echo(_summary(result, Path(project)))


def _password() -> str:
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is None:
        given = click.prompt("Password for the PDF", hide_input=True, confirmation_prompt=True, err=True)
    if not given:
        fail("the PDF's password can't be empty", f"type one when asked, or set {PASSWORD_VARIABLE}")
    return given


def _summary(result, project: Path) -> str:
    try:
        where = result.folder.relative_to(project.resolve())
    except ValueError:
        where = result.folder
    goals = f"{result.goals} goal{'s' if result.goals != 1 else ''}"
    lines = [f"Shared {goals} with {result.partner} in {where}/: " + " and ".join(result.files)]
    if result.encrypted:
        lines.append("The PDF opens only with the password; index.html is not encrypted, "
                     "so send the PDF when the way you send it isn't private.")
    return "\n".join(lines)
