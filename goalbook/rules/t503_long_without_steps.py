"""T503 Time-bound: a goal more than a year away is easier with steps along the way.

"A year" is a calendar year: from 1 March 2027 to 1 March 2028 is a year, though
it holds 29 February (366 days). A start on 29 February reaches its year on
28 February.
"""
from datetime import date

from goalbook.diagnostics import WARNING
from goalbook.rules.base import at, goals_in_review

CODE = "T503"
SEVERITY = WARNING
SUMMARY = "Time-bound: due more than a year after start and no steps"
FIELDS = ('due', 'start', 'steps')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        start = goal.start_on(ctx.today)
        if goal.due and start and goal.due > one_year_after(start) and not goal.steps:
            yield at(goal, "the due date is more than a year after the start and there are no steps on the way",
                     "add 'steps:' with a few milestones, each with a title and a due date", "due")


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:          # 29 February
        return day.replace(year=day.year + 1, day=28)
