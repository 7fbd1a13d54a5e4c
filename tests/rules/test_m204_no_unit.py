"""M204 Measurable: a measure without a unit."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

NO_UNIT = CLEAN_GOAL.replace("  unit: walks\n", "")


def test_measure_without_unit_points_at_the_measure(book):
    book.write("content/goals/walks.yaml", NO_UNIT)
    [d] = found(book, "M204")
    assert where([d]) == [("content/goals/walks.yaml", 8, 3)]
    assert d.severity == "warning"
    assert "unit" in d.message
    assert "unit:" in d.hint
    assert_kind(d)


@pytest.mark.parametrize("unit", ["unit:", "unit: ''"])
def test_empty_unit(book, unit):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("unit: walks", unit))
    assert [d.line for d in found(book, "M204")] == [8]


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", NO_UNIT + "status: paused\n")
    assert len(found(book, "M204")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", NO_UNIT + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "M204") == []


def test_unit_given_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert found(book, "M204") == []


def test_no_measure_is_m201_only(book):
    book.write("content/goals/walks.yaml", "title: Walk for 30 minutes on three evenings a week\n"
               "why: It helps.\nstart: 2026-10-01\ndue: 2027-01-31\n")
    assert "M204" not in codes(book)


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", NO_UNIT + "effort: lots\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "M204"}
