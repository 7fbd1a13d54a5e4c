"""goalbook's findings as LSP diagnostics.

goalbook places a finding at the start of the key or value it is about; the
editor wants a range, so the range runs over that key or value as written
(a quoted string with its quotes, a plain word up to the `:` or `,` that ends
it), or over the rest of the line when the finding is about a whole line.
"""
from __future__ import annotations

from lsprotocol import types

from goalbook.diagnostics import ERROR, Diagnostic
from goalbook.lsp.positions import DocumentText

SOURCE = "goalbook"
_SEVERITY = {ERROR: types.DiagnosticSeverity.Error}
_CLOSE = {"[": "]", "{": "}"}


def to_lsp(diagnostic: Diagnostic, doc: DocumentText) -> types.Diagnostic:
    start = doc.offset(diagnostic.line, diagnostic.column)
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    return types.Diagnostic(
        range=doc.range(start, token_end(doc, start)),
        message=message,
        severity=_SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Warning),
        code=diagnostic.code,
        source=SOURCE,
    )


def token_end(doc: DocumentText, start: int) -> int:
    """The end of the key or value written at `start` (on its line)."""
    text, line_end = doc.text, doc.line_end(start)
    if start >= line_end:
        return start
    first = text[start]
    if first in "\"'":
        end = _quote_end(text, start, line_end)
    elif first in _CLOSE:
        close = text.find(_CLOSE[first], start, line_end)
        end = close + 1 if close >= 0 else line_end
    else:
        end = _plain_end(text, start, line_end, _in_flow(text, start))
    end = _rstrip(text, start, end)
    return end if end > start else _rstrip(text, start, line_end)


def _quote_end(text: str, start: int, line_end: int) -> int:
    quote, at = text[start], start + 1
    while at < line_end:
        if text[at] == "\\" and quote == '"':
            at += 2
            continue
        if text[at] == quote:
            if quote == "'" and at + 1 < line_end and text[at + 1] == "'":   # '' is a quote inside
                at += 2
                continue
            return at + 1
        at += 1
    return line_end


def _in_flow(text: str, start: int) -> bool:
    """Whether `start` is inside a `[…]` or `{…}` opened earlier on its line (where `,` ends a value)."""
    line_start = max(text.rfind(char, 0, start) for char in "\n\r\x85\u2028\u2029") + 1
    before = text[line_start:start]
    return before.count("[") + before.count("{") > before.count("]") + before.count("}")


def _plain_end(text: str, start: int, line_end: int, in_flow: bool) -> int:
    at = start
    while at < line_end:
        char = text[at]
        after = text[at + 1] if at + 1 < line_end else " "
        if char == ":" and after in " \t":
            return at
        if in_flow and char in ",]}":
            return at
        if char == "#" and at > start and text[at - 1] in " \t":
            return at
        at += 1
    return line_end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end
