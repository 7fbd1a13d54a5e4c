"""R401 Relevant: a goal says why it matters, in `why` or through `values`."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at, goals_in_review

CODE = "R401"
SEVERITY = WARNING
SUMMARY = "Relevant: neither why nor values given"
FIELDS = ('why', 'values')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if not (goal.why or "").strip() and not goal.values:
            yield at(goal, "this goal doesn't say yet why it matters to you",
                     "add 'why:' in your own words, or 'values:' with the values it serves", "title", "")
