"""How diagnostics look on a terminal or as JSON (detection never formats)."""
from __future__ import annotations

import json

import click

from goalbook.diagnostics import ERROR, Diagnostic

_STYLE = {ERROR: {"fg": "red", "bold": True}, "warning": {"fg": "yellow"}}


def format_text(diagnostics: list[Diagnostic], color: bool) -> str:
    lines = []
    for d in diagnostics:
        where = f"{d.path}:{d.line}:{d.column}:"
        severity = d.severity
        code = d.code
        if color:
            where = click.style(where, bold=True)
            severity = click.style(severity, **_STYLE.get(d.severity, {}))
            code = click.style(code, dim=True)
        lines.append(f"{where} {severity} {code}: {d.message}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def summary(errors: int, warnings: int, files: int) -> str:
    text = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"
    if errors == 0 and warnings == 0:
        return f"{text} — all clear"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
