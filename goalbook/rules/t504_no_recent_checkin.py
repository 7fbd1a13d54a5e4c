"""T504 Time-bound: no check-in for longer than twice the review period.

Only active goals: a paused goal isn't expected to check in. A goal with no
check-in at all is measured from its start date. Any check-in about the goal
counts, with or without a value: "too tired this week" in a note is a check-in.
"""
from goalbook.diagnostics import WARNING
from goalbook.model.entities import REVIEW_DAYS
from goalbook.rules.base import active_goals, at, fmt_date

CODE = "T504"
SEVERITY = WARNING
SUMMARY = "Time-bound: no check-in for longer than twice the review period"


def check(book, ctx):
    for goal in active_goals(book):
        last = _last_checkin(book, goal, ctx.today)
        since = last or goal.start
        if since is None or since > ctx.today:
            continue
        allowed = 2 * REVIEW_DAYS[goal.review]
        days = (ctx.today - since).days
        if days > allowed:
            said = f"the last check-in was on {fmt_date(last)}" if last else f"there is no check-in since the start ({fmt_date(since)})"
            yield at(goal, f"{said}, {days} days ago; the goal is reviewed {goal.review}",
                     "a short check-in helps, even 'not this week' with a value of 0 — or pause the goal for now",
                     "review", "title", "")


def _last_checkin(book, goal, today):
    dates = [e.date for e in goal.entries] + [d for d, _ in goal.levels]
    dates += [c.date for c in book.checkins if c.goal == goal.id]
    dates = [d for d in dates if d <= today]
    return max(dates) if dates else None
