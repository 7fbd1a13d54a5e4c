"""The command line: Click commands only parse options and call the core."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from goalbook import __version__
from goalbook.clock import Clock
from goalbook.errors import GoalbookError


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date written YYYY-MM-DD (for example 2026-11-03)", param, ctx)


DATE = DateType()
today_option = click.option("--today", type=DATE, help="What 'today' is for date rules and progress (default: SOURCE_DATE_EPOCH, else the local date).")
strict_option = click.option("--strict", is_flag=True, help="Count warnings as errors for the exit status.")


def use_color() -> bool | None:
    return False if os.environ.get("NO_COLOR") else None


def stdout_color() -> bool:
    return use_color() is not False and sys.stdout.isatty()


def clock() -> Clock:
    """The command's clock: made once per invocation from the environment."""
    meta = click.get_current_context().find_root().meta
    if "goalbook.clock" not in meta:
        meta["goalbook.clock"] = Clock.from_environment()
    return meta["goalbook.clock"]


def fail(message: str, hint: str | None = None, status: int = 2):
    click.secho(f"goalbook: {message}", err=True, color=use_color())
    if hint:
        click.echo(f"  hint: {hint}", err=True)
    sys.exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "project", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="The project folder (default: the current folder).")
@click.version_option(__version__, prog_name="goalbook")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Keep SMART therapy goals as plain text; check them and build a private site and PDF report."""
    ctx.obj = project


def _register() -> None:
    """Each command lives in goalbook/commands/<name>.py and is registered here."""
    from goalbook.commands import ALL

    for command in ALL:
        main.add_command(command)


_register()


def run() -> None:
    """The console entry point: goalbook's own mistakes get a calm message, not a traceback."""
    try:
        main()
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(f"goalbook: couldn't read or write{where} ({exc.strerror or exc})", err=True)
        click.echo("  hint: check that the folder exists and that you may read and write it; "
                   "goalbook writes each file whole or not at all, so nothing half-written was left", err=True)
        sys.exit(2)
    except GoalbookError as exc:
        click.echo(f"goalbook: {exc.message}", err=True)
        if exc.hint:
            click.echo(f"  hint: {exc.hint}", err=True)
        sys.exit(exc.exit_status)
    except OverflowError as exc:
        click.echo(f"goalbook: a date is out of the range goalbook can work with ({exc})", err=True)
        click.echo("  hint: check --today, --since, --until and SOURCE_DATE_EPOCH", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence for the user
        if os.environ.get("GOALBOOK_DEBUG"):
            raise
        click.echo(f"goalbook: something went wrong inside goalbook ({type(exc).__name__}: {exc}).", err=True)
        click.echo("  hint: this is a bug in goalbook, not in your files, and nothing was changed; "
                   "run again with GOALBOOK_DEBUG=1 for details to report it", err=True)
        sys.exit(70)
