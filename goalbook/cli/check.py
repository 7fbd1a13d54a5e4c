from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import clock, here_paths, pass_project, stdout_color, strict_option, today_option, use_color

FORMAT_HELP = ("How to print the problems: text for people (and editors' problem matchers), json, "
               "github (GitHub Actions annotations) or sarif (SARIF 2.1.0, for code scanning).")


def _list_rules(ctx, param, value):
    if value and not ctx.resilient_parsing:
        from goalbook.rules.catalogue import text_list

        click.echo(text_list())
        ctx.exit(0)


@click.command()
@click.option("--list-rules", is_flag=True, is_eager=True, expose_value=False, callback=_list_rules,
              help="List every rule code with its default severity, and exit.")
@strict_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help=FORMAT_HELP)
@click.option("--staged", is_flag=True,
              help="Check the files as they are staged in git, as the next commit would hold them "
                   "(for a pre-commit hook): untracked files and unstaged edits don't count.")
@pass_project
def check(project: Path, strict: bool, today: date | None, fmt: str, staged: bool) -> None:
    """Check every goal, check-in and session against the format and the SMART rules."""
    from goalbook.app.check import check_project, quick_check
    from goalbook.cli.formats import format_github, format_json, format_sarif, format_text, summary

    if staged:      # the git index: read as it is, never answered from the working tree's cache
        from goalbook.load.git_index import staged_files

        result = check_project(project, clock().report_today(today), files=staged_files(project))
    else:
        result = quick_check(project, clock().report_today(today))
    if fmt == "json":
        click.echo(format_json(result.diagnostics))
    elif fmt == "sarif":
        click.echo(format_sarif(result.diagnostics, project))
    elif fmt == "github":
        if result.diagnostics:
            click.echo(format_github(here_paths(result.diagnostics, project)))
    elif result.diagnostics:
        click.echo(format_text(here_paths(result.diagnostics, project), color=stdout_color()),
                   color=use_color())
    click.echo(summary(result.errors, result.warnings, result.files), err=True)
    sys.exit(1 if result.failed(strict) else 0)
