"""`goalbook export`: the computed model as JSON or CSV (SPEC section 9).

Built from the same snapshot the pages and the report use, so the numbers
agree everywhere. Numbers are rounded only as far as keeps them stable
(4 decimals; the GAS T-score to 2, as it is published).
"""
from __future__ import annotations

import csv
import io
import json

from goalbook.model.snapshot import Snapshot


def export_json(snapshot: Snapshot) -> str:
    data = {
        "today": snapshot.today.isoformat(),
        "period": {"since": snapshot.period.since.isoformat(), "until": snapshot.period.until.isoformat()},
        "goals": [_goal(view) for view in snapshot.goals],
        "gas": {"t_score": _round(snapshot.gas.t_score, 2), "goals": snapshot.gas.goals},
        "questionnaires": [{"name": s.name, "date": s.date.isoformat(), "total": s.total, "band": s.band}
                           for s in snapshot.scores],
        "changes": {name: {"from": c.first.total, "to": c.latest.total, "change": c.change,
                           "reliable": c.reliable}
                    for name, c in sorted(snapshot.changes.items())},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _goal(view) -> dict:
    p = view.progress
    return {"id": view.id, "title": view.goal.title, "status": view.status, "standing": p.standing,
            "current": _round(p.current, 4), "progress": _round(p.progress, 4), "level": view.level}


def export_csv(snapshot: Snapshot) -> str:
    """One row per check-in value on or before today: date,goal,value."""
    rows = sorted((e.date, e.goal, e.value) for view in snapshot.goals for e in view.goal.entries
                  if e.date <= snapshot.today)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "goal", "value"])
    for day, goal, value in rows:
        writer.writerow([day.isoformat(), goal, _round(value, 4)])
    return buffer.getvalue()


def _round(value: float | None, digits: int):
    if value is None:
        return None
    value = round(float(value), digits)
    return int(value) if value.is_integer() else value
