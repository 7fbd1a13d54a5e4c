"""A goal's numbers in words, for every view (site, report, `checkin`'s reply).

Every phrase reads the model's numbers (`GoalView.progress`); nothing here
computes a number or a standing of its own. The words themselves come from
`goalbook.vocabulary`.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from goalbook import vocabulary as vocab


def _unit(view) -> str | None:
    m = view.goal.measure
    return m.unit if m is not None else None


def current_text(view) -> str:
    """Where a goal is now, e.g. "3 walks in the week of 16 Nov"."""
    p = view.progress
    if view.goal.measure is None:
        return "no measure yet"
    if p.current is None:
        if p.kind == "total" and p.last_checkin is not None:
            return f"the first {p.per} isn't over yet"
        return "no values yet"
    return f"{vocab.with_unit(p.current, _unit(view))} {vocab.period_phrase(p.current_date, p.per)}"


def target_text(view) -> str:
    """"target 3 walks a week", "target 3 points"; "" without a target."""
    m = view.goal.measure
    return vocab.target_phrase(m.target, m.unit, m.per) if m is not None else ""


def outlook(view) -> str:
    """Standing and trend in one phrase that can't contradict itself: "ahead of plan",
    "behind plan, and moving away from the target", "ahead of plan, though the
    recent values are going down"."""
    p = view.progress
    phrase = vocab.standing_phrase(p.standing)
    if p.standing not in ("ahead", "on-track", "behind") or p.trend in ("unknown", None):
        return phrase
    if p.trend == "away":
        return f"{vocab.STANDING_PHRASES[p.standing].split(',')[0]}, " + (
            "and moving away from the target" if p.standing == "behind"
            else "though the recent values move away from the target")
    if p.trend == "toward" and p.standing == "behind":
        return "behind plan, and catching up"
    return phrase


def movement_text(view) -> str:
    """How the goal moved lately, where `outlook` doesn't say it already: "moving toward
    the target", "holding steady"; "" when it does, or when it is too early to say."""
    p = view.progress
    if p.trend in (None, "unknown"):
        return ""
    if p.standing in ("ahead", "on-track", "behind") and (
            p.trend == "away" or (p.trend == "toward" and p.standing == "behind")):
        return ""
    return vocab.trend_words(p.trend)


def trend_cell(view) -> tuple[str, str]:
    """(arrow, words) for the goal's recent direction."""
    trend = view.progress.trend
    return vocab.trend_arrow(trend), vocab.trend_words(trend)


def projection_text(view) -> str:
    p = view.progress
    if p.projected_date is not None:
        return vocab.long_date(p.projected_date)
    return vocab.projection_words(p.projection_reason)


def run_text(view) -> str:
    p = view.progress
    if p.current_run:
        return f"{vocab.plural(p.current_run, p.per)} in a row"
    return f"best run {vocab.plural(p.best_run, p.per)}"


def goal_line(view) -> str:
    """One line on where a goal stands, e.g. "evening-walks: on track — last week: 3 walks;
    this week so far: 1 walk; target 3 walks a week by 20 Dec 2026" (checkin's reply)."""
    p, unit = view.progress, _unit(view)
    parts = []
    if p.current is not None:
        parts.append(f"{vocab.LAST_PERIOD_WORDS.get(p.per, 'latest')}: {vocab.with_unit(p.current, unit)}")
    if p.kind == "total":
        parts.append(f"this {p.per} so far: {vocab.with_unit(p.open_total or 0, unit)}")
    target = target_text(view)
    if target:
        parts.append(target + (f" by {vocab.long_date(p.due)}" if p.due else ""))
    return f"{view.id}: {outlook(view)}" + (f" — {'; '.join(parts)}" if parts else "")


def goal_data(view) -> Markup:
    """The goal's numbers as data- attributes, the same on every page (tests and tools
    read them, not the prose)."""
    p = view.progress
    attrs = {"goal": view.id, "standing": p.standing, "current": vocab.data_text(p.current),
             "progress": vocab.data_text(p.progress), "level": "" if view.level is None else str(view.level),
             "trend": p.trend}
    return Markup(" ".join(f'data-{k}="{escape(v)}"' for k, v in attrs.items()))


def by_month(items):
    """[(first day of month, [items of that month])] for (date, ...) tuples, order kept."""
    groups: list = []
    for item in items:
        key = item[0].replace(day=1)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(item)
    return groups


GLOBALS = {"with_unit": vocab.with_unit, "current_text": current_text, "target_text": target_text,
           "month_heading": vocab.month_heading, "by_month": by_month, "level_text": vocab.level_words,
           "period_phrase": vocab.period_phrase, "outlook": outlook, "trend_cell": trend_cell,
           "movement_text": movement_text,
           "projection_text": projection_text, "run_text": run_text, "goal_data": goal_data,
           "plural": vocab.plural}
