"""GB012: values recorded for a goal that is `dropped` — most often a check-in
that meant another goal (a copied line, a similar id).

A dropped goal's values from before it was set aside are its history. goalbook
doesn't know the day it was dropped, so it looks at what can't be history: a
value in a check-in file (not in the goal's own file) dated within the goal's
review window before today (twice its `review` period, as T504 counts) and
after its latest revision. Said once per check-in file."""
from datetime import timedelta

from goalbook.diagnostics import WARNING
from goalbook.model.entities import REVIEW_DAYS
from goalbook.rules.base import at_entry

CODE = "GB012"
SEVERITY = WARNING
SUMMARY = "values recorded for a goal that is dropped (likely the wrong goal id)"
FIELDS = ("status",)


def check(book, ctx):
    for goal in book.goals.values():
        if goal.status != "dropped" or "status" in goal.invalid:
            continue
        since = ctx.today - timedelta(days=2 * REVIEW_DAYS[goal.review])
        if goal.revisions:
            since = max(since, goal.revisions[-1].date)
        seen: set[str] = set()
        for entry in goal.entries:
            if entry.source == goal.source or entry.source in seen or not since < entry.date <= ctx.today:
                continue
            seen.add(entry.source)
            yield at_entry(entry, f"'{goal.id}' is set aside (dropped), yet this check-in records a value for it",
                           "if it belongs to another goal, use that goal's id; if the goal is back, "
                           "set its 'status: active'")
