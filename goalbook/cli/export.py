from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from goalbook.cli.options import DATE, clock, here_paths, pass_project, today_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: the computed model; csv: one row per check-in value.")
@today_option
@click.option("--since", help="Start of the period: a date, 'last-session' or a span like 30d.")
@click.option("--until", type=DATE, help="End of the period (default: today); the numbers are as of that day.")
@pass_project
def export(project: Path, fmt: str, today: date | None, since: str | None, until: date | None) -> None:
    """Print the computed model (standings, progress, GAS, questionnaires) for other tools."""
    from goalbook.app.export import export_project
    from goalbook.cli.formats import format_text, summary

    result = export_project(project, clock().report_today(today), fmt, since, until)
    if result.text is None:
        errors = [d for d in result.check.diagnostics if d.severity == "error"]
        click.echo(format_text(here_paths(errors, project), color=False), err=True)
        click.echo(summary(result.check.errors, result.check.warnings, result.check.files), err=True)
        click.echo("Nothing exported: the numbers would not be trustworthy until these are fixed.", err=True)
        sys.exit(1)
    click.echo(result.text, nl=fmt == "json")
