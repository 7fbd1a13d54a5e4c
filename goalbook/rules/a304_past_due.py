"""A304 Achievable: an active goal is past its due date and the target is not reached."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at, fmt_date

CODE = "A304"
SEVERITY = WARNING
SUMMARY = "Achievable: an active goal is past its due date and not reached"
FIELDS = ('measure', 'due', 'checkins')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in active_goals(book, ctx):
        if goal.due is None or goal.due >= ctx.today:
            continue
        if ctx.progress(goal).reached:
            continue
        yield at(goal, f"the due date ({fmt_date(goal.due)}) has passed and the target is not reached yet",
                 "revise the goal (a new due date or target, with a 'revisions' entry), add a reflection, "
                 "or mark it achieved or dropped", "due")
