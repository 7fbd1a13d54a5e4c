"""How many points a chart draws: at most `MAX_CHART_POINTS` per series.

A longer series is drawn as means: per calendar week, month or year (the
first that fits), else per equal stretch of days. The chart's text keeps the
exact numbers; only the drawing is averaged.
"""
from __future__ import annotations

from datetime import date

Points = list[tuple[date, float]]

MAX_CHART_POINTS = 400   # points drawn per series; a longer one is drawn as means per week,
                         # month or year (the first that fits), else per equal stretch of days


def bounded(pts: Points) -> tuple[Points, str | None]:
    """The points to draw (at most MAX_CHART_POINTS) and how they were averaged (None: as given).

    A year typo (0026 for 2026) stretches a weekly series over 100,000 weeks:
    drawing each one would take minutes and gigabytes. Each mean is dated by the
    first day of its week, month, year or stretch of days. `pts` are sorted."""
    if len(pts) <= MAX_CHART_POINTS:
        return pts, None
    first, last = pts[0][0], pts[-1][0]
    if _week(last) - _week(first) < MAX_CHART_POINTS:
        return _means(pts, _week, lambda k: date.fromordinal(k * 7 + 1)), "weekly"
    if _month(last) - _month(first) < MAX_CHART_POINTS:
        return _means(pts, _month, lambda k: date(k // 12, k % 12 + 1, 1)), "monthly"
    if last.year - first.year < MAX_CHART_POINTS:
        return _means(pts, _year, lambda k: date(k, 1, 1)), "yearly"
    origin, days = first.toordinal(), (last - first).days // MAX_CHART_POINTS + 1
    return _means(pts, lambda d: (d.toordinal() - origin) // days,
                  lambda k: date.fromordinal(origin + k * days)), f"{days:,}-day"


def _week(d: date) -> int:
    return (d.toordinal() - 1) // 7         # day 1 (1 January of year 1) was a Monday


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _year(d: date) -> int:
    return d.year


def _means(pts: Points, key, first_day) -> Points:
    """Mean value per bucket `key(date)`, dated `first_day(key)`; `key` never goes back in time."""
    out: Points = []
    current, total, count = None, 0.0, 0
    for d, v in pts:
        k = key(d)
        if k != current:
            if count:
                out.append((first_day(current), total / count))
            current, total, count = k, 0.0, 0
        total += v
        count += 1
    out.append((first_day(current), total / count))
    return out


def chunk_means(vals: list[float]) -> list[float]:
    """At most MAX_CHART_POINTS values: means of equal runs of neighbours (the last one kept as is)."""
    if len(vals) <= MAX_CHART_POINTS:
        return vals
    size = -(-(len(vals) - 1) // (MAX_CHART_POINTS - 1))
    head = vals[:-1]
    return [sum(head[i:i + size]) / len(head[i:i + size]) for i in range(0, len(head), size)] + vals[-1:]
