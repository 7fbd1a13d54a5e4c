"""`goalbook export`: the computed model as JSON or CSV (SPEC section 9).

Built from the same snapshot the pages and the report use, so the numbers
agree everywhere; `--until` before today gives the book as it stood then.
Numbers are rounded only as far as keeps them stable (4 decimals; the GAS
T-score to 2, as it is published), and nothing that isn't a finite number
reaches the JSON (strict JSON: no NaN).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from goalbook.app.check import CheckResult, as_of, check_project
from goalbook.errors import GoalbookError
from goalbook.model.settings import parse_since
from goalbook.model.snapshot import Change, Snapshot, build_snapshot
from goalbook.vocabulary import data_number

# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Exported:
    check: CheckResult
    text: str | None            # None: the book has errors, nothing is exported


def export_project(root: Path, today: date, fmt: str, since: str | None = None,
                   until: date | None = None) -> Exported:
    """The book's numbers as JSON or CSV; with `until` before today, as they stood then."""
    since_value = parse_since(since) if since is not None else None
    if since is not None and since_value is None:
        raise GoalbookError(f"--since '{since}' is not a date, 'last-session' or a span like 30d")
    check = check_project(root, today)
    if check.errors:
        return Exported(check, None)
    day = min(today, until) if until is not None else today
    then = as_of(check, day) if day != today else check
    try:
        snapshot = build_snapshot(then.book, then.diagnostics, day, since=since_value, until=until,
                                  progress=then.progress)
    except ValueError as exc:
        raise GoalbookError(str(exc), "the start (--since) needs to come before the end (--until)") from None
    whole_book = since is None and until is None
    return Exported(check, export_json(snapshot) if fmt == "json" else export_csv(snapshot, whole_book))


def export_json(snapshot: Snapshot) -> str:
    data = {
        "today": snapshot.today.isoformat(),
        "period": {"since": snapshot.period.since.isoformat(), "until": snapshot.period.until.isoformat()},
        "goals": [_goal(view) for view in snapshot.goals],
        "gas": {"t_score": data_number(snapshot.gas.t_score, 2), "goals": snapshot.gas.goals},
        "questionnaires": [{"name": s.name, "date": s.date.isoformat(), "total": s.total, "band": s.band}
                           for s in snapshot.scores],
        "changes": _changes(snapshot.changes),
        "since_start": _changes(snapshot.since_start),
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def _changes(changes: dict[str, Change]) -> dict:
    return {name: {"from": c.first.total, "to": c.latest.total, "change": c.change, "reliable": c.reliable}
            for name, c in sorted(changes.items())}


def _goal(view) -> dict:
    p = view.progress
    return {"id": view.id, "title": view.goal.title, "status": view.status, "standing": p.standing,
            "current": data_number(p.current), "progress": data_number(p.progress), "level": view.level}


def export_csv(snapshot: Snapshot, whole_book: bool = True) -> str:
    """One row per check-in value: date,goal,value — every value on or before the
    snapshot's day, or (`whole_book=False`) those within its period."""
    rows = sorted((e.date, e.goal, e.value) for view in snapshot.goals for e in view.goal.entries
                  if e.date <= snapshot.today and e.set_aside is None and (whole_book or e.date in snapshot.period))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "goal", "value"])
    for day, goal, value in rows:
        writer.writerow([day.isoformat(), safe_cell(goal), data_number(value)])
    return buffer.getvalue()


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's advice:
    a leading apostrophe)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
