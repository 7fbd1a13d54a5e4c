"""M201 Measurable: no measure, or a measure without a target."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

NO_MEASURE = """\
title: Walk for 30 minutes on three evenings a week
why: Walking clears my head.
start: 2026-10-01
due: 2027-01-31
"""

NO_TARGET = """\
title: Walk for 30 minutes on three evenings a week
why: Walking clears my head.
start: 2026-10-01
due: 2027-01-31
measure:
  unit: walks
  per: week
  baseline: 0
"""


def test_goal_without_measure(book):
    book.write("content/goals/walks.yaml", NO_MEASURE)
    [d] = found(book, "M201")
    assert where([d]) == [("content/goals/walks.yaml", 1, 1)]
    assert d.severity == "error"
    assert "no measure" in d.message
    assert "measure:" in d.hint and "target" in d.hint
    assert_kind(d)


def test_measure_without_target_points_at_the_measure(book):
    book.write("content/goals/walks.yaml", NO_TARGET)
    [d] = found(book, "M201")
    assert (d.line, d.column) == (6, 3)       # first key under measure:
    assert "no target" in d.message
    assert "target:" in d.hint
    assert_kind(d)


def test_empty_measure_has_no_target(book):
    book.write("content/goals/walks.yaml", NO_MEASURE + "measure: {}\n")
    [d] = found(book, "M201")
    assert (d.line, d.column) == (5, 10)


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", NO_MEASURE + "status: paused\n")
    assert len(found(book, "M201")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", NO_MEASURE + f"status: {status}\nreflection: It helped.\n")
    assert found(book, "M201") == []


def test_measure_with_target_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert found(book, "M201") == []


def test_an_unreadable_target_is_gb003_not_also_m201(book):
    book.write("content/goals/walks.yaml", NO_TARGET + "  target: three\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "T504"}


def test_empty_measure_line_is_where_the_measure_belongs(book):
    book.write("content/goals/walks.yaml", NO_MEASURE + "measure:\n")
    [d] = found(book, "M201")
    assert (d.line, d.column) == (5, 1)
    assert "no measure" in d.message
