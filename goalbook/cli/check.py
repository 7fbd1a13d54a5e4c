from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import clock, stdout_color, strict_option, today_option, use_color


@click.command()
@strict_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the problems.")
@click.pass_obj
def check(project: Path, strict: bool, today: date | None, fmt: str) -> None:
    """Check every goal, check-in and session against the format and the SMART rules."""
    from goalbook.cli.formats import format_json, format_text, summary
    from goalbook.app.check import quick_check

    result = quick_check(project, clock().report_today(today))
    if fmt == "json":
        click.echo(format_json(result.diagnostics))
    elif result.diagnostics:
        click.echo(format_text(result.diagnostics, color=stdout_color()), color=use_color())
    click.echo(summary(result.errors, result.warnings, result.files), err=True)
    sys.exit(1 if result.failed(strict) else 0)
