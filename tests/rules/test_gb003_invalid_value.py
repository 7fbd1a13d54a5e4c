"""GB003: wrong type or invalid value."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where


def test_date_not_in_the_calendar(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: 2027-02-30"))
    [d] = found(book, "GB003")
    assert where([d]) == [("content/goals/walks.yaml", 6, 6)]
    assert d.severity == "error"
    assert "2027-02-30" in d.message and "not a day in the calendar" in d.message
    assert_kind(d)


@pytest.mark.parametrize("written", ["30/01/2027", "2027-1-31", "January 2027", "'2027-01-31x'"])
def test_date_not_written_iso(book, written):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", f"due: {written}"))
    [d] = found(book, "GB003")
    assert (d.line, d.column) == (6, 6)
    assert "YYYY-MM-DD" in d.message
    assert "2026-11-03" in d.hint


def test_quoted_iso_date_is_fine(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("due: 2027-01-31", "due: '2027-01-31'"))
    assert codes(book) == set()


def test_bad_date_in_a_checkin_list(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/november.yaml",
               "- date: 2026-11-18\n  progress: {walks: 1}\n- date: 2026-11-31\n  progress: {walks: 1}\n")
    [d] = found(book, "GB003")
    assert where([d]) == [("content/checkins/november.yaml", 3, 9)]


def test_status_not_in_the_list(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "status: finished\n")
    [d] = found(book, "GB003")
    assert (d.line, d.column) == (16, 9)
    assert "'active', 'paused', 'achieved' or 'dropped'" in d.message
    assert_kind(d, needs_hint=False)


def test_misspelt_status_gets_a_suggestion(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "status: pasued\n")
    [d] = found(book, "GB003")
    assert d.hint == "did you mean 'paused'?"


@pytest.mark.parametrize("field", ["why", "partner", "reflection", "title"])
def test_no_in_a_text_field_stays_the_text_no(book, field):
    text = CLEAN_GOAL.replace("why: Walking clears my head.\n", "") + f"{field}: no\n"
    if field == "title":
        text = text.replace("title: Walk for 30 minutes on three evenings a week\n", "")
    book.write("content/goals/walks.yaml", text)
    result = book.check()
    assert not [d for d in result.diagnostics if d.code.startswith("GB")]
    assert getattr(result.book.goals["walks"], field) == "no"


def test_norway_stays_norway_in_values_and_areas(book):
    book.write("goalbook.yaml", "areas: [NO, work/school]\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: NO")
               .replace("values: [health]", "values: [no, off, yes]"))
    result = book.check()
    assert result.diagnostics == []
    goal = result.book.goals["walks"]
    assert (goal.area, goal.values) == ("NO", ["no", "off", "yes"])


@pytest.mark.parametrize("field,line", [("  baseline: '0'", 11), ('  target: "3"', 12)])
def test_quoted_number_in_a_number_field(book, field, line):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace(field.replace("'", "").replace('"', ""), field))
    [d] = found(book, "GB003")
    assert d.line == line
    assert "should be a number" in d.message
    assert "without units or quotes" in d.hint


def test_quoted_effort(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + 'effort: "90"\n')
    [d] = found(book, "GB003")
    assert (d.line, d.column) == (16, 9)


def test_number_with_a_unit(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "effort: 90 minutes\n")
    [d] = found(book, "GB003")
    assert "'effort'" in d.message and '"90 minutes"' in d.message


@pytest.mark.parametrize("line,expected", [
    ("priority: 0", "can't be below 1"),
    ("priority: 1.5", "whole number"),
    ("weight: 0", "more than 0"),
    ("private: perhaps", "yes or no"),
    ("review: sometimes", "'daily', 'weekly', 'fortnightly' or 'monthly'"),
    ("partner: [Sam, Alex]", "should be text, not a list"),
    ("steps: walk more", "should be a list"),
])
def test_other_invalid_values(book, line, expected):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + line + "\n")
    [d] = found(book, "GB003")
    assert d.line == 16
    assert expected in d.message


def test_mood_out_of_range_in_a_checkin(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nmood: 11\n")
    [d] = found(book, "GB003")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 2, 7)]
    assert "above 10" in d.message


def test_checkin_without_date(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "progress: {walks: 1}\n")
    [d] = found(book, "GB003")
    assert "needs a 'date' field" in d.message


def test_every_bad_value_is_reported_in_one_pass(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01", "start: 2026-13-01")
               .replace("due: 2027-01-31", "due: 2027-02-30") + "status: done\n")
    assert [d.line for d in found(book, "GB003")] == [5, 6, 16]
    assert codes(book) == {"GB003"}           # and no SMART rule piles on
