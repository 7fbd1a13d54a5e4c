"""What every importer is: the interface, and the pieces importers share.

An importer reads one app's export and says what goalbook files it would
make: goal drafts and check-ins (a `Plan`). It writes nothing itself;
`runner.run_import` decides what is new, lays the check-ins out in
files and writes them. Adding eMoods, Bearable or a generic CSV is one module
with one class that has `name`, `app`, `expected` and `read`.
"""
from __future__ import annotations

from goalbook.vocabulary import month_heading, plural  # noqa: F401 - plural is the importers' too

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Mapping, Protocol

from goalbook.errors import GoalbookError
from goalbook.model.entities import Goal
from goalbook.app.new_goal import GoalDraft

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Draft:
    """A goal draft to write as content/goals/<goal_id>.yaml (unless that goal exists)."""
    goal_id: str
    goal: GoalDraft
    source: str                       # what it comes from, for the summary: "the habit 'Meditate'"


@dataclass(frozen=True)
class Item:
    """One check-in to write. `group` names its file with the month: '<app>-<group>-YYYY-MM.yaml'."""
    day: date
    data: dict                        # the check-in as written: date, goal/value, mood, note, …
    group: str = ""
    comment: str | None = None        # a YAML comment above it (e.g. the time of day)


@dataclass
class Plan:
    drafts: list[Draft] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)     # for the summary: what was read but not counted


@dataclass(frozen=True)
class ImportContext:
    maps: Mapping[str, str]           # name in the export, casefolded -> an existing goal id (--map)
    goals: Mapping[str, Goal]         # the project's goals, by id
    today: date


class Importer(Protocol):
    name: str                         # the subcommand and the prefix of its check-in files: "loop"
    app: str                          # "Loop Habit Tracker"
    expected: str                     # what a good FILE is, for the message when it isn't one

    def read(self, path: Path, context: ImportContext) -> Plan:
        """Read the export; raise GoalbookError (exit 2) for a file that isn't one."""


def entry_key(goal: str | None, day: date) -> tuple:
    """What makes a check-in 'already imported': a goal's value on a day, or else the day's entries."""
    return ("goal", goal, day) if goal is not None else ("day", day)


def foreign(importer: Importer, path: Path, why: str) -> GoalbookError:
    return GoalbookError(f"{path} is not a {importer.app} export: {why}", f"expected {importer.expected}")


def parse_pairs(pairs: tuple[str, ...] | list[str], option: str, example: str) -> dict[str, str]:
    """`NAME=VALUE` options into {casefolded name: value}; the name may hold spaces and '='s up to the last."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.rpartition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise GoalbookError(f"{option} '{pair}' needs a name and a value around the '='", f"e.g. {option} {example}")
        if name.casefold() in out:
            raise GoalbookError(f"{option} is given twice for '{name}'", "give each name once")
        out[name.casefold()] = value
    return out


def clean_text(text: str | None) -> str | None:
    """Text from an export as goalbook keeps it: Unix line ends, no control characters, None if blank."""
    if text is None:
        return None
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


def decode(data: bytes, where: str, importer: Importer, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise foreign(importer, path, f"{where} is not UTF-8 text") from None


def csv_rows(text: str, where: str, importer: Importer, path: Path) -> list[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (a quoted cell may span lines); blank rows left out."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, line = [], 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise foreign(importer, path, f"{where} line {line} can't be read as CSV ({exc})") from None
    return rows


def month_name(day: date) -> str:
    return month_heading(day)


