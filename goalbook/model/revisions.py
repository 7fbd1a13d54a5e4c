"""A goal's target over time, read from its `revisions:` (SPEC section 8: revisions on the charts).

Revisions are `{date, change, why}` in the user's words; the target they move
is read from the `change` text where it says so plainly: "target 4 → 3",
"target: 5 -> 3", "Target lowered from 5 walks a week to 3". The number
right before the arrow (or "to") is the old target only when the text names
the target first, so "5 x 2h → 3 x 1h" moves nothing and is only marked.

`target_history(goal)` gives the revisions in date order, each with the target
before and after it where the text tells; the target after the last one is
always the goal file's own `measure.target` (the file is the truth).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from goalbook.model.entities import Goal

__all__ = ["TargetStep", "target_history", "parse_target_change"]

_NUM = r"(-?\d+(?:[.,]\d+)?)"
_ARROW = r"(?:→|->|⟶|=>|\bto\b)"
# "target" first, then (optionally "from") the old number, a few words of unit, the arrow, the new number.
_BOTH = re.compile(rf"\btarget\b[^\d→>]{{0,30}}?{_NUM}[^\d→>]{{0,30}}?\s*{_ARROW}\s*{_NUM}", re.IGNORECASE)
_NEW_ONLY = re.compile(rf"\btarget\b[^\d]{{0,30}}?\b(?:to|now|is now|=)\s*{_NUM}", re.IGNORECASE)


@dataclass(frozen=True)
class TargetStep:
    """One revision, placed on the chart: the target before and after it, where known."""
    date: date
    change: str
    why: str | None
    before: float | None            # the target up to this date (None: the text doesn't say)
    after: float | None             # the target from this date on

    @property
    def moves_target(self) -> bool:
        return self.before is not None and self.after is not None and self.before != self.after


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_target_change(change: str) -> tuple[float | None, float | None] | None:
    """(old, new) target from a revision's text, (None, new) when only the new one is
    given, or None when the text doesn't say how the target moved."""
    text = str(change or "")
    both = _BOTH.search(text)
    if both:
        return _number(both.group(1)), _number(both.group(2))
    new = _NEW_ONLY.search(text)
    if new:
        return None, _number(new.group(1))
    return None


def target_history(goal: Goal) -> list[TargetStep]:
    """The goal's revisions in date order, with the target before and after each."""
    revisions = sorted(goal.revisions, key=lambda r: r.date)
    current = goal.measure.target if goal.measure is not None else None
    parsed = [parse_target_change(r.change) for r in revisions]
    steps: list[TargetStep] = []
    for index, (revision, moved) in enumerate(zip(revisions, parsed)):
        later = [p for p in parsed[index + 1:] if p is not None]
        if moved is None:
            steps.append(TargetStep(revision.date, revision.change, revision.why, None, None))
            continue
        before, after = moved
        if not later:                   # the last revision that moves it leads to the file's target
            after = current if current is not None else after
        steps.append(TargetStep(revision.date, revision.change, revision.why, before, after))
    return _chain(steps)


def _chain(steps: list[TargetStep]) -> list[TargetStep]:
    """Fill an unknown "before" from the revision just before it ("target now 4" after "5 → 3")."""
    out: list[TargetStep] = []
    known: float | None = None
    for step in steps:
        if step.after is None:
            out.append(step)
            continue
        before = step.before if step.before is not None else known
        out.append(TargetStep(step.date, step.change, step.why, before, step.after))
        known = step.after
    return out
