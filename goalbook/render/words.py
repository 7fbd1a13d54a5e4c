"""Short, kind phrases about a goal, shared by the site and the report."""
from __future__ import annotations

from goalbook.render.svg import day_label, num

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


def with_unit(value: float | None, unit: str | None) -> str:
    """"3 walks", "4 points", "2" (no unit); "–" without a value."""
    if value is None:
        return "–"
    if not unit:
        return num(float(value))
    return f"{num(float(value))} {singular(unit) if float(value) == 1 else unit}"


def singular(unit: str) -> str:
    """"walks" → "walk", "glasses" → "glass", for "1 walk"; other units unchanged."""
    if " " in unit or len(unit) < 3:
        return unit
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    if unit.endswith(("sses", "xes", "ches", "shes")):
        return unit[:-2]
    if unit.endswith("s") and not unit.endswith(("ss", "us", "is")):
        return unit[:-1]
    return unit


def period_phrase(key, per: str | None) -> str:
    """When a current value was measured: "on 21 Nov", "in the week of 16 Nov", "in October"."""
    if key is None:
        return ""
    if per == "week":
        return f"in the week of {day_label(key)}"
    if per == "month":
        return f"in {MONTH_NAMES[key.month - 1]}"
    return f"on {day_label(key)}"


def current_text(view) -> str:
    """Where a goal is now, e.g. "3 walks in the week of 16 Nov"."""
    p, m = view.progress, view.goal.measure
    if m is None:
        return "no measure yet"
    if not view.is_active and p.kind == "total" and view.shown_series:
        key, value = view.shown_series[-1]
        return f"{with_unit(value, m.unit)} {period_phrase(key, p.per)}"
    if p.current is None:
        if p.kind == "total" and p.last_checkin is not None:
            return f"the first {p.per} isn't over yet"
        return "no values yet"
    return f"{with_unit(p.current, m.unit)} {period_phrase(p.current_date, p.per)}"


def target_text(view) -> str:
    """"target 3 walks a week", "target 3 points"; "" without a target."""
    m = view.goal.measure
    if m is None or m.target is None:
        return ""
    per = f" a {m.per}" if m.per else ""
    return f"target {with_unit(m.target, m.unit)}{per}"


def month_heading(d) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def by_month(items):
    """[(first day of month, [items of that month])] for (date, ...) tuples, order kept."""
    groups: list = []
    for item in items:
        key = item[0].replace(day=1)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(item)
    return groups


def level_text(level: int | None) -> str:
    if level is None:
        return "no level yet"
    return f"{level:+d}" if level else "0"


GLOBALS = {"with_unit": with_unit, "current_text": current_text, "target_text": target_text,
           "month_heading": month_heading, "by_month": by_month, "level_text": level_text, "period_phrase": period_phrase}
