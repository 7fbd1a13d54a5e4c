from __future__ import annotations

import click

import os

from goalbook.cli.options import clock, project_option, start_folder


@click.command()
@project_option
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout (the default; accepted because many editors pass it).")
def lsp(stdio: bool) -> None:
    """Run the language server for editors, on stdin and stdout.

    For every open goal, check-in, session or goalbook.yaml it shows what
    'goalbook check' would say about the unsaved text, completes fields,
    choices, goal ids, values and areas, explains fields and rule codes on
    hover, and offers quick fixes. Set-ups for VS Code, Neovim, Helix and
    Emacs: docs/editors.md.
    """
    from goalbook.lsp.server import serve_stdio

    os.chdir(start_folder())      # -C: the folder the server starts in (files are found from their own paths)
    the_clock = clock()
    the_clock.report_today()      # a bad GOALBOOK_TODAY or SOURCE_DATE_EPOCH stops here, with its message
    serve_stdio(the_clock)
