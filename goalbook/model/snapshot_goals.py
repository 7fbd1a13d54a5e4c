"""Per-goal part of the snapshot: a `GoalView` for every goal, GAS and areas.

* **Goal order.** Active goals by priority (unset last), then paused,
  achieved and dropped; ties by id.
* **GAS** counts the active goals that have a level, weighted by `weight`.
* **Consistency** (totals only): `measures.consistency` over the periods'
  met / not met, f = target per day (once per period when less is better);
  for a goal that isn't active, periods after its last check-in don't count
  (frozen).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from goalbook.vocabulary import N_
from goalbook.model.entities import Checkin, Entry, Goal, Revision, Step
from goalbook.model.windows import (MonthOfCheckins, chart_since, chart_window, dated_within, older_months,
                                    recent_since)
from goalbook.model.measures import consistency, gas_level, gas_t_score
from goalbook.model.progress import GoalProgress, compute
from goalbook.model.revisions import TargetStep, target_history
from goalbook.model.snapshot_period import Period

STATUS_ORDER = {"active": 0, "paused": 1, "achieved": 2, "dropped": 3}
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30}
NO_AREA = "no area"


@dataclass
class GoalView:
    goal: Goal
    progress: GoalProgress
    level: int | None                   # GAS level -2..2
    consistency: float | None           # 0..1, totals only
    warnings: list                      # diagnostics whose path is the goal's file
    checkins: list[Checkin]             # every check-in on or before today that concerns it
    period_checkins: list[Checkin]      # those within the period
    entries: list[Entry]                # values within the period
    steps_done: list[Step]              # steps done within the period
    revisions: list[Revision]           # revisions within the period
    next_due: date | None               # earliest open step's due date, else the goal's
    next_due_what: str | None           # that step's title; None for the goal itself
    history: list = field(default_factory=list)  # changes git holds that revisions don't (model.history)
    target_history: list[TargetStep] = field(default_factory=list)   # every revision, with the target it set

    @property
    def id(self) -> str:
        return self.goal.id

    @property
    def title(self) -> str:
        return self.goal.title or self.goal.id

    @property
    def status(self) -> str:
        return self.goal.status

    @property
    def standing(self) -> str:
        return self.progress.standing

    @property
    def is_active(self) -> bool:
        return self.goal.status == "active"

    @property
    def private(self) -> bool:
        return self.goal.private

    @property
    def reflection_invited(self) -> bool:
        """Set aside, or past its date and not reached, with no reflection yet: a gentle
        invitation to write one (SPEC section 6: a hint, never an error)."""
        if (self.goal.reflection or "").strip():
            return False
        if self.goal.status == "dropped":
            return True
        return self.progress.past_due and self.goal.status in ("active", "paused")

    @property
    def shown_series(self) -> list[tuple[date, float]]:
        """The series to draw: its last `history.CHART_DAYS` days (for a goal no longer
        active it ends at its last check-in)."""
        return chart_window(self.progress.series)

    @property
    def shown_since(self) -> date | None:
        """The first day the chart shows when the series is longer than its window, else None."""
        return chart_since(self.progress.series)

    @property
    def recent_since(self) -> date | None:
        """The first day whose check-ins the goal's page shows in full (see `goalbook.model.windows`)."""
        return recent_since(self.checkins[-1].date if self.checkins else None)

    @property
    def recent_checkins(self) -> list[Checkin]:
        since = self.recent_since
        return [c for c in self.checkins if since is not None and c.date >= since]

    @property
    def older_months(self) -> list[MonthOfCheckins]:
        """The check-ins before `recent_since`, by month, newest first."""
        return older_months(self.checkins, self.goal.id, self.progress.kind, self.recent_since)


@dataclass
class Gas:
    t_score: float | None
    goals: int                          # how many goals counted

    @property
    def sentence(self) -> str:
        """One plain sentence on what the T-score means."""
        t = self.t_score
        if t is None:
            return N_("None of your active goals has a level on its scale yet.")
        if t >= 55:
            return N_("On the scales you set, your goals are beyond the outcomes you expected "
                      "(50 means exactly as expected).")
        if t > 45:
            return N_("On the scales you set, your goals are about at the outcomes you expected (50).")
        return N_("On the scales you set, your goals are not yet at the outcomes you expected by their "
                  "due dates (50); on the way there, that is usual.")


def goal_views(goals, checkins: list[Checkin], diagnostics, period: Period, today: date,
               progress: dict[str, GoalProgress] | None = None, history=None) -> list[GoalView]:
    """A view of every goal, in display order (`progress`: already computed as of `today`;
    `history`: a model.history.GitHistory or None)."""
    progress = progress or {}
    concerning = _by_goal(checkins, today)
    return sorted((goal_view(g, checkins, diagnostics, period, today, progress.get(g.id), history,
                             concerning.get(g.id, []))
                   for g in goals), key=_order)


def _by_goal(checkins: list[Checkin], today: date) -> dict[str, list[Checkin]]:
    """The check-ins on or before `today` that concern each goal, in the given order (one pass)."""
    out: dict[str, list[Checkin]] = {}
    for c in checkins:
        if c.date > today:
            continue
        for goal_id in c.goal_ids:
            out.setdefault(goal_id, []).append(c)
    return out


def _order(view: GoalView):
    priority = view.goal.priority if view.goal.priority is not None else 10 ** 9
    return STATUS_ORDER.get(view.goal.status, 9), priority, view.goal.id


def goal_view(goal: Goal, checkins: list[Checkin], diagnostics, period: Period, today: date,
              progress: GoalProgress | None = None, history=None,
              mine: list[Checkin] | None = None) -> GoalView:
    """`mine`: the check-ins that concern the goal, if already picked out of `checkins`."""
    progress = progress if progress is not None and progress.today == today else compute(goal, today)
    if mine is None:
        mine = [c for c in checkins if c.date <= today and _concerns(c, goal.id)]
    open_steps = sorted((s for s in goal.steps if s.done is None and s.due is not None), key=lambda s: s.due)
    return GoalView(
        goal=goal, progress=progress, level=gas_level(goal, progress.current, today),
        consistency=goal_consistency(goal, progress),
        warnings=[d for d in diagnostics if d.path == goal.source],
        checkins=mine, period_checkins=dated_within(mine, period.since, period.until),
        entries=[e for e in dated_within(goal.entries, period.since, min(period.until, today)) if e.set_aside is None],
        steps_done=sorted((s for s in goal.steps if s.done is not None and s.done in period
                           and s.done <= today), key=lambda s: s.done),
        revisions=[r for r in goal.revisions if r.date in period],
        next_due=open_steps[0].due if open_steps else goal.due,
        next_due_what=open_steps[0].title if open_steps else None,
        history=history.unrecorded(goal.id, goal.revisions, today) if history else [],
        target_history=target_history(goal))


def _concerns(checkin: Checkin, goal_id: str) -> bool:
    return goal_id in checkin.goal_ids


def goal_consistency(goal: Goal, progress: GoalProgress) -> float | None:
    """The smoothed share of periods that met the target; None unless a total with a target.

    A goal that is not active (paused, achieved, dropped) is frozen at its
    last check-in: the periods after it don't count.
    """
    if progress.kind != "total" or progress.target is None or progress.more_is_better is None:
        return None
    met: list[bool | None] = list(progress.met)     # a goal not active is frozen at its last check-in
    if not met:
        return None
    days = PERIOD_DAYS[progress.per]
    per_period = max(1.0, progress.target) if progress.more_is_better else 1.0
    return consistency(met, per_period / days, days)[-1]


def gas(goals: list[GoalView]) -> Gas:
    counted = [(g.level, g.goal.weight) for g in goals if g.is_active and g.level is not None]
    return Gas(gas_t_score(counted), len(counted))


def areas(goals: list[GoalView], declared: list[str]) -> list[tuple[str, int, int]]:
    """(area, active goals, all goals): declared areas first, then others, then "no area"."""
    names = [g.goal.area or NO_AREA for g in goals]
    order = [a for a in declared if a in names] + sorted(set(names) - set(declared) - {NO_AREA})
    order += [NO_AREA] if NO_AREA in names else []
    return [(a, sum(1 for g, n in zip(goals, names) if n == a and g.is_active), names.count(a))
            for a in order]
