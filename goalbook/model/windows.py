"""Years of check-ins on pages of bounded size (windows of recent months).

A book can run for ten years; a page can't show ten years of check-ins. So:

* **Recent months**, counted back from the newest item's month (that month
  included), are shown in full: on a goal's page its check-ins
  (`RECENT_MONTHS`), on the timeline its check-ins and sessions
  (`TIMELINE_RECENT_MONTHS`: the timeline holds every note, so fewer).
* **Older months** are shown by month: a `MonthOfCheckins` (how many
  check-ins, the month's values added up for a goal measured in totals, or
  their mean for a goal measured by its level), each linking to that month's
  own timeline page.
* **Charts** draw the last `CHART_DAYS` days of a series (ending at its last
  point), never more: 3,650 daily points don't fit 880 pixels either.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import groupby
from datetime import date, timedelta

RECENT_MONTHS = 3
TIMELINE_RECENT_MONTHS = 2
CHART_DAYS = 730


@dataclass
class MonthOfCheckins:
    month: date                     # its first day
    checkins: int                   # check-ins that concern the goal
    values: int                     # of those, how many give the goal a value or a level
    total: float | None             # the values added up (a goal measured in totals)
    average: float | None           # their mean (a goal measured by its level)


def month_of(day: date) -> date:
    return day.replace(day=1)


def months_back(month: date, count: int) -> date:
    """The first day of the month `count` months before `month`."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def recent_since(newest: date | None, months: int = RECENT_MONTHS) -> date | None:
    """The first day shown in full, given the newest item's date (None: nothing to show)."""
    if newest is None:
        return None
    return months_back(month_of(newest), months - 1)


def chart_window(series: list[tuple[date, float]]) -> list[tuple[date, float]]:
    """The points of the last CHART_DAYS days of a series (ordered by date)."""
    first = chart_since(series)
    return series if first is None else [point for point in series if point[0] >= first]


def chart_since(series: list[tuple[date, float]]) -> date | None:
    """The first day a chart of the series shows, when it is longer than CHART_DAYS; else None."""
    if not series or (series[-1][0] - series[0][0]).days < CHART_DAYS:
        return None
    return series[-1][0] - timedelta(days=CHART_DAYS - 1)


def older_months(checkins, goal_id: str, kind: str | None, before: date | None) -> list[MonthOfCheckins]:
    """The goal's check-ins (in date order) dated before `before`, by month, newest month first."""
    if before is None:
        return []
    older = checkins[:bisect_left(checkins, before, key=_date)]
    out = []
    for (year, month), group in groupby(older, key=_year_month):
        n = values = 0
        total = 0.0
        for c in group:
            n += 1
            value = c.progress.get(goal_id)
            if value is None:
                value = c.levels.get(goal_id)
            if value is not None:
                values += 1
                total += float(value)
        out.append(MonthOfCheckins(date(year, month, 1), n, values, total if values and kind == "total" else None,
                                   total / values if values and kind != "total" else None))
    out.reverse()
    return out


def dated_within(items: list, since: date, until: date) -> list:
    """The items (in date order) dated from `since` to `until`: a ten-year goal's values
    are found by bisection, not looked at one by one."""
    first = bisect_left(items, since, key=_date)
    return items[first:bisect_right(items, until, lo=first, key=_date)]


def _date(item) -> date:
    return item.date


def _year_month(item) -> tuple[int, int]:
    return item.date.year, item.date.month
