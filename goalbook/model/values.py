"""Values and life areas: which goals serve each, and which have none (values.html).

Declared values come from goalbook.yaml's `values:`; declared areas from its
`areas:` (default: the four areas of SPEC section 5). Names compare without
regard to case or surrounding spaces, as R402 compares them. A name a goal
uses that isn't declared is listed apart, never as a declared row of its own,
with the declared name it most likely means (R402's suggestion).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

__all__ = ["fold", "is_declared", "closest_declared", "ServedBy", "ValuesMap", "values_map"]

SUGGEST_CUTOFF = 0.6


def fold(name: str) -> str:
    return str(name).strip().lower()


def is_declared(name: str, declared) -> bool:
    return fold(name) in {fold(d) for d in declared}


def closest_declared(name: str, declared) -> str | None:
    """The declared name `name` most likely means (a typo's fix), as written in goalbook.yaml."""
    close = difflib.get_close_matches(fold(name), [fold(d) for d in declared], n=1, cutoff=SUGGEST_CUTOFF)
    return next(d for d in declared if fold(d) == close[0]) if close else None


@dataclass
class ServedBy:
    """One value or area and the goals that name it (active goals first)."""
    name: str
    declared: bool
    goals: list = field(default_factory=list)        # GoalViews, display order
    suggestion: str | None = None                     # undeclared: the declared name it may mean

    @property
    def active(self) -> list:
        return [g for g in self.goals if g.is_active]


@dataclass
class ValuesMap:
    values: list[ServedBy]          # declared values, in goalbook.yaml's order
    areas: list[ServedBy]           # declared areas, in order
    undeclared_values: list[ServedBy]
    undeclared_areas: list[ServedBy]
    values_declared: bool           # goalbook.yaml lists values (else none are checked)
    without_value: list             # goals that name no value
    without_area: list              # goals with no area


def values_map(goals: list, declared_values: list[str], declared_areas: list[str]) -> ValuesMap:
    """`goals`: GoalViews in display order (the site shows private ones too)."""
    def named(view, kind: str) -> list[str]:
        return list(view.goal.values) if kind == "values" else ([view.goal.area] if view.goal.area else [])

    def table(kind: str, declared: list[str], check: bool):
        rows = {fold(d): ServedBy(d, True) for d in declared}
        others: dict[str, ServedBy] = {}
        for view in goals:
            for name in named(view, kind):
                key = fold(name)
                if not key:
                    continue
                if key in rows:
                    row = rows[key]
                elif not check:
                    row = others.setdefault(key, ServedBy(name.strip(), True))
                else:
                    row = others.setdefault(key, ServedBy(name.strip(), False,
                                                          suggestion=closest_declared(name, declared)))
                if view not in row.goals:
                    row.goals.append(view)
        for row in [*rows.values(), *others.values()]:
            row.goals.sort(key=lambda v: not v.is_active)      # stable: display order within
        return list(rows.values()), sorted(others.values(), key=lambda r: fold(r.name))

    values, odd_values = table("values", declared_values, bool(declared_values))
    areas, odd_areas = table("areas", declared_areas, True)
    if not declared_values:             # nothing declared: the names goals use are the list
        values, odd_values = odd_values, []
    return ValuesMap(values, areas, odd_values, odd_areas, bool(declared_values),
                     [v for v in goals if not v.goal.values], [v for v in goals if not v.goal.area])
