"""A goal's numbers in words, for every view (site, report, `checkin`'s reply).

Every phrase reads the model's numbers (`GoalView.progress`); nothing here
computes a number or a standing of its own. The words themselves come from
`goalbook.vocabulary`: each phrase takes the book's `Vocabulary` (English when
none is given, as `checkin`'s reply is); `globals_for` binds them for a template
environment.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from goalbook import vocabulary as vocab
from goalbook.vocabulary import ENGLISH, Vocabulary


def _unit(view) -> str | None:
    m = view.goal.measure
    return m.unit if m is not None else None


_FIRST_PERIOD = {"day": vocab.N_("the first day isn't over yet"),
                 "week": vocab.N_("the first week isn't over yet"),
                 "month": vocab.N_("the first month isn't over yet")}


def current_text(view, vb: Vocabulary = ENGLISH) -> str:
    """Where a goal is now, e.g. "3 walks in the week of 16 Nov"."""
    p = view.progress
    if view.goal.measure is None:
        return vb.gettext("no measure yet")
    if p.current is None:
        if p.kind == "total" and p.last_checkin is not None:
            return vb.gettext(_FIRST_PERIOD.get(p.per, "the first {per} isn't over yet")).format(per=p.per)
        return vb.gettext("no values yet")
    return f"{vb.with_unit(p.current, _unit(view))} {vb.period_phrase(p.current_date, p.per)}"


def target_text(view, vb: Vocabulary = ENGLISH) -> str:
    """"target 3 walks a week", "target 3 points"; "" without a target."""
    m = view.goal.measure
    return vb.target_phrase(m.target, m.unit, m.per) if m is not None else ""


def outlook(view, vb: Vocabulary = ENGLISH) -> str:
    """Standing and trend in one phrase that can't contradict itself: "ahead of plan",
    "behind plan, and moving away from the target", "ahead of plan, though the
    recent values are going down"."""
    p = view.progress
    phrase = vb.standing_phrase(p.standing)
    if p.standing not in ("ahead", "on-track", "behind") or p.trend in ("unknown", None):
        return phrase
    if p.trend == "away":
        return vb.gettext(_AWAY[p.standing])
    if p.trend == "toward" and p.standing == "behind":
        return vb.gettext("behind plan, and catching up")
    return phrase


_AWAY = {"ahead": vocab.N_("ahead of plan, though the recent values move away from the target"),
         "on-track": vocab.N_("on track, though the recent values move away from the target"),
         "behind": vocab.N_("behind plan, and moving away from the target")}


def movement_text(view, vb: Vocabulary = ENGLISH) -> str:
    """How the goal moved lately, where `outlook` doesn't say it already: "moving toward
    the target", "holding steady"; "" when it does, or when it is too early to say."""
    p = view.progress
    if p.trend in (None, "unknown"):
        return ""
    if p.standing in ("ahead", "on-track", "behind") and (
            p.trend == "away" or (p.trend == "toward" and p.standing == "behind")):
        return ""
    return vb.trend_words(p.trend)


def trend_cell(view, vb: Vocabulary = ENGLISH) -> tuple[str, str]:
    """(arrow, words) for the goal's recent direction."""
    trend = view.progress.trend
    return vocab.trend_arrow(trend), vb.trend_words(trend)


def projection_text(view, vb: Vocabulary = ENGLISH) -> str:
    p = view.progress
    if p.projected_date is not None:
        return vb.long_date(p.projected_date)
    return vb.projection_words(p.projection_reason)


def run_text(view, vb: Vocabulary = ENGLISH) -> str:
    p = view.progress
    if p.current_run:
        return vb.gettext("{count} in a row").format(count=vb.plural(p.current_run, p.per))
    return vb.gettext("best run {count}").format(count=vb.plural(p.best_run, p.per))


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


def checkin_lines(item, goals: dict, vb: Vocabulary = ENGLISH) -> list[tuple]:
    """What a check-in says about its goals, one (goal id to link to or None, label, text,
    goal note) per value and level, in the file's order. A ten-year timeline shows some
    40,000 of them: the template unpacks these instead of looking each part up itself."""
    lines = []
    notes = item.goal_notes
    for gid, value in item.progress.items():
        view = goals.get(gid)
        if view is None:
            lines.append((None, gid, vb.num(value), notes.get(gid)))
        else:
            lines.append((gid, view.title, vb.with_unit(value, _unit(view)), notes.get(gid)))
    for gid, level in item.levels.items():
        view = goals.get(gid)
        text = Markup(vb.gettext("level %(level)s")) % {"level": vb.level_words(level)}
        lines.append((gid, view.title, text, None) if view is not None else (None, gid, text, None))
    return lines


def by_month(items):
    """[(first day of month, [items of that month])] for (date, ...) tuples, order kept."""
    groups: list = []
    for item in items:
        key = item[0].replace(day=1)
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(item)
    return groups


def globals_for(vb: Vocabulary) -> dict:
    """The phrases for a template environment, in the book's language."""
    phrases = {name: vocab.speaking(fn, vb) for name, fn in (
        ("current_text", current_text), ("target_text", target_text), ("outlook", outlook),
        ("trend_cell", trend_cell), ("movement_text", movement_text),
        ("projection_text", projection_text), ("run_text", run_text),
        ("checkin_lines", checkin_lines))}
    return {**phrases, "with_unit": vb.with_unit, "month_heading": vb.month_heading, "by_month": by_month,
            "level_text": vb.level_words, "period_phrase": vb.period_phrase, "goal_data": goal_data,
            "plural": vb.plural}


GLOBALS = globals_for(ENGLISH)
