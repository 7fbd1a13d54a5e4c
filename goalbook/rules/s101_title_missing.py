"""S101 Specific: every goal needs a title, the goal in one sentence."""
from goalbook.diagnostics import ERROR
from goalbook.rules.base import at, goals_in_review

CODE = "S101"
SEVERITY = ERROR
SUMMARY = "Specific: the goal has no title"
FIELDS = ('title',)   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if not (goal.title or "").strip():
            yield at(goal, "this goal has no title yet",
                     "add 'title:' with the goal in one sentence: an action, what and how often", "title", "")
