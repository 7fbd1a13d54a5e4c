"""`goalbook import loop` on real Loop Habit Tracker exports (a folder and a
zip written from Loop's documented CSV layout): a goal draft per habit,
check-ins per habit and month, and never a changed file."""
from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import GOOD_GOAL, TODAY
from conftest import files_in as snapshot
from goalbook.app.check import check_project
from importing import FIXTURES, checkins_in, content_files, entries_of, format_problems, real_check, run_import

EXPORT = FIXTURES / "loop-export"
DRAFTS = ["content/goals/evening-walk.yaml", "content/goals/journal.yaml", "content/goals/meditate.yaml",
          "content/goals/smoke-free.yaml", "content/goals/water.yaml"]
CHECKINS = ["content/checkins/loop-evening-walk-2026-10.yaml", "content/checkins/loop-journal-2026-10.yaml",
            "content/checkins/loop-meditate-2026-10.yaml", "content/checkins/loop-meditate-2026-11.yaml",
            "content/checkins/loop-smoke-free-2026-09.yaml", "content/checkins/loop-water-2026-10.yaml"]


@pytest.fixture
def root(book):
    return book.root


def zip_of(folder: Path, target: Path, inside: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, inside + path.relative_to(folder).as_posix())
    return target


def test_each_habit_becomes_a_goal_draft_and_its_checkmarks_monthly_checkins(root):
    result = run_import(root, "loop", EXPORT)
    assert result.exit_code == 0, result.output
    assert content_files(root) == sorted(CHECKINS + DRAFTS)
    for rel in DRAFTS + CHECKINS:
        assert f"wrote {rel}" in result.output
    goals = check_project(root, TODAY).book.goals
    measures = {g: (m.per, m.target, m.unit, m.min, m.max, m.baseline)
                for g, m in ((g, goals[g].measure) for g in goals)}
    assert measures == {
        "meditate": ("day", 1, "days", 0, 1, None),            # 1 in 1 day
        "evening-walk": ("week", 3, "days", 0, 1, None),       # 3 in 7 days
        "water": ("day", 8, "glasses", 0, None, None),         # numeric, at least 8 a day
        "smoke-free": ("week", 20, "cigarettes", 0, None, None),
        "journal": ("week", 3.5, "days", 0, 1, None),          # 1 in 2 days, as a week
    }
    assert goals["smoke-free"].status == "dropped"             # archived in Loop
    assert {g.status for i, g in goals.items() if i != "smoke-free"} == {"active"}
    assert goals["meditate"].start == date(2026, 10, 29)       # its first check-mark
    assert goals["meditate"].measure.what == "Did you meditate today?"
    assert goals["meditate"].title == "Meditate every day"
    assert goals["evening-walk"].title == "Evening walk 3 times a week"
    assert goals["water"].title == "Water: at least 8 glasses a day"
    assert goals["smoke-free"].title == "Smoke-free: at most 20 cigarettes a week"
    assert 'Ten minutes, eyes closed, "just breathing"' in goals["meditate"].notes
    assert "less is better" in goals["smoke-free"].notes


def test_drafts_carry_the_smart_fields_still_to_fill(root):
    run_import(root, "loop", EXPORT)
    draft = yaml.safe_load((root / "content/goals/meditate.yaml").read_text())
    for field in ("area", "values", "why", "priority", "due", "effort", "partner", "steps", "private"):
        assert field in draft and draft[field] is None, field
    assert draft["measure"]["baseline"] is None
    found = real_check(root)
    assert [d for d in found if d["code"].startswith("GB") and d["code"] != "GB012"] == []   # GB012: the archived habit
    smart = {d["code"] for d in found if d["path"] == "content/goals/meditate.yaml"}
    assert {"T501", "M202", "R401"} <= smart                   # what the user still has to decide


def test_yes_no_checkmarks_count_manual_yes_and_no_only(root):
    run_import(root, "loop", EXPORT)
    # 10-30 UNKNOWN and 11-02 SKIP are not values.
    assert entries_of(root, "meditate") == [("2026-10-29", 1), ("2026-10-31", 1), ("2026-11-01", 0), ("2026-11-03", 1)]
    # YES_AUTO (10-04, 10-08, 10-09) is Loop's "not expected that day", not a completion.
    assert entries_of(root, "evening-walk") == [("2026-10-03", 1), ("2026-10-05", 1), ("2026-10-06", 0),
                                                ("2026-10-07", 1)]
    # Journal has no folder of its own: its column of the combined Checkmarks.csv is used.
    assert entries_of(root, "journal") == [("2026-10-29", 0), ("2026-10-31", 1)]
    (nov_1, nov_3) = checkins_in(root, "content/checkins/loop-meditate-2026-11.yaml")
    assert nov_1.note == "Too tired, went to bed" and nov_3.note is None
    notes = [c.note for c in checkins_in(root, "content/checkins/loop-meditate-2026-10.yaml")]
    assert notes == [None, 'Felt "calm", finally']


def test_numeric_values_are_stored_times_1000(root):
    run_import(root, "loop", EXPORT)
    # -1 is unknown, and 3 Loop's code for a skipped day.
    assert entries_of(root, "water") == [("2026-10-03", 0), ("2026-10-04", 6.5), ("2026-10-06", 8)]
    assert entries_of(root, "smoke-free") == [("2026-09-01", 15), ("2026-09-02", 12)]
    (_, hot, _) = checkins_in(root, "content/checkins/loop-water-2026-10.yaml")
    assert hot.note == 'Hot day; "only" 6.5'


def test_summary_says_what_was_not_counted(root):
    result = run_import(root, "loop", EXPORT)
    # Floss is in Habits.csv (Loop lists every habit there) but was not chosen for the export.
    assert "the habit 'Floss' has no check-marks in this export; not imported" in result.output
    assert "YES_AUTO (not expected that day) on 4 days" in result.output
    assert "UNKNOWN on 2 days" in result.output and "SKIP on 2 days" in result.output
    assert "11 new files; no existing file was changed" in result.output


@pytest.mark.parametrize("inside", ["", "Loop Habits CSV 2026-11-22/"])
def test_a_zip_gives_the_same_files_as_the_folder(tmp_path, book, inside):
    from conftest import Book

    from_folder = Book(tmp_path / "from-folder").root
    assert run_import(from_folder, "loop", EXPORT).exit_code == 0
    archive = zip_of(EXPORT, tmp_path / "Loop Habits CSV 2026-11-22.zip", inside)
    result = run_import(book.root, "loop", archive)
    assert result.exit_code == 0, result.output
    assert snapshot(book.root) == snapshot(from_folder)


def test_habits_csv_itself_may_be_given(root):
    result = run_import(root, "loop", EXPORT / "Habits.csv")
    assert result.exit_code == 0, result.output
    assert content_files(root) == sorted(CHECKINS + DRAFTS)


def test_a_second_run_adds_nothing(root):
    assert run_import(root, "loop", EXPORT).exit_code == 0
    before = snapshot(root)
    result = run_import(root, "loop", EXPORT)
    assert result.exit_code == 0, result.output
    assert snapshot(root) == before
    assert "skipped 15 check-ins already imported" in result.output
    assert "skipped content/goals/meditate.yaml" in result.output
    assert "Nothing new to import" in result.output


def test_a_later_export_adds_only_the_new_days_in_a_new_file(tmp_path, root):
    assert run_import(root, "loop", EXPORT).exit_code == 0
    before = snapshot(root)
    later = shutil.copytree(EXPORT, tmp_path / "later")
    marks = later / "001 Meditate" / "Checkmarks.csv"
    header, *rows = marks.read_text().splitlines(keepends=True)
    marks.write_text(header + "2026-11-05,YES_MANUAL,\n2026-11-04,NO,\n" + "".join(rows))
    result = run_import(root, "loop", later)
    assert result.exit_code == 0, result.output
    after = snapshot(root)
    assert {k: v for k, v in after.items() if k in before} == before       # nothing changed
    added = sorted(set(after) - set(before))
    assert added == ["content/checkins/loop-meditate-2026-11-2.yaml"]
    assert [(c.date, c.progress) for c in checkins_in(root, added[0])] == [
        (date(2026, 11, 4), {"meditate": 0}), (date(2026, 11, 5), {"meditate": 1})]
    assert "skipped 15 check-ins already imported" in result.output


def test_existing_files_are_never_changed(book):
    """A goal of the user's with a habit's id, and a file where an import file would go."""
    book.write("content/goals/meditate.yaml", GOOD_GOAL.replace("start: 2026-10-01", "start: 2026-09-01"))
    book.write("content/checkins/loop-water-2026-10.md", "---\ndate: 2026-09-20\n---\nMy own note.\n")
    before = snapshot(book.root)
    result = run_import(book.root, "loop", EXPORT)
    assert result.exit_code == 0, result.output
    after = snapshot(book.root)
    assert {k: after[k] for k in before} == before
    assert "content/goals/meditate.yaml" in result.output and "skipped content/goals/meditate.yaml" in result.output
    assert "content/checkins/loop-water-2026-10-2.yaml" in after            # the next free name
    assert [v for _, v in entries_of(book.root, "meditate")] == [1, 1, 0, 1]  # to the user's goal
    assert format_problems(book.root) == []


def test_dry_run_writes_nothing_and_says_what_it_would_write(root):
    before = snapshot(root)
    result = run_import(root, "loop", EXPORT, "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(root) == before
    for rel in DRAFTS + CHECKINS:
        assert f"would write {rel}" in result.output
    assert "Dry run: nothing was written." in result.output


def test_what_it_writes_passes_the_real_check_with_no_format_problem(root):
    assert run_import(root, "loop", EXPORT).exit_code == 0
    assert format_problems(root) == []


def test_map_sends_a_habit_to_an_existing_goal(book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL.replace("2026-10-01", "2026-09-01"))
    result = run_import(book.root, "loop", EXPORT, "--map", "EVENING WALK=evening-walks")
    assert result.exit_code == 0, result.output
    files = content_files(book.root)
    assert "content/goals/evening-walk.yaml" not in files
    assert "content/checkins/loop-evening-walks-2026-10.yaml" in files
    assert [v for _, v in entries_of(book.root, "evening-walks")] == [1, 1, 0, 1]
    assert format_problems(book.root) == []
    again = run_import(book.root, "loop", EXPORT, "--map", "Evening walk=evening-walks")
    assert "Nothing new to import" in again.output


def test_map_to_a_goal_that_does_not_exist_is_exit_2_naming_the_goals(book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    before = snapshot(book.root)
    result = run_import(book.root, "loop", EXPORT, "--map", "Evening walk=evening-walk")
    assert result.exit_code == 2
    assert "there is no goal 'evening-walk'" in result.output and "evening-walks" in result.output
    result = run_import(book.root, "loop", EXPORT, "--map", "Running=evening-walks")
    assert result.exit_code == 2
    assert "isn't in this export" in result.output and "Evening walk" in result.output and "Meditate" in result.output
    assert snapshot(book.root) == before


def test_values_that_do_not_fit_a_mapped_goal_write_nothing(book):
    book.write("content/goals/rating.yaml", GOOD_GOAL.replace("  min: 0\n", "  min: 0\n  max: 5\n")
               .replace("start: 2026-10-01", "start: 2026-09-01"))
    before = snapshot(book.root)
    result = run_import(book.root, "loop", EXPORT, "--map", "Water=rating")
    assert result.exit_code == 1
    assert "6.5 is above the largest value 5" in result.output and "nothing was written" in result.output
    assert snapshot(book.root) == before


def test_an_export_from_loop_1_is_read_too(tmp_path, root):
    """Loop 1.x: NumRepetitions/Interval, no type, per-habit files without a header, numeric marks."""
    old = tmp_path / "old"
    (old / "001 Stretch").mkdir(parents=True)
    (old / "Habits.csv").write_text("Position,Name,Description,NumRepetitions,Interval,Color\n"
                                    "001,Stretch,Before bed,2,7,#FF0000\n")
    (old / "001 Stretch" / "Checkmarks.csv").write_text("2026-10-06,2\n2026-10-05,1\n2026-10-04,0\n2026-10-03,3\n")
    result = run_import(root, "loop", old)
    assert result.exit_code == 0, result.output
    goal = check_project(root, TODAY).book.goals["stretch"]
    assert (goal.measure.per, goal.measure.target) == ("week", 2)
    assert entries_of(root, "stretch") == [("2026-10-04", 0), ("2026-10-06", 1)]
    assert format_problems(root) == []


def foreign_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    no_habits = zip_of(EXPORT / "001 Meditate", tmp_path / "no-habits.zip")
    other = tmp_path / "other"
    other.mkdir()
    (other / "Habits.csv").write_text("id,title,colour\n1,Walk,red\n")
    bad_mark = shutil.copytree(EXPORT, tmp_path / "bad-mark")
    (bad_mark / "001 Meditate" / "Checkmarks.csv").write_text("Date,Value,Notes\n2026-10-01,MAYBE,\n")
    bad_date = shutil.copytree(EXPORT, tmp_path / "bad-date")
    (bad_date / "003 Water" / "Checkmarks.csv").write_text("Date,Value,Notes\n01/10/2026,8000,\n")
    broken_zip = tmp_path / "broken.zip"
    broken_zip.write_bytes(zip_of(EXPORT, tmp_path / "whole.zip").read_bytes()[:200])
    return {"daylio": FIXTURES / "daylio.csv", "empty": empty, "no-habits": no_habits, "other": other,
            "bad-mark": bad_mark, "bad-date": bad_date, "broken-zip": broken_zip}


@pytest.mark.parametrize("name, says", [
    ("daylio", "neither a zip file nor a folder"), ("empty", "it has no Habits.csv"),
    ("no-habits", "it has no Habits.csv"), ("other", "has no column Name"),
    ("bad-mark", "001 Meditate/Checkmarks.csv line 2: 'MAYBE' is not a Loop check-mark"),
    ("bad-date", "003 Water/Checkmarks.csv line 2: '01/10/2026' is not a date"),
    ("broken-zip", "neither a zip file nor a folder"),
])
def test_a_file_that_is_not_a_loop_export_is_exit_2_saying_what_was_expected(tmp_path, root, name, says):
    path = foreign_inputs(tmp_path)[name]
    before = snapshot(root)
    result = run_import(root, "loop", path)
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "expected a Loop Habit Tracker CSV export" in result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_a_folder_that_is_not_a_project_is_exit_2(tmp_path):
    result = run_import(tmp_path, "loop", EXPORT)
    assert result.exit_code == 2 and "goalbook project" in result.output


def test_a_note_on_a_day_without_a_value_is_kept(tmp_path, root):
    export = shutil.copytree(EXPORT, tmp_path / "noted")
    (export / "003 Water" / "Checkmarks.csv").write_text(
        'Date,Value,Notes\n2026-10-06,-1,"Forgot to count, ""lots"" though"\n2026-10-05,8000,\n')
    assert run_import(root, "loop", export).exit_code == 0
    assert entries_of(root, "water") == [("2026-10-05", 8)]
    (_, noted) = checkins_in(root, "content/checkins/loop-water-2026-10.yaml")
    assert (noted.date, noted.goal, noted.progress, noted.note) == (
        date(2026, 10, 6), "water", {}, 'Forgot to count, "lots" though')
    assert format_problems(root) == []


def test_docs_explain_the_command_and_every_option():
    from conftest import REPO
    from goalbook.cli import main

    page = (REPO / "docs" / "import.md").read_text()
    assert page.startswith("# goalbook import")
    for name in ("loop", "daylio"):
        assert f"goalbook import {name} " in page
        for param in main.commands["import"].commands[name].params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in page, f"docs/import.md does not explain {opt}"
    for word in ("YES_AUTO", "SKIP", "times 1000", "rad | 9", "awful | 1", "Running it again"):
        assert word in page
