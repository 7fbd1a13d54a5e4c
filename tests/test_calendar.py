"""output/calendar.ics, written by `goalbook build`, read back with icalendar."""
from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from conftest import GOOD_GOAL, Book
from goalbook.cli import main

TODAY = "2026-11-22"
MEASURE = GOOD_GOAL[GOOD_GOAL.index("measure:"):]
PRIVATE_TITLE = "Phone my ex only on Sundays zqprivatetitle"


def goal(title: str, review: str = "weekly", start: str = "2026-10-01", due: str = "2027-01-31",
         extra: str = "") -> str:
    return (f"title: {title}\nstart: {start}\ndue: {due}\nreview: {review}\n" + MEASURE + extra)


@pytest.fixture
def book(tmp_path) -> Book:
    b = Book(tmp_path / "book")
    b.write("goalbook.yaml", "title: Sam's goals\nowner: Sam\n")
    b.write("content/goals/walks.yaml", goal(
        "Walk for 30 minutes on three evenings a week", extra=(
            "steps:\n"
            "  - {title: Find a loop from home, due: 2026-10-10, done: 2026-10-08}\n"
            "  - {title: Buy a head torch, due: 2026-12-05}\n"
            "  - {title: Walk with Jo on Tuesdays}\n"
            "checkins:\n  - {date: 2026-11-18, value: 1}\n  - {date: 2026-11-12, value: 1}\n")))
    b.write("content/goals/journal.yaml", goal("Write three lines in my journal each evening",
                                               review="daily", start="2026-11-01"))
    b.write("content/goals/calls.yaml", goal("Call my sister every other Sunday afternoon",
                                             review="fortnightly", start="2026-12-06"))
    b.write("content/goals/budget.yaml", goal("Go through my budget at the end of each month",
                                              review="monthly", start="2026-10-31"))
    b.write("content/goals/secret.yaml", goal(PRIVATE_TITLE, due="2026-12-24",
                                              extra="private: true\nsteps:\n  - {title: zqprivatestep, due: 2026-12-01}\n"))
    b.write("content/goals/choir.yaml", goal("Sing with the choir every Thursday evening",
                                             extra="status: paused\n"))
    b.write("content/sessions/2026-11-17.md", "---\ndate: 2026-11-17\nwith: Dr. Osei\n---\nzqsessionnotes\n")
    b.write("content/sessions/2026-12-01.yaml", "date: 2026-12-01\nwith: Dr. Osei\n")
    return b


def build(root: Path, *args: str) -> Calendar:
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--no-pdf", "--today", TODAY, *args])
    assert result.exit_code == 0, result.output
    return Calendar.from_ical((root / "output" / "calendar.ics").read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_due_dates_steps_and_sessions_are_all_day_events(book):
    found = events(build(book.root))
    expected = {
        "Goal due: Walk for 30 minutes on three evenings a week": date(2027, 1, 31),
        "Step due: Buy a head torch (Walk for 30 minutes on three evenings a week)": date(2026, 12, 5),
        "Session with Dr. Osei": None,                       # two of them, below
    }
    for summary, day in expected.items():
        assert summary in found, sorted(found)
        if day:
            event = found[summary]
            assert event["DTSTART"].dt == day and type(event["DTSTART"].dt) is date
            assert event["DTSTART"].params.get("VALUE") == "DATE"
            assert event["DTEND"].dt == day + timedelta(days=1)       # exclusive end
    steps = [s for s in found if s.startswith("Step due:")]
    assert len(steps) == 1                    # the done step and the one without a date are no events
    sessions = sorted(e["DTSTART"].dt for e in build(book.root).walk("VEVENT")
                      if str(e["SUMMARY"]) == "Session with Dr. Osei")
    assert sessions == [date(2026, 11, 17), date(2026, 12, 1)]        # past and planned
    assert "zqsessionnotes" not in (book.root / "output" / "calendar.ics").read_text()


def test_a_review_reminder_per_active_goal_at_its_cadence(book):
    reviews = {s: e for s, e in events(build(book.root)).items() if s.startswith("Goal review: ")}
    rules = {s[len("Goal review: "):]: (e["DTSTART"].dt, dict(e["RRULE"])) for s, e in reviews.items()}
    assert rules == {
        # from the last check-in
        "Walk for 30 minutes on three evenings a week": (date(2026, 11, 18), {"FREQ": ["WEEKLY"]}),
        # from the start, without check-ins
        "Write three lines in my journal each evening": (date(2026, 11, 1), {"FREQ": ["DAILY"]}),
        "Call my sister every other Sunday afternoon": (date(2026, 12, 6),
                                                        {"FREQ": ["WEEKLY"], "INTERVAL": [2]}),
        # the 31st: that day, or the last day of a shorter month
        "Go through my budget at the end of each month": (
            date(2026, 10, 31), {"FREQ": ["MONTHLY"], "BYMONTHDAY": [31, -1], "BYSETPOS": [1]}),
    }                                                  # the paused and the private goal have none


def test_private_and_paused_goals_are_left_out(book):
    cal = build(book.root)
    raw = (book.root / "output" / "calendar.ics").read_text()
    assert "zqprivate" not in raw and "secret" not in raw and "2026122" not in raw   # nor its due date
    assert not any("choir" in str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    book.write("content/goals/secret.yaml", goal(PRIVATE_TITLE, due="2026-12-24"))   # no longer private
    assert "Goal due: " + PRIVATE_TITLE in events(build(book.root))


def test_uids_are_unique_and_stamps_come_from_today(book):
    cal = build(book.root)
    vevents = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in vevents]
    assert len(uids) == len(set(uids)) == 11       # 4 due dates, 1 step, 4 reviews, 2 sessions
    assert all(u.endswith("@goalbook") for u in uids)
    assert {e["DTSTAMP"].dt for e in vevents} == {datetime(2026, 11, 22, tzinfo=timezone.utc)}
    assert cal["VERSION"] == "2.0" and "goalbook" in str(cal["PRODID"])


def test_same_inputs_in_two_folders_give_the_same_bytes(book, tmp_path):
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(book.root, other)
    build(book.root)
    build(other)
    first = (book.root / "output" / "calendar.ics").read_bytes()
    assert first == (other / "output" / "calendar.ics").read_bytes()
    assert str(book.root).encode() not in first and str(other).encode() not in first
    (book.root / "output" / "calendar.ics").unlink()
    build(book.root)                                  # and again, in the same folder
    assert (book.root / "output" / "calendar.ics").read_bytes() == first


def test_a_moved_due_date_keeps_its_uid(book):
    before = {str(e["SUMMARY"]): str(e["UID"]) for e in build(book.root).walk("VEVENT")}
    path = book.root / "content" / "goals" / "walks.yaml"
    path.write_text(path.read_text().replace("due: 2027-01-31", "due: 2027-02-28"))
    after = build(book.root)
    due = events(after)["Goal due: Walk for 30 minutes on three evenings a week"]
    assert due["DTSTART"].dt == date(2027, 2, 28)
    assert str(due["UID"]) == before["Goal due: Walk for 30 minutes on three evenings a week"]


def test_neutral_titles_name_no_goal(book):
    book.write("goalbook.yaml", "title: Sam's goals\nowner: Sam\ncalendar:\n  titles: neutral\n")
    cal = build(book.root)
    raw = (book.root / "output" / "calendar.ics").read_text()
    summaries = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert summaries == ["appointment"] * 2 + ["goal due"] * 4 + ["goal review"] * 4 + ["goal step due"]
    for word in ("Walk", "journal", "sister", "budget", "head torch", "Osei", "Sam", "checkin"):
        assert word not in raw, word


def test_the_full_and_neutral_calendars_have_the_same_uids(book):
    full = sorted(str(e["UID"]) for e in build(book.root).walk("VEVENT"))
    book.write("goalbook.yaml", "title: Sam's goals\nowner: Sam\ncalendar: {titles: neutral}\n")
    assert sorted(str(e["UID"]) for e in build(book.root).walk("VEVENT")) == full


def test_a_wrong_titles_setting_is_gb008(book):
    book.write("goalbook.yaml", "calendar:\n  titles: hidden\n")
    [d] = [d for d in book.check().diagnostics if d.code == "GB008"]
    assert (d.path, d.line, d.column) == ("goalbook.yaml", 2, 11)
    assert "'full' or 'neutral'" in d.message
    result = CliRunner().invoke(main, ["-C", str(book.root), "build", "--no-pdf", "--today", TODAY])
    assert result.exit_code == 1 and not (book.root / "output").exists()


def test_a_book_without_goals_still_gets_a_valid_calendar(tmp_path):
    b = Book(tmp_path / "empty")
    cal = build(b.root)
    assert cal.walk("VEVENT") == [] and cal["VERSION"] == "2.0"
