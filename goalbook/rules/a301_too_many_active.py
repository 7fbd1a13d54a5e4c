"""A301 Achievable: more active goals than `limits.active_goals`.

Reported on the active goals beyond the limit, taken in priority order (goals
without a priority come last), so the suggestion lands where pausing would help.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at

CODE = "A301"
SEVERITY = WARNING
SUMMARY = "Achievable: more active goals than limits.active_goals"
FIELDS = ('status',)   # read by this rule; a format error in one of them keeps it quiet


def by_priority(goals):
    return sorted(goals, key=lambda g: (g.priority is None, g.priority or 0, g.id))


def check(book, ctx):
    limit = book.settings.active_goals_limit
    goals = by_priority(g for g in book.goals.values() if g.status == "active")
    if len(goals) <= limit:
        return
    checked = {g.id for g in active_goals(book, ctx)}
    for goal in goals[limit:]:
        if goal.id in checked:
            yield at(goal, f"there are {len(goals)} active goals, more than the {limit} that tend to be manageable at once",
                     "consider 'status: paused' for this one for now, or raise limits.active_goals in goalbook.yaml",
                     "status", "priority", "")
