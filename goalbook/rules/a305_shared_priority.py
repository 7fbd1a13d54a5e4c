"""A305 Achievable: two or more active goals share the same `priority`.
Prioritising means choosing: with two goals at 1, neither is first. Said at
each goal after the first of a shared priority (by id), naming the others."""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at

CODE = "A305"
SEVERITY = WARNING
SUMMARY = "Achievable: two or more active goals share the same priority"
FIELDS = ("priority", "status")


def check(book, ctx):
    by_priority: dict[int, list] = {}
    for goal in active_goals(book, ctx):
        if goal.priority is not None:
            by_priority.setdefault(goal.priority, []).append(goal)
    for priority, goals in sorted(by_priority.items()):
        goals.sort(key=lambda g: g.id)
        for goal in goals[1:]:
            others = ", ".join(f"'{g.id}'" for g in goals if g is not goal)
            yield at(goal, f"priority {priority} is shared with {others}; prioritising means choosing one first",
                     "give each active goal its own priority (1 = most important now)", "priority")
