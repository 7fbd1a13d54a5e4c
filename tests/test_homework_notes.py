"""Session homework ({task, done}), homework_done in check-ins, and notes that belong to one goal.

Read back from real files on disk, through `goalbook check` and the rendered site.
"""
from __future__ import annotations

from datetime import date

from books import write_rich_book
from conftest import GOOD_GOAL, TODAY
from goalbook.model.snapshot import build_snapshot
from test_site import parse, render

D = date.fromisoformat
SESSION = """\
---
date: 2026-11-10
homework:
  - Pack the gym bag the night before
  - task: Book the induction
    done: 2026-11-11
  - task: Ask Sam about the weekend
    done: yes
  - task: Call the dentist
    done: no
---
Notes.
"""


def homework_book(book, checkin: str):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/sessions/2026-11-10.md", SESSION)
    book.write("content/checkins/2026-11-12.yaml", checkin)
    return book.check(TODAY)


def snapshot_of(result, today=TODAY, **kw):
    return build_snapshot(result.book, result.diagnostics, today, **kw)


def test_homework_items_as_text_or_task_with_done(book):
    result = homework_book(book, "date: 2026-11-12\nprogress: {walks: 1}\n")
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (session,) = result.book.sessions
    tasks = session.homework
    assert [t.task for t in tasks] == ["Pack the gym bag the night before", "Book the induction",
                                       "Ask Sam about the weekend", "Call the dentist"]
    assert [t.done for t in tasks] == [None, D("2026-11-11"), True, False]
    status = snapshot_of(result).homework_items
    assert [(h.number, h.done, h.done_on) for h in status] == [
        (1, False, None), (2, True, D("2026-11-11")), (3, True, None), (4, False, None)]
    # As of the day before the induction was booked, it wasn't done yet.
    earlier = snapshot_of(book.check(D("2026-11-10")), D("2026-11-10"))
    assert [h.done for h in earlier.homework_items] == [False, False, True, False]


def test_homework_done_by_text_or_number_marks_the_latest_session_before(book):
    result = homework_book(book, "date: 2026-11-12\nprogress: {walks: 1}\n"
                                 "homework_done:\n  - '  pack THE gym bag   the night before '\n  - 4\n")
    assert [d for d in result.diagnostics if d.code.startswith("GB")] == []
    status = snapshot_of(result).homework_items
    assert [(h.task, h.done, h.done_on) for h in status if h.done] == [
        ("Pack the gym bag the night before", True, D("2026-11-12")),
        ("Book the induction", True, D("2026-11-11")), ("Ask Sam about the weekend", True, None),
        ("Call the dentist", True, D("2026-11-12"))]       # done: no, but a check-in ticked it off
    # Before the check-in's day, the check-in hasn't happened yet.
    before = snapshot_of(book.check(D("2026-11-11")), D("2026-11-11")).homework_items
    assert before[0].done is False


def test_homework_done_naming_no_task_is_a_located_gb003_listing_the_tasks(book):
    result = homework_book(book, "date: 2026-11-12\nprogress: {walks: 1}\n"
                                 "homework_done:\n  - Pack the gym bag\n  - 7\n")
    found = [d for d in result.diagnostics if d.code == "GB003"]
    assert [(d.path, d.line) for d in found] == [("content/checkins/2026-11-12.yaml", 4),
                                                 ("content/checkins/2026-11-12.yaml", 5)]
    by_text, by_number = found
    assert "'Pack the gym bag' is not a task of the session on 10 Nov 2026" in by_text.message
    assert "did you mean task 1?" in by_text.hint
    assert "1. Pack the gym bag the night before; 2. Book the induction" in by_text.hint
    assert "there is no task 7" in by_number.message and "has 4 tasks" in by_number.message
    assert (by_text.line, by_text.column) == (4, 5)


def test_homework_done_needs_a_session_before_the_checkin(book):
    # The session is on the same day: a session and a check-in on one day have no order.
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/sessions/s.yaml", "date: 2026-11-12\nhomework: [rest]\n")
    book.write("content/checkins/2026-11-12.yaml", "date: 2026-11-12\nhomework_done: [1]\n")
    (problem,) = [d for d in book.check(TODAY).diagnostics if d.code == "GB003"]
    assert problem.path == "content/checkins/2026-11-12.yaml" and problem.line == 2
    assert "needs a session before this check-in" in problem.message


def test_homework_done_in_a_goals_inline_checkin(book):
    book.write("content/sessions/s.yaml", "date: 2026-11-01\nhomework: [rest, walk]\n")
    book.write("content/goals/walks.yaml", GOOD_GOAL + "checkins:\n  - date: 2026-11-05\n    value: 1\n"
               "    homework_done: [walk, 3]\n")
    problems = [d for d in book.check(TODAY).diagnostics if d.code == "GB003"]
    assert [(d.path, d.line) for d in problems] == [("content/goals/walks.yaml", 17)]
    status = snapshot_of(book.check(TODAY)).homework_items
    assert [(h.task, h.done) for h in status] == [("rest", False), ("walk", True)]


def test_homework_on_the_dashboard_and_timeline(book):
    homework_book(book, "date: 2026-11-12\nprogress: {walks: 1}\nhomework_done: [1]\n")
    files, _ = render(book.root)
    timeline = parse(files["timeline.html"])
    session = timeline.find("li", cls="tl-session")
    items = session.find("ul", cls="homework").find_all("li")
    assert [i.attrs["class"] for i in items] == ["done", "done", "done", "open"]
    assert items[0].text() == "✓ Pack the gym bag the night before — done 12 Nov"
    assert items[3].text() == "○ Call the dentist — not yet"
    ticked = timeline.find("ul", cls="homework-done")
    assert ticked.text() == "✓ Pack the gym bag the night before"
    dashboard = parse(files["index.html"])
    assert "○ Call the dentist — not yet" in dashboard.find("section", cls="since").text()


# --------------------------------------------------------------- notes for one goal

def test_progress_value_with_a_note_for_that_goal(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/goals/read.yaml", GOOD_GOAL.replace("evening walks", "pages read"))
    book.write("content/checkins/2026-11-20.yaml", """\
        date: 2026-11-20
        progress:
          walks:
            value: 2
            note: The canal loop, both times.
          read: yes
        """)
    result = book.check(TODAY)
    assert [d for d in result.diagnostics if d.code.startswith("GB")] == []
    (checkin,) = result.book.checkins
    assert checkin.progress == {"walks": 2.0, "read": 1.0}
    assert checkin.goal_notes == {"walks": "The canal loop, both times."}
    assert [e.value for e in result.book.goals["walks"].entries] == [2.0]
    assert result.book.goals["walks"].entries[0].pos == (4, 12)      # at its value


def test_a_value_out_of_range_in_value_note_form_is_gb007_at_the_value(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress:\n  walks:\n"
                                                   "    note: hmm\n    value: -3\n")
    (problem,) = [d for d in book.check(TODAY).diagnostics if d.code == "GB007"]
    assert (problem.line, problem.column) == (5, 12)


def test_each_goal_page_shows_only_its_own_words(book):
    """A check-in's own words belong to the goal it alone names; a note written for one
    goal shows on that goal's page only. "Back at the gym twice!" is not journaling's."""
    write_rich_book(book)
    files, _ = render(book.root)
    gym = parse(files["goals/gym.html"]).text()
    journal = parse(files["goals/journal.html"]).text()
    worry = parse(files["goals/worry.html"]).text()
    timeline = parse(files["timeline.html"]).text()
    assert "Back at the gym twice!" not in gym and "Back at the gym twice!" not in journal
    assert "Back at the gym twice!" in timeline
    assert "Legs day; the induction paid off." in gym
    assert "Legs day" not in journal and "Legs day" not in worry
    assert "Three lines about the argument" in journal and "Three lines about" not in gym
    assert "Whether the Sunday worry is really about work" not in gym       # discuss of a two-goal day
    assert "Wrote the worry down at 7.30" in worry                          # its own check-in
    assert "Wrote the worry down" not in gym and "Wrote the worry down" not in journal
    assert "its own words are on the timeline" in gym
    for words in ("Legs day; the induction paid off.", "Three lines about the argument, and then I slept."):
        assert words in timeline                                              # next to its goal's value
