"""`goalbook check --staged` checks the book as the next commit would hold it,
read from the git index of real repositories: untracked files and unstaged
edits don't count, and positions are those of the staged text."""
from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest

from conftest import GOOD_GOAL, require_tool
from gitrepo import GOALBOOK, Repo, git_env
from goalbook.errors import GoalbookError
from goalbook.load.files import MAX_FILE_BYTES
from goalbook.load.git_index import git_environment, staged_files
from goalbook.cli.formats.text import LINE

GOAL = "content/goals/evening-walks.yaml"
BAD_GOAL = GOOD_GOAL.replace("due: 2027-01-31\n", "due: 2027-02-30\n")
CHECKIN = "date: 2026-11-20\nprogress:\n  evening-walks: 2\n"


@pytest.fixture
def repo(tmp_path):
    require_tool("git", "for the --staged tests")
    repo = Repo(tmp_path / "repo", git_env(tmp_path / "home"))
    repo.stage(GOAL, GOOD_GOAL)
    repo.stage("content/checkins/2026-11-19.yaml", CHECKIN.replace("11-20", "11-19"))   # keeps T504 quiet
    repo.commit("first goal")
    return repo


def staged_check(repo: Repo, *args: str, cwd=None) -> subprocess.CompletedProcess:
    return repo.goalbook("check", "--staged", *args, cwd=cwd)


def reported(done: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    return [(d["path"], d["line"], d["code"]) for d in json.loads(done.stdout)]


def test_staged_good_with_an_unstaged_bad_edit_passes(repo):
    repo.stage("content/checkins/2026-11-20.yaml", CHECKIN)
    repo.write(GOAL, BAD_GOAL)                          # not staged
    assert repo.goalbook("check").returncode == 1       # the working tree is broken …
    done = staged_check(repo)
    assert done.returncode == 0, done.stdout + done.stderr   # … but the commit isn't
    assert "in 3 files" in done.stderr


def test_staged_bad_with_an_unstaged_fix_fails_at_the_staged_line(repo):
    repo.stage(GOAL, "# a comment the fix took out again\n" + BAD_GOAL)
    repo.write(GOAL, GOOD_GOAL)                          # fixed, but the fix isn't staged
    assert repo.goalbook("check").returncode == 0
    done = staged_check(repo, "--format", "json")
    assert done.returncode == 1
    due_line = BAD_GOAL.splitlines().index("due: 2027-02-30") + 2     # +1 for the comment, +1 1-based
    assert reported(done) == [(GOAL, due_line, "GB003")]


def test_an_untracked_bad_draft_is_ignored(repo):
    repo.write("content/goals/new-idea.yaml", "title: [unclosed\n")
    repo.write("content/checkins/2026-11-21.yaml", "date: 2026-11-21\nprogress: {nobody: 1}\n")
    assert repo.goalbook("check").returncode == 1
    done = staged_check(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "new-idea" not in done.stdout and "2026-11-21" not in done.stdout
    assert "in 2 files" in done.stderr


def test_a_checkin_naming_a_goal_that_is_only_in_the_working_tree_is_gb006(repo):
    repo.write("content/goals/call-sister.yaml", GOOD_GOAL.replace("Walk for 30 minutes", "Call my sister"))
    repo.stage("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress:\n  call-sister: 1\n")
    assert repo.goalbook("check").returncode == 0       # on disk the goal is there
    done = staged_check(repo, "--format", "json")
    assert done.returncode == 1
    assert reported(done) == [("content/checkins/2026-11-20.yaml", 3, "GB006")]


def test_a_deleted_but_staged_file_is_still_checked_and_a_staged_removal_is_not(repo):
    repo.stage("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress:\n  evening-walks: many\n")
    (repo.path / "content/checkins/2026-11-20.yaml").unlink()          # gone from disk, still staged
    assert reported(staged_check(repo, "--format", "json")) == [("content/checkins/2026-11-20.yaml", 3, "GB007")]
    repo.git("rm", "-q", "--cached", "content/checkins/2026-11-20.yaml")
    assert staged_check(repo).returncode == 0


def test_staged_goalbook_yaml_counts(repo):
    repo.write("goalbook.yaml", "values: [health]\n")
    repo.stage("goalbook.yaml", "values: [health]\nrules: {NOPE1: off}\n")
    done = staged_check(repo, "--format", "json")
    assert [code for _, _, code in reported(done)] == ["GB008"]


def test_a_book_in_a_subfolder(repo):
    outer = repo.path
    repo.stage("my-goals/" + GOAL, BAD_GOAL)
    repo.write("my-goals/" + GOAL, GOOD_GOAL)            # unstaged fix: doesn't count
    repo.write("my-goals/content/goals/draft.yaml", "title: [\n")   # untracked: doesn't count
    from_top = repo.goalbook("-C", "my-goals", "check", "--staged")
    assert from_top.returncode == 1
    assert "\nmy-goals/content/goals/evening-walks.yaml:6:6: error GB003:" in "\n" + from_top.stdout
    inside = staged_check(repo, "--format", "json", cwd=outer / "my-goals")
    assert (GOAL, 6, "GB003") in reported(inside)            # JSON: relative to the project
    assert {path for path, _, _ in reported(inside)} == {GOAL}
    deep = staged_check(repo, cwd=outer / "my-goals" / "content" / "goals")
    assert "\nevening-walks.yaml:6:6: error GB003:" in "\n" + deep.stdout    # text: relative to here


def test_not_a_repository_is_a_kind_usage_error(tmp_path):
    require_tool("git", "for the --staged tests")
    book = tmp_path / "book"
    (book / "content" / "goals").mkdir(parents=True)
    (book / GOAL).write_text(GOOD_GOAL, encoding="utf-8")
    env = git_env(tmp_path / "home")
    env["GIT_CEILING_DIRECTORIES"] = str(tmp_path)      # don't find a repository above the test folder
    done = subprocess.run([str(GOALBOOK), "check", "--staged"], capture_output=True, text=True, cwd=book, env=env)
    assert done.returncode == 2
    assert "isn't in a git repository" in done.stderr and "hint:" in done.stderr
    assert "Traceback" not in done.stderr


def test_no_git_at_all_is_a_kind_usage_error(repo, tmp_path):
    env = {**repo.env, "PATH": str(tmp_path / "no-tools-here")}
    done = subprocess.run([str(GOALBOOK), "check", "--staged"], capture_output=True, text=True, cwd=repo.path, env=env)
    assert done.returncode == 2
    assert "git isn't installed" in done.stderr and "Traceback" not in done.stderr


def test_two_git_processes_however_many_files(repo, tmp_path):
    """ls-files once and cat-file once, not one git call per file."""
    for day in range(1, 21):
        repo.stage(f"content/checkins/2026-11-{day:02d}.yaml", f"date: 2026-11-{day:02d}\nprogress: {{evening-walks: 1}}\n")
    log = tmp_path / "git-calls"
    tools = tmp_path / "tools"
    tools.mkdir()
    real_git = require_tool("git", "for the --staged tests")
    wrapper = tools / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real_git}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    env = {**repo.env, "PATH": f"{tools}{os.pathsep}{repo.env['PATH']}"}
    done = repo.goalbook("check", "--staged", env=env)
    assert done.returncode == 0, done.stderr
    assert "in 21 files" in done.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 2, calls
    assert "ls-files --stage -z" in calls[0] and calls[1].endswith("cat-file --batch")


def test_an_oversized_staged_file_is_refused_with_its_size_unread(repo):
    big = "title: Walk\n" + "# " + "x" * (MAX_FILE_BYTES + 10) + "\n"
    repo.stage("content/goals/big.yaml", big)
    repo.stage("content/checkins/2026-11-20.yaml", CHECKIN)      # the blob after the big one still reads
    files = staged_files(repo.path)
    assert files.exists("content/goals/big.yaml") and "content/goals/big.yaml" not in files.contents
    done = staged_check(repo, "--format", "json")
    found = json.loads(done.stdout)
    assert [(d["path"], d["code"]) for d in found] == [("content/goals/big.yaml", "GB001")]
    assert "2.0 MB, too large" in found[0]["message"]
    assert "in 4 files" in done.stderr


def test_a_staged_symlink_counts_when_it_leads_to_a_staged_file_of_the_project(repo, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("title: [\n", encoding="utf-8")
    (repo.path / "content/goals/walks.yaml").symlink_to("evening-walks.yaml")
    (repo.path / "content/goals/elsewhere.yaml").symlink_to(outside)
    repo.git("add", "content/goals")
    files = staged_files(repo.path)
    assert files.read("content/goals/walks.yaml") == GOOD_GOAL.encode()
    assert not files.exists("content/goals/elsewhere.yaml")


def test_names_in_any_script_and_a_newline_come_back_exactly(repo):
    repo.stage("content/goals/café-walks.yaml", GOOD_GOAL)
    repo.stage("content/goals/two\nlines.yaml", BAD_GOAL)
    files = staged_files(repo.path)
    assert {f.rel_path for f in files.list() if f.kind == "goal"} == {
        GOAL, "content/goals/café-walks.yaml", "content/goals/two\nlines.yaml"}
    done = staged_check(repo)
    lines = done.stdout.splitlines()
    assert r"content/goals/two\x0alines.yaml:6:6: error GB003: 'due' is 2027-02-30" in done.stdout
    assert all(LINE.match(line) or line.startswith("  hint: ") for line in lines), lines   # none forged


def test_an_unresolved_merge_conflict_is_named(repo):
    repo.git("checkout", "-q", "-b", "other")
    repo.stage(GOAL, GOOD_GOAL.replace("target: 3", "target: 4"))
    repo.commit("four")
    repo.git("checkout", "-q", "main")
    repo.stage(GOAL, GOOD_GOAL.replace("target: 3", "target: 5"))
    repo.commit("five")
    assert repo.git("merge", "-q", "other", check=False).returncode != 0
    done = staged_check(repo)
    assert done.returncode == 2
    assert f"{GOAL} is in a merge conflict" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(GoalbookError):
        staged_files(repo.path)


def test_the_index_a_hook_is_given_is_the_one_read(repo):
    """`git commit -a` and `git commit PATH` hand the hook a temporary index in
    GIT_INDEX_FILE, which may be relative to the top of the repository, while
    goalbook runs git in the book's subfolder."""
    book_goal = "my-goals/" + GOAL
    repo.stage(book_goal, GOOD_GOAL)
    repo.commit("a book in a subfolder")
    repo.write(book_goal, BAD_GOAL)
    env = {**repo.env, "GIT_INDEX_FILE": str(repo.path / ".git" / "next-index")}
    repo.git("read-tree", "HEAD", env=env)
    repo.git("add", book_goal, env=env)                     # bad in the other index only
    assert repo.goalbook("-C", "my-goals", "check", "--staged").returncode == 0
    relative = {**repo.env, "GIT_INDEX_FILE": ".git/next-index"}
    done = repo.goalbook("-C", "my-goals", "check", "--staged", env=relative)
    assert done.returncode == 1 and "GB003" in done.stdout, done.stderr


def test_git_environment_keeps_where_the_repository_is_and_drops_the_rest(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")      # git reads it from the top of the work tree
    monkeypatch.setenv("GIT_DIR", "repo/.git")              # git reads it from where it starts
    monkeypatch.setenv("GIT_TRACE", "1")
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='touch /tmp/owned'")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "evil")
    env = git_environment()
    assert env["GIT_INDEX_FILE"] == ".git/index"
    assert env["GIT_DIR"] == str(tmp_path / "repo" / ".git")
    assert env["GIT_WORK_TREE"] == str(tmp_path)           # where git would have taken it to be
    assert "GIT_TRACE" not in env and "GIT_CONFIG_PARAMETERS" not in env and "GIT_EXTERNAL_DIFF" not in env
    assert env["GIT_OPTIONAL_LOCKS"] == "0" and env["PATH"] == os.environ["PATH"]
