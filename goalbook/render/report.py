"""The progress report as HTML (report.html, and the source of report.pdf).

`render_report_html(snapshot, project_root)` renders ``report.html`` with the
site's Jinja environment (a project's own ``templates/report.html``,
``templates/assets/report.css`` or ``templates/assets/report-print.css``
override the built-in ones). The template works from a :class:`ReportView`,
the snapshot with everything private taken out first:

* a goal with ``private: true`` is left out entirely (its row, section,
  reflection, suggestions; the report's GAS T-score is computed without it);
* a check-in with ``private: true`` keeps its values (charts, totals, mood)
  but none of its words (win, obstacle, discuss, note, its goals' notes);
* a check-in that concerns only private goals is treated the same way.

Whose words are whose: a check-in's own words (win, obstacle, note) belong to
a goal only when the check-in names that goal alone; a note written for one
goal (``progress: {goal: {value, note}}``) belongs to that goal only. The
words of a check-in naming several goals (or none) go to "From the check-ins".

Content, in order: page 1 is the summary a therapist reads in two minutes
(each active goal's standing and movement, the questionnaires and their
change, any safety prompt, the last session's homework done and not yet,
what to discuss, the period at a glance); then each active goal, compact;
the check-ins' own words; mood; goals completed or set aside; and, only with
``report.suggestions: yes``, an appendix of open suggestions in plain words.
Empty sections are left out. report.css (shared) is inlined for screen with
report-screen.css (report.html stands alone); the PDF engine reads it with
report-print.css (pages, running headers), which only WeasyPrint understands.
With a git history, a section lists the goal files changed since the last
session and the period's changes that `revisions:` doesn't record.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup

from goalbook.model.entities import Checkin
from goalbook.model.homework import HomeworkStatus
from goalbook.model.snapshot import Snapshot
from goalbook.model.snapshot_goals import Gas, GoalView, gas
from goalbook.render.environment import make_environment, read_asset
from goalbook.render.findings import client_words
from goalbook.render.words import ENGLISH, trend_cell
from goalbook.vocabulary import Vocabulary

__all__ = ["render_report_html", "report_view", "report_title", "report_stylesheet",
           "report_screen_css", "ReportView", "speakable"]

TEMPLATE = "report.html"
STYLESHEET = "assets/report.css"
PRINT_STYLESHEET = "assets/report-print.css"
SCREEN_STYLESHEET = "assets/report-screen.css"


@dataclass
class GoalWords:
    """What the period's check-ins say about one goal, words only from reportable ones."""
    wins: list[tuple[date, str]] = field(default_factory=list)
    obstacles: list[tuple[date, str]] = field(default_factory=list)
    notes: list[tuple[date, str]] = field(default_factory=list)      # Markdown source
    goal_notes: list[tuple[date, str]] = field(default_factory=list)  # written for this goal alone

    def __bool__(self) -> bool:
        return bool(self.wins or self.obstacles or self.notes or self.goal_notes)


@dataclass
class QuestionnaireRow:
    title: str                                  # "PHQ-9"
    latest: object                              # ScoreView
    previous: object | None                     # the score before it, if any
    change: object | None                       # snapshot Change for the period, if any
    since_start: object | None                  # snapshot Change from the book's first score
    history: list                               # every score of this name (for the chart)


@dataclass
class GoalFileChanges:
    """From git: the goal files changed since the last session, and the changes in the
    period that `revisions:` doesn't record (reportable goals only)."""
    since: date
    session: object | None                      # the last session, if there is one
    files: list[tuple[GoalView, object]]        # (goal, model.history.ChangedFile)
    unrecorded: list[tuple[GoalView, object]]   # (goal, model.history.FieldChange)

    def __bool__(self) -> bool:
        return bool(self.files or self.unrecorded)


@dataclass
class Suggestion:
    code: str
    text: str                                   # in the client's words (render.findings)


@dataclass
class ReportView:
    _snapshot: Snapshot
    goals: list[GoalView]                       # reportable goals, display order
    active: list[GoalView]
    paused: list[GoalView]
    finished: list[GoalView]                    # achieved, then set aside
    words: dict[str, GoalWords]                 # by goal id (active goals)
    values: dict[str, list[tuple[str, str]]]    # by goal id: (when, value) within the period
    journal: list[Checkin]                      # words of check-ins that name several goals, or none
    titles: dict[str, str]                      # reportable goal id -> title
    discuss: list[tuple[date, str]]
    homework: list[HomeworkStatus]              # the last session's tasks, done or not yet
    mood: list[tuple[date, float]]              # values count, private or not
    gas: Gas
    suggestions: list[tuple[GoalView | None, list[Suggestion]]]   # only with report.suggestions: yes
    trends: dict[str, tuple[str, str]]          # goal id -> (arrow, words)
    goal_files: GoalFileChanges | None = None   # from git; empty outside a repository

    @property
    def period(self):
        return self._snapshot.period

    @property
    def settings(self):
        return self._snapshot.settings

    @property
    def today(self) -> date:
        return self._snapshot.today

    @property
    def alerts(self):
        return self._snapshot.alerts

    @property
    def last_session(self):
        return self._snapshot.last_session

    @property
    def homework_done(self) -> int:
        return sum(1 for h in self.homework if h.done)

    @property
    def glance(self) -> dict:
        """The period in numbers, for the summary page (private check-ins count too)."""
        checkins = self._snapshot.period_checkins
        moods = [v for _, v in self.mood]
        return {
            "checkins": len(checkins), "days": len({c.date for c in checkins}),
            "recorded": sum(len(c.progress) for c in checkins),
            "steps": [(v, s) for v in self.active for s in v.steps_done],
            "revisions": [(v, rev) for v in self.goals for rev in v.revisions],
            "mood": (sum(moods) / len(moods), min(moods), max(moods)) if moods else None,
        }

    @property
    def questionnaires(self) -> list[QuestionnaireRow]:
        rows = []
        for name in self._snapshot.questionnaire_names:
            history = self._snapshot.scores_of(name)
            rows.append(QuestionnaireRow(history[-1].title, history[-1],
                                         history[-2] if len(history) > 1 else None,
                                         self._snapshot.changes.get(name),
                                         self._snapshot.since_start.get(name), history))
        return rows

    @property
    def reliable_thresholds(self) -> list[tuple[str, int]]:
        from goalbook.model.measures import QUESTIONNAIRES

        return [(q.title, q.reliable_change) for q in QUESTIONNAIRES.values()]

    def about(self, checkin: Checkin) -> list[str]:
        """The reportable goals a journal entry names, by title."""
        return [self.titles[g] for g in sorted(checkin.goal_ids) if g in self.titles]


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")


def report_title(snapshot: Snapshot, vb: Vocabulary = ENGLISH) -> str:
    """The PDF's title (its only descriptive metadata), in the book's language."""
    return vb.gettext("{title} — progress report").format(title=snapshot.settings.title)


def render_report_html(snapshot: Snapshot, project_root: Path | None = None, *,
                       env: jinja2.Environment | None = None, links_pdf: bool = False,
                       made_on: date | None = None) -> str:
    """``report.html`` for the snapshot's period (the PDF is made from this very text).

    `links_pdf`: the web view links to report.pdf (when the build writes one,
    or serve makes it on request); the PDF itself never shows the link.
    `made_on`: the day the report is made, when the snapshot is of an earlier day."""
    env = env or make_environment(project_root, snapshot.settings.language)
    view = report_view(snapshot, env.globals["vocabulary"])
    css = Markup(report_screen_css(env).replace("</", "<\\/"))  # raw text inside <style>
    html = env.get_template(TEMPLATE).render(report=view, today=snapshot.today,
                                             made_on=made_on or snapshot.today,
                                             title=report_title(snapshot, env.globals["vocabulary"]),
                                             screen_css=css,
                                             links_pdf=links_pdf)
    if "<pre" in html:  # blank lines in a note's code block are content
        return html
    return "\n".join(line for line in html.split("\n") if line.strip()) + "\n"


def report_screen_css(env: jinja2.Environment) -> str:
    """assets/report.css and assets/report-screen.css, for the web view. The embedded fonts
    live in goalbook's assets, which only the PDF renderer reads, so their @font-face rules
    are left out here."""
    shared = _FONT_FACE.sub("", read_asset(env, STYLESHEET).decode("utf-8"))
    return shared + "\n" + read_asset(env, SCREEN_STYLESHEET).decode("utf-8")


def report_stylesheet(env: jinja2.Environment) -> str:
    """The PDF's stylesheet: assets/report.css and assets/report-print.css (pages, running
    headers: CSS only WeasyPrint reads), a project's own overrides first. Pass it to
    render_pdf(stylesheet=...)."""
    css = read_asset(env, STYLESHEET).decode("utf-8") + "\n" + read_asset(env, PRINT_STYLESHEET).decode("utf-8")
    return css + _running_words_css(env.globals["vocabulary"])


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _running_words_css(vb: Vocabulary) -> str:
    """The running footer's words ("page 2 of 4", "made on …") in the book's language;
    English keeps report-print.css's own, so its stylesheet is unchanged."""
    if vb.english:
        return ""
    page = vb.gettext("page {page} of {pages}")
    parts = re.split(r"(\{page\}|\{pages\})", page)
    content = " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else _css_text(p) for p in parts if p)
    made = _css_text(vb.gettext("made on {day}").split("{day}")[0])
    return (f"\n@page {{ @bottom-right {{ content: {content}; }} }}\n"
            f'.made-on, [data-running="made"] {{ string-set: made-on {made} content(text); }}\n')


# -- what is reportable ----------------------------------------------------------

def report_view(snapshot: Snapshot, vb: Vocabulary = ENGLISH) -> ReportView:
    goals = [v for v in snapshot.goals if not v.private]
    private_ids = {v.id for v in snapshot.goals if v.private}
    in_period = [c for c in snapshot.period_checkins if speakable(c, private_ids)]
    active = [v for v in goals if v.is_active]
    active_ids = {v.id for v in active}
    return ReportView(
        _snapshot=snapshot, goals=goals, active=active,
        paused=[v for v in goals if v.status == "paused"],
        finished=[v for v in goals if v.status == "achieved"] + [v for v in goals if v.status == "dropped"],
        words={v.id: _words_for(v, in_period) for v in active},
        values={v.id: period_values(v, snapshot.period, snapshot.today, vb) for v in active},
        journal=[c for c in in_period if (c.win or c.obstacle or c.note) and c.sole_goal not in active_ids],
        titles={v.id: v.title for v in goals},
        discuss=[(d.date, d.text) for d in snapshot.discuss if speakable(d.checkin, private_ids)],
        homework=list(snapshot.homework_items), mood=list(snapshot.mood), gas=gas(goals),
        suggestions=_suggestions(snapshot, goals) if snapshot.settings.report_suggestions else [],
        trends={v.id: trend_cell(v, vb) for v in active},
        goal_files=_goal_files(snapshot, goals))


def _goal_files(snapshot: Snapshot, goals: list[GoalView]) -> GoalFileChanges:
    views = {v.id: v for v in goals}
    since = snapshot.since_last_session
    return GoalFileChanges(
        since=since.since, session=since.session,
        files=[(views[f.goal], f) for f in since.goal_files if f.goal in views],
        unrecorded=sorted(((v, c) for v in goals for c in v.history if c.date in snapshot.period),
                          key=lambda pair: (pair[1].date, pair[0].id)))


def speakable(c: Checkin, private_goal_ids: set[str]) -> bool:
    """Whether a check-in's words may appear in the report."""
    if c.private:
        return False
    concerned = c.goal_ids
    return not concerned or bool(concerned - private_goal_ids)


def _words_for(view: GoalView, checkins: list[Checkin]) -> GoalWords:
    """The period's words about this goal: those of check-ins that name it alone, and the
    notes written for it in check-ins that name several goals."""
    words = GoalWords()
    for c in checkins:
        said = c.words_for(view.id)
        if said.win:
            words.wins.append((c.date, said.win))
        if said.obstacle:
            words.obstacles.append((c.date, said.obstacle))
        if said.note:
            words.notes.append((c.date, said.note))
        if said.goal_note:
            words.goal_notes.append((c.date, said.goal_note))
    return words


def _suggestions(snapshot: Snapshot, goals: list[GoalView]) -> list[tuple[GoalView | None, list[Suggestion]]]:
    """Open SMART suggestions in the client's words: per reportable active goal, then the book's own."""
    settings = snapshot.settings

    def said(items) -> list[Suggestion]:
        return [Suggestion(d.code, client_words(d, settings)) for d in items]

    out: list[tuple[GoalView | None, list[Suggestion]]] = [
        (v, said(v.warnings)) for v in goals if v.is_active and v.warnings]
    private_files = {v.goal.source for v in snapshot.goals if v.private}
    private_files |= {c.source for c in snapshot.checkins if c.private}
    goal_files = {v.goal.source for v in snapshot.goals}
    # Only SMART suggestions: file checks (GB…) in check-in files may name a private goal.
    book = [d for d in snapshot.diagnostics
            if d.path not in goal_files and d.path not in private_files
            and getattr(d, "severity", "warning") != "error" and not d.code.startswith("GB")]
    if book:
        out.append((None, said(book)))
    return out


def period_values(view: GoalView, period, today: date, vb: Vocabulary = ENGLISH) -> list[tuple[str, str]]:
    """The goal's values in the period, as the model has them: totals per week or
    month (the open one "so far"), else each reading."""
    from goalbook.model.periods import period_end, period_start

    p = view.progress
    if p.kind != "total" or p.per not in ("week", "month"):
        return [(vb.short_date(e.date), vb.num(e.value)) for e in view.entries]
    last = min(period.until, today)
    rows = [(key, value) for key, value in p.series if period_end(key, p.per) >= period.since and key <= last]
    open_key = period_start(today, p.per)
    if p.last_value_date is not None and period.since <= today and (not rows or rows[-1][0] < open_key):
        rows.append((open_key, p.open_total or 0.0))
    return [(_period_name(key, p.per, vb) + (vb.gettext(" (so far)") if key == open_key else ""), vb.num(value))
            for key, value in rows]


def _period_name(key: date, per: str, vb: Vocabulary) -> str:
    return vb.gettext("week of {day}").format(day=vb.short_date(key)) if per == "week" else vb.month_name(key)
