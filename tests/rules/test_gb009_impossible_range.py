"""GB009: a measure's range is impossible (min above max, or a reading's baseline or
target outside min–max)."""
import pytest

from support import RATING_GOAL, CLEAN_GOAL, assert_kind, codes, found, run_check, where

RATING = RATING_GOAL


def test_min_above_max_is_one_error_at_min(book):
    book.write("content/goals/calm.yaml", RATING.replace("min: 0", "min: 10").replace("max: 10", "max: 0"))
    [d] = found(book, "GB009")
    assert where([d]) == [("content/goals/calm.yaml", 10, 8)] and d.severity == "error"
    assert "min (10) is above its max (0)" in d.message
    assert "GB007" not in codes(book)           # the values aren't each blamed for the range
    assert_kind(d)


@pytest.mark.parametrize("field, line, value", [("target", 9, "12"), ("baseline", 8, "-1")])
def test_a_reading_outside_its_range(book, field, line, value):
    original = {"target": "target: 7", "baseline": "baseline: 3"}[field]
    book.write("content/goals/calm.yaml", RATING.replace(original, f"{field}: {value}"))
    [d] = found(book, "GB009")
    assert (d.line, d.column) == (line, 3 + len(field) + 2)
    assert f"the {field} ({value})" in d.message and "0 to 10" in d.message


def test_a_total_may_have_a_target_above_one_values_max(book):
    """For a total, min/max bound one value; the target is a week's sum (3 walks, each 0–1)."""
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("  min: 0\n", "  min: 0\n  max: 1\n"))
    assert "GB009" not in codes(book)


def test_an_impossible_range_stops_the_build_with_exit_1(book):
    book.write("content/goals/calm.yaml", RATING.replace("min: 0", "min: 10").replace("max: 10", "max: 0"))
    result = run_check(book.root)
    assert result.exit_code == 1 and "GB009" in result.output
