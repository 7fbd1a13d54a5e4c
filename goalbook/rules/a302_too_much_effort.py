"""A302 Achievable: active goals ask for more minutes a week than `limits.weekly_minutes`.

Reported once, on the lowest-priority active goal that has an `effort`.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.a301_too_many_active import by_priority
from goalbook.rules.base import active_goals, at
from goalbook.vocabulary import as_written

CODE = "A302"
SEVERITY = WARNING
SUMMARY = "Achievable: active goals' effort adds up to more than limits.weekly_minutes"
FIELDS = ('effort', 'status')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    goals = [g for g in by_priority(active_goals(book, ctx)) if g.effort is not None]
    total = sum(g.effort for g in goals)
    limit = book.settings.weekly_minutes_limit
    if goals and total > limit:
        hours = total / 60
        yield at(goals[-1], f"together the active goals ask for {as_written(total)} minutes a week (about {hours:.0f} h), "
                 f"more than the {as_written(limit)} you set as manageable",
                 "pause a goal, lower an effort, or raise limits.weekly_minutes in goalbook.yaml", "effort")
