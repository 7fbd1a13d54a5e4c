"""R401 Relevant: neither `why` nor `values` given."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

NO_WHY = CLEAN_GOAL.replace("values: [health]\n", "").replace("why: Walking clears my head.\n", "")


def test_no_why_and_no_values_is_reported_at_the_title(book):
    book.write("content/goals/walks.yaml", NO_WHY)
    [d] = found(book, "R401")
    assert where([d]) == [("content/goals/walks.yaml", 1, 8)]
    assert d.severity == "warning"
    assert "why it matters" in d.message
    assert "why:" in d.hint and "values:" in d.hint
    assert_kind(d)


def test_without_a_title_it_points_at_the_top(book):
    book.write("content/goals/walks.yaml", "# walks\n" + NO_WHY.replace(
        "title: Walk for 30 minutes on three evenings a week\n", ""))
    [d] = found(book, "R401")
    assert (d.line, d.column) == (2, 1)


@pytest.mark.parametrize("extra", ["why: '   '\n", "values: []\n", "why:\nvalues:\n"])
def test_blank_why_or_empty_values_count_as_missing(book, extra):
    book.write("content/goals/walks.yaml", NO_WHY + extra)
    assert len(found(book, "R401")) == 1


@pytest.mark.parametrize("extra", ["why: It clears my head.\n", "values: [health]\n", "values: health\n",
                                   "values:\n  - health\n  - calm\n"])
def test_why_or_values_is_enough(book, extra):
    book.write("content/goals/walks.yaml", NO_WHY + extra)
    assert found(book, "R401") == []


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", NO_WHY + "status: paused\n")
    assert len(found(book, "R401")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", NO_WHY + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "R401") == []


def test_goal_with_schema_errors_is_not_judged(book):
    book.write("content/goals/walks.yaml", NO_WHY + "wy: it matters\n")
    assert codes(book) == {"GB002"}
