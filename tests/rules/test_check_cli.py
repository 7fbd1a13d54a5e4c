"""`goalbook check` as a user runs it: exit status, --strict, --format json,
the summary on stderr, --today / SOURCE_DATE_EPOCH, and colour."""
import json
import os
import pty
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from support import CLEAN_GOAL, as_json, run_check

WARNING_ONLY = CLEAN_GOAL.replace("  unit: walks\n", "")                       # M204
WITH_ERROR = CLEAN_GOAL.replace("due: 2027-01-31\n", "")                       # T501
PAST_DUE_SOON = CLEAN_GOAL.replace("due: 2027-01-31", "due: 2026-12-31")      # A304 after that day


@pytest.fixture
def clean(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    return book


# ------------------------------------------------------------------ exit status

def test_clean_project_exits_0(clean):
    result = run_check(clean.root)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "0 errors, 0 warnings in 1 file — all clear"


def test_warnings_exit_0_and_1_with_strict(book):
    book.write("content/goals/walks.yaml", WARNING_ONLY)
    assert run_check(book.root).exit_code == 0
    assert run_check(book.root, "--strict").exit_code == 1


def test_errors_exit_1(book):
    book.write("content/goals/walks.yaml", WITH_ERROR)
    result = run_check(book.root)
    assert result.exit_code == 1
    assert "content/goals/walks.yaml:1:8: error T501" in result.stdout
    assert run_check(book.root, "--strict").exit_code == 1


def test_strict_on_a_clean_project_exits_0(clean):
    assert run_check(clean.root, "--strict").exit_code == 0


def test_every_problem_in_one_pass_and_no_traceback(book):
    book.write("content/goals/a.yaml", "title: [unclosed\n")
    book.write("content/goals/b.yaml", WITH_ERROR)
    book.write("content/goals/c.yaml", WARNING_ONLY)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-31\n")
    result = run_check(book.root)
    assert result.exit_code == 1
    paths = [line.split(":")[0] for line in result.stdout.splitlines() if not line.startswith("  hint:")]
    assert paths == [
        "content/checkins/2026-11-20.yaml", "content/goals/a.yaml",
        "content/goals/b.yaml", "content/goals/c.yaml"]
    assert "Traceback" not in result.output
    assert "3 errors, 1 warning in 4 files" in result.stderr


def test_not_a_project_exits_2(tmp_path):
    (tmp_path / "notes").mkdir()
    result = run_check(tmp_path / "notes")
    assert result.exit_code == 2
    assert "isn't in a goalbook project" in result.stderr
    assert "goalbook init" in result.stderr
    assert result.stdout == ""


def test_missing_folder_exits_2(tmp_path):
    result = run_check(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_settings_file_alone_makes_a_project(tmp_path):
    root = tmp_path / "only-settings"
    root.mkdir()
    (root / "goalbook.yaml").write_text("title: My goals\n")
    assert run_check(root).exit_code == 0


@pytest.mark.parametrize("today", ["2026-02-30", "yesterday", "22/11/2026", ""])
def test_bad_today_exits_2(clean, today):
    result = run_check(clean.root, today=today)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- --format json

def test_json_has_exactly_the_spec_keys(book):
    book.write("content/goals/walks.yaml", WARNING_ONLY)
    book.write("content/goals/run.yaml", WITH_ERROR)
    result = run_check(book.root, "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)           # stdout is only the JSON
    assert [list(item) for item in items] == [["path", "line", "column", "severity", "code", "message", "hint"]] * 2
    run, walks = items
    assert run == {"path": "content/goals/run.yaml", "line": 1, "column": 8, "severity": "error",
                   "code": "T501", "message": run["message"], "hint": run["hint"]}
    assert walks["path"] == "content/goals/walks.yaml" and walks["code"] == "M204"
    assert (walks["line"], walks["column"], walks["severity"]) == (8, 3, "warning")
    assert isinstance(walks["message"], str) and isinstance(walks["hint"], str)
    assert "1 error, 1 warning in 2 files" in result.stderr


def test_json_hint_is_null_when_there_is_none(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "priority: 0\n")    # GB003 without a hint
    [item] = as_json(run_check(book.root, "--format", "json"))
    assert item["code"] == "GB003" and item["hint"] is None


def test_json_for_a_clean_project_is_an_empty_list(clean):
    result = run_check(clean.root, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_json_keeps_non_ascii_text(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("area: physical health", "area: Gesundheit für mich"))
    [item] = as_json(run_check(book.root, "--format", "json"))
    assert "Gesundheit für mich" in item["message"]


def test_json_with_strict(book):
    book.write("content/goals/walks.yaml", WARNING_ONLY)
    result = run_check(book.root, "--format", "json", "--strict")
    assert result.exit_code == 1
    assert [i["severity"] for i in json.loads(result.stdout)] == ["warning"]


# -------------------------------------------------------------------- summary

def test_summary_is_one_line_on_stderr(book):
    book.write("content/goals/walks.yaml", WARNING_ONLY)
    book.write("content/goals/run.yaml", WITH_ERROR)
    result = run_check(book.root)
    assert result.stderr.splitlines() == ["1 error, 1 warning in 2 files"]
    assert "in 2 files" not in result.stdout


def test_summary_counts_settings_and_checkins(book):
    book.write("goalbook.yaml", "title: My goals\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {walks: 1}\n")
    assert run_check(book.root).stderr.strip() == "0 errors, 0 warnings in 3 files — all clear"


# ------------------------------------------------------ what "today" is

def epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()) + 12 * 3600)


def test_source_date_epoch_is_today_without_today_option(book):
    book.write("content/goals/walks.yaml", PAST_DUE_SOON.replace("2026-11-18", "2027-01-03"))
    before = run_check(book.root, today=None, env={"SOURCE_DATE_EPOCH": epoch("2027-01-03")})
    assert "A304" in before.stdout
    after = run_check(book.root, today=None, env={"SOURCE_DATE_EPOCH": epoch("2026-12-30")})
    assert "A304" not in after.stdout


def test_today_option_wins_over_source_date_epoch(book):
    book.write("content/goals/walks.yaml", PAST_DUE_SOON)
    result = run_check(book.root, today="2026-11-22", env={"SOURCE_DATE_EPOCH": epoch("2027-06-01")})
    assert "A304" not in result.stdout


# -------------------------------------------------------------------- colour

def test_no_colour_off_a_terminal(book):
    book.write("content/goals/walks.yaml", WITH_ERROR)
    result = run_check(book.root, env={"NO_COLOR": None})
    assert "error T501" in result.stdout
    assert "\x1b[" not in result.output


def run_on_terminal(root, env_extra):
    """Run goalbook with stdout on a pseudo-terminal; return what it printed there."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SOURCE_DATE_EPOCH")}
    env.update(TERM="xterm", **env_extra)
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "goalbook", "-C", str(root), "check", "--today", "2026-11-22"],
            stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=60)
        os.close(secondary)
        secondary = None
        out = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        if secondary is not None:
            os.close(secondary)
        os.close(primary)
    return proc.returncode, out.decode("utf-8"), proc.stderr.decode("utf-8")


def test_colour_on_a_terminal_unless_no_color(book):
    book.write("content/goals/walks.yaml", WITH_ERROR)
    status, coloured, _ = run_on_terminal(book.root, {})
    assert status == 1
    assert "\x1b[" in coloured                   # the test can see colour when there is some
    status, plain, stderr = run_on_terminal(book.root, {"NO_COLOR": "1"})
    assert status == 1
    assert "error T501" in plain
    assert "\x1b[" not in plain and "\x1b[" not in stderr


def test_project_option_naming_a_file_exits_2(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    result = run_check(book.root / "content" / "goals" / "walks.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("epoch", ["99999999999999", "1798761600.0", "next tuesday"])
def test_an_unusable_source_date_epoch_is_a_usage_error(book, epoch):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    proc = subprocess.run([sys.executable, "-m", "goalbook", "-C", str(book.root), "check"],
                          capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
    assert proc.returncode == 2
    assert "SOURCE_DATE_EPOCH" in proc.stderr and "Traceback" not in proc.stderr
