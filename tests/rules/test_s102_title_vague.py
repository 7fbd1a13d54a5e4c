"""S102 Specific: a vague title.  Which titles are vague is tested in
tests/test_vague_titles.py; here: where the rule speaks, and about which goals."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

VAGUE = CLEAN_GOAL.replace("title: Walk for 30 minutes on three evenings a week", "title: Be happier")


def test_vague_title_is_reported_at_the_title(book):
    book.write("content/goals/happier.yaml", "# my first goal\n" + VAGUE)
    [d] = found(book, "S102")
    assert where([d]) == [("content/goals/happier.yaml", 2, 8)]
    assert d.severity == "warning"
    assert d.message.startswith("the title could be more specific: ")
    assert "concrete action" in d.hint
    assert_kind(d)


def test_vague_title_in_markdown_front_matter(book):
    book.write("content/goals/happier.md", "---\n" + VAGUE + "---\nWhy this matters.\n")
    [d] = found(book, "S102")
    assert (d.line, d.column) == (2, 8)


def test_short_title_is_vague(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace(
        "Walk for 30 minutes on three evenings a week", "Walk more"))
    [d] = found(book, "S102")
    assert d.line == 1


def test_paused_goal_is_checked(book):
    book.write("content/goals/happier.yaml", VAGUE + "status: paused\n")
    assert len(found(book, "S102")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/happier.yaml", VAGUE + f"status: {status}\nreflection: I learned a lot.\n")
    assert found(book, "S102") == []


def test_concrete_title_passes(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert found(book, "S102") == []


def test_missing_title_is_s101_only(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace(
        "title: Walk for 30 minutes on three evenings a week", "title: ''"))
    assert codes(book) == {"S101"}


def test_goal_with_schema_errors_is_not_judged(book):
    book.write("content/goals/happier.yaml", VAGUE + "status: someday\n")
    assert codes(book) == {"GB003"}
