"""`goalbook new goal` as a user runs it: questions on stdin, options for
scripts, a template that reads back as written, and no file ever replaced."""
from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, TODAY
from conftest import files_in as snapshot
from goalbook.cli import main
from goalbook.app.new_goal import slugify
from goalbook.app.check import check_project

# The local date these commands record comes from the one clock (GOALBOOK_TODAY), never the wall clock.
LOCAL = {"GOALBOOK_TODAY": TODAY.isoformat()}
GOALBOOK = REPO / ".venv" / "bin" / "goalbook"
TITLE = "Walk for 30 minutes on three evenings a week"
SLUG = "walk-for-30-minutes-on-three-evenings-a-week"
SCRIPTED = ["--no-input", "--due", "2027-02-14", "--target", "3", "--baseline", "0", "--unit", "walks",
            "--per", "week", "--what", "30-minute walks"]


@pytest.fixture
def root(book):
    return book.root


def run(root: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["-C", str(root), "new", "goal", *args], input=input,
                              env=LOCAL)


def goal_of(root: Path, goal_id: str):
    return check_project(root, TODAY).book.goals[goal_id]


def diagnostics_of(root: Path, rel: str):
    return [d for d in check_project(root, TODAY).diagnostics if d.path == rel]


def test_scripted_goal_is_written_with_the_answers(root):
    result = run(root, TITLE, *SCRIPTED)
    assert result.exit_code == 0, result.output
    rel = f"content/goals/{SLUG}.yaml"
    assert f"Created {rel}" in result.output
    goal = goal_of(root, SLUG)
    assert goal.title == TITLE and goal.start == TODAY and goal.due == date(2027, 2, 14)
    m = goal.measure
    assert (m.what, m.unit, m.per, m.baseline, m.target) == ("30-minute walks", "walks", "week", 0, 3)
    assert goal.status == "active" and goal.review == "weekly"
    assert [d.code for d in diagnostics_of(root, rel) if d.code.startswith("GB")] == []


def test_first_line_points_to_the_generated_schema(root):
    run(root, TITLE, *SCRIPTED)
    path = root / "content/goals" / f"{SLUG}.yaml"
    first = path.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.goalbook/schema.json"
    schema = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema == (root / ".goalbook/schema.json").resolve() and schema.is_file()
    assert "http" not in first


def test_every_field_is_laid_out_with_a_comment(root):
    run(root, TITLE, "--no-input")
    lines = (root / "content/goals" / f"{SLUG}.yaml").read_text().splitlines()
    keys = {}
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)([a-z_]+):", line)
        if m:
            keys[m.group(2)] = i
            assert lines[i - 1].strip().startswith("# "), f"no comment above {line!r}"
    smart = {"title", "area", "values", "why", "priority", "status", "start", "due", "review", "measure",
             "what", "unit", "per", "baseline", "target", "min", "max", "effort", "partner", "steps",
             "private", "notes"}
    assert smart <= set(keys)
    assert yaml.safe_load("\n".join(lines))["title"] == TITLE


def test_empty_fields_read_as_not_given_and_get_kind_suggestions(root):
    result = run(root, TITLE, "--no-input")
    assert result.exit_code == 0, result.output
    goal = goal_of(root, SLUG)
    assert goal.area is None and goal.values == [] and goal.due is None and goal.steps == []
    assert goal.measure is not None and goal.measure.target is None
    codes = {d.code for d in diagnostics_of(root, f"content/goals/{SLUG}.yaml")}
    assert {"M201", "T501", "R401"} <= codes and not any(c.startswith("GB") for c in codes)
    assert "suggestions" in result.output and "(M201)" in result.output and "(T501)" in result.output


def test_vague_title_gets_the_specific_suggestion(root):
    result = run(root, "Be happier", *SCRIPTED)
    assert result.exit_code == 0
    assert "(S102)" in result.output and "concrete action" in result.output


def test_questions_are_asked_and_checked_as_you_type(root):
    answers = "\n".join([
        "30-minute walks",   # what
        "fortnight",         # per: not a choice, asked again
        "week",
        "walks",             # unit
        "none",              # baseline: not a number, asked again
        "0",
        "0",                 # target: same as baseline, asked again
        "3",
        "2026-11-01",        # due: before the start, asked again
        "",                  # due: the default, 12 weeks on
    ]) + "\n"
    result = run(root, TITLE, input=answers)
    assert result.exit_code == 0, result.output
    assert "'none' is not a number" in result.output
    assert "the target is where you want to get to" in result.output
    assert "needs to be after the start" in result.output
    goal = goal_of(root, SLUG)
    assert goal.due == date(2027, 2, 14)
    assert (goal.measure.per, goal.measure.baseline, goal.measure.target) == ("week", 0, 3)


def test_a_rating_asks_for_its_range(root):
    answers = "anxiety before meetings, 0-10\nlevel\n0\n0\n10\npoints\n7\n3\n2027-03-01\n"
    result = run(root, "Rate my anxiety before each meeting and bring it down to 3", input=answers)
    assert result.exit_code == 0, result.output
    assert "needs to be more than the lowest" in result.output
    goal = goal_of(root, "rate-my-anxiety-before-each-meeting-and-bring-it")
    m = goal.measure
    assert (m.per, m.min, m.max, m.baseline, m.target, m.unit) == (None, 0, 10, 7, 3, "points")


def test_options_answer_questions_ahead(root):
    result = run(root, TITLE, "--due", "2027-01-31", "--target", "3", "--baseline", "1", "--per", "week",
                 input="evening walks\nwalks\n")
    assert result.exit_code == 0, result.output
    assert "baseline" not in result.output.split("Created")[0]
    assert goal_of(root, SLUG).measure.what == "evening walks"


def test_refuses_to_overwrite_and_changes_nothing(root):
    assert run(root, TITLE, *SCRIPTED).exit_code == 0
    before = snapshot(root)
    again = run(root, TITLE, "--no-input")
    assert again.exit_code == 2 and "already a goal file" in again.output
    asked = run(root, TITLE, input="x\n")
    assert asked.exit_code == 2 and "What will you count" not in asked.output   # refused before any question
    assert snapshot(root) == before


def test_refuses_when_a_markdown_goal_has_the_id(root):
    (root / "content/goals/evening-walks.md").write_text("---\ntitle: Walk in the evening three times a week\n---\n")
    before = snapshot(root)
    result = run(root, "Evening walks", "--no-input")
    assert result.exit_code == 2 and "content/goals/evening-walks.md" in result.output
    assert snapshot(root) == before


def test_stopping_at_a_question_writes_nothing(root):
    before = snapshot(root)
    result = run(root, TITLE, input="30-minute walks\n")    # stdin ends mid-way
    assert result.exit_code == 1 and "before writing anything" in result.output and "--no-input" in result.output
    assert snapshot(root) == before


@pytest.mark.parametrize("args, words", [
    (["", "--no-input"], "title is empty"),
    (["Walk", "--no-input", "--id", "Evening_Walks"], "can't be a goal id"),
    (["散歩する", "--no-input"], "--id"),
    ([TITLE, "--no-input", "--target", "three"], "is not a number"),
    ([TITLE, "--no-input", "--due", "2026-11-01"], "not after the start"),
    ([TITLE, "--no-input", "--per", "fortnight"], "fortnight"),
])
def test_bad_input_is_refused(root, args, words):
    before = snapshot(root)
    result = run(root, *args)
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert snapshot(root) == before


def test_not_a_project(tmp_path):
    result = run(tmp_path, TITLE, "--no-input")
    assert result.exit_code == 2 and "goalbook init" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("title", ["no", "Walk: 3 times # a week", "'quoted' and \"double\"", "- a list?",
                                   "Café visits, twice a week", "  extra   spaces  "])
def test_titles_read_back_exactly(root, title):
    result = run(root, "--no-input", "--id", "g", "--", title)     # '--': a title may start with '-'
    assert result.exit_code == 0, result.output
    assert goal_of(root, "g").title == " ".join(title.split())


def test_id_option(root):
    assert run(root, TITLE, "--no-input", "--id", "walks").exit_code == 0
    assert (root / "content/goals/walks.yaml").is_file()


def test_slugify():
    assert slugify(TITLE) == SLUG
    assert slugify("Café visits: 2×/week!") == "cafe-visits-2-week"
    assert len(slugify("word " * 40)) <= 50 and not slugify("word " * 40).endswith("-")
    assert slugify("散歩") == ""


def test_schema_file_is_refreshed_but_goals_are_not(root):
    (root / ".goalbook").mkdir()
    (root / ".goalbook/schema.json").write_text("{}")
    run(root, TITLE, "--no-input")
    assert (root / ".goalbook/schema.json").read_text().startswith('{\n  "$schema"')


def test_real_process(root):
    env = {**os.environ, **LOCAL}
    done = subprocess.run([str(GOALBOOK), "-C", str(root), "new", "goal", TITLE, *SCRIPTED],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    check = subprocess.run([str(GOALBOOK), "-C", str(root), "check", "--today", TODAY.isoformat()],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    again = subprocess.run([str(GOALBOOK), "-C", str(root), "new", "goal", TITLE, "--no-input"],
                           capture_output=True, text=True, env=env)
    assert again.returncode == 2 and "nothing was changed" in again.stderr
