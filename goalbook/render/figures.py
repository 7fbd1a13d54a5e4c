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

SPARK_POINTS = 12
PER_LABEL = {"day": "daily totals", "week": "weekly totals", "month": "monthly totals"}
WIDE, NARROW = (880, 280), (360, 240)


def pair(wide: str, narrow: str) -> Markup:
    return Markup(f'<div class="fig-wide">{wide}</div><div class="fig-narrow">{narrow}</div>')


def goal_chart(view, today=None, width: int = WIDE[0], height: int = WIDE[1],
               prefix: str = "chart", key: bool = True) -> Markup:
    """The goal's values against the expected path and the target line, its revisions marked.
    `key=False` leaves the legend out (the report shows one key for all its charts)."""
    p, m = view.progress, view.goal.measure
    title = f"{view.title}: {m.what}" if m is not None and m.what else view.title
    return Markup(charts.progress_chart(
        view.shown_series, start=p.start, due=p.due, baseline=p.baseline, target=p.target,
        unit=m.unit if m is not None else None, title=title, id_prefix=f"{prefix}-{view.id}",
        width=width, height=height, today=today if today is not None else p.today,
        y_min=m.min if m is not None else None, y_max=m.max if m is not None else None,
        label=PER_LABEL.get(p.per, "check-ins"), revisions=getattr(view, "target_history", None),
        empty=_nothing_to_draw(view), key=key))


def _nothing_to_draw(view) -> str:
    """What an empty chart says: a total whose first period is still open has check-ins."""
    p = view.progress
    if p.kind == "total" and p.last_checkin is not None and not view.shown_series:
        return f"The first {p.per} isn't over yet"
    return "No check-ins yet"


def goal_chart_pair(view, today=None) -> Markup:
    return pair(goal_chart(view, today, *WIDE, prefix="chart"),
                goal_chart(view, today, *NARROW, prefix="chart-n"))


def goal_sparkline(view, prefix: str = "spark") -> Markup:
    values = [v for _, v in view.shown_series[-SPARK_POINTS:]]
    return Markup(charts.sparkline(values, title=f"Recent values: {view.title}",
                                   id_prefix=f"{prefix}-{view.id}", target=view.progress.target))


def goal_bar(view, width: int = 120) -> Markup:
    return Markup(charts.progress_bar(view.progress.progress, label="Progress towards the target",
                                      width=width))


def goal_summary(view) -> str:
    """The chart's numbers as one plain sentence (escape where used)."""
    m = view.goal.measure
    if not view.shown_series:
        return f"{_nothing_to_draw(view)}."
    return charts.text_summary(view.shown_series, m.unit if m is not None else None)


def mood_figure(points, title: str = "Mood", prefix: str = "mood", width: int = 640,
                height: int = 180) -> Markup:
    return Markup(charts.mood_chart(points, title=title, id_prefix=prefix, width=width, height=height))


def mood_pair(points, title: str = "Mood") -> Markup:
    return pair(mood_figure(points, title, "mood", *WIDE[:1], 200),
                mood_figure(points, title, "mood-n", NARROW[0], 200))


def mood_summary(points) -> str:
    return charts.text_summary(points, "out of 10", noun="mood rating")


def questionnaire_figure(scores, name: str, prefix: str = "q", width: int = 460,
                         height: int = 200) -> Markup:
    """Scores of one questionnaire over its shaded severity bands."""
    q = questionnaire(name)
    points = [(s.date, s.total) for s in scores if s.name == name]
    return Markup(charts.bands_chart(points, bands=list(q.bands), max_value=q.total_max,
                                     title=f"{q.title} scores", id_prefix=f"{prefix}-{name}",
                                     width=width, height=height))


def questionnaire_pair(scores, name: str) -> Markup:
    return pair(questionnaire_figure(scores, name, "q"),
                questionnaire_figure(scores, name, "q-n", NARROW[0], 200))


GLOBALS = {
    "goal_chart": goal_chart, "goal_chart_pair": goal_chart_pair, "goal_sparkline": goal_sparkline,
    "goal_bar": goal_bar, "goal_summary": goal_summary, "mood_figure": mood_figure,
    "mood_pair": mood_pair, "mood_summary": mood_summary,
    "questionnaire_figure": questionnaire_figure, "questionnaire_pair": questionnaire_pair,
}
