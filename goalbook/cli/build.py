from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from goalbook.vocabulary import plural
from goalbook.cli.options import DATE, clock, fail, here_paths, pass_project, stdout_color, strict_option, today_option, use_color


@click.command()
@strict_option
@today_option
@click.option("--no-pdf", "no_pdf", is_flag=True, help="Write the HTML only (much faster).")
@click.option("--since", help="Start of the report period: a date, 'last-session' or a span like 30d.")
@click.option("--until", type=DATE, help="End of the report period (default: today).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output folder (default: output, or 'output:' in goalbook.yaml).")
@pass_project
def build(project: Path, strict: bool, today: date | None, no_pdf: bool, since: str | None,
          until: date | None, output: Path | None) -> None:
    """Check, then write the HTML site and the PDF report to the output folder."""
    from goalbook.app.build import BuildOptions, build as run_build
    from goalbook.cli.formats import format_text, summary
    from goalbook.model.settings import parse_since

    since_value = None
    if since is not None:
        since_value = parse_since(since)
        if since_value is None:
            fail(f"--since '{since}' is not a date, 'last-session' or a span like 30d")
    options = BuildOptions(today=clock().report_today(today), strict=strict, pdf=not no_pdf,
                           since=since_value, until=until, output=output)
    result = run_build(project, options)
    check = result.check
    if check.diagnostics:
        click.echo(format_text(here_paths(check.diagnostics, project), color=stdout_color()), color=use_color())
    click.echo(summary(check.errors, check.warnings, check.files), err=True)
    if not result.ok:
        click.echo("Nothing was written; the previous output is as it was.", err=True)
        sys.exit(1)
    click.echo(_build_summary(result), err=True)


def _build_summary(result) -> str:
    if result.up_to_date:
        return f"Nothing changed since the last build; {result.output} is up to date ({result.seconds:.2f} s)"
    pages = sum(1 for name in result.published.written if name.endswith(".html"))
    pdf = {"rendered": "report.pdf written", "unchanged": "report.pdf unchanged",
           "skipped": "no PDF (--no-pdf)"}[result.pdf]
    return (f"Built {pages} pages and {pdf} into {result.output} in {result.seconds:.2f} s "
            f"({plural(len(result.published.changed), 'file')} changed)")
