"""Where a goal stands: its series, current value, path, standing and trend.

`compute(goal, today)` is pure: it never reads the clock and ignores every
entry dated after `today`. The goal's target is the one in its file
(revisions are history only).

Methods and tolerances
----------------------
* **Series.** A *total* (`measure.per` set) has one point per period, keyed
  by the period's first day, from the period of the first entry through the
  last complete period before `today`; periods without entries count as 0.
  Entries dated before `start` are kept (nothing the user wrote is hidden).
  A *level* has one point per reading.
* **Current.** Total: the last complete period's total (the period holding
  `today` is still open). Level: the latest reading on or before `today`.
  None without data, and for a total whose first entry is in the open period.
* **Path.** Straight line from `baseline` at the effective start (`start`,
  else the first entry) to `target` at `due`; flat at `baseline` before the
  start and at `target` after `due`.
* **Expected now.** The path at the last day of the last complete period for
  a total (that is the day the current total describes), at `today` for a
  level.
* **Standing.** `achieved` / `dropped` / `paused` come from `status` (the
  numbers are still computed). Otherwise `no-data` without a current value or
  without a full path (baseline, target different from it, start and due).
  Else `current` is compared to `expected_now` in the goal's direction: within
  `ON_TRACK_TOLERANCE` (10 %) of the baseline-to-target distance, inclusive,
  is `on-track`; further in the good direction is `ahead`, else `behind`.
* **Projected date.** Least-squares line through the last `TREND_POINTS` (6)
  points (x in days). None with fewer than `MIN_TREND_POINTS` (3) points, a
  flat or wrong-way slope, an unknown direction or target, when the target
  is already reached (see `reached`), or when it is more than
  `MAX_PROJECTION_DAYS` away. Otherwise the first day (rounded up) on which
  the fitted line reaches the target, never before `today`.
* **Frozen.** A goal that isn't active (paused, achieved, dropped) is read as
  it stood at its last check-in: its series ends with the period of that
  check-in, so "current" is its last recorded total, not the empty weeks since.
* **Trend.** From the same least-squares line as the projection, in the goal's
  direction: `toward` or `away` from the target, or `steady` when the fitted
  change over the window is under `STEADY_SHARE` (5 %) of the baseline-to-target
  distance; `unknown` with fewer than `MIN_TREND_POINTS` points or no direction.
  `projection_reason` says why there is no projected date (`reached`,
  `few-points`, `flat`, `away`, `far`, `no-path`), so a view never calls a
  falling goal "not enough data".
* **Open period.** For a total, `open_total` sums the entries of the period
  holding `today` ("this week so far").
* **Past due.** `due` has passed (before `today`) and the target isn't reached.
* **Quiet.** `last_checkin` is the latest check-in about the goal on or before
  `today` — with a value, a GAS level, or only words ("too tired this week").
  `quiet` when more than twice the `review` period has passed since it (or,
  with none, since the start): T504's finding, and why A303 then doesn't read
  the empty periods as a decline.
* **Runs.** Consecutive series points meeting the target (direction-aware,
  inclusive): `current_run` ends at the last point, `best_run` is the longest.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from goalbook.model.entities import REVIEW_DAYS, Entry, Goal
from goalbook.model.periods import last_complete_period, period_end, period_start, periods_between, totals

ON_TRACK_TOLERANCE = 0.10
TREND_POINTS = 6
MIN_TREND_POINTS = 3
MAX_PROJECTION_DAYS = 100 * 366
STEADY_SHARE = 0.05
STANDINGS = ("achieved", "dropped", "paused", "no-data", "ahead", "on-track", "behind")
_EPS = 1e-9


@dataclass
class GoalProgress:
    """The computed state of one goal on `today`."""
    goal_id: str
    today: date
    kind: str | None = None                 # "total" | "level" | None (no measure)
    per: str | None = None                  # "day" | "week" | "month" for totals
    baseline: float | None = None
    target: float | None = None
    more_is_better: bool | None = None      # None: direction unknown
    start: date | None = None               # effective start
    due: date | None = None
    series: list[tuple[date, float]] = field(default_factory=list)
    met: list[bool] = field(default_factory=list)   # per series point: target met
    current: float | None = None
    current_date: date | None = None        # period key (total) or reading date (level)
    expected_now: float | None = None
    progress: float | None = None
    standing: str = "no-data"
    slope: float | None = None              # least-squares slope, units per day
    trend: str = "unknown"                  # "toward" | "steady" | "away" | "unknown"
    projected_date: date | None = None
    projection_reason: str | None = None    # why there is no projected date (module docstring)
    open_total: float | None = None         # total so far in the period holding today
    last_value: float | None = None         # the latest value recorded (any kind)
    last_value_date: date | None = None
    past_due: bool = False
    quiet_days: int | None = None           # days since the last check-in (or the start)
    quiet: bool = False
    reached: bool = False
    current_run: int = 0
    best_run: int = 0
    steps_done: int = 0
    steps_total: int = 0
    last_checkin: date | None = None

    @property
    def path(self) -> list[tuple[date, float]] | None:
        """The two ends of the expected path, for charts; None without one."""
        if not _has_path(self):
            return None
        return [(self.start, self.baseline), (self.due, self.target)]

    def expected_at(self, d: date) -> float | None:
        """Where the straight path from baseline to target puts the goal on `d`."""
        if not _has_path(self):
            return None
        span = (self.due - self.start).days
        share = min(1.0, max(0.0, (d - self.start).days / span))
        return self.baseline + (self.target - self.baseline) * share


def _has_path(p: GoalProgress) -> bool:
    return (p.more_is_better is not None and p.start is not None
            and p.due is not None and p.due > p.start)


def meets(value: float, target: float | None, more_is_better: bool | None) -> bool:
    """Whether `value` is at or beyond `target` in the goal's direction."""
    if target is None or more_is_better is None:
        return False
    if more_is_better:
        return value >= target - _EPS
    return value <= target + _EPS


def compute_all(book, today: date, kept=None) -> dict[str, GoalProgress]:
    """Every goal's numbers as of `today`, by id: what the rules and every view read.

    `kept` (a `goalbook.model.kept.Kept`) has the numbers of goals no edit reached."""
    said: dict[str, list[date]] = {}
    for c in book.checkins:
        if c.goal:
            said.setdefault(c.goal, []).append(c.date)

    def numbers(goal_id: str, goal: Goal) -> GoalProgress:
        dates = tuple(said.get(goal_id, ()))
        if kept is None:
            return compute(goal, today, dates)
        return kept.progress(goal, today, dates, lambda: compute(goal, today, dates))

    return {goal_id: numbers(goal_id, goal) for goal_id, goal in book.goals.items()}


def compute(goal: Goal, today: date, checkin_dates=()) -> GoalProgress:
    """Compute where `goal` stands on `today` (see the module docstring).

    `checkin_dates`: dates of check-ins about the goal that carry only words."""
    entries = sorted((e for e in goal.entries if e.date <= today and e.set_aside is None), key=lambda e: e.date)
    p = _skeleton(goal, today, entries, checkin_dates)
    if entries:
        p.last_value, p.last_value_date = float(entries[-1].value), entries[-1].date
    if p.kind == "total":
        open_since = period_start(today, p.per)
        p.open_total = sum(e.value for e in entries if e.date >= open_since)
        p.series = _total_series(entries, p.per, today, frozen=goal.status != "active")
        if p.series:
            p.current_date, p.current = p.series[-1]
        when = period_end(p.current_date, p.per) if p.current_date else today
    elif p.kind == "level":
        p.series = [(e.date, float(e.value)) for e in entries]
        if p.series:
            p.current_date, p.current = p.series[-1]
        when = today
    else:
        when = today
    p.expected_now = p.expected_at(when)
    _fill_derived(p)
    p.standing = _standing(goal.status, p)
    p.past_due = goal.due is not None and goal.due < today and not p.reached
    since = p.last_checkin or goal.start
    if since is not None and since <= today:
        p.quiet_days = (today - since).days
        p.quiet = p.quiet_days > 2 * REVIEW_DAYS[goal.review]
    return p


def _skeleton(goal: Goal, today: date, entries: list[Entry], checkin_dates=()) -> GoalProgress:
    m = goal.measure
    p = GoalProgress(goal_id=goal.id, today=today, due=goal.due)
    if m is not None:
        p.kind = "total" if m.is_total else "level"
        p.per = m.per
        p.baseline, p.target = m.baseline, m.target
        p.more_is_better = m.more_is_better
    p.start = goal.start if goal.start is not None else (entries[0].date if entries else None)
    p.steps_total = len(goal.steps)
    p.steps_done = sum(1 for s in goal.steps if s.done is not None and s.done <= today)
    dates = [e.date for e in entries] + [d for d, _ in goal.levels if d <= today]
    dates += [d for d in checkin_dates if d <= today]
    p.last_checkin = max(dates) if dates else None
    return p


def _total_series(entries: list[Entry], per: str, today: date, frozen: bool) -> list[tuple[date, float]]:
    if not entries:
        return []
    sums = totals(entries, per)
    last = last_complete_period(today, per)
    if frozen:
        last = min(last, period_start(entries[-1].date, per))
    keys = periods_between(entries[0].date, last, per)
    return [(k, sums.get(k, 0.0)) for k in keys]


def _fill_derived(p: GoalProgress) -> None:
    p.met = [meets(v, p.target, p.more_is_better) for _, v in p.series]
    p.current_run, p.best_run = runs(p.met)
    if p.current is None:
        p.projection_reason = "few-points" if p.more_is_better is not None else "no-path"
        return
    p.reached = meets(p.current, p.target, p.more_is_better)
    if p.more_is_better is not None:
        p.progress = (p.current - p.baseline) / (p.target - p.baseline)
    p.slope = slope(p.series[-TREND_POINTS:])
    p.trend = _trend(p)
    p.projected_date, p.projection_reason = _projection(p)


def runs(met: list[bool]) -> tuple[int, int]:
    """(current run ending at the last item, best run) of consecutive Trues."""
    best = run = 0
    for ok in met:
        run = run + 1 if ok else 0
        best = max(best, run)
    return run, best


def slope(points: list[tuple[date, float]]) -> float | None:
    """Least-squares slope (units per day); None with < 3 points or one date."""
    if len(points) < MIN_TREND_POINTS:
        return None
    fit = _fit(points)
    return fit[1] if fit else None


def _fit(points: list[tuple[date, float]]) -> tuple[float, float] | None:
    """(intercept, slope) of the least-squares line; x = days since the first point."""
    origin = points[0][0]
    xs = [(d - origin).days for d, _ in points]
    ys = [v for _, v in points]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    return my - b * mx, b


def _trend(p: GoalProgress) -> str:
    """Which way the recent values move, in the goal's direction (module docstring)."""
    points = p.series[-TREND_POINTS:]
    if p.slope is None or p.more_is_better is None or len(points) < MIN_TREND_POINTS:
        return "unknown"
    window = max(1, (points[-1][0] - points[0][0]).days)
    distance = abs(p.target - p.baseline) if p.target is not None and p.baseline is not None else 0.0
    scale = distance or max(abs(v) for _, v in points) or 1.0
    if abs(p.slope * window) < STEADY_SHARE * scale:
        return "steady"
    return "toward" if (p.slope > 0) == p.more_is_better else "away"


def _projection(p: GoalProgress) -> tuple[date | None, str | None]:
    """(projected date, None) or (None, the reason there is none)."""
    if p.reached:
        return None, "reached"
    if p.target is None or p.more_is_better is None:
        return None, "no-path"
    points = p.series[-TREND_POINTS:]
    fit = _fit(points) if len(points) >= MIN_TREND_POINTS else None
    if fit is None:
        return None, "few-points"
    a, b = fit
    if p.trend == "steady" or abs(b) < _EPS:
        return None, "flat"
    if (b > 0) != p.more_is_better:
        return None, "away"
    days = math.ceil((p.target - a) / b - 1e-6)   # absorb float noise before rounding up
    origin = points[0][0]
    days_to_today = (p.today - origin).days
    if days - days_to_today > MAX_PROJECTION_DAYS:
        return None, "far"
    return origin + timedelta(days=max(days, days_to_today)), None


def _standing(status: str, p: GoalProgress) -> str:
    if status in ("achieved", "dropped", "paused"):
        return status
    if p.current is None or p.expected_now is None:
        return "no-data"
    sign = 1.0 if p.more_is_better else -1.0
    lead = (p.current - p.expected_now) * sign
    tolerance = ON_TRACK_TOLERANCE * abs(p.target - p.baseline) + _EPS
    if lead > tolerance:
        return "ahead"
    if lead < -tolerance:
        return "behind"
    return "on-track"
