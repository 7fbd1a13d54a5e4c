"""goalbook's one error family.

Every problem that stops a command (not a finding about a user's file; those
are `Diagnostic`s) is a `GoalbookError`: a kind message, an optional hint on
what to do, and the exit status. The CLI catches it in one place and prints
it; the core never prints.
"""
from __future__ import annotations

USAGE = 2           # bad usage, or a folder that isn't a usable project
FAILED = 1          # the files have errors, or the command could not finish


class GoalbookError(Exception):
    def __init__(self, message: str, hint: str | None = None, exit_status: int = USAGE):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_status = exit_status

    def __str__(self) -> str:
        return self.message
