from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from goalbook.cli import DATE, clock, fail, today_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: the computed model; csv: one row per check-in value.")
@today_option
@click.option("--since", help="Start of the period: a date, 'last-session' or a span like 30d.")
@click.option("--until", type=DATE, help="End of the period (default: today).")
@click.pass_obj
def export(project: Path, fmt: str, today: date | None, since: str | None, until: date | None) -> None:
    """Print the computed model (standings, progress, GAS, questionnaires) for other tools."""
    from goalbook.export import export_csv, export_json
    from goalbook.model.settings import parse_since
    from goalbook.model.snapshot import build_snapshot
    from goalbook.output_format import format_text, summary
    from goalbook.project import ProjectError, check_project

    since_value = parse_since(since) if since is not None else None
    if since is not None and since_value is None:
        fail(f"--since '{since}' is not a date, 'last-session' or a span like 30d")
    day = clock().report_today(today)
    try:
        result = check_project(project, day)
    except ProjectError as exc:
        fail(str(exc), exc.hint)
    if result.errors:
        errors = [d for d in result.diagnostics if d.severity == "error"]
        click.echo(format_text(errors, color=False), err=True)
        click.echo(summary(result.errors, result.warnings, result.files), err=True)
        click.echo("Nothing exported: the numbers would not be trustworthy until these are fixed.", err=True)
        sys.exit(1)
    as_of = min(day, until) if until is not None else day    # a past period: the book as it stood then
    try:
        snapshot = build_snapshot(result.book, result.diagnostics, as_of, since=since_value, until=until,
                                  progress=result.progress)
    except ValueError as exc:
        fail(str(exc))
    whole_book = since is None and until is None
    click.echo(export_json(snapshot) if fmt == "json" else export_csv(snapshot, whole_book), nl=fmt == "json")
