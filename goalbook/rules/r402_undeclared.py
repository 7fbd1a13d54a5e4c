"""R402 Relevant: a value or area that goalbook.yaml doesn't declare (likely a typo).

Values are only checked when goalbook.yaml declares some; areas are checked
against the declared areas or the four default ones. Comparison ignores case.
"""
from goalbook.diagnostics import WARNING, Fix
from goalbook.model.values import closest_declared, is_declared
from goalbook.rules.base import at, goals_in_review

CODE = "R402"
SEVERITY = WARNING
SUMMARY = "Relevant: a value or area not among the declared ones"
FIELDS = ('values', 'area')   # read by this rule; a format error in one of them keeps it quiet


def check(book, ctx):
    settings = book.settings
    for goal in goals_in_review(book, ctx):
        if goal.area and not _declared(goal.area, settings.areas):
            hint, fix = _suggestion(goal.area, settings.areas, "areas")
            yield at(goal, f"the area '{goal.area}' is not one of the declared areas", hint, "area", fix=fix)
        if not settings.values:
            continue
        for index, value in enumerate(goal.values):
            if not _declared(value, settings.values):
                hint, fix = _suggestion(value, settings.values, "values")
                yield at(goal, f"the value '{value}' is not one of the values in goalbook.yaml",
                         hint, f"values.{index}", "values", fix=fix)


def _declared(name: str, declared) -> bool:
    return is_declared(name, declared)


def _suggestion(name: str, declared, key: str) -> tuple[str, Fix | None]:
    """The hint, and the quick fix when one declared name is close."""
    original = closest_declared(name, declared)
    if original is not None:
        return f"did you mean '{original}'?", Fix.replace(name, original)
    if not declared:
        return f"if it is new, add it to '{key}:' in goalbook.yaml", None
    return f"if it is new, add it to '{key}:' in goalbook.yaml (now: {', '.join(declared)})", None
