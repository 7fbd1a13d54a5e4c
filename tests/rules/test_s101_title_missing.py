"""S101 Specific: a goal needs a title."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

UNTITLED = """\
area: physical health
why: Walking clears my head.
due: 2027-01-31
measure: {unit: walks, per: week, baseline: 0, target: 3}
"""


def test_goal_without_title_is_reported_at_the_top_of_the_file(book):
    book.write("content/goals/walks.yaml", UNTITLED)
    [d] = found(book, "S101")
    assert where([d]) == [("content/goals/walks.yaml", 1, 1)]
    assert d.severity == "error"
    assert "title" in d.message
    assert "title:" in d.hint
    assert_kind(d)


def test_markdown_goal_without_title_points_into_the_front_matter(book):
    book.write("content/goals/walks.md", "---\n" + UNTITLED + "---\nSome notes.\n")
    [d] = found(book, "S101")
    assert (d.line, d.column) == (2, 1)


@pytest.mark.parametrize("line", ["title:", "title: ''", 'title: "   "'])
def test_empty_title_is_reported_on_its_line(book, line):
    book.write("content/goals/walks.yaml", "why: Walking clears my head.\n" + line + "\n")
    [d] = found(book, "S101")
    assert d.line == 2


def test_paused_goal_without_title_is_reported(book):
    book.write("content/goals/walks.yaml", UNTITLED + "status: paused\n")
    assert [d.line for d in found(book, "S101")] == [1]


def test_goal_with_title_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert codes(book) == set()


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", UNTITLED + f"status: {status}\n")
    assert found(book, "S101") == []


def test_a_misspelt_title_is_one_problem_not_two(book):
    # 'titel' is GB002; the goal has schema errors, so S101 must not pile on.
    book.write("content/goals/walks.yaml", "titel: Walk three evenings a week\n" + UNTITLED)
    assert codes(book) == {"GB002"}
