"""The pre-commit recipes in docs/check.md work as written, with the real
pre-commit, offline, in real git repositories."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_GOAL, REPO, require_tool

BIN = Path(sys.executable).parent
BAD_GOAL = GOOD_GOAL.replace("due: 2027-01-31\n", "due: 2027-02-30\n")


def recipe(name: str) -> str:
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```yaml\n(.*?)```", text, re.S)
    assert match, f"docs/check.md has no recipe '{name}'"
    return match.group(1)


def git(repo: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)


@pytest.fixture
def env(tmp_path):
    require_tool("git", "for the pre-commit tests")
    require_tool(str(BIN / "pre-commit"), "for the pre-commit tests (it is in the test lock)")
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "HOME": str(home), "PRE_COMMIT_HOME": str(home / "pre-commit"),
            "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@localhost", "GIT_AUTHOR_DATE": "2026-11-22T12:00:00+00:00",
            "GIT_COMMITTER_DATE": "2026-11-22T12:00:00+00:00"}


def repository(path: Path, config: str, book: str, env) -> Path:
    path.mkdir()
    assert git(path, "init", "-q", env=env).returncode == 0
    (path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    goals = path / book / "content" / "goals"
    goals.mkdir(parents=True)
    (goals / "evening-walks.yaml").write_text(GOOD_GOAL, encoding="utf-8")
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=path, env=env, check=True, capture_output=True)
    git(path, "add", "-A", env=env)
    first = git(path, "commit", "-qm", "first", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    return path


@pytest.mark.parametrize("name, book", [("book at the top of the repository", "."),
                                        ("book in a subfolder", "my-goals")])
def test_the_recipe_stops_a_bad_commit_and_lets_a_good_one_through(tmp_path, env, name, book):
    repo = repository(tmp_path / "repo", recipe(name), book, env)
    goal = repo / book / "content" / "goals" / "evening-walks.yaml"
    goal.write_text(BAD_GOAL, encoding="utf-8")
    git(repo, "add", "-A", env=env)
    bad = git(repo, "commit", "-qm", "a typo in a date", env=env)
    assert bad.returncode != 0
    assert "GB003" in bad.stdout + bad.stderr
    goal.write_text(GOOD_GOAL.replace("target: 3", "target: 4"), encoding="utf-8")
    git(repo, "add", "-A", env=env)
    good = git(repo, "commit", "-qm", "a higher target", env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert git(repo, "log", "--format=%s", env=env).stdout.split("\n")[0] == "a higher target"


def test_the_hook_definition_names_the_documented_id():
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: goalbook-check" in text and "pass_filenames: false" in text
