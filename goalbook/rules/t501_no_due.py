"""T501 Time-bound: a goal needs a due date."""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, goals_in_review

CODE = "T501"
SEVERITY = ERROR
SUMMARY = "Time-bound: no due date"
FIELDS = ('due',)   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if goal.due is None:
            yield at(goal, "this goal has no due date yet",
                     "add 'due: YYYY-MM-DD': when you aim to reach the target; it can be revised later", "title", "")
