"""T502 Time-bound: `due` not after `start` (or, without a start, the first check-in)."""
import pytest

from support import CLEAN_GOAL, TODAY, assert_kind, codes, found, where


def test_due_before_start_is_reported_at_due(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-09-30"))
    [d] = found(book, "T502")
    assert where([d]) == [("content/goals/walks.yaml", 6, 6)]
    assert d.severity == "error"
    assert "30 September 2026" in d.message and "the start (1 October 2026)" in d.message
    assert "due:" in d.hint
    assert_kind(d)


def test_due_on_the_start_day(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-10-01"))
    assert len(found(book, "T502")) == 1


def test_without_start_the_first_checkin_counts(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01\n", "").replace(
        "due: 2027-01-31", "due: 2026-11-10"))
    [d] = found(book, "T502")
    assert "the first check-in (18 November 2026)" in d.message
    assert d.line == 5


def test_day_after_start_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-10-02"))
    assert found(book, "T502") == []


def test_no_start_and_no_checkins_is_not_t502(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01\n", "").split("checkins:")[0])
    assert found(book, "T502") == []


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-09-30")
               + "status: paused\n")
    assert len(found(book, "T502")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-09-30")
               + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "T502") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-09-30")
               + "steps: walk more\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"A304", "GB003", "T502"}


def test_a_check_in_dated_after_today_does_not_become_the_start(book):
    """Only check-ins on or before today are seen: a future one can't make 'due' look early."""
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01\n", "").replace(
        "checkins:\n  - {date: 2026-11-18, value: 1}\n", "checkins:\n  - {date: 2027-05-01, value: 1}\n"))
    assert "T502" not in [d.code for d in book.check(TODAY).diagnostics]
