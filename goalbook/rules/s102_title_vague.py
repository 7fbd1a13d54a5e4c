"""S102 Specific: a title should name an action, not only a wish.

The judgement itself lives in `goalbook.rules.vagueness` (word lists and a
little grammar); this module only applies it to goals.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at, goals_in_review
from goalbook.rules.vagueness import vague_reason

CODE = "S102"
SEVERITY = WARNING
SUMMARY = "Specific: the title is vague (fewer than 4 words, or a wish without an action)"
FIELDS = ('title',)   # read by this rule; a format error in one of them keeps it quiet
HINT = "break it into a concrete action: what you will do, how much and how often"


def check(book, ctx):
    for goal in goals_in_review(book, ctx):
        if goal.title and goal.title.strip():
            reason = vague_reason(goal.title)
            if reason:
                yield at(goal, f"the title could be more specific: {reason}", HINT, "title")
