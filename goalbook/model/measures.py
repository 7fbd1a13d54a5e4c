"""Clinical measures: Goal Attainment Scaling, PHQ-9 / GAD-7, consistency.

All functions are pure and take `today` where dates matter.

* GAS T-score (Kiresuk & Sherman 1968, inter-goal correlation rho = 0.3):
  ``T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2)``.
* PHQ-9 / GAD-7 severity bands and reliable change thresholds (PHQ-9: 6
  points, GAD-7: 4 points; a drop is an improvement).
* Consistency: an exponentially smoothed share of periods that met the
  target, written from the published description of Loop Habit Tracker's
  habit strength (no code taken from it).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from goalbook.model.entities import Goal, QuestionnaireScore

GAS_RHO = 0.3


# --------------------------------------------------------------------- GAS

def gas_t_score(levels_and_weights: Sequence[tuple[int, float]]) -> float | None:
    """Kiresuk-Sherman T-score of (level -2..2, weight) pairs; None when empty.

    Unrounded; 50 means goals met as expected. None too when every weight is 0.
    """
    if not levels_and_weights:
        return None
    weights = [float(w) for _, w in levels_and_weights]
    weighted = sum(float(x) * w for x, w in levels_and_weights)
    denominator = math.sqrt((1 - GAS_RHO) * sum(w * w for w in weights)
                            + GAS_RHO * sum(weights) ** 2)
    if denominator == 0 or not math.isfinite(denominator):
        return None
    t_score = 50.0 + 10.0 * weighted / denominator
    return t_score if math.isfinite(t_score) else None      # never NaN or inf on a page


def _scale_values(goal: Goal) -> list[tuple[int, float]]:
    """(level, value) of the scale levels that carry a value, by level."""
    return sorted((lvl, float(s.value)) for lvl, s in goal.scale.items() if s.value is not None)


def _scale_direction(goal: Goal) -> bool | None:
    """More is better? From the measure, else from the scale's own values."""
    if goal.measure is not None and goal.measure.more_is_better is not None:
        return goal.measure.more_is_better
    values = _scale_values(goal)
    if len(values) >= 2 and values[0][1] != values[-1][1]:
        return values[-1][1] > values[0][1]
    return None


def gas_level(goal: Goal, progress_current: float | None, today: date) -> int | None:
    """The goal's current GAS level (-2..2), or None.

    Where scale levels carry a `value` and there is a current value: the
    highest level whose value the current value reaches (more is better:
    current >= value; less is better: current <= value), -2 when below them
    all. The direction comes from the measure, else from the scale itself
    (when neither tells, the levels below are used).
    Otherwise: the latest `goal.levels` entry on or before `today`.
    """
    values = _scale_values(goal)
    more = _scale_direction(goal)
    if values and progress_current is not None and more is not None:
        reached = [lvl for lvl, v in values
                   if (progress_current >= v if more else progress_current <= v)]
        return max(reached) if reached else -2
    past = sorted((d, i, lvl) for i, (d, lvl) in enumerate(goal.levels) if d <= today)
    return past[-1][2] if past else None


def scale_is_monotonic(goal: Goal) -> bool:
    """Whether the scale's values move strictly with the level.

    Increasing when more is better, decreasing when less is better; when
    the direction is unknown either strict order passes. Fewer than two
    values are trivially monotonic.
    """
    values = [v for _, v in _scale_values(goal)]
    up = all(a < b for a, b in zip(values, values[1:]))
    down = all(a > b for a, b in zip(values, values[1:]))
    more = goal.measure.more_is_better if goal.measure is not None else None
    if more is None:
        return up or down
    return up if more else down


# ---------------------------------------------------------- questionnaires

@dataclass(frozen=True)
class Questionnaire:
    name: str                                   # "phq9"
    title: str                                  # "PHQ-9"
    items: int
    item_max: int
    reliable_change: int                        # points for a reliable change
    bands: tuple[tuple[int, int, str], ...]     # (low, high inclusive, label)

    @property
    def total_max(self) -> int:
        return self.items * self.item_max


PHQ9 = Questionnaire("phq9", "PHQ-9", 9, 3, 6, (
    (0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"),
    (15, 19, "moderately severe"), (20, 27, "severe")))
GAD7 = Questionnaire("gad7", "GAD-7", 7, 3, 4, (
    (0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")))
QUESTIONNAIRES = {q.name: q for q in (PHQ9, GAD7)}


def questionnaire(name: str) -> Questionnaire:
    """The descriptor for `name`; KeyError with a clear message otherwise."""
    try:
        return QUESTIONNAIRES[name]
    except KeyError:
        raise KeyError(f"unknown questionnaire {name!r}; use phq9 or gad7") from None


def band(name: str, total: int) -> str | None:
    """Severity band label of `total` ("minimal" ...); None when out of range."""
    for low, high, label in questionnaire(name).bands:
        if low <= total <= high:
            return label
    return None


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def check_score(name: str, value: object) -> str | None:
    """A kind message if `value` (a total or a list of item scores) is wrong.

    None when it is fine. Checks: known questionnaire, whole numbers, total
    within 0..total_max, the right number of items, each item within 0..3.
    """
    q = QUESTIONNAIRES.get(name)
    if q is None:
        return f"'{name}' isn't a questionnaire goalbook knows; use phq9 or gad7"
    if isinstance(value, (list, tuple)):
        return _check_items(q, list(value))
    total = _whole(value)
    if total is None:
        return f"a {q.title} score is a whole number from 0 to {q.total_max} (or a list of item scores); got {value!r}"
    if not 0 <= total <= q.total_max:
        return f"a {q.title} total goes from 0 to {q.total_max}, so {total} is outside that range; could you check the sum?"
    return None


def _check_items(q: Questionnaire, items: list[object]) -> str | None:
    if len(items) != q.items:
        return f"{q.title} has {q.items} items, but {len(items)} were given"
    for number, item in enumerate(items, start=1):
        score = _whole(item)
        if score is None or not 0 <= score <= q.item_max:
            return f"each {q.title} item is scored 0 to {q.item_max}; item {number} is {item!r}"
    return None


def reliable_change(name: str, first: int, latest: int) -> str:
    """"improved" (went down by >= threshold), "deteriorated" (up), or "none"."""
    threshold = questionnaire(name).reliable_change
    change = latest - first
    if change <= -threshold:
        return "improved"
    if change >= threshold:
        return "deteriorated"
    return "none"


def item9_positive(score: QuestionnaireScore) -> bool:
    """Whether a PHQ-9 given item by item has item 9 above 0 (report prominently)."""
    return (score.name == "phq9" and score.items is not None
            and len(score.items) >= 9 and score.items[8] > 0)


# ------------------------------------------------------------- consistency

def consistency_multiplier(frequency_per_day: float, period_days: float = 1) -> float:
    """Per-step decay m = 0.5 ** (period_days * sqrt(f) / 13).

    With `period_days` = 1 this is the daily multiplier; one step over a
    period of n days equals n daily steps with the same checked value.
    """
    if frequency_per_day <= 0 or period_days <= 0:
        raise ValueError("frequency_per_day and period_days must be above 0")
    return 0.5 ** (period_days * math.sqrt(frequency_per_day) / 13)


def consistency(period_met: Sequence[bool | None], frequency_per_day: float,
                period_days: float = 1, start: float = 0.0) -> list[float]:
    """Exponentially smoothed share of periods that met the target (0..1).

    For each item: score = score * m + checked * (1 - m), with
    m = `consistency_multiplier(frequency_per_day, period_days)`; one value
    per input item, starting from `start`.

    * Daily: `period_met` per day, f = times per day (1 for a daily goal),
      `period_days` = 1. Done every day from 0: 0.0519 after day 1, 0.6557
      after day 20.
    * Per period: `period_met` per period (e.g. `GoalProgress.met`), f =
      times per day the goal asks for (3 per week: 3/7), `period_days` the
      period's length (7; 30 for months). One step then equals
      `period_days` daily steps with the same value.
    * `None` items (paused periods) keep the score unchanged.
    """
    m = consistency_multiplier(frequency_per_day, period_days)
    score, scores = float(start), []
    for checked in period_met:
        if checked is not None:
            score = score * m + (1.0 if checked else 0.0) * (1 - m)
        scores.append(score)
    return scores
