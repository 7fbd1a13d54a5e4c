"""`goalbook import daylio`: a Daylio CSV export → a check-in per entry, with
its mood on goalbook's 0–10 scale and its note, in one file per month.

Header: `full_date,date,weekday,time,mood,activities,note_title,note` (older
exports have no `note_title`). `full_date` gives the day; `time` (12- or
24-hour) only orders a day's entries. Activities, separated by ' | ', are
kept at the end of the note; one sent to a goal with --map counts 1 for that
goal that day (several entries or activities for one goal on one day still
count 1).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from goalbook.app.importers.base import ImportContext, Item, Plan, clean_text, csv_rows, decode, foreign, plural
from goalbook.app.importers.html_notes import note_to_markdown
from goalbook.errors import GoalbookError

# Daylio's five default moods, best to worst, two points apart on goalbook's 0-10
# scale; the ends stay a point in from 0 and 10 (the best and worst of five, not of eleven).
DEFAULT_MOODS = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}
REQUIRED = ("full_date", "time", "mood", "activities", "note")
MAX_BYTES = 50_000_000
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*(?:([ap])\.?\s*m\.?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    line: int
    order: int                        # place in the export (Daylio writes the newest first)
    day: date
    time: str
    minutes: int | None
    mood: str
    activities: tuple[str, ...]
    title: str | None
    note: str | None


def parse_moods(pairs: dict[str, str]) -> dict[str, float]:
    """--mood LABEL=N options (already split) into {label: number}, each 0-10."""
    moods = {}
    for label, text in pairs.items():
        try:
            number = float(text)
        except ValueError:
            number = -1.0
        if not 0 <= number <= 10:
            raise GoalbookError(f"--mood '{label}={text}': the number must be from 0 (worst) to 10 (best)",
                                f"e.g. --mood '{label}=6'")
        moods[label] = int(number) if number.is_integer() else number
    return moods


class DaylioImporter:
    name = "daylio"
    app = "Daylio"
    expected = ("a Daylio CSV export (in Daylio: More → Export Entries → CSV) whose first line is "
                "full_date,date,weekday,time,mood,activities,note_title,note (older exports have no note_title)")

    def __init__(self, moods: dict[str, float] | None = None):
        self.moods = {**DEFAULT_MOODS, **{label.casefold(): n for label, n in (moods or {}).items()}}

    def read(self, path: Path, context: ImportContext) -> Plan:
        entries = self._entries(path)
        self._check_moods(path, entries)
        _check_maps(context, entries)
        plan = Plan()
        unmapped: Counter = Counter()
        entries = sorted(entries, key=lambda e: (e.day, e.minutes if e.minutes is not None else -1, -e.order))
        for entry in entries:
            plan.items.append(Item(entry.day, self._checkin(entry), comment=f"{entry.day.isoformat()} {entry.time}".rstrip()))
            unmapped.update(a for a in entry.activities if a.casefold() not in context.maps)
        plan.items.extend(_goal_values(entries, context))
        plan.items.sort(key=lambda item: item.day)       # stable: a day's entries, then its values
        if unmapped:
            plan.notes.append("activities not sent to a goal (kept in the notes): " + ", ".join(
                f"{name} ({plural(n, 'entry', 'entries')})" for name, n in unmapped.most_common())
                + "; send one to a goal with --map ACTIVITY=GOAL")
        return plan

    def _entries(self, path: Path) -> list[Entry]:
        if path.is_dir():
            raise foreign(self, path, "it is a folder")
        if path.stat().st_size > MAX_BYTES:
            raise foreign(self, path, "it is far larger than a Daylio export")
        data = path.read_bytes()
        if data[:4] == b"PK\x03\x04":
            raise foreign(self, path, "it is a zip file (a Daylio backup, .daylio, can't be read: export a CSV)")
        rows = csv_rows(decode(data, path.name, self, path), path.name, self, path)
        if not rows:
            raise foreign(self, path, "it is empty")
        index = {cell.strip().casefold(): i for i, cell in reversed(list(enumerate(rows[0][1])))}
        missing = [name for name in REQUIRED if name not in index]
        if missing:
            raise foreign(self, path, f"its first line has no {', '.join(missing)} "
                          f"(it is '{','.join(rows[0][1])[:120]}')")
        width = len(rows[0][1])
        return [self._entry(line, order, row, index, width, path) for order, (line, row) in enumerate(rows[1:])]

    def _entry(self, line: int, order: int, row: list[str], index: dict[str, int], width: int, path: Path) -> Entry:
        where = f"{path.name} line {line}"
        if len(row) != width:
            raise GoalbookError(f"{where} has {len(row)} fields, but the first line names {width}",
                                f"expected {self.expected}")

        def cell(name: str) -> str:
            return row[index[name]] if name in index else ""

        try:
            day = date.fromisoformat(cell("full_date").strip())
        except ValueError:
            raise GoalbookError(f"{where}: full_date '{cell('full_date').strip()}' is not a date written YYYY-MM-DD",
                                f"expected {self.expected}") from None
        time = cell("time").strip()
        activities = tuple(a.strip() for a in cell("activities").split(" | ") if a.strip())
        return Entry(line, order, day, time, _minutes(time), cell("mood").strip(), activities,
                     clean_text(cell("note_title")), clean_text(cell("note")))

    def _check_moods(self, path: Path, entries: list[Entry]) -> None:
        found = list(dict.fromkeys(e.mood for e in entries))
        unknown = [label for label in found if label.casefold() not in self.moods]
        if unknown:
            defaults = " ".join(f"{label}={n}" for label, n in DEFAULT_MOODS.items())
            raise GoalbookError(
                f"{path.name} has moods goalbook has no number for: {', '.join(repr(u) for u in unknown)}",
                f"give each a number from 0 (worst) to 10 (best) with --mood, e.g. --mood '{unknown[0]}=6'. "
                f"The moods in this export: {', '.join(found)}; the defaults: {defaults}")

    def _checkin(self, entry: Entry) -> dict:
        data: dict = {"date": entry.day, "mood": self.moods[entry.mood.casefold()]}
        parts = [f"**{entry.title}**"] if entry.title else []
        if entry.note:
            parts.append(note_to_markdown(entry.note))
        if entry.activities:
            parts.append("Activities: " + ", ".join(entry.activities))
        note = clean_text("\n\n".join(parts))
        if note:
            data["note"] = note
        return data


def _minutes(time: str) -> int | None:
    """Minutes after midnight of '20:30', '8:30 PM' or '8:30 p.m.'; None if the time can't be read."""
    match = _TIME.match(time)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2)), (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def _check_maps(context: ImportContext, entries: list[Entry]) -> None:
    found = {a.casefold(): a for e in entries for a in e.activities}
    for name in context.maps:
        if name not in found:
            raise GoalbookError(f"--map names the activity '{name}', which isn't in this export",
                                "the activities are: " + ", ".join(sorted(found.values(), key=str.casefold))
                                if found else "this export has no activities")


def _goal_values(entries: list[Entry], context: ImportContext) -> list[Item]:
    """1 for each goal an activity of the day is sent to, once per day."""
    days: dict[date, dict[str, None]] = {}
    for entry in entries:
        for activity in entry.activities:
            goal = context.maps.get(activity.casefold())
            if goal:
                days.setdefault(entry.day, {})[goal] = None
    return [Item(day, {"date": day, "goal": goal, "value": 1}) for day, goals in days.items() for goal in goals]
