"""Helpers shared by the rule tests (tests/rules/test_*.py).

Every test writes real files with the `book` fixture (tests/conftest.py) and
looks at the diagnostics `goalbook check` would print.
"""
from __future__ import annotations

import json
import re
from datetime import date

from click.testing import CliRunner

from conftest import GOOD_GOAL

TODAY = date(2026, 11, 22)          # a Sunday; the week 16–22 November is still open

# A goal that passes every rule on TODAY: recent check-ins, steps not needed.
CLEAN_GOAL = GOOD_GOAL + "checkins:\n  - {date: 2026-11-18, value: 1}\n"

# A rating (a level measure, 0-10) with two recent readings; line 14 holds the second.
RATING_GOAL = """\
title: Rate my evening calm from 0 to 10 each night
why: Evenings set up my sleep.
start: 2026-10-01
due: 2027-01-31
measure:
  what: calm, 0-10
  unit: points
  baseline: 3
  target: 7
  min: 0
  max: 10
checkins:
  - {date: 2026-11-18, value: 5}
  - {date: 2026-11-20, value: 6}
"""

_UNKIND = re.compile(r"!|\b(invalid|illegal|wrong|bad|fail(ed|ure|s)?|forbidden|error|violat\w*|"
                     r"stupid|lazy|you forgot|should have)\b", re.IGNORECASE)
_SHOUT = re.compile(r"\b[A-Z]{4,}\b")
_ALLOWED_CAPS = {"YAML", "UTF", "YYYY"}


def found(book, code: str, today: date = TODAY):
    """The diagnostics with rule `code`, in output order."""
    return [d for d in book.check(today).diagnostics if d.code == code]


def codes(book, today: date = TODAY) -> set[str]:
    return {d.code for d in book.check(today).diagnostics}


def where(diagnostics) -> list[tuple[str, int, int]]:
    """(path, line, column) of each diagnostic."""
    return [(d.path, d.line, d.column) for d in diagnostics]


def assert_kind(diagnostic, needs_hint: bool = True) -> None:
    """The message (and hint) speak to a person gently: no blame, no shouting, no jargon dump."""
    for text in (diagnostic.message, diagnostic.hint or ""):
        assert not _UNKIND.search(text), f"unkind wording in {text!r}"
        assert not set(_SHOUT.findall(text)) - _ALLOWED_CAPS, f"shouting in {text!r}"
        assert "Traceback" not in text and "Error(" not in text
    assert len(diagnostic.message.split()) >= 4, diagnostic.message
    assert len(diagnostic.message) <= 200, diagnostic.message
    if needs_hint:
        assert diagnostic.hint and len(diagnostic.hint.split()) >= 3, diagnostic


def run_cli(root, *args: str, today: str | None = "2026-11-22", env: dict | None = None):
    """`goalbook -C root <args> [--today D]` through Click's test runner; stderr kept apart."""
    from goalbook.cli import main

    argv = ["-C", str(root), *args]
    if today is not None:
        argv += ["--today", today]
    return CliRunner().invoke(main, argv, env=env or {}, catch_exceptions=False)


def run_check(root, *args: str, **kw):
    return run_cli(root, "check", *args, **kw)


def as_json(result) -> list[dict]:
    return json.loads(result.stdout)
