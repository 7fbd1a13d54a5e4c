"""Reading a Loop Habit Tracker CSV export: Habits.csv and each habit's own
`NNN <name>/Checkmarks.csv` (`Date,Value,Notes`).

The per-habit files are preferred: the combined top-level Checkmarks.csv has
unquoted habit names and a trailing comma, and is known to drop data. It is
used only for a habit that has no folder of its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from goalbook.app.importers.archive import read_archive
from goalbook.app.importers.base import Importer, csv_rows, decode, foreign
from goalbook.errors import GoalbookError

HABITS = "Habits.csv"
CHECKMARKS = "Checkmarks.csv"
_HABIT_FOLDER = re.compile(r"^(\d+) (.*)$")

# Habits.csv columns: our name -> the names Loop has used (version 1 had NumRepetitions and Interval).
COLUMNS = {
    "position": ("Position",), "name": ("Name",), "type": ("Type",), "question": ("Question",),
    "description": ("Description",), "numerator": ("FrequencyNumerator", "NumRepetitions"),
    "denominator": ("FrequencyDenominator", "Interval"), "unit": ("Unit",), "target_type": ("Target Type",),
    "target": ("Target Value",), "archived": ("Archived?", "Archived"),
}
REQUIRED = ("name", "numerator", "denominator")
YES_NO_TYPES = {"", "YES_NO", "BOOLEAN", "0"}
NUMERIC_TYPES = {"NUMERICAL", "NUMERIC", "MEASURABLE", "1"}
# A yes/no habit's check-marks, by name and by the number older versions wrote.
YES, NO = "YES_MANUAL", "NO"
MARKS = {"YES_MANUAL": YES, "2": YES, "NO": NO, "0": NO, "YES_AUTO": "YES_AUTO", "1": "YES_AUTO",
         "SKIP": "SKIP", "3": "SKIP", "UNKNOWN": "UNKNOWN", "-1": "UNKNOWN", "": "UNKNOWN"}


@dataclass
class Mark:
    day: date
    value: bool | float | None        # None: not a value (see `status`)
    status: str                       # YES_MANUAL, NO, YES_AUTO, SKIP, UNKNOWN, or VALUE for a number
    note: str | None = None


@dataclass
class Habit:
    line: int
    position: int | None
    name: str
    numeric: bool
    question: str | None
    description: str | None
    numerator: int
    denominator: int
    unit: str | None
    at_most: bool
    target: float | None
    archived: bool
    marks: list[Mark] = field(default_factory=list)
    marks_from: str | None = None     # the file its marks were read from


def read_loop_export(path: Path, importer: Importer) -> list[Habit]:
    if path.is_file() and path.name == HABITS:
        path = path.parent                           # Habits.csv itself: its folder is the export
    files = read_archive(path, importer)
    base = _base(files, path, importer)
    habits = _habits(files, base, path, importer)
    folders = _habit_folders(files, base)
    combined = _combined(files, base, path, importer)
    for index, habit in enumerate(habits):
        own = _own_file(habit, index, folders)
        if own is not None:
            habit.marks_from = own
            habit.marks = _marks(files[own], own, habit, path, importer)
        elif habit.name in combined:
            habit.marks_from = _join(base, CHECKMARKS)
            habit.marks = combined[habit.name](habit)
    return habits


def _base(files: dict[str, bytes], path: Path, importer: Importer) -> str:
    """The folder inside the export that holds Habits.csv ('' at the top)."""
    found = sorted((PurePosixPath(name) for name in files if PurePosixPath(name).name == HABITS),
                   key=lambda p: len(p.parts))
    if not found:
        raise foreign(importer, path, f"it has no {HABITS}")
    parent = found[0].parent.as_posix()
    return "" if parent == "." else parent


def _join(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def _habits(files, base: str, path: Path, importer: Importer) -> list[Habit]:
    where = _join(base, HABITS)
    rows = csv_rows(decode(files[where], where, importer, path), where, importer, path)
    if not rows:
        raise foreign(importer, path, f"{where} is empty")
    _, header = rows[0]
    index = _columns(header)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in index]
    if missing:
        raise foreign(importer, path, f"{where} has no column {', '.join(missing)} "
                      f"(its first line is '{','.join(header)[:120]}')")
    return [_habit(line, row, index, where, importer) for line, row in rows[1:]]


def _columns(header: list[str]) -> dict[str, int]:
    wanted = {alias.casefold(): key for key, aliases in COLUMNS.items() for alias in aliases}
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = wanted.get(cell.strip().casefold())
        if key is not None and key not in index:
            index[key] = i
    return index


def _habit(line: int, row: list[str], index: dict[str, int], where: str, importer: Importer) -> Habit:
    def cell(key: str) -> str:
        i = index.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    def bad(key: str, why: str) -> GoalbookError:
        return GoalbookError(f"{where} line {line}: {COLUMNS[key][0]} '{cell(key)}' {why}",
                             f"expected {importer.expected}")

    kind = cell("type").upper()
    if kind not in YES_NO_TYPES | NUMERIC_TYPES:
        raise bad("type", "is neither YES_NO nor NUMERICAL")
    numerator, denominator = _whole(cell("numerator")), _whole(cell("denominator"))
    if numerator is None or numerator < 1:
        raise bad("numerator", "is not a whole number of times, 1 or more")
    if denominator is None or denominator < 1:
        raise bad("denominator", "is not a whole number of days, 1 or more")
    target_type = cell("target_type").upper()
    if target_type not in ("", "AT_LEAST", "AT_MOST", "0", "1"):
        raise bad("target_type", "is neither AT_LEAST nor AT_MOST")
    target = _number(cell("target"))
    if cell("target") and target is None:
        raise bad("target", "is not a number")
    if not cell("name"):
        raise GoalbookError(f"{where} line {line}: this habit has no name", f"expected {importer.expected}")
    return Habit(line=line, position=_whole(cell("position")), name=cell("name"), numeric=kind in NUMERIC_TYPES,
                 question=cell("question") or None, description=cell("description") or None,
                 numerator=numerator, denominator=denominator, unit=cell("unit") or None,
                 at_most=target_type in ("AT_MOST", "1"), target=target,
                 archived=cell("archived").casefold() in ("true", "yes", "1"))


def _whole(text: str) -> int | None:
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _habit_folders(files, base: str) -> dict[str, tuple[int, str]]:
    """{path of NNN <name>/Checkmarks.csv: (NNN, name)}"""
    out = {}
    for name in files:
        p = PurePosixPath(name)
        if p.name != CHECKMARKS or p.parent.parent.as_posix() != (base or "."):
            continue
        match = _HABIT_FOLDER.match(p.parent.name)
        if match:
            out[name] = (int(match.group(1)), match.group(2))
    return out


def _own_file(habit: Habit, index: int, folders: dict[str, tuple[int, str]]) -> str | None:
    """The habit's folder: by its position (NNN is the position; 1-based from Loop 2), else by its name."""
    number = habit.position if habit.position is not None else index + 1
    by_number = [path for path, (n, _) in folders.items() if n == number]
    if len(by_number) == 1:
        return by_number[0]
    by_name = [path for path, (_, name) in folders.items() if name == habit.name]
    return by_name[0] if len(by_name) == 1 else None


def _marks(data: bytes, where: str, habit: Habit, path: Path, importer: Importer) -> list[Mark]:
    marks = []
    for line, row in csv_rows(decode(data, where, importer, path), where, importer, path):
        if row[0].strip().casefold() == "date":
            continue                                 # the header (older exports have none)
        value = row[1] if len(row) > 1 else ""
        note = row[2] if len(row) > 2 else None
        marks.append(_mark(row[0], value, note, habit, f"{where} line {line}", importer))
    marks.sort(key=lambda m: m.day)                  # Loop writes the newest day first
    return marks


def _mark(day_text: str, value_text: str, note: str | None, habit: Habit, where: str, importer: Importer) -> Mark:
    try:
        day = date.fromisoformat(day_text.strip())
    except ValueError:
        raise GoalbookError(f"{where}: '{day_text.strip()}' is not a date written YYYY-MM-DD",
                            f"expected {importer.expected}") from None
    text = value_text.strip().upper()
    if habit.numeric:
        if text in MARKS and not text.lstrip("-").isdigit():
            return Mark(day, None, MARKS[text], note)
        number = _number(text)
        if number is None:
            raise GoalbookError(f"{where}: '{value_text.strip()}' is not a value of the numeric habit "
                                f"'{habit.name}' (Loop writes the number times 1000)", f"expected {importer.expected}")
        if number < 0:
            return Mark(day, None, "UNKNOWN", note)
        if number == 3:     # Loop's SKIP code; as an amount it would be 0.003, finer than Loop lets you enter
            return Mark(day, None, "SKIP", note)
        value = round(number / 1000, 3)
        return Mark(day, int(value) if value.is_integer() else value, "VALUE", note)
    status = MARKS.get(text)
    if status is None:
        raise GoalbookError(f"{where}: '{value_text.strip()}' is not a Loop check-mark "
                            "(YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN)", f"expected {importer.expected}")
    return Mark(day, {YES: True, NO: False}.get(status), status, note)


def _combined(files, base: str, path: Path, importer: Importer) -> dict:
    """Readers for the habits the combined Checkmarks.csv has a column for, by habit name."""
    where = _join(base, CHECKMARKS)
    if where not in files:
        return {}
    rows = csv_rows(decode(files[where], where, importer, path), where, importer, path)
    if not rows or rows[0][1][0].strip().casefold() != "date":
        return {}
    names = [cell.strip() for cell in rows[0][1][1:]]
    columns = {name: i + 1 for i, name in enumerate(names) if name and names.count(name) == 1}

    def reader(column: int):
        def read(habit: Habit) -> list[Mark]:
            marks = [_mark(row[0], row[column] if column < len(row) else "", None, habit,
                           f"{where} line {line}", importer) for line, row in rows[1:]]
            return sorted(marks, key=lambda m: m.day)
        return read

    return {name: reader(column) for name, column in columns.items()}
