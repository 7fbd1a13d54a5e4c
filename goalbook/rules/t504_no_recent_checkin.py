"""T504 Time-bound: no check-in for longer than twice the review period.

Only active goals: a paused goal isn't expected to check in. A goal with no
check-in at all is measured from its start date. Any check-in about the goal
counts, with or without a value: "too tired this week" in a note is a check-in.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at, fmt_date

CODE = "T504"
SEVERITY = WARNING
SUMMARY = "Time-bound: no check-in for longer than twice the review period"
FIELDS = ('review', 'start', 'checkins')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in active_goals(book, ctx):
        p = ctx.progress(goal)
        if not p.quiet:
            continue
        last = p.last_checkin
        said = (f"the last check-in was on {fmt_date(last)}" if last
                else f"there is no check-in since the start ({fmt_date(goal.start)})")
        yield at(goal, f"{said}, {p.quiet_days} days ago; the goal is reviewed {goal.review}",
                 "a short check-in helps, even 'not this week' with a value of 0 — or pause the goal for now",
                 "review", "title", "")
