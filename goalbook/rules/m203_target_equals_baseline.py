"""M203 Measurable: a target equal to the baseline leaves no way to go."""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, goals_in_review
from goalbook.vocabulary import as_written

CODE = "M203"
SEVERITY = ERROR
SUMMARY = "Measurable: the target equals the baseline"
FIELDS = ('measure.baseline', 'measure.target')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        m = goal.measure
        if m is not None and m.target is not None and m.baseline is not None and m.target == m.baseline:
            yield at(goal, f"the target and the baseline are both {as_written(m.target)}, so there is no distance to cover",
                     "set the target to where you want to be; if you want to keep a level, aim a little beyond it",
                     "measure.target", "measure")
