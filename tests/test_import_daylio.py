"""`goalbook import daylio` on real Daylio CSV exports written from the
documented layout: a BOM, CRLF line ends, 12-hour times, HTML notes, quotes
and commas, the older 7-column layout, and labels of the user's own."""
from __future__ import annotations

import zipfile
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from conftest import GOOD_GOAL
from conftest import files_in as snapshot
from goalbook.app.importers.html_notes import note_to_markdown
from importing import FIXTURES, checkins_in, content_files, entries_of, format_problems, run_import

EXPORT = FIXTURES / "daylio.csv"
SEPTEMBER, OCTOBER = "content/checkins/daylio-2026-09.yaml", "content/checkins/daylio-2026-10.yaml"


@pytest.fixture
def root(book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL.replace("2026-10-01", "2026-09-01"))
    return book.root


def moods(root, rel):
    return [(c.date.isoformat(), c.mood) for c in checkins_in(root, rel) if c.mood is not None]


def test_the_fixture_is_what_daylio_writes():
    data = EXPORT.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffull_date,date,weekday,time,mood,activities,note_title,note\r\n")


def test_each_entry_becomes_a_checkin_with_its_mood_in_one_file_per_month(root):
    result = run_import(root, "daylio", EXPORT)
    assert result.exit_code == 0, result.output
    assert content_files(root) == [SEPTEMBER, OCTOBER, "content/goals/evening-walks.yaml"]
    assert f"wrote {SEPTEMBER} — 1 check-in" in result.output and f"wrote {OCTOBER} — 5 check-ins" in result.output
    assert moods(root, SEPTEMBER) == [("2026-09-30", 7)]                       # 'Good': labels ignore case
    # rad 9, good 7, meh 5, bad 3, awful 1; a day's entries in time order: 8:05 AM before 9:15 PM.
    assert moods(root, OCTOBER) == [("2026-10-01", 3), ("2026-10-10", 1), ("2026-10-11", 9),
                                    ("2026-10-12", 5), ("2026-10-12", 7)]
    assert "# 2026-10-12 8:05 AM" in (root / OCTOBER).read_text()


def test_notes_keep_the_words_as_markdown(root):
    run_import(root, "daylio", EXPORT)
    notes = {(c.date.isoformat(), c.mood): c.note for c in checkins_in(root, OCTOBER)}
    assert notes[("2026-10-12", 7)] == ('**Dinner, finally**\n\nMet Sam & Alex.\nWe talked about "the move", '
                                        '**calmly**.\n\nActivities: walk, friends')
    assert notes[("2026-10-11", 9)] == "Long walk by the river.\n\n- ducks\n- sun\n\nActivities: walk, reading"
    assert notes[("2026-10-10", 1)] == "Couldn't sleep, again.\nTried reading; didn't help."
    assert notes[("2026-10-01", 3)] == "**Short one**\n\nplain text, with a comma and a # sign\n\nActivities: reading"
    assert notes[("2026-10-12", 5)] == "Activities: work, walk"
    (september,) = checkins_in(root, SEPTEMBER)
    assert september.note == "I <3 autumn\n\nActivities: work"                 # not HTML: kept as written


def test_the_older_7_column_layout_with_24_hour_times(root):
    result = run_import(root, "daylio", FIXTURES / "daylio-7-columns.csv")
    assert result.exit_code == 0, result.output
    rel = "content/checkins/daylio-2025-03.yaml"
    assert [(c.date, c.mood, c.note) for c in checkins_in(root, rel)] == [
        (date(2025, 3, 1), 9, "Activities: walk"),
        (date(2025, 3, 2), 5, 'Quiet day, "ok"\n\nActivities: cleaning, friends')]
    assert format_problems(root) == []


def test_an_activity_sent_to_a_goal_counts_one_that_day(root):
    result = run_import(root, "daylio", EXPORT, "--map", "Walk=evening-walks")
    assert result.exit_code == 0, result.output
    # 12 October has two entries with 'walk': still 1 for the day.
    assert entries_of(root, "evening-walks") == [("2026-10-11", 1), ("2026-10-12", 1)]
    assert "walk (" not in result.output.split("activities not sent to a goal")[1]
    assert format_problems(root) == []


def test_a_second_run_adds_nothing(root):
    assert run_import(root, "daylio", EXPORT, "--map", "walk=evening-walks").exit_code == 0
    before = snapshot(root)
    result = run_import(root, "daylio", EXPORT, "--map", "walk=evening-walks")
    assert result.exit_code == 0, result.output
    assert snapshot(root) == before
    assert "skipped 8 check-ins already imported" in result.output and "Nothing new to import" in result.output


def test_a_map_added_later_adds_only_the_goal_values(root):
    assert run_import(root, "daylio", EXPORT).exit_code == 0
    before = snapshot(root)
    result = run_import(root, "daylio", EXPORT, "--map", "walk=evening-walks")
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    assert {k: after[k] for k in before} == before
    (added,) = set(after) - set(before)
    assert added == "content/checkins/daylio-2026-10-2.yaml"
    assert [(c.date.isoformat(), c.goal, c.mood) for c in checkins_in(root, added)] == [
        ("2026-10-11", "evening-walks", None), ("2026-10-12", "evening-walks", None)]


def test_existing_files_are_never_changed(book):
    """An earlier import of 1 October, in the file this one would write."""
    book.write(OCTOBER, "- date: 2026-10-01\n  mood: 4\n  note: written by hand after an earlier import\n")
    book.write("content/checkins/2026-10-11.md", "---\ndate: 2026-10-11\nmood: 8\n---\nMy own check-in.\n")
    before = snapshot(book.root)
    result = run_import(book.root, "daylio", EXPORT)
    assert result.exit_code == 0, result.output
    after = snapshot(book.root)
    assert {k: after[k] for k in before} == before
    new = "content/checkins/daylio-2026-10-2.yaml"
    assert sorted(k for k in set(after) - set(before) if k.startswith("content/")) == [SEPTEMBER, new]
    assert "skipped 1 check-in already imported" in result.output
    assert [c.date.day for c in checkins_in(book.root, new)] == [10, 11, 12, 12]    # not the 1st again


def test_dry_run_writes_nothing(root):
    before = snapshot(root)
    result = run_import(root, "daylio", EXPORT, "--dry-run", "--map", "walk=evening-walks")
    assert result.exit_code == 0, result.output
    assert snapshot(root) == before
    assert f"would write {OCTOBER} — 7 check-ins" in result.output and "Dry run: nothing was written." in result.output


def test_what_it_writes_passes_the_real_check_with_no_format_problem(root):
    assert run_import(root, "daylio", EXPORT, "--map", "walk=evening-walks").exit_code == 0
    assert run_import(root, "daylio", FIXTURES / "daylio-7-columns.csv").exit_code == 0
    assert format_problems(root) == []


def test_unknown_mood_labels_are_exit_2_naming_the_labels_found(root):
    before = snapshot(root)
    result = run_import(root, "daylio", FIXTURES / "daylio-custom-moods.csv")
    assert result.exit_code == 2
    assert "no number for: 'ecstatic', 'tired'" in result.output
    assert "The moods in this export: ecstatic, tired, good" in result.output and "--mood" in result.output
    assert snapshot(root) == before


def test_mood_gives_renamed_labels_their_number(root):
    result = run_import(root, "daylio", FIXTURES / "daylio-custom-moods.csv", "--mood", "Ecstatic=10",
                        "--mood", "tired=3.5", "--mood", "good=8")
    assert result.exit_code == 0, result.output
    assert moods(root, OCTOBER) == [("2026-10-01", 8), ("2026-10-01", 3.5), ("2026-10-02", 10)]


@pytest.mark.parametrize("given_mood", ["tired=11", "tired=-1", "tired=low", "tired", "=4"])
def test_a_mood_number_outside_0_to_10_is_exit_2(root, given_mood):
    result = run_import(root, "daylio", FIXTURES / "daylio-custom-moods.csv", "--mood", given_mood)
    assert result.exit_code == 2 and "--mood" in result.output
    assert "Traceback" not in result.output


def test_map_names_are_checked_against_the_export_and_the_goals(root):
    before = snapshot(root)
    result = run_import(root, "daylio", EXPORT, "--map", "swim=evening-walks")
    assert result.exit_code == 2
    assert "the activity 'swim', which isn't in this export" in result.output
    assert "friends, reading, walk, work" in result.output
    result = run_import(root, "daylio", EXPORT, "--map", "walk=evening-walk")
    assert result.exit_code == 2
    assert "no goal 'evening-walk'" in result.output and "did you mean 'evening-walks'?" in result.output
    assert snapshot(root) == before


def foreign(tmp_path, name: str):
    path = tmp_path / name
    if name == "backup.daylio":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("backup.daylio", "eyJ2ZXJzaW9uIjoxNX0=")
    elif name == "a-folder":
        path.mkdir()
    elif name == "bad-date.csv":
        path.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                        "12/10/2026,October 12,Monday,20:00,good,,,\n")
    elif name == "short-row.csv":
        path.write_text("full_date,date,weekday,time,mood,activities,note_title,note\n"
                        "2026-10-12,October 12,Monday,20:00,good\n")
    elif name == "latin1.csv":
        path.write_bytes("full_date,date,weekday,time,mood,activities,note_title,note\n"
                         "2026-10-12,October 12,Monday,20:00,good,,,café\n".encode("latin-1"))
    elif name == "broken-quote.csv":
        path.write_text('full_date,date,weekday,time,mood,activities,note_title,note\n'
                        '2026-10-12,October 12,Monday,20:00,good,,,"never "closed\n')
    return path


@pytest.mark.parametrize("name, says", [
    ("backup.daylio", "it is a zip file (a Daylio backup"), ("a-folder", "it is a folder"),
    ("bad-date.csv", "line 2: full_date '12/10/2026' is not a date"), ("short-row.csv", "line 2 has 5 fields"),
    ("latin1.csv", "is not UTF-8 text"), ("broken-quote.csv", "can't be read as CSV"),
])
def test_a_file_that_is_not_a_daylio_export_is_exit_2_saying_what_was_expected(tmp_path, root, name, says):
    before = snapshot(root)
    result = run_import(root, "daylio", foreign(tmp_path, name))
    assert result.exit_code == 2, result.output
    assert says in result.output and "expected a Daylio CSV export" in result.output
    assert snapshot(root) == before


def test_a_loop_export_given_to_daylio_is_exit_2(root):
    result = run_import(root, "daylio", FIXTURES / "loop-export" / "Habits.csv")
    assert result.exit_code == 2
    assert "is not a Daylio export: its first line has no full_date" in result.output
    assert "expected a Daylio CSV export" in result.output


@pytest.mark.parametrize("html, markdown", [
    ("a<br>b", "a\nb"),
    ("<p>one</p><p>two</p>", "one\n\ntwo"),
    ("<b>bold</b> and <i>it</i> and <strong>s</strong>", "**bold** and *it* and **s**"),
    ("<ol><li>first</li><li>second</li></ol>", "1. first\n2. second"),
    ("Tom &amp; Jerry&nbsp;&lt;3", "Tom & Jerry <3"),
    ('<a href="https://example.org">site</a>', "site (https://example.org)"),
    ("<span style='color:red'>red</span> <u>under</u>", "red under"),
    ("x<y <br> z", "x<y <br> z"),                       # not a tag goalbook knows: the words stay
    ("<b>so</b> <custom>kept</custom>", "**so** <custom>kept</custom>"),
])
def test_basic_html_becomes_markdown(html, markdown):
    assert note_to_markdown(html) == markdown


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="<&", blacklist_categories=("Cs",))))
def test_a_note_without_tags_or_entities_is_kept_exactly(text):
    assert note_to_markdown(text) == text
