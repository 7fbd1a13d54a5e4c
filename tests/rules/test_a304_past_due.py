"""A304 Achievable: an active goal is past `due` and not reached."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

PAST = CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-11-15")


def test_past_due_and_not_reached(book):
    book.write("content/goals/walks.yaml", PAST)
    [d] = found(book, "A304")
    assert where([d]) == [("content/goals/walks.yaml", 6, 6)]
    assert d.severity == "warning"
    assert "15 November 2026" in d.message and "not reached" in d.message
    for word in ("revise", "reflection", "achieved", "dropped"):
        assert word in d.hint
    assert_kind(d)


def test_past_due_without_any_data(book):
    book.write("content/goals/walks.yaml", PAST.split("checkins:")[0])
    assert len(found(book, "A304")) == 1


def test_due_today_is_not_past(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-11-22"))
    assert found(book, "A304") == []


def test_reached_target_is_not_reported(book):
    book.write("content/goals/walks.yaml", PAST.replace(
        "  - {date: 2026-11-18, value: 1}\n",
        "  - {date: 2026-11-09, value: 1}\n  - {date: 2026-11-11, value: 1}\n  - {date: 2026-11-13, value: 1}\n"))
    assert found(book, "A304") == []


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped"])
def test_only_active_goals(book, status):
    book.write("content/goals/walks.yaml", PAST + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "A304") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", PAST + "private: maybe\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"A304", "GB003"}
