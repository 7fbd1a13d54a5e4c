"""GB012: values recorded for a goal that is dropped (likely the wrong goal id)."""
from support import CLEAN_GOAL, assert_kind, codes, found

DROPPED = CLEAN_GOAL + "status: dropped\nreflection: Not now.\n"


def test_a_checkin_for_a_dropped_goal_is_said_once_per_file(book):
    book.write("content/goals/old.yaml", DROPPED)
    book.write("content/checkins/a.yaml", "- {date: 2026-11-20, goal: old, value: 1}\n"
                                          "- {date: 2026-11-21, goal: old, value: 1}\n")
    [d] = found(book, "GB012")
    assert (d.path, d.line, d.severity) == ("content/checkins/a.yaml", 1, "warning")
    assert "'old' is set aside" in d.message and "status: active" in d.hint
    assert_kind(d)


def test_the_goals_own_history_is_quiet(book):
    book.write("content/goals/old.yaml", DROPPED)
    assert "GB012" not in codes(book)


def test_an_active_goal_is_quiet(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/a.yaml", "date: 2026-11-20\nprogress: {walks: 1}\n")
    assert "GB012" not in codes(book)


def test_values_from_before_it_was_set_aside_are_its_history(book):
    book.write("content/goals/old.yaml", DROPPED)
    book.write("content/checkins/sep.yaml", "- {date: 2026-09-20, goal: old, value: 1}\n")
    assert "GB012" not in codes(book)


def test_values_before_the_revision_that_set_it_aside_are_quiet(book):
    book.write("content/goals/old.yaml", DROPPED + "revisions:\n  - {date: 2026-11-21, change: dropped, why: not now}\n")
    book.write("content/checkins/a.yaml", "- {date: 2026-11-20, goal: old, value: 1}\n")
    assert "GB012" not in codes(book)
