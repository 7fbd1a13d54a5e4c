"""Commands find the project like git finds a repository: the current folder
or the nearest one above it with goalbook.yaml or content/. `-C DIR` works
before or after the command name, and paths are printed relative to where the
user stands (JSON and SARIF keep them relative to the project)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import click
import pytest

from conftest import GOOD_GOAL, TODAY, files_in
from gitrepo import GOALBOOK
from goalbook.cli import main
from goalbook.load.locate import find_project

BAD_GOAL = GOOD_GOAL.replace("  baseline: 0\n", "")           # M202 on line 8


def goalbook(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(GOALBOOK), *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


@pytest.fixture
def book(tmp_path) -> Path:
    root = tmp_path / "book"
    for rel, text in {"content/goals/evening-walks.yaml": GOOD_GOAL,
                      "content/goals/rest.yaml": BAD_GOAL.replace("Walk for 30 minutes", "Rest for 30 minutes"),
                      "content/checkins/2026-11-20.yaml": "date: 2026-11-20\nprogress: {evening-walks: 2, rest: 1}\n",
                      "notes/ideas.txt": "not part of the book\n"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def first_line(done: subprocess.CompletedProcess) -> str:
    return done.stdout.splitlines()[0]


FINDING = ":8:3: warning M202: measure has no baseline"


@pytest.mark.parametrize("where, shown", [
    (".", "content/goals/rest.yaml"),
    ("content", "goals/rest.yaml"),
    ("content/goals", "rest.yaml"),
    ("content/checkins", "../goals/rest.yaml"),
    ("notes", "../content/goals/rest.yaml"),
])
def test_check_from_any_folder_of_the_book(book, where, shown):
    done = goalbook("check", cwd=book / where)
    assert done.returncode == 0, done.stderr
    assert first_line(done).startswith(shown + FINDING)
    assert (book / where / shown).is_file()              # it opens from there


@pytest.mark.parametrize("args", [["-C", "book", "check"], ["check", "-C", "book"],
                                  ["--project", "book", "check"], ["check", "--project=book"],
                                  ["-C", "book/content", "check"], ["check", "-C", "book/content/goals"]])
def test_minus_c_before_or_after_the_command_prints_paths_from_here(book, args):
    done = goalbook(*args, cwd=book.parent)
    assert done.returncode == 0, done.stderr
    assert first_line(done).startswith("book/content/goals/rest.yaml" + FINDING)


def test_minus_c_twice_is_taken_step_by_step_like_git(book):
    done = goalbook("-C", "book", "check", "-C", "content", cwd=book.parent)
    assert first_line(done).startswith("book/content/goals/rest.yaml" + FINDING)


def test_an_absolute_minus_c_from_elsewhere_keeps_project_paths(book, tmp_path):
    """Neither above nor below where the user stands: SPEC 6's project-relative paths,
    not a path full of '../..'."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = goalbook("check", "-C", str(book), cwd=elsewhere)
    assert first_line(done).startswith("content/goals/rest.yaml" + FINDING)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_keep_project_relative_paths(book, fmt):
    done = goalbook("check", "--format", fmt, cwd=book / "content" / "goals")
    data = json.loads(done.stdout)
    if fmt == "json":
        paths = {d["path"] for d in data}
    else:
        paths = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"]}
    assert paths == {"content/goals/rest.yaml"}


def test_the_nearest_project_wins(book):
    inner = book / "notes" / "old-book"
    (inner / "content" / "goals").mkdir(parents=True)
    (inner / "content" / "goals" / "x.yaml").write_text(BAD_GOAL, encoding="utf-8")
    done = goalbook("check", cwd=inner / "content" / "goals")
    assert "x.yaml" + FINDING in done.stdout
    assert "in 1 file" in done.stderr


def test_goalbook_yaml_alone_marks_a_project(tmp_path):
    root = tmp_path / "settings-only"
    (root / "docs").mkdir(parents=True)
    (root / "goalbook.yaml").write_text("title: Mine\n", encoding="utf-8")
    assert find_project(root / "docs") == root.resolve()
    done = goalbook("check", cwd=root / "docs")
    assert done.returncode == 0 and "in 1 file" in done.stderr


def test_no_project_above_is_a_kind_usage_error(tmp_path):
    lost = tmp_path / "lost" / "deeper"
    lost.mkdir(parents=True)
    if find_project(lost) is not None:
        pytest.skip(f"a folder above the test's temporary folder looks like a project: {find_project(lost)}")
    for args in (["check"], ["build", "--no-pdf"], ["export"], ["checkin", "x", "1"], ["new", "goal", "Walk", "--no-input"],
                 ["schema", "--write"]):
        done = goalbook(*args, cwd=lost)
        assert done.returncode == 2, (args, done.stderr)
        assert "isn't in a goalbook project" in done.stderr and "goalbook init" in done.stderr, args
        assert "Traceback" not in done.stderr
    assert files_in(tmp_path / "lost") == {}


def test_a_missing_minus_c_folder_is_named(tmp_path):
    done = goalbook("check", "-C", "nowhere", cwd=tmp_path)
    assert done.returncode == 2 and "nowhere" in done.stderr and "Traceback" not in done.stderr


def test_every_command_takes_minus_c_after_its_name():
    def commands(group: click.Group, prefix=()):
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if isinstance(command, click.Group):
                yield from commands(command, (*prefix, name))

    for path, command in commands(main):
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-C", "--project"} <= options, f"goalbook {' '.join(path)} has no -C"


# --- every command finds the project from a subfolder ----------------------------

def test_export_from_a_subfolder(book):
    done = goalbook("export", cwd=book / "content" / "checkins")
    assert done.returncode == 0, done.stderr
    assert {g["id"] for g in json.loads(done.stdout)["goals"]} == {"evening-walks", "rest"}


def test_checkin_from_a_subfolder_writes_into_the_project(book):
    done = goalbook("checkin", "evening-walks", "1", cwd=book / "content" / "goals")
    assert done.returncode == 0, done.stderr
    assert (book / "content" / "checkins" / f"{TODAY.isoformat()}-evening-walks.md").is_file()
    assert not (book / "content" / "goals" / "content").exists()


def test_checkin_with_minus_c_after_the_name(book):
    done = goalbook("checkin", "-C", "book", "evening-walks", "2", "--date", "2026-11-21", cwd=book.parent)
    assert done.returncode == 0, done.stderr
    assert (book / "content" / "checkins" / "2026-11-21-evening-walks.md").is_file()


def test_new_goal_from_a_subfolder_and_with_minus_c_on_either_level(book):
    done = goalbook("new", "goal", "Call my sister every Sunday afternoon", "--no-input", cwd=book / "notes")
    assert done.returncode == 0, done.stderr
    assert (book / "content" / "goals" / "call-my-sister-every-sunday-afternoon.yaml").is_file()
    for args in (["new", "-C", "book", "goal"], ["new", "goal", "-C", "book"]):
        title = f"Write in my journal each evening {len(args[1])}"
        done = goalbook(*args, title, "--no-input", cwd=book.parent)
        assert done.returncode == 0, done.stderr
    assert len(list((book / "content" / "goals").glob("write-in-my-journal-each-evening-*.yaml"))) == 2


def test_schema_write_from_a_subfolder(book):
    done = goalbook("schema", "--write", cwd=book / "content" / "goals")
    assert done.returncode == 0, done.stderr
    assert (book / ".goalbook" / "schema.json").is_file()
    assert not (book / "content" / "goals" / ".goalbook").exists()


def test_schema_without_write_needs_no_project(tmp_path):
    done = goalbook("schema", "--kind", "goal", cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)


def test_build_from_a_subfolder_writes_the_projects_output(book):
    done = goalbook("build", "--no-pdf", cwd=book / "content")
    assert done.returncode == 0, done.stderr
    assert (book / "output" / "index.html").is_file() and not (book / "content" / "output").exists()
    assert "goals/rest.yaml" + FINDING in done.stdout          # from content/, as the user stands


def test_init_works_where_it_is_told_and_never_searches_upward(book):
    done = goalbook("init", cwd=book / "notes")               # inside a book, a new book is made here
    assert done.returncode == 0, done.stderr
    assert (book / "notes" / "goalbook.yaml").is_file()
    done = goalbook("-C", "book", "init", "second", cwd=book.parent)
    assert done.returncode == 0, done.stderr
    assert (book / "second" / "content" / "goals" / "evening-walks.yaml").is_file()


# --- shell completion -----------------------------------------------------------------

def complete(words: str, cwd: Path) -> list[str]:
    env = {"_GOALBOOK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    done = goalbook(cwd=cwd, env=env)
    return [line.split(",", 1)[1] for line in done.stdout.splitlines() if line.startswith("plain,")]


@pytest.mark.parametrize("words, where", [
    ("goalbook checkin ", "."),
    ("goalbook checkin ", "content/goals"),
    ("goalbook checkin ", "notes"),
    ("goalbook -C book checkin ", ".."),
    ("goalbook checkin -C book ", ".."),
    ("goalbook checkin -C book/content ", ".."),
])
def test_goal_ids_complete_from_anywhere_the_command_would_work(book, words, where):
    assert complete(words, (book / where).resolve()) == ["evening-walks", "rest"]


def test_completion_narrows_and_stays_quiet_outside_a_book(book, tmp_path):
    assert complete("goalbook checkin r", book / "content") == ["rest"]
    outside = tmp_path / "outside"
    outside.mkdir()
    if find_project(outside) is None:
        assert complete("goalbook checkin ", outside) == []
