"""GB010: yes/no given for a reading that isn't yes/no (e.g. `yes` on a 0–10 rating)."""
from support import RATING_GOAL, CLEAN_GOAL, assert_kind, codes, found, where

RATING = RATING_GOAL.replace("value: 6}", "value: yes}")


def test_yes_on_a_rating_is_said_where_it_is(book):
    book.write("content/goals/calm.yaml", RATING)
    [d] = found(book, "GB010")
    assert where([d]) == [("content/goals/calm.yaml", 14, 31)] and d.severity == "warning"
    assert "0 to 10" in d.message and "counts as 1" in d.message
    assert_kind(d)


def test_in_a_checkin_file_too(book):
    book.write("content/goals/calm.yaml", RATING.replace("  - {date: 2026-11-20, value: yes}\n", ""))
    book.write("content/checkins/2026-11-21.yaml", "date: 2026-11-21\nprogress: {calm: no}\n")
    [d] = found(book, "GB010")
    assert (d.path, d.line) == ("content/checkins/2026-11-21.yaml", 2)


def test_yes_no_fits_a_habit_counted_per_week_and_a_0_to_1_reading(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "  - {date: 2026-11-19, value: yes}\n")
    book.write("content/goals/calm.yaml", RATING.replace("max: 10", "max: 1").replace("target: 7", "target: 1")
               .replace("baseline: 3", "baseline: 0").replace("value: 5", "value: 1"))
    assert "GB010" not in codes(book)


def test_a_number_on_a_rating_is_fine(book):
    book.write("content/goals/calm.yaml", RATING.replace("value: yes", "value: 6"))
    assert "GB010" not in codes(book)
