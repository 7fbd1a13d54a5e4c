"""GB011: a check-in date looks wrong — after today, before the goal's `start`,
or so far from the goal's other check-ins that it looks like a typo (this says
which date it probably meant). A typo-like date is set aside by the model
(`goalbook.model.plausible`): it isn't counted until it is fixed, so a slip of
the keyboard can't stretch a chart over a year or move a projection."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import at_entry, fmt_date, goals_with_measures

CODE = "GB011"
SEVERITY = WARNING
SUMMARY = "check-in date looks wrong: after today, before the goal's start, or far from its other check-ins"
FIELDS = ("measure",)


def check(book, ctx):
    today = ctx.today
    for goal in goals_with_measures(book, ctx):
        start = goal.start
        for entry in goal.entries:      # tens of thousands in a long book: judge only the odd ones
            day = entry.date
            if entry.set_aside is not None or day > today or (start is not None and day < start):
                yield _judge(goal, entry, today)


def _judge(goal, entry, today):
    day = entry.date
    if entry.set_aside is not None:
        return at_entry(entry, f"{fmt_date(day)} is far from '{goal.id}''s other check-ins: did you mean "
                        f"{fmt_date(entry.set_aside)}? This value isn't counted until the date is fixed",
                        f"change the date to {entry.set_aside.isoformat()} if that's what you meant")
    if day > today:
        return at_entry(entry, f"this check-in for '{goal.id}' is dated {fmt_date(day)}, after today "
                        f"({fmt_date(today)}); it counts from that day on",
                        "if it happened already, correct the date")
    if goal.start is not None and day < goal.start:
        return at_entry(entry, f"this check-in for '{goal.id}' is dated {fmt_date(day)}, before the goal's start "
                        f"({fmt_date(goal.start)})",
                        "correct the date, or move the goal's 'start' earlier if you began before it")
    return None
