"""What the commands share: option types, the clock, colour, and how a command stops."""
from __future__ import annotations

import os
import sys
from datetime import date

import click

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
today_option = click.option("--today", type=DATE, help="What 'today' is for date rules and progress "
                            "(default: SOURCE_DATE_EPOCH, else the local date).")
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
    """Stop the command with a kind message (the CLI prints it in one place)."""
    raise GoalbookError(message, hint, status)


def say_error(error: GoalbookError) -> None:
    click.secho(f"goalbook: {error.message}", err=True, color=use_color())
    if error.hint:
        click.echo(f"  hint: {error.hint}", err=True)
