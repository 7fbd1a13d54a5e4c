"""GitHub Actions workflow commands: one `::error …::message` line per problem,
which GitHub shows as an annotation on the file and line.

Escaped as GitHub's own toolkit does (actions/toolkit, command.ts): `%`, CR and
LF in the message; those and `:` and `,` in a property. The hint becomes a
second line of the annotation (an escaped LF). Other control characters are
shown as `\\x1b`-style escapes, as in the text format.
"""
from __future__ import annotations

from goalbook.diagnostics import ERROR, Diagnostic
from goalbook.cli.formats.safe_text import terminal_safe

_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
_PROPERTY = {**_DATA, ":": "%3A", ",": "%2C"}


def format_github(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(_command(d) for d in diagnostics)


def _command(d: Diagnostic) -> str:
    level = "error" if d.severity == ERROR else "warning"
    text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    properties = ",".join(f"{name}={_escape(str(value), _PROPERTY)}" for name, value in (
        ("file", d.path), ("line", d.line), ("col", d.column), ("title", d.code)))
    return f"::{level} {properties}::{_escape(text, _DATA)}"


def _escape(text: str, table: dict[str, str]) -> str:
    text = "".join(table.get(ch, ch) for ch in text)
    return terminal_safe(text)
