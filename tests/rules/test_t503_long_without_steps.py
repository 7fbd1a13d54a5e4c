"""T503 Time-bound: `due` more than a year after `start` and no `steps`."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

LONG = CLEAN_GOAL.replace("due: 2027-01-31", "due: 2027-12-31")


def test_long_goal_without_steps_is_reported_at_due(book):
    book.write("content/goals/walks.yaml", LONG)
    [d] = found(book, "T503")
    assert where([d]) == [("content/goals/walks.yaml", 6, 6)]
    assert d.severity == "warning"
    assert "more than a year" in d.message
    assert "steps:" in d.hint
    assert_kind(d)


@pytest.mark.parametrize("start,due,reported", [
    ("2026-10-01", "2027-10-01", False),      # exactly a year
    ("2026-10-01", "2027-10-02", True),       # a year and a day
    ("2027-03-01", "2028-03-01", False),      # a year across 29 February: 366 days, still a year
    ("2028-02-29", "2029-02-28", False),      # from a leap day
    ("2028-02-29", "2029-03-01", True),
])
def test_a_calendar_year(book, start, due, reported):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01", f"start: {start}")
               .replace("due: 2027-01-31", f"due: {due}"))
    assert len(found(book, "T503")) == reported


def test_without_start_the_first_checkin_counts(book):
    book.write("content/goals/walks.yaml", LONG.replace("start: 2026-10-01\n", "").replace(
        "due: 2027-12-31", "due: 2027-11-19"))
    [d] = found(book, "T503")
    assert d.line == 5


def test_steps_make_it_fine(book):
    book.write("content/goals/walks.yaml", LONG + "steps:\n  - title: Walk once a week\n    due: 2027-02-01\n")
    assert found(book, "T503") == []


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", LONG + "status: paused\n")
    assert len(found(book, "T503")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", LONG + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "T503") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", LONG + "steps:\n  - due: 2027-02-01\n")   # step without title
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "T503"}
