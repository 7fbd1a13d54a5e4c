"""T504 Time-bound: no check-in for longer than twice the `review` period."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where

QUIET = CLEAN_GOAL.replace("2026-11-18", "2026-11-01")       # 21 days before TODAY; weekly → 14 allowed


def test_no_recent_checkin_is_reported(book):
    book.write("content/goals/walks.yaml", QUIET)
    [d] = found(book, "T504")
    assert where([d]) == [("content/goals/walks.yaml", 1, 8)]
    assert d.severity == "warning"
    assert "1 November 2026" in d.message and "21 days" in d.message and "weekly" in d.message
    assert "check-in" in d.hint and "pause" in d.hint
    assert_kind(d)


def test_points_at_review_when_given(book):
    book.write("content/goals/walks.yaml", QUIET + "review: weekly\n")
    [d] = found(book, "T504")
    assert (d.line, d.column) == (16, 9)


@pytest.mark.parametrize("review,last,reported", [
    ("weekly", "2026-11-08", False),        # 14 days: exactly twice
    ("weekly", "2026-11-07", True),
    ("daily", "2026-11-20", False),
    ("daily", "2026-11-19", True),
    ("fortnightly", "2026-10-25", False),
    ("fortnightly", "2026-10-24", True),
    ("monthly", "2026-09-23", False),
    ("monthly", "2026-09-22", True),
])
def test_twice_the_review_period(book, review, last, reported):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("start: 2026-10-01", "start: 2026-09-01")
               .replace("2026-11-18", last) + f"review: {review}\n")
    assert len(found(book, "T504")) == reported


def test_no_checkin_since_the_start(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.split("checkins:")[0])
    [d] = found(book, "T504")
    assert "no check-in since the start (1 October 2026)" in d.message


def test_goal_just_started_or_starting_later(book):
    book.write("content/goals/a.yaml", CLEAN_GOAL.split("checkins:")[0].replace("2026-10-01", "2026-11-15"))
    book.write("content/goals/b.yaml", CLEAN_GOAL.split("checkins:")[0].replace("2026-10-01", "2026-12-01"))
    assert found(book, "T504") == []


def test_no_start_and_no_checkins_is_quiet(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.split("checkins:")[0].replace("start: 2026-10-01\n", ""))
    assert found(book, "T504") == []


def test_checkins_after_today_do_not_count(book):
    book.write("content/goals/walks.yaml", QUIET + "  - {date: 2026-11-25, value: 1}\n")
    assert len(found(book, "T504")) == 1


@pytest.mark.parametrize("checkin", [
    "date: 2026-11-20\nprogress:\n  walks: 2\n",
    "date: 2026-11-20\ngoal: walks\nvalue: no\n",
    "- date: 2026-11-02\n  progress: {walks: 1}\n- date: 2026-11-20\n  progress: {walks: 1}\n",
])
def test_checkin_files_count(book, checkin):
    book.write("content/goals/walks.yaml", QUIET)
    book.write("content/checkins/2026-11-20.yaml", checkin)
    assert found(book, "T504") == []


def test_a_markdown_checkin_counts(book):
    book.write("content/goals/walks.yaml", QUIET)
    book.write("content/checkins/2026-11-20.md", "---\ndate: 2026-11-20\nprogress: {walks: 1}\n---\nRain.\n")
    assert found(book, "T504") == []


def test_a_checkin_with_only_a_note_counts(book):
    # "not this week" said in words is still a check-in for the goal
    book.write("content/goals/walks.yaml", QUIET)
    book.write("content/checkins/2026-11-20.md", "---\ndate: 2026-11-20\ngoal: walks\n---\nToo tired this week.\n")
    assert "T504" not in codes(book)


def test_an_inline_checkin_with_only_a_note_counts(book):
    book.write("content/goals/walks.yaml", QUIET + "  - {date: 2026-11-20, note: Too tired this week.}\n")
    assert "T504" not in codes(book)


def test_a_gas_level_counts(book):
    book.write("content/goals/walks.yaml", QUIET.split("checkins:")[0] + """\
        scale:
          -2: {text: No walks}
          -1: {text: One walk}
          0: {text: Two walks}
          1: {text: Three walks}
          2: {text: Four walks}
        """.replace("        ", ""))
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nlevels:\n  walks: 0\n")
    assert found(book, "T504") == []


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped"])
def test_only_active_goals(book, status):
    book.write("content/goals/walks.yaml", QUIET + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "T504") == []


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", QUIET + "partner: [Sam, Alex]\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "T504"}
