"""M201 Measurable: a goal needs a measure with a target to show progress."""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, goals_in_review

CODE = "M201"
SEVERITY = ERROR
SUMMARY = "Measurable: no measure, or no target"
FIELDS = ('measure',)   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if goal.measure is None:
            # an empty 'measure:' line is where the measure belongs; else the top of the file
            yield at(goal, "this goal has no measure yet, so progress can't be shown",
                     "add 'measure:' with what you count, its unit, a baseline and a target", "measure:key", "")
        elif goal.measure.target is None:
            yield at(goal, "the measure has no target yet",
                     "add 'target:' under measure: where you want to be by the due date", "measure")
