"""GB002: unknown field, with the closest known one suggested."""
from support import CLEAN_GOAL, assert_kind, codes, found, where

from conftest import GOOD_GOAL


def test_misspelt_title(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("title:", "titel:"))
    [d] = found(book, "GB002")
    assert where([d]) == [("content/goals/walks.yaml", 1, 1)]
    assert d.severity == "error"
    assert d.message == "'titel' is not a field goalbook knows here"
    assert d.hint == "did you mean 'title'?"
    assert_kind(d)


def test_unknown_field_inside_measure(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("  target: 3", "  traget: 3"))
    [d] = found(book, "GB002")
    assert (d.line, d.column) == (12, 3)
    assert d.hint == "did you mean 'target'?"


def test_unknown_field_in_a_step(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "steps:\n  - title: First walk\n    date: 2026-12-01\n")
    [d] = found(book, "GB002")
    assert (d.line, d.column) == (18, 5)
    assert d.hint == "the fields are: title, due, done"


def test_nothing_close_lists_the_fields(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "colour: blue\n")
    [d] = found(book, "GB002")
    assert d.line == 16
    assert d.hint.startswith("the fields are: title, area, values, why")


def test_markdown_front_matter(book):
    book.write("content/goals/walks.md", "---\n" + CLEAN_GOAL.replace("why:", "wy:") + "---\nNotes.\n")
    [d] = found(book, "GB002")
    assert (d.line, d.column) == (5, 1)
    assert d.hint == "did you mean 'why'?"


def test_checkin_file(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {walks: 1}\nmoood: 6\n")
    [d] = found(book, "GB002")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 3, 1)]
    assert d.hint == "did you mean 'mood'?"


def test_every_unknown_field_is_reported(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("title:", "titel:").replace("why:", "wy:"))
    assert [d.line for d in found(book, "GB002")] == [1, 4]


def test_no_smart_rules_pile_on(book):
    # the title is "missing" only because it is misspelt: one message, not three
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("title:", "titel:").replace("checkins:", "checkin:"))
    assert codes(book) == {"GB002"}


def test_an_unknown_field_hides_no_smart_finding(book):
    """SPEC 6, one pass: 'colour: blue' is GB002, and the goal's SMART findings still come."""
    book.write("content/goals/walks.yaml", GOOD_GOAL.replace("why: Walking clears my head.\n", "")
               .replace("values: [health]\n", "") + "colour: blue\n")
    assert {"GB002", "R401"} <= codes(book)
