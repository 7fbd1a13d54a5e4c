"""M202 Measurable: without a baseline, progress can't be shown from where you started."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import add_to_measure, at, goals_in_review

CODE = "M202"
SEVERITY = WARNING
SUMMARY = "Measurable: the measure has no baseline"
FIELDS = ('measure.baseline',)   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if goal.measure is not None and goal.measure.baseline is None:
            yield at(goal, "measure has no baseline; progress can't be shown from where you started",
                     "add 'baseline:' under measure: where you are now, even a rough guess", "measure",
                     fix=add_to_measure(goal, "baseline"))
