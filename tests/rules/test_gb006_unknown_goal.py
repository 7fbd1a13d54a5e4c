"""GB006: a check-in names a goal that does not exist."""
from support import CLEAN_GOAL, assert_kind, codes, found, where

from conftest import GOOD_GOAL


def test_misspelt_goal_in_progress(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress:\n  evening-walk: 2\n")
    [d] = found(book, "GB006")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 3, 3)]      # at the goal id
    assert d.severity == "error"
    assert d.message == "there is no goal 'evening-walk'"
    assert d.hint == "did you mean 'evening-walks'?"
    assert_kind(d)


def test_shorthand_goal_points_at_its_value(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.md", "---\ndate: 2026-11-20\ngoal: evening-walsk\nvalue: 2\n---\nNice.\n")
    [d] = found(book, "GB006")
    assert (d.path, d.line, d.column) == ("content/checkins/2026-11-20.md", 3, 7)
    assert d.hint == "did you mean 'evening-walks'?"


def test_shorthand_goal_without_a_value(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\ngoal: walks\nnote: Too tired.\n")
    [d] = found(book, "GB006")
    assert (d.line, d.column) == (2, 7)


def test_level_for_a_missing_goal(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nlevels: {evening-walk: 1}\n")
    [d] = found(book, "GB006")
    assert (d.line, d.column) == (2, 10)


def test_nothing_close_lists_the_goals(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/goals/sleep.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {guitar: 20}\n")
    [d] = found(book, "GB006")
    assert d.hint == "goal ids are the goal file names without extension: evening-walks, sleep"


def test_no_goals_at_all(book):
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {walks: 1}\n")
    [d] = found(book, "GB006")
    assert "content/goals/" in d.hint


def test_each_entry_of_a_checkin_list(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/november.yaml", """\
        - date: 2026-11-18
          progress: {evening-walks: 1, walk: 1}
        - date: 2026-11-19
          progress:
            evening-walks: 1
            sleeep: 7
        """)
    assert where(found(book, "GB006")) == [("content/checkins/november.yaml", 2, 32),
                                           ("content/checkins/november.yaml", 6, 5)]


def test_existing_goals_pass_whatever_their_status(book):
    book.write("content/goals/evening-walks.yaml", CLEAN_GOAL)
    book.write("content/goals/old.yaml", CLEAN_GOAL + "status: dropped\nreflection: Not now.\n")
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {evening-walks: 1, old: 0}\n")
    assert codes(book) == {"GB012"}          # no GB006; a value for a dropped goal is only a gentle GB012


def test_goal_whose_file_has_problems_is_not_missing(book):
    book.write("content/goals/evening-walks.yaml", "title: [unclosed\n")
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {evening-walks: 1}\n")
    assert codes(book) == {"GB001"}


def test_a_checkin_naming_a_misnamed_goal_file_says_which_file_to_rename(book):
    """One mistake, reported once: GB005 at the file; the check-ins only say what to rename."""
    book.write("content/goals/Sleep_Better.yaml", GOOD_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {sleep-better: 1}\n")
    book.write("content/checkins/2026-11-21.yaml", "date: 2026-11-21\nprogress: {sleep-better: 2}\n")
    found = book.check().diagnostics
    errors = [d for d in found if d.severity == "error"]
    assert [(d.code, d.path) for d in errors] == [("GB005", "content/goals/Sleep_Better.yaml")]
    notes = [d for d in found if d.code == "GB006"]
    assert len(notes) == 2 and all(d.severity == "warning" for d in notes)
    assert all("Sleep_Better.yaml" in d.message and "sleep-better.yaml" in d.hint for d in notes)
