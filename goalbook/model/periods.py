"""Calendar periods for goals measured as totals per day, week or month.

A period is named by its first day (its *key*): the day itself, the Monday of
its ISO week (weeks run Monday to Sunday, so 2026-12-28..2027-01-03 is ISO
week 53 of 2026), or the first of the month. Bounds are inclusive.

Everything here is pure: no clock, `today` is always passed in.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from goalbook.model.entities import Entry

PERS = ("day", "week", "month")
_ONE_DAY = timedelta(days=1)


def _check(per: str) -> None:
    if per not in PERS:
        raise ValueError(f"unknown period {per!r}; expected one of {', '.join(PERS)}")


def period_start(d: date, per: str) -> date:
    """First day of the period holding `d` (its key)."""
    _check(per)
    if per == "day":
        return d
    if per == "week":
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def next_period(d: date, per: str) -> date:
    """First day of the period after the one holding `d`."""
    start = period_start(d, per)
    if per == "day":
        return start + _ONE_DAY
    if per == "week":
        return start + timedelta(days=7)
    if start.month == 12:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 1, 1)


def previous_period(d: date, per: str) -> date:
    """First day of the period before the one holding `d`."""
    return period_start(period_start(d, per) - _ONE_DAY, per)


def period_end(d: date, per: str) -> date:
    """Last day (inclusive) of the period holding `d`."""
    return next_period(d, per) - _ONE_DAY


def period_days(d: date, per: str) -> int:
    """How many days the period holding `d` has (1, 7, or 28..31)."""
    return (next_period(d, per) - period_start(d, per)).days


def periods_between(a: date, b: date, per: str) -> list[date]:
    """Keys of every period from the one holding `a` through the one holding `b`.

    Both ends are included; an empty list when `a` is after `b`'s period.
    """
    keys: list[date] = []
    key, last = period_start(a, per), period_start(b, per)
    while key <= last:
        keys.append(key)
        key = next_period(key, per)
    return keys


def period_label(d: date, per: str) -> str:
    """Human key of the period holding `d`: `2026-12-28`, `2026-W53`, `2026-12`."""
    start = period_start(d, per)
    if per == "day":
        return start.isoformat()
    if per == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{start.year:04d}-{start.month:02d}"


def totals(entries: Iterable[Entry], per: str) -> dict[date, float]:
    """Sum of `Entry.value` per period, keyed by period start, in date order.

    Only periods holding at least one entry appear; callers that want empty
    periods as 0 walk `periods_between` and use `.get(key, 0.0)`.
    """
    _check(per)
    sums: dict[date, float] = {}
    get = sums.get
    for entry in entries:                 # period_start, inlined: a goal may have thousands of entries
        d = entry.date
        key = d if per == "day" else d - timedelta(days=d.weekday()) if per == "week" else d.replace(day=1)
        sums[key] = get(key, 0.0) + float(entry.value)
    return dict(sorted(sums.items()))


def last_complete_period(today: date, per: str) -> date:
    """Key of the last period that ended before `today`.

    The period holding `today` is still open, so for a week this is the
    Monday of the previous ISO week, for a day it is yesterday.
    """
    return previous_period(today, per)
