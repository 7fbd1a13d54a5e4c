"""The text format: one line per problem, `path:line:column: severity CODE: message`,
then an optional indented `hint:` line. Safe for a terminal: see safe_text."""
from __future__ import annotations

import re

import click

from goalbook.diagnostics import ERROR, WARNING, Diagnostic
from goalbook.cli.formats.safe_text import terminal_safe

_STYLE = {ERROR: {"fg": "red", "bold": True}, WARNING: {"fg": "yellow"}}

# What an editor's problem matcher can rely on (docs/check.md documents it for
# VS Code): the file, line, column, severity, code and message of each line.
LINE_PATTERN = r"^(.+):(\d+):(\d+): (error|warning) ([A-Z]+\d+): (.*)$"
LINE = re.compile(LINE_PATTERN)


def format_text(diagnostics: list[Diagnostic], color: bool) -> str:
    lines = []
    for d in diagnostics:
        where = f"{terminal_safe(d.path)}:{d.line}:{d.column}:"
        severity = d.severity
        code = d.code
        if color:
            where = click.style(where, bold=True)
            severity = click.style(severity, **_STYLE.get(d.severity, {}))
            code = click.style(code, dim=True)
        lines.append(f"{where} {severity} {code}: {terminal_safe(d.message)}")
        if d.hint:
            lines.append(f"  hint: {terminal_safe(d.hint)}")
    return "\n".join(lines)


def summary(errors: int, warnings: int, files: int) -> str:
    text = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"
    if errors == 0 and warnings == 0:
        return f"{text} — all clear"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
