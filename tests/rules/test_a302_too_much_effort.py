"""A302 Achievable: active goals' effort adds up to more than limits.weekly_minutes (default 600)."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where


def test_too_many_minutes_reported_once_on_the_lowest_priority_goal(book):
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 1\neffort: 300\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 3\neffort: 200\n")
    book.write("content/goals/c.yaml", CLEAN_GOAL + "priority: 2\neffort: 150\n")
    book.write("content/goals/d.yaml", CLEAN_GOAL + "priority: 4\n")          # no effort
    [d] = found(book, "A302")
    assert where([d]) == [("content/goals/b.yaml", 17, 9)]
    assert d.severity == "warning"
    assert "650 minutes a week" in d.message and "600" in d.message
    assert "limits.weekly_minutes" in d.hint
    assert_kind(d)


def test_exactly_the_limit_is_fine(book):
    book.write("content/goals/a.yaml", CLEAN_GOAL + "effort: 400\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "effort: 200\n")
    assert found(book, "A302") == []


def test_configured_limit(book):
    book.write("goalbook.yaml", "limits:\n  weekly_minutes: 90\n")
    book.write("content/goals/a.yaml", CLEAN_GOAL + "effort: 92.5\n")
    [d] = found(book, "A302")
    assert "92.5 minutes" in d.message and "90" in d.message
    assert d.line == 16


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped"])
def test_only_active_goals_count(book, status):
    book.write("content/goals/a.yaml", CLEAN_GOAL + "effort: 500\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + f"effort: 500\nstatus: {status}\nreflection: Fine.\n")
    assert found(book, "A302") == []


def test_an_unrelated_format_error_does_not_hide_a302(book):
    book.write("content/goals/a.yaml", CLEAN_GOAL + "effort: 500\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "effort: 500\nweight: 0\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"A302", "GB003"}
