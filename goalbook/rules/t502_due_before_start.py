"""T502 Time-bound: the due date must come after the start."""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, fmt_date, goals_in_review

CODE = "T502"
SEVERITY = ERROR
SUMMARY = "Time-bound: due is not after start"
FIELDS = ('due', 'start')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        start = goal.start_on(ctx.today)
        if goal.due is not None and start is not None and goal.due <= start:
            where = "the start" if goal.start else "the first check-in"
            yield at(goal, f"the due date ({fmt_date(goal.due)}) is not after {where} ({fmt_date(start)})",
                     "set 'due:' to a later date", "due")
