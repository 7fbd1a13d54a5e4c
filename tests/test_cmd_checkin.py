"""`goalbook checkin` as a user runs it: values checked first, a new file every
time, existing files never touched, and the file reads back exactly."""
from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import GOOD_GOAL, REPO, TODAY
from conftest import files_in as snapshot
from goalbook.cli import main
from goalbook.load.source import parse_source
from goalbook.app.check import check_project
from goalbook.app.checkin import CheckinDraft, file_text, render
from goalbook.schema.validate import validate

# The local date these commands record comes from the one clock (GOALBOOK_TODAY), never the wall clock.
LOCAL = {"GOALBOOK_TODAY": TODAY.isoformat()}
GOALBOOK = REPO / ".venv" / "bin" / "goalbook"

RATING_GOAL = """\
title: Rate my anxiety before each team meeting and bring it from 7 down to 3
why: I want to speak up in meetings.
start: 2026-10-01
due: 2027-01-31
measure:
  what: anxiety before a meeting, 0-10
  unit: points
  baseline: 7
  target: 3
  min: 0
  max: 10
"""


@pytest.fixture
def project(book):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    book.write("content/goals/meeting-anxiety.yaml", RATING_GOAL)
    book.write("content/checkins/2026-11-10.yaml", "date: 2026-11-10\ngoal: evening-walks\nvalue: 2\n")
    return book.root


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "checkin", *args], env=LOCAL)


def checkins_from(root: Path, rel: str):
    book = check_project(root, TODAY).book
    return [c for c in book.checkins if c.source == rel]


def test_one_value_writes_a_new_file_that_reads_back(project):
    result = run(project, "evening-walks", "3", "--note", "Round the park.\n\nFelt good.", "--mood", "7",
                 "--win", "no", "--obstacle", "rain: heavy # really", "--discuss", "'Is three too many?'")
    assert result.exit_code == 0, result.output
    rel = "content/checkins/2026-11-22-evening-walks.md"
    assert f"Recorded {rel}" in result.output
    (c,) = checkins_from(project, rel)
    assert c.date == TODAY and c.progress == {"evening-walks": 3.0} and c.mood == 7
    assert (c.win, c.obstacle, c.discuss) == ("no", "rain: heavy # really", "'Is three too many?'")
    assert c.note == "Round the park.\n\nFelt good."
    assert [d for d in check_project(project, TODAY).diagnostics if d.path == rel] == []


def test_prints_where_the_goal_now_stands(project):
    result = run(project, "evening-walks", "1", "--date", "2026-11-16")
    assert result.exit_code == 0, result.output
    # 22 November 2026 is a Sunday, so the week of the 16th is still open: its total is 'so far'.
    assert "evening-walks:" in result.output
    assert "target 3 walks a week by 31 Jan 2027" in result.output
    assert "this week so far: 1 walk;" in result.output          # one walk, not "1 walks"
    result = run(project, "meeting-anxiety", "5")
    assert "meeting-anxiety: " in result.output and "latest: 5 points" in result.output


def test_same_day_gets_a_new_name_and_never_touches_the_first(project):
    first = run(project, "evening-walks", "1")
    before = snapshot(project)
    second = run(project, "evening-walks", "yes")
    third = run(project, "evening-walks", "1")
    assert (first.exit_code, second.exit_code, third.exit_code) == (0, 0, 0)
    after = snapshot(project)
    assert {k: after[k] for k in before} == before
    new = sorted(set(after) - set(before))
    assert new == ["content/checkins/2026-11-22-evening-walks-2.md", "content/checkins/2026-11-22-evening-walks-3.md"]
    assert checkins_from(project, new[0])[0].progress == {"evening-walks": 1.0}


def test_a_yaml_file_with_the_same_name_is_not_replaced(project):
    (project / "content/checkins/2026-11-22-evening-walks.yaml").write_text("date: 2026-11-22\nmood: 5\n")
    before = snapshot(project)
    assert run(project, "evening-walks", "1").exit_code == 0
    after = snapshot(project)
    assert {k: after[k] for k in before} == before
    assert "content/checkins/2026-11-22-evening-walks-2.md" in after


def test_several_goals_at_once(project):
    result = run(project, "evening-walks=2", "meeting-anxiety=4.5", "--mood", "6")
    assert result.exit_code == 0, result.output
    rel = "content/checkins/2026-11-22-checkin.md"
    text = (project / rel).read_text()
    assert "progress:\n  evening-walks: 2\n  meeting-anxiety: 4.5\n" in text
    (c,) = checkins_from(project, rel)
    assert c.progress == {"evening-walks": 2.0, "meeting-anxiety": 4.5}
    assert "evening-walks:" in result.output and "meeting-anxiety:" in result.output


def test_yes_and_no_are_written_as_yes_and_no(project):
    assert run(project, "evening-walks=yes", "meeting-anxiety=0").exit_code == 0
    assert run(project, "evening-walks", "No").exit_code == 0
    assert "evening-walks: yes\n" in (project / "content/checkins/2026-11-22-checkin.md").read_text()
    (c,) = checkins_from(project, "content/checkins/2026-11-22-evening-walks.md")
    assert c.progress == {"evening-walks": 0.0}


def test_a_note_or_mood_alone_is_a_check_in(project):
    result = run(project, "--note", "A hard day, but I got through it.", "--mood", "3")
    assert result.exit_code == 0, result.output
    (c,) = checkins_from(project, "content/checkins/2026-11-22-checkin.md")
    assert c.note == "A hard day, but I got through it." and c.progress == {}


def test_private_flag(project):
    assert run(project, "evening-walks", "1", "--win", "x", "--private").exit_code == 0
    (c,) = checkins_from(project, "content/checkins/2026-11-22-evening-walks.md")
    assert c.private is True


@pytest.mark.parametrize("args, status, words", [
    (["walks", "1"], 1, "did you mean 'evening-walks'?"),
    (["evening-walk", "1"], 1, "did you mean 'evening-walks'?"),
    (["nothing-like-it", "1"], 1, "the goals are: evening-walks, meeting-anxiety"),
    (["evening-walks", "lots"], 1, "should be a number or yes/no"),
    (["evening-walks", "3 walks"], 1, "should be a number or yes/no"),
    (["evening-walks", "-1"], 1, "below the smallest value 0"),
    (["meeting-anxiety", "11"], 1, "above the largest value 10"),
    (["meeting-anxiety=4", "evening-walks=-2"], 1, "below the smallest value 0"),
    (["evening-walks", "1", "--mood", "11"], 2, "can't be above 10"),
    (["evening-walks", "1", "--mood", "good"], 2, "should be a number"),
    (["evening-walks", "1", "--date", "22/11/2026"], 2, "YYYY-MM-DD"),
    (["evening-walks", "1", "--moood", "3"], 2, "no such option: --moood"),
    (["evening-walks=1", "meeting-anxiety"], 2, "GOAL=VALUE"),
    (["evening-walks"], 2, "GOAL=VALUE"),
    (["evening-walks=1", "evening-walks=2"], 2, "given twice"),
    (["=1"], 2, "needs a goal and a value"),
    ([], 2, "nothing to record"),
    (["evening-walks", "1", "--note", "bell\x07"], 2, "control character"),
])
def test_refusals_write_nothing(project, args, status, words):
    before = snapshot(project)
    result = run(project, *args)
    assert result.exit_code == status, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert snapshot(project) == before


def test_a_goal_whose_file_has_problems_is_refused(project):
    (project / "content/goals/evening-walks.yaml").write_text("title: [oops\n")
    before = snapshot(project)
    result = run(project, "evening-walks", "1")
    assert result.exit_code == 1 and "has problems" in result.output
    assert snapshot(project) == before


def test_not_a_project(tmp_path):
    result = run(tmp_path, "evening-walks", "1")
    assert result.exit_code == 2 and "goalbook init" in result.output
    assert list(tmp_path.iterdir()) == []


def test_date_option_names_the_file(project):
    result = run(project, "evening-walks", "2", "--date", "2026-11-18")
    assert result.exit_code == 0
    (c,) = checkins_from(project, "content/checkins/2026-11-18-evening-walks.md")
    assert c.date == date(2026, 11, 18)


def test_real_process_and_check_stays_clean(project):
    env = {**os.environ, **LOCAL}
    args = [str(GOALBOOK), "-C", str(project), "checkin", "meeting-anxiety", "4", "--note", "Said one thing early."]
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Recorded content/checkins/2026-11-22-meeting-anxiety.md" in done.stdout
    refused = subprocess.run(args[:-4] + ["meeting-anxiety", "12"], capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "nothing was written" in refused.stderr
    check = subprocess.run([str(GOALBOOK), "-C", str(project), "check", "--today", TODAY.isoformat()],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=60)


def _expected(text: str) -> str | None:
    return text.strip("\n") if text.strip() else None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(win=_TEXT, note=_TEXT)
def test_any_text_round_trips_through_the_loader(tmp_path, win, note):
    import re

    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    if control.search(win + note):
        return          # refused before writing (tested above)
    front, body = render(CheckinDraft(day=TODAY, values={"evening-walks": "1"}, win=win, note=note))
    doc = validate(parse_source(file_text(front, body).encode("utf-8"), "c.md", "checkin"))
    assert doc.source.problems == [] and doc.problems == []
    (record,) = doc.records
    assert record.data.get("win") == _expected(win)
    assert record.data.get("note") == _expected(note)


def test_shell_completion_offers_goal_ids(project):
    env = {**os.environ, "_GOALBOOK_COMPLETE": "bash_complete",
           "COMP_WORDS": f"goalbook -C {project} checkin ev", "COMP_CWORD": "4"}
    done = subprocess.run([str(GOALBOOK)], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["plain,evening-walks"]


def test_a_future_date_is_recorded_with_a_note(project):
    result = run(project, "evening-walks", "1", "--date", "2026-11-25")
    assert result.exit_code == 0
    assert "after today" in result.output
    assert (project / "content/checkins/2026-11-25-evening-walks.md").is_file()


def test_checkin_uses_the_local_date_even_with_source_date_epoch(tmp_path, monkeypatch):
    """nix-shell sets SOURCE_DATE_EPOCH to 1980; a check-in written today must say today
    (the local date, here set through the one clock, GOALBOOK_TODAY)."""
    from click.testing import CliRunner

    from goalbook.cli import main

    root = tmp_path / "b"
    assert CliRunner().invoke(main, ["init", str(root)], env=LOCAL).exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")
    monkeypatch.setenv("GOALBOOK_TODAY", "2027-03-04")
    result = CliRunner().invoke(main, ["-C", str(root), "checkin", "evening-walks", "1"])
    assert result.exit_code == 0, result.output
    written = sorted((root / "content" / "checkins").glob("2027-03-04-evening-walks*.md"))
    assert written and not list((root / "content" / "checkins").glob("1980-*"))
