"""One computation of the whole book on one day, which every view uses.

`build_snapshot(book, diagnostics, today, since, until)` gathers what the
site, the PDF report and `goalbook export` show, so they always agree. It is
pure: no I/O, and it depends on `today` only (never the clock).

* **Period**: see `goalbook.model.snapshot_period` (default: since the
  latest session on or before `until`, else 30 days; `until` = `today`).
* **Goals**, GAS, areas, consistency: see `goalbook.model.snapshot_goals`.
* **Lists.** "History" lists (`checkins`, `sessions`, `scores`,
  `mood_history`) hold everything on or before `today`; "period" lists hold
  what is dated within the period. All in date order (oldest first), ties
  by file; `timeline` is newest first. `upcoming_sessions` are the ones
  dated after `today` (planned appointments, for the calendar).
* **Questionnaire change** per name, for the period: from the latest score on
  or before the period's start (or, without one, the first score in the
  period) to the latest score in the period; none without a score in the
  period or with only one score in all. `since_start`: from the book's first
  score to the latest one on or before `today`.
* **Item-9 alerts**: PHQ-9 scores whose item 9 is above 0 that are the latest
  PHQ-9, fall within the period, or fall in the `ITEM9_WINDOW_DAYS` (90) days
  before the period's end.
* **Since last session**: from the latest session on or before `today`
  (else the period's start) through `today`; with a git history, also the
  goal files changed in that time.
* **History from git** (optional, `goalbook.model.history`): each goal's
  changes to its key fields on or before `today` that `revisions:` doesn't
  record (`GoalView.history`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from goalbook.model.entities import Book, Checkin, QuestionnaireScore, Revision, Session, Settings, Step
from goalbook.model.homework import HomeworkStatus, homework_status, tasks_marked
from goalbook.model.measures import band, item9_positive, questionnaire, reliable_change
from goalbook.model.progress import GoalProgress
from goalbook.model.snapshot_goals import Gas, GoalView, areas, gas, goal_views
from goalbook.model.snapshot_period import Period, last_session, resolve_period
from goalbook.model.values import ValuesMap, values_map
from goalbook.model.windows import chart_window

__all__ = ["build_snapshot", "resolve_period", "Snapshot", "GoalView", "Period", "Gas",
           "ScoreView", "Change", "Discuss", "SinceSession", "ITEM9_WINDOW_DAYS"]

ITEM9_WINDOW_DAYS = 90


@dataclass
class ScoreView:
    score: QuestionnaireScore
    title: str                          # "PHQ-9"
    band: str | None
    max: int

    @property
    def name(self) -> str:
        return self.score.name

    @property
    def date(self) -> date:
        return self.score.date

    @property
    def total(self) -> int:
        return self.score.total


@dataclass
class Change:
    name: str
    title: str
    first: ScoreView
    latest: ScoreView
    reliable: str                       # "improved" | "deteriorated" | "none"
    threshold: int                      # the instrument's reliable change, in points

    @property
    def change(self) -> int:
        return self.latest.total - self.first.total


@dataclass
class Discuss:
    date: date
    text: str
    checkin: Checkin


@dataclass
class SinceSession:
    """What happened since the last session (or over the period, without one)."""
    session: Session | None
    since: date
    checkins: list[Checkin]
    values: int                         # goal values recorded
    wins: list[Checkin]                 # check-ins with a win
    steps_done: list[tuple[GoalView, Step]]
    revisions: list[tuple[GoalView, Revision]]
    mood_average: float | None
    goal_files: list = field(default_factory=list)  # model.history.ChangedFile, from git


@dataclass
class Snapshot:
    today: date
    period: Period
    settings: Settings
    goals: list[GoalView]               # every goal, in display order
    gas: Gas
    areas: list[tuple[str, int, int]]   # (area, active goals, all goals)
    scores: list[ScoreView]             # every questionnaire score on or before today
    changes: dict[str, Change]          # by name, for the period
    since_start: dict[str, Change]      # by name, from the book's first score
    alerts: list[ScoreView]             # PHQ-9 item 9 above 0
    checkins: list[Checkin]             # on or before today
    sessions: list[Session]             # on or before today
    last_session: Session | None        # latest on or before the period's end
    discuss: list[Discuss]              # within the period
    since_last_session: SinceSession
    diagnostics: list = field(default_factory=list)
    upcoming_sessions: list[Session] = field(default_factory=list)   # dated after today (the calendar's)

    @property
    def active(self) -> list[GoalView]:
        return [g for g in self.goals if g.is_active]

    @property
    def by_id(self) -> dict[str, GoalView]:
        return {g.id: g for g in self.goals}

    @property
    def other_warnings(self) -> list:
        """Diagnostics that don't belong to a goal's file (settings, check-ins, sessions)."""
        sources = {g.goal.source for g in self.goals}
        return [d for d in self.diagnostics if d.path not in sources]

    @property
    def period_checkins(self) -> list[Checkin]:
        return [c for c in self.checkins if c.date in self.period]

    @property
    def period_sessions(self) -> list[Session]:
        return [s for s in self.sessions if s.date in self.period]

    @property
    def period_scores(self) -> list[ScoreView]:
        return [s for s in self.scores if s.date in self.period]

    @property
    def mood_history(self) -> list[tuple[date, float]]:
        return [(c.date, float(c.mood)) for c in self.checkins if c.mood is not None]

    @property
    def recent_mood_history(self) -> list[tuple[date, float]]:
        """The mood history a chart draws: its last `history.CHART_DAYS` days."""
        return chart_window(self.mood_history)

    @property
    def mood(self) -> list[tuple[date, float]]:
        """Mood within the period."""
        return [(d, v) for d, v in self.mood_history if d in self.period]

    @property
    def homework(self) -> list[str]:
        """The last session's tasks, as text."""
        return [h.task for h in self.last_session.homework] if self.last_session else []

    @property
    def homework_items(self) -> list[HomeworkStatus]:
        """The last session's tasks, each done or not yet as of today."""
        return homework_status(self.last_session, self.today)

    def homework_of(self, session: Session) -> list[HomeworkStatus]:
        """A session's tasks, each done or not yet as of today (the timeline's)."""
        return homework_status(session, self.today)

    def homework_done_by(self, checkin: Checkin) -> list[str]:
        """The tasks a check-in ticks off (`homework_done`), as text."""
        return [t.task for t in tasks_marked(checkin, self.sessions)]

    @property
    def values_map(self) -> ValuesMap:
        """Each declared value and area with the goals that serve it (values.html)."""
        return values_map(self.goals, self.settings.values, self.settings.areas)

    def scores_of(self, name: str) -> list[ScoreView]:
        return [s for s in self.scores if s.name == name]

    @property
    def questionnaire_names(self) -> list[str]:
        return sorted({s.name for s in self.scores})

    @property
    def timeline(self) -> list[tuple[date, str, object]]:
        """(date, "session" | "checkin", item), newest first."""
        items = [(s.date, 1, s.source, (0, 0), "session", s) for s in self.sessions]
        items += [(c.date, 0, c.source, c.pos, "checkin", c) for c in self.checkins]
        items.sort(key=lambda t: t[:4], reverse=True)
        return [(t[0], t[4], t[5]) for t in items]


def build_snapshot(book: Book, diagnostics, today: date, since: date | str | None = None,
                   until: date | None = None,
                   progress: dict[str, GoalProgress] | None = None, history=None) -> Snapshot:
    """The book as every view shows it on `today` (see the module docstring).

    `progress`: the goals' numbers already computed as of `today` (by the
    check), so they are computed once. `history` (a
    `goalbook.model.history.GitHistory`, when the book is in git) adds each
    goal's unrecorded changes and the goal files changed since the last
    session. ValueError for a `since` that can't be read or lies after `until`.
    """
    period = resolve_period(book, today, since, until)
    checkins = [c for c in book.checkins if c.date <= today]
    sessions = [s for s in book.sessions if s.date <= today]
    diagnostics = sorted(diagnostics, key=lambda d: d.sort_key)
    goals = goal_views(book.goals.values(), checkins, diagnostics, period, today, progress, history)
    scores = _scores(checkins)
    return Snapshot(
        today=today, period=period, settings=book.settings, goals=goals,
        gas=gas(goals), areas=areas(goals, book.settings.areas), scores=scores,
        changes=_changes(scores, period), since_start=_since_start(scores),
        alerts=_alerts(scores, period), checkins=checkins,
        sessions=sessions, last_session=last_session(sessions, period.until),
        discuss=[Discuss(c.date, c.discuss, c) for c in checkins if c.discuss and c.date in period],
        since_last_session=_since_session(goals, checkins, last_session(sessions, today), period, today, history),
        diagnostics=diagnostics, upcoming_sessions=[s for s in book.sessions if s.date > today])


def _scores(checkins: list[Checkin]) -> list[ScoreView]:
    out = []
    for c in checkins:
        for name in sorted(c.measures):
            score = c.measures[name]
            q = questionnaire(name)
            out.append(ScoreView(score, q.title, band(name, score.total), q.total_max))
    return out


def _change(first: ScoreView, latest: ScoreView) -> Change:
    return Change(first.name, first.title, first, latest, reliable_change(first.name, first.total, latest.total),
                  questionnaire(first.name).reliable_change)


def _changes(scores: list[ScoreView], period: Period) -> dict[str, Change]:
    changes = {}
    for name in sorted({s.name for s in scores}):
        mine = [s for s in scores if s.name == name and s.date <= period.until]
        within = [s for s in mine if s.date in period]
        before = [s for s in mine if s.date <= period.since and s not in within]
        if not within:
            continue
        first = before[-1] if before else within[0]
        if first is not within[-1]:
            changes[name] = _change(first, within[-1])
    return changes


def _since_start(scores: list[ScoreView]) -> dict[str, Change]:
    out = {}
    for name in sorted({s.name for s in scores}):
        mine = [s for s in scores if s.name == name]
        if len(mine) >= 2:
            out[name] = _change(mine[0], mine[-1])
    return out


def _alerts(scores: list[ScoreView], period: Period) -> list[ScoreView]:
    """Positive item-9 answers: the latest PHQ-9, those in the period, and those in
    the 90 days before its end — in date order."""
    phq = [s for s in scores if s.name == "phq9" and s.date <= period.until]
    window_start = period.until - timedelta(days=ITEM9_WINDOW_DAYS)
    shown = [s for i, s in enumerate(phq)
             if item9_positive(s.score) and (i == len(phq) - 1 or s.date in period or s.date >= window_start)]
    return shown


def _since_session(goals: list[GoalView], checkins: list[Checkin], session: Session | None,
                   period: Period, today: date, history=None) -> SinceSession:
    since = session.date if session else period.since
    recent = [c for c in checkins if since <= c.date <= today]
    moods = [float(c.mood) for c in recent if c.mood is not None]
    steps = [(g, s) for g in goals for s in g.goal.steps if s.done is not None and since <= s.done <= today]
    revisions = [(g, r) for g in goals for r in g.goal.revisions if since <= r.date <= today]
    return SinceSession(
        session=session, since=since, checkins=recent,
        values=sum(len(c.progress) for c in recent),
        wins=[c for c in recent if c.win],
        steps_done=sorted(steps, key=lambda p: (p[1].done, p[0].id)),
        revisions=sorted(revisions, key=lambda p: (p[1].date, p[0].id)),
        mood_average=sum(moods) / len(moods) if moods else None,
        goal_files=history.changed_files({g.id: g.goal.source for g in goals}, since, today) if history else [])
