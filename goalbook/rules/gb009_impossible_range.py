"""GB009: a measure's range is impossible: `min` above `max`, or `baseline` or
`target` outside `min`–`max` for a reading (a measure without `per`; for a
total, min and max bound one value and the target a period's sum). Every goal,
whatever its status: no value could ever be right, and progress would be
measured against a place no value reaches.
(Values against such a range are not also GB007: the range is the one mistake.)"""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, goals_with_measures
from goalbook.vocabulary import num

CODE = "GB009"
SEVERITY = ERROR
SUMMARY = "measure range impossible: min above max, or baseline / target outside min–max"
FIELDS = ("measure",)


def check(book, ctx):
    for goal in goals_with_measures(book, ctx):
        m = goal.measure
        if m.min is not None and m.max is not None and m.min > m.max:
            yield at(goal, f"the measure's min ({num(m.min)}) is above its max ({num(m.max)}), so no value fits",
                     "swap them, or fix the one with a typo", "measure.min", "measure")
            continue
        if m.per is not None:
            continue
        for name, value in (("baseline", m.baseline), ("target", m.target)):
            if value is None:
                continue
            if (m.min is not None and value < m.min) or (m.max is not None and value > m.max):
                low = num(m.min) if m.min is not None else "…"
                high = num(m.max) if m.max is not None else "…"
                yield at(goal, f"the {name} ({num(value)}) lies outside the measure's range, {low} to {high}",
                         f"a {name} is a value the goal could have: move it inside the range, "
                         "or widen min/max", f"measure.{name}", "measure")
