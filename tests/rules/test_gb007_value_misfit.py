"""GB007: a value that does not fit the measure (or the questionnaire, or the scale)."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

ANXIETY = """\
title: Rate my anxiety each evening and bring it down to 3 by the new year
why: I want to enjoy evenings again.
start: 2026-10-01
due: 2027-01-31
measure:
  what: anxiety, 0-10
  unit: points
  baseline: 8
  target: 3
  min: 0
  max: 10
"""


def checkin(book, body, name="2026-11-20.yaml"):
    book.write(f"content/checkins/{name}", "date: 2026-11-20\n" + body)


def test_value_above_max(book):
    book.write("content/goals/anxiety.yaml", ANXIETY)
    checkin(book, "progress:\n  anxiety: 11\n")
    [d] = found(book, "GB007")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 3, 12)]
    assert d.severity == "error"
    assert d.message == "11 is above the largest value 10 that 'anxiety' allows"
    assert d.hint == "values for this goal go from 0 to 10 points"
    assert_kind(d)


def test_value_below_min_in_an_inline_checkin(book):
    book.write("content/goals/anxiety.yaml", ANXIETY + "checkins:\n  - {date: 2026-11-20, value: -1}\n")
    [d] = found(book, "GB007")
    assert where([d]) == [("content/goals/anxiety.yaml", 13, 31)]
    assert "below the smallest value 0" in d.message


def test_values_at_the_limits_fit(book):
    book.write("content/goals/anxiety.yaml", ANXIETY)
    checkin(book, "progress: {anxiety: 10}\n", "a.yaml")
    checkin(book, "progress: {anxiety: 0}\n", "b.yaml")
    assert found(book, "GB007") == []


def test_misfit_value_is_not_counted(book):
    book.write("content/goals/anxiety.yaml", ANXIETY)
    checkin(book, "progress: {anxiety: 11}\n")
    assert book.check().book.goals["anxiety"].entries == []


@pytest.mark.parametrize("value", ["maybe", "'3'", "3 walks", "[1, 2]"])
def test_not_a_number_or_yes_no(book, value):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    checkin(book, f"goal: walks\nvalue: {value}\n")
    [d] = found(book, "GB007" if value != "[1, 2]" else "GB003")
    assert (d.line, d.column) == (3, 8)
    if value == "maybe":
        assert d.message == "'value' should be a number or yes/no, not \"maybe\""
        assert_kind(d)


@pytest.mark.parametrize("value,counted", [("yes", 1), ("no", 0), ("true", 1), ("false", 0), ("2.5", 2.5)])
def test_numbers_and_yes_no_fit(book, value, counted):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    checkin(book, f"progress: {{walks: {value}}}\n")
    result = book.check()
    assert result.diagnostics == []
    assert [e.value for e in result.book.goals["walks"].entries if e.date.day == 20] == [counted]


def test_phq9_total_of_28(book):
    checkin(book, "measures:\n  phq9: 28\n")
    [d] = found(book, "GB007")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 3, 9)]
    assert "0 to 27" in d.message and "28" in d.message
    assert "9 items" in d.hint
    assert_kind(d)


@pytest.mark.parametrize("name,total", [("phq9", 27), ("phq9", 0), ("gad7", 21)])
def test_totals_in_range(book, name, total):
    checkin(book, f"measures: {{{name}: {total}}}\n")
    assert codes(book) == set()


def test_gad7_total_of_22(book):
    checkin(book, "measures: {gad7: 22}\n")
    [d] = found(book, "GB007")
    assert "0 to 21" in d.message


def test_an_item_of_4_points_at_the_item(book):
    checkin(book, "measures:\n  phq9:\n    - 1\n    - 2\n    - 4\n    - 0\n    - 0\n    - 0\n    - 1\n    - 1\n    - 0\n")
    [d] = found(book, "GB007")
    assert (d.line, d.column) == (6, 7)
    assert "item 3 is 4" in d.message
    assert_kind(d)


def test_an_item_of_4_in_a_flow_list(book):
    checkin(book, "measures: {gad7: [0, 1, 2, 3, 4, 0, 0]}\n")
    [d] = found(book, "GB007")
    assert (d.line, d.column) == (2, 31)


def test_wrong_number_of_items(book):
    checkin(book, "measures: {phq9: [1, 1, 1, 1, 1, 1, 1, 1]}\n")
    [d] = found(book, "GB007")
    assert (d.line, d.column) == (2, 18)
    assert "9 items, but 8 were given" in d.message


def test_level_for_a_goal_without_a_scale(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    checkin(book, "levels:\n  walks: 1\n")
    [d] = found(book, "GB007")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 3, 3)]
    assert "'walks' has no scale" in d.message
    assert "scale:" in d.hint
    assert_kind(d)


def test_level_for_a_goal_with_a_scale(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "scale:\n  0: {text: Two walks a week}\n")
    checkin(book, "levels:\n  walks: 1\n")
    assert codes(book) == set()
