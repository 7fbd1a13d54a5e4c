"""R402 Relevant: a value or area not among the declared ones (likely a typo)."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

SETTINGS = """\
values:
  - health
  - family
  - honesty
"""


def test_misspelt_area_suggests_the_default_one(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: physical helth"))
    [d] = found(book, "R402")
    assert where([d]) == [("content/goals/walks.yaml", 2, 7)]
    assert d.severity == "warning"
    assert "'physical helth'" in d.message
    assert d.hint == "did you mean 'physical health'?"
    assert_kind(d)


def test_unknown_area_without_a_close_match_lists_the_declared_ones(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: hobbies"))
    [d] = found(book, "R402")
    assert "areas:" in d.hint and "relationships" in d.hint and "work/school" in d.hint


def test_no_declared_areas_at_all(book):
    book.write("goalbook.yaml", "areas: []\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    [d] = found(book, "R402")
    assert d.hint == "if it is new, add it to 'areas:' in goalbook.yaml"


def test_declared_areas_replace_the_defaults(book):
    book.write("goalbook.yaml", "areas: [body, mind]\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL)            # area: physical health
    [d] = found(book, "R402")
    assert d.line == 2
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: Body"))
    assert found(book, "R402") == []                              # case doesn't matter


def test_misspelt_value_points_at_the_item(book):
    book.write("goalbook.yaml", SETTINGS)
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("values: [health]", "values:\n  - family\n  - helth"))
    [d] = found(book, "R402")
    assert where([d]) == [("content/goals/walks.yaml", 5, 5)]
    assert "'helth'" in d.message
    assert d.hint == "did you mean 'health'?"
    assert_kind(d)


def test_values_in_a_flow_list(book):
    book.write("goalbook.yaml", SETTINGS)
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("values: [health]", "values: [Health, fun]"))
    [d] = found(book, "R402")
    assert (d.line, d.column) == (3, 18)
    assert "'fun'" in d.message


def test_values_are_free_when_none_are_declared(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("values: [health]", "values: [anything, at all]"))
    assert found(book, "R402") == []


def test_declared_value_and_default_area_pass(book):
    book.write("goalbook.yaml", SETTINGS)
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: Work/School"))
    assert found(book, "R402") == []


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: helth")
               + "status: paused\n")
    assert len(found(book, "R402")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("goalbook.yaml", "values: [family]\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: helth")
               + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "R402") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: helth")
               + "review: sometimes\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "R402"}
