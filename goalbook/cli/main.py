"""The command line: a Click group whose commands only parse options, call the
core (`goalbook.app`) and print what it returns. Every `GoalbookError` is
turned into a kind message and an exit status here, in one place."""
from __future__ import annotations

import os
import sys

import click

from goalbook import __version__
from goalbook.cli import build, check, checkin, export, import_, init, lsp, new, schema, serve, share
from goalbook.cli.options import project_option, say_error, start_folder
from goalbook.errors import GoalbookError

COMMANDS = [init.init, check.check, build.build, serve.serve, export.export, new.new, checkin.checkin,
            schema.schema, import_.import_, share.share, lsp.lsp]


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GoalbookError as error:
            say_error(error)
            ctx.exit(error.exit_status)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@project_option
@click.version_option(__version__, prog_name="goalbook")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Keep SMART therapy goals as plain text; check them and build a private site and PDF report."""
    ctx.obj = start_folder(ctx)      # for a command that takes the start folder as it is (@click.pass_obj)


for _command in COMMANDS:
    main.add_command(_command)


def run() -> None:
    """The console entry point: no traceback ever reaches the user."""
    try:
        main()
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        say_error(GoalbookError(
            f"couldn't read or write{where} ({exc.strerror or exc})",
            "check that the folder exists and that you may read and write it; "
            "goalbook writes each file whole or not at all, so nothing half-written was left"))
        sys.exit(2)
    except OverflowError as exc:
        say_error(GoalbookError(f"a date is out of the range goalbook can work with ({exc})",
                                "check --today, --since, --until and SOURCE_DATE_EPOCH"))
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence for the user
        if os.environ.get("GOALBOOK_DEBUG"):
            raise
        say_error(GoalbookError(
            f"something went wrong inside goalbook ({type(exc).__name__}: {exc}).",
            "this is a bug in goalbook, not in your files, and nothing was changed; "
            "run again with GOALBOOK_DEBUG=1 for details to report it"))
        sys.exit(70)
