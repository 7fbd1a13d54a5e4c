"""GB010: yes/no given for a reading that isn't yes/no — a level measure (no
`per`) whose range isn't 0–1, e.g. `yes` on a 0–10 rating. goalbook counts yes
as 1 and no as 0, which on such a scale reads as a sudden dip; this says so
where it happened instead of letting the chart mislead."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at_entry, goals_with_measures
from goalbook.vocabulary import num

CODE = "GB010"
SEVERITY = WARNING
SUMMARY = "yes/no given for a reading that isn't yes/no (a rating whose range is not 0–1)"
FIELDS = ("measure",)


def check(book, ctx):
    for goal in goals_with_measures(book, ctx):
        m = goal.measure
        if m.per is not None or _is_yes_no_range(m):
            continue
        for entry in goal.entries:
            if entry.yes_no:
                yield at_entry(entry, f"'{goal.id}' is a rating ({_range(m)}), but this value is written "
                                    f"as yes/no, which counts as {num(entry.value)}",
                                    "write the rating as a number; yes/no fits a habit counted per day or week")


def _is_yes_no_range(m) -> bool:
    return (m.min in (None, 0)) and m.max == 1


def _range(m) -> str:
    if m.min is None and m.max is None:
        return "a number"
    return f"{num(m.min) if m.min is not None else '…'} to {num(m.max) if m.max is not None else '…'}"

