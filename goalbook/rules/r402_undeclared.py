"""R402 Relevant: a value or area that goalbook.yaml doesn't declare (likely a typo).

Values are only checked when goalbook.yaml declares some; areas are checked
against the declared areas or the four default ones. Comparison ignores case.
"""
from goalbook.diagnostics import WARNING
from goalbook.model.values import closest_declared, is_declared
from goalbook.rules.base import at, goals_in_review

CODE = "R402"
SEVERITY = WARNING
SUMMARY = "Relevant: a value or area not among the declared ones"


def check(book, ctx):
    settings = book.settings
    for goal in goals_in_review(book):
        if goal.area and not _declared(goal.area, settings.areas):
            yield at(goal, f"the area '{goal.area}' is not one of the declared areas",
                     _hint(goal.area, settings.areas, "areas"), "area")
        if not settings.values:
            continue
        for index, value in enumerate(goal.values):
            if not _declared(value, settings.values):
                yield at(goal, f"the value '{value}' is not one of the values in goalbook.yaml",
                         _hint(value, settings.values, "values"), f"values.{index}", "values")


def _declared(name: str, declared) -> bool:
    return is_declared(name, declared)


def _hint(name: str, declared, key: str) -> str:
    original = closest_declared(name, declared)
    if original is not None:
        return f"did you mean '{original}'?"
    if not declared:
        return f"if it is new, add it to '{key}:' in goalbook.yaml"
    return f"if it is new, add it to '{key}:' in goalbook.yaml (now: {', '.join(declared)})"
