"""M203 Measurable: the target equals the baseline."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

SAME = CLEAN_GOAL.replace("  target: 3\n", "  target: 0\n")   # baseline: 0 on line 11


def test_target_equal_to_baseline_is_reported_at_the_target(book):
    book.write("content/goals/walks.yaml", SAME)
    [d] = found(book, "M203")
    assert where([d]) == [("content/goals/walks.yaml", 12, 11)]
    assert d.severity == "error"
    assert "both 0" in d.message
    assert "target" in d.hint
    assert_kind(d)


def test_equal_as_numbers_though_written_differently(book):
    book.write("content/goals/sleep.yaml", CLEAN_GOAL.replace("  baseline: 0\n  target: 3\n",
                                                              "  baseline: 7.5\n  target: 7.50\n"))
    [d] = found(book, "M203")
    assert "7.5" in d.message and d.line == 12


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", SAME + "status: paused\n")
    assert len(found(book, "M203")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", SAME + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "M203") == []


@pytest.mark.parametrize("baseline,target", [("0", "3"), ("5", "2"), ("-1", "1")])
def test_different_target_passes(book, baseline, target):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace(
        "  baseline: 0\n  target: 3\n", f"  baseline: {baseline}\n  target: {target}\n").replace("  min: 0\n", ""))
    assert found(book, "M203") == []


def test_missing_baseline_is_not_m203(book):
    book.write("content/goals/walks.yaml", SAME.replace("  baseline: 0\n", ""))
    assert found(book, "M203") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", SAME + "priority: first\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "M203"}
