"""T501 Time-bound: no `due` date."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

NO_DUE = CLEAN_GOAL.replace("due: 2027-01-31\n", "")


def test_no_due_is_reported_at_the_title(book):
    book.write("content/goals/walks.yaml", NO_DUE)
    [d] = found(book, "T501")
    assert where([d]) == [("content/goals/walks.yaml", 1, 8)]
    assert d.severity == "error"
    assert "no due date" in d.message
    assert "due: YYYY-MM-DD" in d.hint
    assert_kind(d)


def test_empty_due_counts_as_missing(book):
    book.write("content/goals/walks.yaml", NO_DUE + "due:\n")
    assert len(found(book, "T501")) == 1


def test_markdown_goal_without_title_points_at_the_front_matter(book):
    book.write("content/goals/walks.md", "---\n" + NO_DUE.replace(
        "title: Walk for 30 minutes on three evenings a week\n", "") + "---\n")
    [d] = found(book, "T501")
    assert (d.line, d.column) == (2, 1)


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", NO_DUE + "status: paused\n")
    assert len(found(book, "T501")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", NO_DUE + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "T501") == []


def test_due_given_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert found(book, "T501") == []


def test_unreadable_due_is_gb003_only(book):
    book.write("content/goals/walks.yaml", NO_DUE + "due: end of January\n")
    assert codes(book) == {"GB003"}
