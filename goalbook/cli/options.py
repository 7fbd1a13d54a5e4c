"""What the commands share: option types, the project folder (-C), the clock,
colour, and how a command stops."""
from __future__ import annotations

import functools
import os
import sys
from datetime import date
from pathlib import Path

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


_START = "goalbook.start"     # ctx.meta key: the folder -C named (meta is shared by nested contexts)


def _remember_start(ctx: click.Context, param, value: Path | None) -> None:
    """-C before and after the command name: like git, each one is taken from
    where the previous one led (`goalbook -C book check -C content` = book/content)."""
    if value is not None:
        before = ctx.meta.get(_START)
        ctx.meta[_START] = before / value if before is not None else value


project_option = click.option(
    "-C", "--project", type=click.Path(file_okay=False, path_type=Path), metavar="DIR", expose_value=False,
    callback=_remember_start,
    help="Work as if started in DIR (default: the current folder); may come before or after the command.")


def start_folder(ctx: click.Context | None = None) -> Path:
    """The folder the command starts from: the one -C named, else the current folder."""
    return (ctx or click.get_current_context()).meta.get(_START) or Path(".")


def project_root() -> Path:
    """The project: the start folder or the nearest one above it with goalbook.yaml
    or content/ (a GoalbookError, exit 2, when there is none)."""
    from goalbook.load.locate import locate_project

    return locate_project(start_folder())


def pass_project(command):
    """Give the command `-C` and the found project folder as its first argument."""
    @functools.wraps(command)
    def with_project(*args, **kwargs):
        return command(project_root(), *args, **kwargs)

    return project_option(with_project)


def here_paths(diagnostics, root: Path):
    """Diagnostics with paths as the user can open them from where they stand."""
    from goalbook.cli.formats import from_here

    return from_here(diagnostics, root, Path.cwd())
