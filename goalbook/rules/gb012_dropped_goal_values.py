"""GB012: values recorded for a goal that is `dropped` — most often a check-in
that meant another goal (a copied line, a similar id). Values written inside
the goal's own file are its history and stay quiet; this looks at check-in
files, once per file."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at_entry

CODE = "GB012"
SEVERITY = WARNING
SUMMARY = "values recorded for a goal that is dropped (likely the wrong goal id)"
FIELDS = ("status",)


def check(book, ctx):
    for goal in book.goals.values():
        if goal.status != "dropped" or "status" in goal.invalid:
            continue
        seen: set[str] = set()
        for entry in goal.entries:
            if entry.source == goal.source or entry.source in seen:
                continue
            seen.add(entry.source)
            yield at_entry(entry, f"'{goal.id}' is set aside (dropped), yet this check-in records a value for it",
                           "if it belongs to another goal, use that goal's id; if the goal is back, "
                           "set its 'status: active'")
