"""The pre-commit recipes in docs/check.md, the plain git hook there and the
hook definition in .pre-commit-hooks.yaml work as written: with the real
pre-commit and git, offline, in real repositories, judging the commit being
made (`check --staged`), not whatever else lies in the folder."""
from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import GOOD_GOAL, REPO, require_tool
from gitrepo import BIN, Repo, git_env

BAD_GOAL = GOOD_GOAL.replace("due: 2027-01-31\n", "due: 2027-02-30\n")
GOAL = "content/goals/evening-walks.yaml"
CHECKIN = "date: 2026-11-20\nprogress:\n  evening-walks: 2\n"


def recipe(name: str, lang: str = "yaml") -> str:
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- recipe: {re.escape(name)} -->\n```{lang}\n(.*?)```", text, re.S)
    assert match, f"docs/check.md has no recipe '{name}'"
    return match.group(1)


def hook_definition_as_local_config() -> str:
    """.pre-commit-hooks.yaml's hook, run as `repo: local` with the goalbook installed
    here (pre-commit would otherwise download goalbook's dependencies into a venv)."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = {key: hook[key] for key in ("id", "name", "entry", "pass_filenames", "files")}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [{**local, "language": "system"}]}]})


@pytest.fixture
def env(tmp_path):
    require_tool("git", "for the pre-commit tests")
    require_tool(str(BIN / "pre-commit"), "for the pre-commit tests (it is in the test lock)")
    return git_env(tmp_path / "home")


def repository(path: Path, config: str, book: str, env) -> Repo:
    repo = Repo(path, env)
    repo.write(".pre-commit-config.yaml", config)
    repo.write(f"{book}/{GOAL}", GOOD_GOAL)
    repo.write(f"{book}/content/checkins/2026-11-19.yaml", CHECKIN.replace("11-20", "11-19"))
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=path, env=env, check=True, capture_output=True)
    repo.git("add", "-A")
    repo.commit("first")
    return repo


def commit(repo: Repo, message: str, *args: str) -> subprocess.CompletedProcess:
    return repo.git("commit", "-qm", message, *args, check=False)


def last_message(repo: Repo) -> str:
    return repo.git("log", "-1", "--format=%s").stdout.strip()


CONFIGS = [("book at the top of the repository", "."), ("book in a subfolder", "my-goals")]


@pytest.mark.parametrize("name, book", CONFIGS)
def test_the_recipe_stops_a_bad_commit_and_lets_a_good_one_through(tmp_path, env, name, book):
    repo = repository(tmp_path / "repo", recipe(name), book, env)
    goal = repo.write(f"{book}/{GOAL}", BAD_GOAL)
    repo.git("add", "-A")
    bad = commit(repo, "a typo in a date")
    assert bad.returncode != 0
    assert "GB003" in bad.stdout + bad.stderr
    goal.write_text(GOOD_GOAL.replace("target: 3", "target: 4"), encoding="utf-8")
    repo.git("add", "-A")
    good = commit(repo, "a higher target")
    assert good.returncode == 0, good.stdout + good.stderr
    assert last_message(repo) == "a higher target"


@pytest.mark.parametrize("name, book", CONFIGS)
def test_an_untracked_bad_draft_doesnt_block_a_good_checkin(tmp_path, env, name, book):
    repo = repository(tmp_path / "repo", recipe(name), book, env)
    repo.write(f"{book}/content/goals/new-idea.yaml", "title: [not finished\n")
    repo.stage(f"{book}/content/checkins/2026-11-20.yaml", CHECKIN)
    done = commit(repo, "a check-in")
    assert done.returncode == 0, done.stdout + done.stderr
    assert last_message(repo) == "a check-in"


@pytest.mark.parametrize("name, book", CONFIGS)
def test_a_checkin_for_a_goal_left_untracked_is_stopped(tmp_path, env, name, book):
    """A clean clone of that commit would say GB006 there is no goal 'call-sister'."""
    repo = repository(tmp_path / "repo", recipe(name), book, env)
    repo.write(f"{book}/content/goals/call-sister.yaml", GOOD_GOAL.replace("Walk for 30 minutes", "Call my sister"))
    repo.stage(f"{book}/content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {call-sister: 1}\n")
    done = commit(repo, "a check-in for a goal that isn't committed")
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "GB006" in said and "call-sister" in said


def test_the_hook_definition_checks_what_is_staged(tmp_path, env):
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: goalbook-check" in text and "pass_filenames: false" in text
    repo = repository(tmp_path / "repo", hook_definition_as_local_config(), ".", env)
    repo.stage(GOAL, BAD_GOAL)
    repo.write(GOAL, GOOD_GOAL)                  # the fix isn't staged
    done = commit(repo, "a typo, fixed only on disk")
    assert done.returncode != 0 and "GB003" in done.stdout + done.stderr


def install_plain_hook(repo: Repo, hook: str) -> None:
    path = repo.path / ".git" / "hooks" / "pre-commit"
    path.write_text(hook, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_the_plain_hook_stops_a_staged_mistake_with_an_unstaged_fix(tmp_path, env):
    repo = Repo(tmp_path / "repo", env)
    repo.stage(GOAL, GOOD_GOAL)
    repo.commit("first")
    install_plain_hook(repo, recipe("plain git hook", "sh"))
    repo.stage(GOAL, BAD_GOAL)
    repo.write(GOAL, GOOD_GOAL.replace("target: 3", "target: 4"))
    done = commit(repo, "a typo, fixed only on disk")
    assert done.returncode != 0 and "GB003" in done.stderr + done.stdout
    assert last_message(repo) == "first"
    good = commit(repo, "the fix, with -a", "-a")          # git hands the hook a temporary index
    assert good.returncode == 0, good.stdout + good.stderr
    assert last_message(repo) == "the fix, with -a"


def test_the_plain_hook_for_a_subfolder_book_in_a_linked_worktree(tmp_path, env):
    """A hook in a linked worktree gets GIT_DIR (and no GIT_WORK_TREE) from git."""
    repo = Repo(tmp_path / "repo", env)
    repo.stage(f"my-goals/{GOAL}", GOOD_GOAL)
    repo.commit("first")
    hook = recipe("plain git hook", "sh").replace("goalbook check", "goalbook -C my-goals check")
    install_plain_hook(repo, hook)
    repo.git("worktree", "add", "-q", "-b", "elsewhere", str(tmp_path / "linked"))
    linked = Repo.__new__(Repo)
    linked.path, linked.env = tmp_path / "linked", env
    linked.stage(f"my-goals/{GOAL}", BAD_GOAL)
    bad = commit(linked, "a typo")
    assert bad.returncode != 0
    assert "my-goals/content/goals/evening-walks.yaml:6:6: error GB003" in bad.stdout + bad.stderr
    linked.stage(f"my-goals/{GOAL}", GOOD_GOAL.replace("target: 3", "target: 4"))
    good = commit(linked, "four")
    assert good.returncode == 0, good.stdout + good.stderr
