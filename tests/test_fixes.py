"""Each "did you mean" and each simple addition comes with a structured `Fix` on its
`Diagnostic` (for editors' quick fixes), not only in the hint's words."""
from __future__ import annotations

from conftest import GOOD_GOAL

from goalbook.diagnostics import Fix

GOAL = "content/goals/evening-walks.yaml"


def fixes(book) -> dict[str, list[Fix | None]]:
    found: dict[str, list] = {}
    for d in book.check().diagnostics:
        found.setdefault(d.code, []).append(d.fix)
    return found


def test_unknown_field_and_choice_suggestions(book):
    book.write(GOAL, GOOD_GOAL.replace("title:", "Titel:") + "status: activ\nreveiw: weekly\nzzz: 1\n")
    found = fixes(book)
    assert sorted(found["GB002"], key=str) == sorted([Fix.replace("Titel", "title"), Fix.replace("reveiw", "review"), None], key=str)
    assert found["GB003"] == [Fix.replace("activ", "active")]


def test_unknown_goal_suggestion(book):
    book.write(GOAL, GOOD_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {evening-walk: 3, xyz: 1}\n")
    assert fixes(book)["GB006"] == [Fix.replace("evening-walk", "evening-walks"), None]


def test_undeclared_value_and_area_suggestions(book):
    book.write("goalbook.yaml", "values: [health, calm]\nareas: [physical health, work]\n")
    book.write(GOAL, GOOD_GOAL.replace("values: [health]", "values: [helth, zebra]").replace(
        "area: physical health", "area: physical healt"))
    assert sorted(fixes(book)["R402"], key=str) == sorted(
        [Fix.replace("helth", "health"), None, Fix.replace("physical healt", "physical health")], key=str)


def test_settings_suggestions(book):
    book.write(GOAL, GOOD_GOAL)
    book.write("goalbook.yaml", "titel: x\nrules: {M2044: off}\n")
    assert sorted(fixes(book)["GB008"], key=str) == sorted([Fix.replace("titel", "title"), Fix.replace("M2044", "M204")], key=str)


def test_missing_baseline_and_unit_offer_the_field(book):
    book.write(GOAL, GOOD_GOAL.replace("  baseline: 0\n", "").replace("  unit: walks\n", ""))
    found = fixes(book)
    assert found["M202"] == [Fix.add_field("baseline")]
    assert found["M204"] == [Fix.add_field("unit")]


def test_an_empty_field_already_there_is_not_added_twice(book):
    book.write(GOAL, GOOD_GOAL.replace("  baseline: 0\n", "  baseline:\n").replace("  unit: walks\n", "  unit: ''\n"))
    found = fixes(book)
    assert found["M202"] == [None]
    assert found["M204"] == [None]
