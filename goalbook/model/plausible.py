"""Check-in dates that look like typos.

A value dated far from the goal's other values, whose date with the year put
right would sit among them (`2025-11-27` among October–November 2026, or
`0026-11-21`), is *set aside*: it isn't counted, so one slip of the keyboard
can't stretch a chart over a year or move a projection, and GB011 says where
it is and what date it probably meant. A value that is merely late or early
(a break of some months, then a new start) is counted as written.
"""
from __future__ import annotations

from datetime import date, timedelta

from goalbook.model.entities import Entry, Goal

FAR_DAYS = 120          # this far from the nearest other value, a date is worth a second look
NEAR_DAYS = 31          # with the year put right, it would lie this close to the others
MIN_OTHERS = 3          # judged only against at least this many other days


def mark_typo_dates(goals: dict[str, Goal], only: set[str] | None = None) -> None:
    """Set aside each value whose date looks like a typo (of the goals in `only`, if given)."""
    for goal_id, goal in goals.items():
        if only is not None and goal_id not in only:
            continue
        days = sorted({e.date for e in goal.entries})
        lonely = _lonely_days(days)
        # most values have a neighbour within FAR_DAYS: they need no look at all the others
        for entry in goal.entries:
            entry.set_aside = meant_date(entry.date, [d for d in days if d != entry.date]) \
                if entry.date in lonely else None


def _lonely_days(days: list[date]) -> set[date]:
    """The sorted, distinct `days` with no other of them within FAR_DAYS."""
    far = timedelta(days=FAR_DAYS)
    return {day for index, day in enumerate(days)
            if (index == 0 or day - days[index - 1] > far)
            and (index + 1 == len(days) or days[index + 1] - day > far)}


def meant_date(day: date, others: list[date]) -> date | None:
    """The date `day` was probably meant to be, if it looks like a typo among `others`."""
    if len(others) < MIN_OTHERS:
        return None
    if min(abs((day - d).days) for d in others) <= FAR_DAYS:
        return None
    first, last = min(others), max(others)
    for year in sorted({d.year for d in others}, key=lambda y: abs(y - day.year)):
        try:
            candidate = day.replace(year=year)
        except ValueError:          # 29 February in a year without one
            continue
        if first - timedelta(days=NEAR_DAYS) <= candidate <= last + timedelta(days=NEAR_DAYS):
            return candidate
    return None


def counted(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.set_aside is None]
