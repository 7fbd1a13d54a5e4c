"""`goalbook init`, and the version-control helpers around it: the .gitignore,
the schema for editors, the pre-commit hook, shell completion and the docs."""
from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, TODAY, require_tool
from conftest import files_in as snapshot
from goalbook.cli import main
from goalbook.app.check import check_project
from goalbook.render.jsonschema import schema_text

# The local date these commands record comes from the one clock (GOALBOOK_TODAY), never the wall clock.
LOCAL = {"GOALBOOK_TODAY": TODAY.isoformat()}
GOALBOOK = REPO / ".venv" / "bin" / "goalbook"
COMMANDS = ("init", "check", "build", "new", "checkin", "serve", "schema", "export")


def init(root: Path):
    return CliRunner().invoke(main, ["init", str(root)], env=LOCAL)


def test_init_writes_a_book_that_passes_check(tmp_path):
    root = tmp_path / "book"
    result = init(root)
    assert result.exit_code == 0, result.output
    check = subprocess.run([str(GOALBOOK), "-C", str(root), "check", "--today", TODAY.isoformat()],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert "0 errors" in check.stderr
    assert check_project(root, TODAY).errors == 0


def test_gitignore_ignores_output_but_keeps_the_schema(tmp_path):
    init(tmp_path / "b")
    ignore = (tmp_path / "b/.gitignore").read_text()
    assert "output/" in ignore.splitlines()
    # .goalbook/ itself (the schema) is kept; only its cache/ and the staging folders are ignored
    assert not any(line.strip().strip("/") in (".goalbook", ".goalbook/*") for line in ignore.splitlines())


def test_yaml_files_point_to_the_schema_in_the_project(tmp_path):
    root = tmp_path / "b"
    init(root)
    for rel in ("content/goals/evening-walks.yaml", "goalbook.yaml"):
        first = (root / rel).read_text().splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, first
        target = ((root / rel).parent / m.group(1)).resolve()
        assert target.is_file() and target.is_relative_to(root.resolve())
        json.loads(target.read_text())
    assert (root / ".goalbook/schema.json").read_text() == schema_text()


def test_init_refuses_to_overwrite_and_changes_nothing(tmp_path):
    root = tmp_path / "b"
    init(root)
    (root / "content/goals/evening-walks.yaml").write_text("title: my own words\n")
    before = snapshot(root)
    again = init(root)
    assert again.exit_code == 2 and "nothing was changed" in again.output
    assert snapshot(root) == before


def test_init_refuses_if_any_one_file_is_there(tmp_path):
    root = tmp_path / "b"
    root.mkdir()
    (root / "goalbook.yaml").write_text("title: mine\n")
    result = init(root)
    assert result.exit_code == 2 and "goalbook.yaml" in result.output
    assert snapshot(root) == {"goalbook.yaml": b"title: mine\n"}


def test_init_in_a_real_process_with_c_option(tmp_path):
    env = {**os.environ, **LOCAL}
    done = subprocess.run([str(GOALBOOK), "-C", str(tmp_path), "init"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "content/checkins" / f"{TODAY.isoformat()}.md").is_file()


# --- pre-commit ---------------------------------------------------------------

def hook() -> dict:
    (entry,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    return entry


def test_pre_commit_hook_definition():
    h = hook()
    assert h["id"] == "goalbook-check" and h["entry"] == "goalbook check --staged"
    assert h["language"] == "python" and h["pass_filenames"] is False
    files = re.compile(h["files"])
    for path in ("content/goals/a.yaml", "content/checkins/2026-11-22.md", "goalbook.yaml"):
        assert files.search(path), path
    for path in ("README.md", "docs/check.md", "output/index.html", "templates/page.html"):
        assert not files.search(path), path


def test_pre_commit_entry_runs_in_a_book(tmp_path):
    from gitrepo import Repo, git_env

    require_tool("git", "for the hook's --staged")
    root = tmp_path / "b"
    init(root)
    repo = Repo(root, git_env(tmp_path / "home"))
    repo.git("add", "-A")
    entry = hook()["entry"].split()
    ok = subprocess.run([str(GOALBOOK), *entry[1:], "--today", TODAY.isoformat()], cwd=root, capture_output=True,
                        env=repo.env)
    assert ok.returncode == 0
    repo.stage("content/goals/evening-walks.yaml", "title: Walk\nstatus: finished\n")
    bad = subprocess.run([str(GOALBOOK), *entry[1:]], cwd=root, capture_output=True, text=True, env=repo.env)
    assert bad.returncode == 1 and "GB003" in bad.stdout


# --- shell completion ---------------------------------------------------------

def test_bash_completion_script_and_words():
    env = {**os.environ, "_GOALBOOK_COMPLETE": "bash_source"}
    script = subprocess.run([str(GOALBOOK)], capture_output=True, text=True, env=env)
    assert script.returncode == 0 and "complete " in script.stdout and "_GOALBOOK_COMPLETE" in script.stdout
    env = {**os.environ, "_GOALBOOK_COMPLETE": "bash_complete", "COMP_WORDS": "goalbook ch", "COMP_CWORD": "1"}
    words = subprocess.run([str(GOALBOOK)], capture_output=True, text=True, env=env).stdout
    assert "check" in words and "checkin" in words


# --- docs -----------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_a_docs_page_with_an_example(command):
    page = (REPO / "docs" / f"{command}.md").read_text()
    assert page.startswith(f"# goalbook {command}")
    assert re.search(rf"^goalbook (-C \S+ )?{command}\b", page, re.M), "no example of running it"


def test_docs_cover_every_option():
    for command in ("new", "checkin", "schema", "init", "check", "build"):
        page = (REPO / "docs" / f"{command}.md").read_text()
        cmd = main.commands[command]
        if command == "new":
            cmd = cmd.commands["goal"]
        for param in cmd.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in page, f"docs/{command}.md does not explain {opt}"


def test_day_in_the_life_walks_through_the_loop():
    page = (REPO / "docs" / "day-in-the-life.md").read_text()
    positions = [page.find(f"goalbook {c}") for c in ("init", "new goal", "checkin", "serve", "build")]
    assert -1 not in positions and positions == sorted(positions)
    assert "report.pdf" in page


def test_docs_links_point_to_existing_pages():
    for page in (REPO / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)", page.read_text()):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
