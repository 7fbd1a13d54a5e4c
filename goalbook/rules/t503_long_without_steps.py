"""T503 Time-bound: a goal more than a year away is easier with steps along the way."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at, goals_in_review

CODE = "T503"
SEVERITY = WARNING
SUMMARY = "Time-bound: due more than a year after start and no steps"


def check(book, ctx):
    for goal in goals_in_review(book):
        start = goal.effective_start
        if goal.due and start and (goal.due - start).days > 365 and not goal.steps:
            yield at(goal, "the due date is more than a year after the start and there are no steps on the way",
                     "add 'steps:' with a few milestones, each with a title and a due date", "due")
