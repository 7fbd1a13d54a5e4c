"""History from git (SPEC section 14), on real repositories scripted in temporary folders.

Every commit has explicit author and committer dates; HOME and GIT_CONFIG_GLOBAL
point at an empty folder, so the user's own git config is never read.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, TODAY, require_tool
from goalbook.app.history import history_key, read_history
from goalbook.app.build import BuildOptions, build
from goalbook.load.top_level import fields_region
from goalbook.model.entities import Revision
from goalbook.model.history import FieldChange, VersionReader, _values, unrecorded

GOALBOOK = REPO / ".venv" / "bin" / "goalbook"
GIT = shutil.which("git")


def goal(target=3, baseline=0, due="2027-01-31", title="Walk for 30 minutes on three evenings a week",
         extra="") -> str:
    return textwrap.dedent(f"""\
        title: {title}
        why: Walking clears my head.
        start: 2026-10-01
        due: {due}
        measure:
          what: evening walks
          unit: walks
          per: week
          baseline: {baseline}
          target: {target}
        """) + textwrap.dedent(extra)


@pytest.fixture
def git_env(tmp_path, monkeypatch):
    """No user or system git config, and goalbook's cache in the test's own folder."""
    require_tool("git", "for the history tests")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    return home


class Repo:
    """A goalbook project in a git repository, committed file by file on given days."""

    def __init__(self, root: Path, project: str = ""):
        self.top = root
        self.root = root / project if project else root
        (self.root / "content" / "goals").mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args, day: str = "2026-10-01T10:00:00+00:00", cwd: Path | None = None) -> str:
        env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_AUTHOR_NAME": "Sam", "GIT_AUTHOR_EMAIL": "sam@example.org",
               "GIT_COMMITTER_NAME": "Sam", "GIT_COMMITTER_EMAIL": "sam@example.org"}
        done = subprocess.run([GIT, *args], cwd=cwd or self.top, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, day: str, files: dict[str, str] | None = None, message: str = "change") -> None:
        for rel, text in (files or {}).items():
            self.write(rel, text)
        self.git("add", "-A", ".")
        when = day if "T" in day else f"{day}T10:00:00+00:00"
        self.git("commit", "-q", "--allow-empty", "-m", message, day=when)

    def build(self, today: date = TODAY) -> Path:
        result = build(self.root, BuildOptions(today=today, pdf=False))
        assert result.ok, [d.message for d in result.check.diagnostics]
        return self.root / "output"

    def page(self, goal_id: str, today: date = TODAY) -> str:
        return (self.build(today) / "goals" / f"{goal_id}.html").read_text()

    def history(self):
        from goalbook.app.check import check_project

        book = check_project(self.root, TODAY).book
        return read_history(self.root, {g.id: g.source for g in book.goals.values()})


@pytest.fixture
def repo(tmp_path, git_env) -> Repo:
    return Repo(tmp_path / "book")


def changes(history, goal_id: str | None = None):
    return [(c.goal, c.field, c.old, c.new, c.date) for c in history.changes if goal_id in (None, c.goal)]


# --- what is found -------------------------------------------------------------------

def test_a_target_changed_twice_without_a_revision_shows_both_changes(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.commit("2026-11-10", {"content/goals/walks.yaml": goal(target=2)})
    assert changes(repo.history()) == [
        ("walks", "measure.target", 3, 4, date(2026, 11, 3)),
        ("walks", "measure.target", 4, 2, date(2026, 11, 10))]
    page = repo.page("walks")
    assert "Target 3 → 4" in page and "changed on 3 Nov 2026, no reason written" in page
    assert "Target 4 → 2" in page and "changed on 10 Nov 2026, no reason written" in page
    assert "<code>revisions:</code>" in page and "change: target 4 → 2" in page     # the gentle hint


def test_a_change_recorded_in_revisions_is_not_shown(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    recorded = "revisions:\n  - {date: 2026-11-04, change: target 3 → 4, why: three felt too easy}\n"
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4, extra=recorded)})
    repo.commit("2026-11-10", {"content/goals/walks.yaml": goal(target=2, extra=recorded)})
    page = repo.page("walks")
    assert "Target 3 → 4" not in page
    assert "Target 4 → 2" in page and "changed on 10 Nov 2026" in page


def test_a_revision_written_later_and_not_committed_yet_already_counts(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    assert "Target 3 → 4" in repo.page("walks")
    repo.write("content/goals/walks.yaml", goal(target=4, extra="revisions:\n  - {date: 2026-11-03, change: target 3 → 4}\n"))
    assert "Target 3 → 4" not in repo.page("walks")


def test_title_due_and_baseline_changes_and_a_rewrapped_title(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(title="Walk on three evenings a week")})
    rewrapped = goal(title=">-\n  Walk on three\n  evenings a week")
    repo.commit("2026-10-05", {"content/goals/walks.yaml": rewrapped})
    repo.commit("2026-10-20", {"content/goals/walks.yaml": goal(title="Walk on four evenings a week",
                                                                   due="2027-02-28", baseline=1)})
    assert changes(repo.history()) == [
        ("walks", "title", "Walk on three evenings a week", "Walk on four evenings a week", date(2026, 10, 20)),
        ("walks", "due", date(2027, 1, 31), date(2027, 2, 28), date(2026, 10, 20)),
        ("walks", "measure.baseline", 0, 1, date(2026, 10, 20))]
    page = repo.page("walks")
    assert "Due date 31 Jan 2027 → 28 Feb 2027" in page and "Baseline 0 → 1" in page
    assert "Title “Walk on three evenings a week” → “Walk on four evenings a week”" in page


def test_other_edits_and_first_values_are_not_changes(repo):
    bare = "title: Walk for 30 minutes on three evenings a week\n"
    repo.commit("2026-10-01", {"content/goals/walks.yaml": bare})
    repo.commit("2026-10-02", {"content/goals/walks.yaml": goal()})               # measure and due filled in
    repo.commit("2026-10-03", {"content/goals/walks.yaml": goal(extra="notes: Went well.\n")})
    assert changes(repo.history()) == []


def test_a_markdown_goal_and_a_version_that_could_not_be_read(repo):
    md = "---\n{}---\nMy notes.\n"
    repo.commit("2026-10-01", {"content/goals/calm.md": md.format(goal(target=5))})
    repo.commit("2026-10-08", {"content/goals/calm.md": md.format(goal(target=5)).replace("due:", "due: [")})
    repo.commit("2026-10-15", {"content/goals/calm.md": md.format(goal(target=7))})
    assert changes(repo.history()) == [("calm", "measure.target", 5, 7, date(2026, 10, 15))]


def test_a_commit_is_dated_in_its_authors_own_time_zone(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03T23:30:00-05:00", {"content/goals/walks.yaml": goal(target=4)})   # 4 Nov in UTC
    assert changes(repo.history())[0][4] == date(2026, 11, 3)


def test_changes_after_today_are_not_shown(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    assert "Target 3 → 4" not in repo.page("walks", today=date(2026, 11, 2))


# --- renames and deleted goals -------------------------------------------------------

def test_a_renamed_goal_keeps_its_history(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=2)})
    repo.commit("2026-10-10", {"content/goals/walks.yaml": goal(target=3)})
    repo.git("mv", "content/goals/walks.yaml", "content/goals/evening-walks.yaml")
    repo.commit("2026-10-20", message="rename")
    repo.commit("2026-11-01", {"content/goals/evening-walks.yaml": goal(target=5)})
    assert changes(repo.history()) == [
        ("evening-walks", "measure.target", 2, 3, date(2026, 10, 10)),
        ("evening-walks", "measure.target", 3, 5, date(2026, 11, 1))]
    page = repo.page("evening-walks")
    assert "Target 2 → 3" in page and "Target 3 → 5" in page


def test_a_rename_with_an_edit_in_the_same_commit(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=2, extra="notes: " + "long notes " * 40 + "\n")})
    (repo.root / "content/goals/walks.yaml").unlink()
    repo.commit("2026-10-10", {"content/goals/evening-walks.yaml": goal(target=4, extra="notes: " + "long notes " * 40 + "\n")})
    assert changes(repo.history()) == [("evening-walks", "measure.target", 2, 4, date(2026, 10, 10))]


def test_a_new_goal_in_a_deleted_goals_file_name_has_no_history_of_it(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=2, title="Walk to work")})
    repo.commit("2026-10-05", {"content/goals/walks.yaml": goal(target=9, title="Walk to work")})
    (repo.root / "content/goals/walks.yaml").unlink()
    repo.commit("2026-10-10", message="dropped it")
    repo.commit("2026-11-01", {"content/goals/walks.yaml": goal(target=3)})
    assert changes(repo.history()) == []
    assert "From the file’s history" not in repo.page("walks")


# --- the report ----------------------------------------------------------------------

def test_the_report_lists_goal_files_changed_since_the_last_session(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3),
                               "content/goals/calls.yaml": goal(title="Call my sister every Sunday", target=1),
                               "content/goals/secret.yaml": goal(title="A private goal", extra="private: true\n")})
    repo.commit("2026-11-03", {"content/goals/calls.yaml": goal(title="Call my sister every Sunday", target=2)})
    repo.commit("2026-11-05", {"content/sessions/2026-11-05.yaml": "date: 2026-11-05\n"})
    repo.commit("2026-11-08", {"content/goals/walks.yaml": goal(target=4)})
    repo.commit("2026-11-12", {"content/goals/walks.yaml": goal(target=4, extra="notes: Rainy week.\n"),
                               "content/goals/secret.yaml": goal(title="A private goal", target=9,
                                                                 extra="private: true\n")})
    repo.write("content/goals/calls.yaml", goal(title="Call my sister every Sunday", target=2, extra="notes: x\n"))
    report = (repo.build() / "report.html").read_text()
    section = report[report.index('id="goal-files-heading"'):]
    section = section[:section.index("</section>")]
    assert "Goal files changed since the session on 5 Nov 2026" in section
    assert "content/goals/walks.yaml" in section and "2 commits on 8 Nov, 12 Nov" in section
    assert "content/goals/calls.yaml" in section and "edits not committed yet" in section
    assert "secret" not in section and "private goal" not in section
    assert "Target 3 → 4 — changed on 8 Nov 2026, no reason written" in section
    assert "Target 1 → 2" not in section                        # before the report's period


def test_a_book_without_history_has_no_such_section(tmp_path, git_env):
    root = tmp_path / "plain"
    (root / "content/goals").mkdir(parents=True)
    (root / "content/goals/walks.yaml").write_text(goal())
    assert build(root, BuildOptions(today=TODAY, pdf=False)).ok
    assert "goal-files-heading" not in (root / "output/report.html").read_text()
    assert "history-heading" not in (root / "output/goals/walks.html").read_text()


# --- where git can't help: quiet and correct ------------------------------------------

def run_goalbook(root: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(GOALBOOK), "-C", str(root), "build", "--no-pdf", "--today", TODAY.isoformat()],
                          capture_output=True, text=True, env=env)


def assert_quiet(done: subprocess.CompletedProcess) -> None:
    """Exit 0 and nothing printed but the usual two lines (the check's count, what was built)."""
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("0 errors") and lines[1].startswith("Built "), done.stderr


def test_a_shallow_clone_shows_no_history_and_says_nothing(repo, tmp_path):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.commit("2026-11-10", {"content/goals/walks.yaml": goal(target=2)})
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone))   # holds the 4 → 2 commit
    assert_quiet(run_goalbook(clone, dict(os.environ)))
    assert "history-heading" not in (clone / "output/goals/walks.html").read_text()
    repo.git("fetch", "-q", "--unshallow", cwd=clone)           # HEAD is the same, the history isn't
    history = Repo.__new__(Repo)
    history.root = history.top = clone
    assert len(history.history().changes) == 2


def test_without_git_on_path_the_build_is_quiet(repo, tmp_path):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    assert_quiet(run_goalbook(repo.root, {**os.environ, "PATH": str(empty)}))
    assert "history-heading" not in (repo.root / "output/goals/walks.html").read_text()


def test_a_folder_that_is_no_repository_and_a_repository_with_no_commit(tmp_path, git_env):
    plain = tmp_path / "plain"
    plain.mkdir()
    assert read_history(plain, {}) is None and history_key(plain) == ""
    empty = Repo(tmp_path / "empty")
    assert read_history(empty.root, {}) is None


def test_uncommitted_edits_are_not_history_but_are_listed(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.write("content/goals/walks.yaml", goal(target=6))
    repo.write("content/goals/new-one.yaml", goal(title="Read for ten minutes a day"))
    history = repo.history()
    assert changes(history) == [("walks", "measure.target", 3, 4, date(2026, 11, 3))]
    assert history.uncommitted == {"walks"}                     # a file git doesn't know isn't listed
    page = repo.page("walks")
    assert "Target 3 → 4" in page and "Target 4 → 6" not in page


@pytest.mark.realtime
def test_a_git_that_hangs_is_stopped_with_what_it_started(repo, tmp_path, monkeypatch):
    """git's log hangs (and has started a child that holds its output open): after the
    timeout both are killed and the history is quietly left out."""
    import threading

    import goalbook.load.git

    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    folder = tmp_path / "hanging-bin"
    folder.mkdir()
    # the real sleep, even under faketime (which would cut it short)
    (folder / "git").write_text(f'#!/bin/sh\ncase " $* " in *" log "*) env -u LD_PRELOAD sleep 40; exit 0;; esac\n'
                               f'exec "{GIT}" "$@"\n')
    (folder / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(goalbook.load.git, "TIMEOUT_S", 1)
    found = []
    reader = threading.Thread(target=lambda: found.append(repo.history()), daemon=True)
    reader.start()
    reader.join(30)                 # not a speed test: only killing the child as well ends it before 40 s
    assert found == [None]
    monkeypatch.setenv("PATH", os.environ["PATH"].split(os.pathsep, 1)[1])
    assert len(repo.history().changes) == 1


def test_the_callers_git_variables_do_not_steer_it(repo):
    """A pre-commit hook runs with GIT_DIR and GIT_INDEX_FILE set."""
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    env = {**os.environ, "GIT_DIR": "/nowhere", "GIT_INDEX_FILE": "/nowhere/index", "GIT_WORK_TREE": "/"}
    assert_quiet(run_goalbook(repo.root, env))
    assert "Target 3 → 4" in (repo.root / "output/goals/walks.html").read_text()


def test_a_project_in_a_sub_folder_of_the_repository(tmp_path, git_env):
    repo = Repo(tmp_path / "notes", project="therapy goals ü")
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    assert changes(repo.history()) == [("walks", "measure.target", 3, 4, date(2026, 11, 3))]
    assert repo.history().head_blobs.keys() == {"content/goals/walks.yaml"}


def test_a_worktree_made_with_git_worktree(repo, tmp_path):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    other = tmp_path / "other"
    repo.git("worktree", "add", "-q", "-b", "other", str(other))
    copy = Repo.__new__(Repo)
    copy.root = copy.top = other
    assert changes(copy.history()) == [("walks", "measure.target", 3, 4, date(2026, 11, 3))]


# --- the cache: no git process while HEAD stays ---------------------------------------

@pytest.fixture
def recorded_git(tmp_path, monkeypatch):
    """A `git` first on PATH that writes down each call, then runs the real one."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    log = tmp_path / "git-calls.txt"
    log.write_text("")
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{GIT}" "$@"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


def test_an_unchanged_repository_costs_no_git_call(repo, recorded_git):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    recorded_git.write_text("")
    first = repo.page("walks")
    calls = recorded_git.read_text().splitlines()
    assert any(" log " in f" {c} " for c in calls) and any("cat-file --batch" in c for c in calls)
    repo.git("pack-refs", "--all")                              # HEAD's branch now lives in packed-refs
    recorded_git.write_text("")
    repo.write("content/goals/walks.yaml", goal(target=4, extra="notes: an edit\n"))     # the work tree may change
    second = repo.page("walks")
    assert recorded_git.read_text() == ""
    assert "Target 3 → 4" in first and "Target 3 → 4" in second


def test_after_a_new_commit_only_the_new_commits_are_read(repo, recorded_git):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.history()
    repo.commit("2026-11-10", {"content/goals/walks.yaml": goal(target=2)})
    recorded_git.write_text("")
    assert len(repo.history().changes) == 2
    calls = recorded_git.read_text()
    assert "merge-base --is-ancestor" in calls and "..HEAD" in calls


def test_a_rewritten_history_is_read_again_whole(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    assert len(repo.history().changes) == 1
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit("2026-11-04", {"content/goals/walks.yaml": goal(target=5)})
    assert changes(repo.history()) == [("walks", "measure.target", 3, 5, date(2026, 11, 4))]


def test_a_cache_file_that_parses_but_is_not_ours_is_dropped(repo, tmp_path):
    import json

    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.history()
    (main,) = [f for f in (tmp_path / "cache" / "git-history").iterdir() if not f.name.endswith("-log.json")]
    data = json.loads(main.read_text())
    data["history"]["changes"][0][4] = "not a date"
    main.write_text(json.dumps(data))
    assert repo.history() is None                               # quietly nothing, this once
    assert len(repo.history().changes) == 1


def test_a_damaged_cache_is_a_miss(repo, tmp_path):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.commit("2026-11-03", {"content/goals/walks.yaml": goal(target=4)})
    repo.history()
    files = list((tmp_path / "cache" / "git-history").iterdir())
    assert files and all(f.stat().st_mode & 0o077 == 0 for f in files)   # private to the user
    for f in files:
        f.write_text("{not json")
    assert len(repo.history().changes) == 1


def test_committing_makes_an_otherwise_unchanged_build_run_again(repo):
    repo.commit("2026-10-01", {"content/goals/walks.yaml": goal(target=3)})
    repo.write("content/goals/walks.yaml", goal(target=4))
    assert "Target 3 → 4" not in repo.page("walks")            # not committed yet
    repo.commit("2026-11-03")                                   # no file changes on disk
    result = build(repo.root, BuildOptions(today=TODAY, pdf=False))
    assert not result.up_to_date
    assert "Target 3 → 4" in (repo.root / "output/goals/walks.html").read_text()


# --- the parts, on their own ------------------------------------------------------------

def day(n: int) -> date:
    return date(2026, 11, n)


def change_on(n: int) -> FieldChange:
    return FieldChange("g", "measure.target", 1, 2, day(n), "abc1234")


@pytest.mark.parametrize("revision_days, change_days, shown", [
    ([3], [3], []),                     # same day
    ([1], [3], []),                     # two days before
    ([10], [3], []),                    # seven days after
    ([11], [3], [3]),                   # eight days after: too far
    ([3], [3, 10], [10]),               # one revision accounts for one day
    ([4], [3, 5], [5]),                 # closest first; a tie goes to the earlier day
    ([3, 10], [3, 10], []),
])
def test_the_matching_rule(revision_days, change_days, shown):
    revisions = [Revision(day(n), "changed") for n in revision_days]
    assert [c.date for c in unrecorded([change_on(n) for n in change_days], revisions)] == [day(n) for n in shown]


REGION_CASES = [
    goal(),
    goal(extra="checkins:\n  - {date: 2026-10-02, value: 1}\nnotes: |\n  title: not this one\n"),
    "# a comment first\n" + goal() + "# and last\n",
    "---\n" + goal() + "---\nbody: not a field\n",
    goal().replace("\n", "\r\n"),
    "\ufeff" + goal(),
    "{title: Flow style, due: 2027-01-31, measure: {target: 3, baseline: 1}}\n",
    '"title": Quoted key\ndue: 2027-01-31\n',
    "title: >\n  Folded\n  title\nmeasure:\n    target: 3\n    baseline: 1\n",
    "title: x\ntitle: y\n",
    "measure:\n  target: [3\n",
    "---\ntitle: an unclosed front matter\n",
]


@pytest.mark.parametrize("text", REGION_CASES)
def test_reading_only_the_fields_gives_what_reading_the_whole_file_gives(text):
    path = "content/goals/g.md" if text.startswith("---") else "content/goals/g.yaml"
    data = text.encode("utf-8")
    assert VersionReader().values(data, path) == _values(data, path, None)


def test_the_fields_region_is_cut_only_where_it_is_safe():
    names = ("title", "due", "measure")
    assert fields_region(b"why: x\ntitle: a\n  b\nvalues: [c]\n", False, names) == b"title: a\n  b\n"
    assert fields_region(b"---\ntitle: a\n---\ntitle: body\n", True, names) == b"title: a\n"
    assert fields_region(b'"title": a\n', False, names) is None
    assert fields_region(b"\ttitle: a\n", False, names) is None
    assert fields_region(b"titles: a\n", False, names) == b""
