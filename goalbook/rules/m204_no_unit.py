"""M204 Measurable: a unit makes values readable ("3" of what?)."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import add_to_measure, at, goals_in_review

CODE = "M204"
SEVERITY = WARNING
SUMMARY = "Measurable: the measure has no unit"
FIELDS = ('measure.unit',)   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if goal.measure is not None and not goal.measure.unit:
            yield at(goal, "the measure has no unit, so a value like 3 could mean anything",
                     "add 'unit:' under measure, e.g. walks, minutes, nights or points", "measure",
                     fix=add_to_measure(goal, "unit"))
