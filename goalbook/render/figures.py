"""Charts for a goal, the mood and the questionnaires, ready for templates.

Thin wrappers over `goalbook.render.charts` that take snapshot objects and
return `Markup` (the charts escape everything they draw). Ids are derived
from the goal id, so every chart on a page has its own. The `*_pair`
helpers give a wide and a narrow drawing of the same chart, shown by CSS
for laptop and phone widths (`.fig-wide` / `.fig-narrow`), so text in the
chart stays readable on both.
"""
from __future__ import annotations

from markupsafe import Markup

from goalbook.model.measures import questionnaire
from goalbook.render import charts
from goalbook.vocabulary import ENGLISH, N_, Vocabulary, speaking

SPARK_POINTS = 12
PER_LABEL = {"day": N_("daily totals"), "week": N_("weekly totals"), "month": N_("monthly totals")}
_FIRST_OPEN = {"day": N_("The first day isn't over yet"), "week": N_("The first week isn't over yet"),
               "month": N_("The first month isn't over yet")}
WIDE, NARROW = (880, 280), (360, 240)


def pair(wide: str, narrow: str) -> Markup:
    return Markup(f'<div class="fig-wide">{wide}</div><div class="fig-narrow">{narrow}</div>')


def goal_chart(view, today=None, width: int = WIDE[0], height: int = WIDE[1],
               prefix: str = "chart", key: bool = True, vb: Vocabulary = ENGLISH) -> Markup:
    """The goal's values against the expected path and the target line, its revisions marked.
    `key=False` leaves the legend out (the report shows one key for all its charts)."""
    p, m = view.progress, view.goal.measure
    title = f"{view.title}: {m.what}" if m is not None and m.what else view.title
    return Markup(charts.progress_chart(
        view.shown_series, start=p.start, due=p.due, baseline=p.baseline, target=p.target,
        unit=m.unit if m is not None else None, title=title, id_prefix=f"{prefix}-{view.id}",
        width=width, height=height, today=today if today is not None else p.today,
        y_min=m.min if m is not None else None, y_max=m.max if m is not None else None,
        label=vb.gettext(PER_LABEL[p.per]) if p.per in PER_LABEL else vb.gettext("check-ins"),
        revisions=getattr(view, "target_history", None), empty=_nothing_to_draw(view, vb), key=key,
        since=getattr(view, "shown_since", None), vb=vb))


def _nothing_to_draw(view, vb: Vocabulary = ENGLISH) -> str:
    """What an empty chart says: a total whose first period is still open has check-ins."""
    p = view.progress
    if p.kind == "total" and p.last_checkin is not None and not view.shown_series:
        return vb.gettext(_FIRST_OPEN.get(p.per, "The first {per} isn't over yet")).format(per=p.per)
    return vb.gettext("No check-ins yet")


def goal_chart_pair(view, today=None, vb: Vocabulary = ENGLISH) -> Markup:
    return pair(goal_chart(view, today, *WIDE, prefix="chart", vb=vb),
                goal_chart(view, today, *NARROW, prefix="chart-n", vb=vb))


def goal_sparkline(view, prefix: str = "spark", vb: Vocabulary = ENGLISH) -> Markup:
    values = [v for _, v in view.shown_series[-SPARK_POINTS:]]
    return Markup(charts.sparkline(values, title=vb.gettext("Recent values: {goal}").format(goal=view.title),
                                   id_prefix=f"{prefix}-{view.id}", target=view.progress.target, vb=vb))


def goal_bar(view, width: int = 120, vb: Vocabulary = ENGLISH) -> Markup:
    return Markup(charts.progress_bar(view.progress.progress, label=vb.gettext("Progress towards the target"),
                                      width=width, vb=vb))


def goal_summary(view, vb: Vocabulary = ENGLISH) -> str:
    """The chart's numbers as one plain sentence (escape where used)."""
    m = view.goal.measure
    if not view.shown_series:
        return f"{_nothing_to_draw(view, vb)}."
    return charts.text_summary(view.shown_series, m.unit if m is not None else None, vb=vb)


def mood_figure(points, title: str | None = None, prefix: str = "mood", width: int = 640,
                height: int = 180, vb: Vocabulary = ENGLISH) -> Markup:
    return Markup(charts.mood_chart(points, title=title or vb.gettext("Mood"), id_prefix=prefix,
                                    width=width, height=height, vb=vb))


def mood_pair(points, title: str | None = None, vb: Vocabulary = ENGLISH) -> Markup:
    return pair(mood_figure(points, title, "mood", *WIDE[:1], 200, vb=vb),
                mood_figure(points, title, "mood-n", NARROW[0], 200, vb=vb))


def mood_summary(points, vb: Vocabulary = ENGLISH) -> str:
    return charts.text_summary(points, vb.gettext("out of 10"), noun="mood rating", vb=vb)


def questionnaire_figure(scores, name: str, prefix: str = "q", width: int = 460,
                         height: int = 200, vb: Vocabulary = ENGLISH) -> Markup:
    """Scores of one questionnaire over its shaded severity bands (the instrument's own band names)."""
    q = questionnaire(name)
    points = [(s.date, s.total) for s in scores if s.name == name]
    return Markup(charts.bands_chart(points, bands=list(q.bands), max_value=q.total_max,
                                     title=vb.gettext("{questionnaire} scores").format(questionnaire=q.title),
                                     id_prefix=f"{prefix}-{name}", width=width, height=height, vb=vb))


def questionnaire_pair(scores, name: str, vb: Vocabulary = ENGLISH) -> Markup:
    return pair(questionnaire_figure(scores, name, "q", vb=vb),
                questionnaire_figure(scores, name, "q-n", NARROW[0], 200, vb=vb))


_FIGURES = {
    "goal_chart": goal_chart, "goal_chart_pair": goal_chart_pair, "goal_sparkline": goal_sparkline,
    "goal_bar": goal_bar, "goal_summary": goal_summary, "mood_figure": mood_figure,
    "mood_pair": mood_pair, "mood_summary": mood_summary,
    "questionnaire_figure": questionnaire_figure, "questionnaire_pair": questionnaire_pair,
}


def globals_for(vb: Vocabulary) -> dict:
    """The chart helpers for a template environment, in the book's language."""
    return {name: speaking(fn, vb) for name, fn in _FIGURES.items()}


GLOBALS = globals_for(ENGLISH)
