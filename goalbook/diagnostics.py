"""Diagnostics: what goalbook says about a user's files.

Detection (loader, schema, rules) produces `Diagnostic` values; formatting for
the terminal or JSON lives in `goalbook.report_format`. Nothing here prints.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


REPLACE = "replace"
ADD_FIELD = "add-field"


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested edit at the diagnostic's position (for editors' quick fixes).

    `replace`: the text `old`, written at the position (perhaps in quotes),
    becomes `new` — a "did you mean". `add-field`: the field `new` (with an
    empty value to fill in) goes into the mapping that starts at the position.
    """
    kind: str           # REPLACE or ADD_FIELD
    new: str
    old: str = ""

    @classmethod
    def replace(cls, old: str, new: str) -> "Fix":
        return cls(REPLACE, new, old)

    @classmethod
    def add_field(cls, name: str) -> "Fix":
        return cls(ADD_FIELD, name)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str          # relative to the project root, with forward slashes
    line: int          # 1-based
    column: int        # 1-based
    severity: str      # "error" or "warning"
    code: str          # e.g. "GB003", "M202"
    message: str
    hint: str | None = None
    fix: Fix | None = None   # the edit a "did you mean" (or a missing field) suggests, for editors

    @classmethod
    def problem(cls, code: str, line: int, column: int, message: str, hint: str | None = None,
                path: str = "", fix: Fix | None = None) -> "Diagnostic":
        """A finding made while reading a file (an error; the path is added once known)."""
        return cls(path, line, column, ERROR, code, message, hint, fix)

    @classmethod
    def found(cls, path: str, code: str, line: int, column: int, message: str,
              hint: str | None = None, fix: Fix | None = None) -> "Diagnostic":
        """A finding about a file, made once the book is put together (an error)."""
        return cls(path, line, column, ERROR, code, message, hint, fix)

    def in_file(self, path: str) -> "Diagnostic":
        return self if self.path else replace(self, path=path)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def with_severity(self, severity: str) -> "Diagnostic":
        return replace(self, severity=severity)

    def text(self) -> str:
        """The finding as one line (and its hint), as `check` prints it without colour."""
        line = f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"
        return f"{line}\n  hint: {self.hint}" if self.hint else line

    def as_dict(self) -> dict:
        return {
            "path": self.path, "line": self.line, "column": self.column,
            "severity": self.severity, "code": self.code,
            "message": self.message, "hint": self.hint,
        }


def count(diagnostics, severity: str) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)
