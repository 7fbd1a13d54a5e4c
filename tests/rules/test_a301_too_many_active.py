"""A301 Achievable: more active goals than limits.active_goals (default 5)."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where


def write_goals(book, count, status="active", start=0):
    for i in range(start, start + count):
        book.write(f"content/goals/goal-{i}.yaml", CLEAN_GOAL + f"status: {status}\npriority: {i + 1}\n")


def test_sixth_active_goal_is_reported_at_its_status(book):
    write_goals(book, 6)
    [d] = found(book, "A301")
    assert where([d]) == [("content/goals/goal-5.yaml", 16, 9)]
    assert d.severity == "warning"
    assert "6 active goals" in d.message and "5" in d.message
    assert "paused" in d.hint and "limits.active_goals" in d.hint
    assert_kind(d)


def test_five_active_goals_are_fine(book):
    write_goals(book, 5)
    assert found(book, "A301") == []


def test_configured_limit_and_priority_order(book):
    book.write("goalbook.yaml", "limits:\n  active_goals: 2\n")
    # written out of order; priority decides which goals are "beyond" the limit
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 3\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/c.yaml", CLEAN_GOAL)                      # no priority: last
    book.write("content/goals/d.yaml", CLEAN_GOAL + "priority: 2\n")
    found_ = found(book, "A301")
    assert [d.path for d in found_] == ["content/goals/a.yaml", "content/goals/c.yaml"]
    assert [(d.line, d.column) for d in found_] == [(16, 11), (1, 1)]   # priority, else the top
    assert all("4 active goals" in d.message and "2" in d.message for d in found_)


def test_goal_without_status_line_defaults_to_active(book):
    book.write("goalbook.yaml", "limits: {active_goals: 1}\n")
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 2\n")
    assert [(d.path, d.line) for d in found(book, "A301")] == [("content/goals/b.yaml", 16)]


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped"])
def test_only_active_goals_count(book, status):
    write_goals(book, 5)
    write_goals(book, 3, status=status, start=5)
    assert found(book, "A301") == []


def test_paused_goal_is_not_the_one_reported(book):
    book.write("goalbook.yaml", "limits: {active_goals: 1}\n")
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 2\nstatus: paused\n")
    assert found(book, "A301") == []


def test_an_unrelated_format_error_does_not_hide_a301(book):
    book.write("goalbook.yaml", "limits: {active_goals: 1}\n")
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 2\ncolour: blue\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"A301", "GB002"}
