"""Nothing goalbook writes ends up in a commit by accident: init's `.gitignore`,
and the `.gitignore` of `*` in every output folder. Checked with real git."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import GOOD_GOAL, TODAY
from conftest import files_in as snapshot
from goalbook.app.gitignore import ENTRIES, ensure_gitignore
from goalbook.app.build import BuildOptions, build
from goalbook.cli import main
from goalbook.publish.output import GITIGNORE, MANIFEST, publish, update_in_place

LOCAL = {"GOALBOOK_TODAY": TODAY.isoformat()}
PATTERNS = [pattern for _, pattern in ENTRIES]


@pytest.fixture
def git(tmp_path, monkeypatch):
    """Run git with no user or system config."""
    from conftest import require_tool

    require_tool("git", "for the .gitignore tests")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))

    def run(cwd: Path, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        done = subprocess.run([shutil.which("git"), *args], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr     # check-ignore answers 1 for "not ignored"
        return done.stdout

    return run


def init(root: Path):
    return CliRunner().invoke(main, ["init", str(root)], env=LOCAL)


def ignored(git, root: Path, paths: list[str]) -> set[str]:
    git(root, "init", "-q")
    return set(git(root, "check-ignore", "--no-index", *paths).split())


# --- init's .gitignore --------------------------------------------------------------

def test_a_new_project_ignores_what_goalbook_writes_but_not_the_schema(tmp_path, git):
    root = tmp_path / "book"
    assert init(root).exit_code == 0
    lines = (root / ".gitignore").read_text().splitlines()
    assert all(pattern in lines for pattern in PATTERNS)
    out = ["output/index.html", ".goalbook-staging-output-123/report.pdf", ".goalbook-old-output-9/a.html",
           ".venv/bin/python", ".goalbook/cache/git-history/x.json"]
    kept = [".goalbook/schema.json", "content/goals/evening-walks.yaml", "goalbook.yaml"]
    assert ignored(git, root, out + kept) == set(out)


def test_an_existing_gitignore_gets_the_missing_lines_and_keeps_its_own(tmp_path, git):
    root = tmp_path / "book"
    root.mkdir()
    mine = "# my own\n*.swp\n/output\n!important.log\n.venv"          # no newline at the end
    (root / ".gitignore").write_text(mine)
    os.chmod(root / ".gitignore", 0o644)
    result = init(root)
    assert result.exit_code == 0, result.output
    assert "added .goalbook-staging-*/" in result.output and "your lines are as they were" in result.output
    text = (root / ".gitignore").read_text()
    assert text.startswith(mine + "\n")
    added = [line for line in text[len(mine):].splitlines() if line and not line.startswith("#")]
    assert added == [".goalbook-staging-*/", ".goalbook-old-*/", ".goalbook/cache/"]   # /output and .venv were there
    assert os.stat(root / ".gitignore").st_mode & 0o777 == 0o644
    assert (root / "content/goals/evening-walks.yaml").is_file()           # the rest of the project too
    assert ignored(git, root, ["output/x.html", "a.swp", ".goalbook-staging-output-1/x"]) == {
        "output/x.html", "a.swp", ".goalbook-staging-output-1/x"}


def test_a_gitignore_that_has_everything_is_not_touched(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / ".gitignore").write_text("\n".join(PATTERNS) + "\n")
    before = (root / ".gitignore").stat()
    assert ensure_gitignore(root) == []
    after = (root / ".gitignore").stat()
    assert (before.st_mtime_ns, before.st_ino) == (after.st_mtime_ns, after.st_ino)


def test_adding_twice_adds_nothing_the_second_time(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"node_modules/\r\n")
    assert ensure_gitignore(root) == PATTERNS
    first = (root / ".gitignore").read_bytes()
    assert first.startswith(b"node_modules/\r\n") and b"\r\noutput/\r\n" in first   # its line endings kept
    assert ensure_gitignore(root) == []
    assert (root / ".gitignore").read_bytes() == first


def test_a_pattern_the_user_unignores_is_respected(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / ".gitignore").write_text("!output/\n")
    assert "output/" not in ensure_gitignore(root)


def test_bytes_that_are_not_utf8_are_kept(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"caf\xe9/\n")
    ensure_gitignore(root)
    assert (root / ".gitignore").read_bytes().startswith(b"caf\xe9/\n")


def test_init_still_refuses_when_another_file_is_there_and_changes_nothing(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / ".gitignore").write_text("*.swp\n")
    (root / "goalbook.yaml").write_text("title: mine\n")
    before = snapshot(root)
    result = init(root)
    assert result.exit_code == 2 and "goalbook.yaml" in result.output and ".gitignore" not in result.output
    assert snapshot(root) == before


def test_init_twice_leaves_the_gitignore_as_it_was(tmp_path):
    root = tmp_path / "book"
    assert init(root).exit_code == 0
    before = snapshot(root)
    assert init(root).exit_code == 2
    assert snapshot(root) == before


# --- the output folder's own .gitignore -------------------------------------------------

def book_with_output(root: Path, output: str) -> Path:
    (root / "content/goals").mkdir(parents=True)
    (root / "content/goals/walks.yaml").write_text(GOOD_GOAL)
    (root / "goalbook.yaml").write_text(f"output: {output}\n")
    (root / ".gitignore").write_text("*.swp\n")                  # the user's own, without the output folder
    return root


def test_a_custom_output_folder_never_shows_in_git_status(tmp_path, git):
    root = book_with_output(tmp_path / "book", "site")
    git(root, "init", "-q")
    result = build(root, BuildOptions(today=TODAY, pdf=False))
    assert result.ok and (root / "site/index.html").is_file()
    assert (root / "site" / GITIGNORE).read_text().splitlines()[-1] == "*"
    status = git(root, "status", "--porcelain", "--untracked-files=all")
    assert status and not [line for line in status.splitlines() if "site/" in line or "staging" in line], status
    git(root, "add", "-A")
    assert "site/" not in git(root, "diff", "--cached", "--name-only")


def test_a_share_made_before_any_build_stays_out_of_git_too(tmp_path, git):
    from goalbook.app.share import make_share

    root = book_with_output(tmp_path / "book", "site")
    (root / "content/goals/walks.yaml").write_text(GOOD_GOAL + "partner: Jo Lee\n")
    git(root, "init", "-q")
    assert make_share(root, "Jo Lee", TODAY).ok
    status = git(root, "status", "--porcelain", "--untracked-files=all")
    assert not [line for line in status.splitlines() if "site/" in line], status
    assert build(root, BuildOptions(today=TODAY, pdf=False)).ok          # the build takes the folder over
    assert GITIGNORE in json.loads((root / "site" / MANIFEST).read_text())["files"]


def test_the_output_gitignore_is_in_the_manifest_and_comes_back(tmp_path):
    root = book_with_output(tmp_path / "book", "output")
    assert build(root, BuildOptions(today=TODAY, pdf=False)).ok
    manifest = json.loads((root / "output" / MANIFEST).read_text())
    assert GITIGNORE in manifest["files"]
    (root / "output" / GITIGNORE).unlink()
    result = build(root, BuildOptions(today=TODAY, pdf=False))
    assert not result.up_to_date and (root / "output" / GITIGNORE).is_file()
    assert GITIGNORE not in result.published.written       # the pages are what the build reports


def test_serves_temporary_site_gets_one_too(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    update_in_place({"index.html": b"hi"}, site)
    assert (site / GITIGNORE).read_text().splitlines()[-1] == "*"


def test_a_gitignore_the_user_put_in_the_output_folder_is_theirs(tmp_path):
    target = tmp_path / "output"
    publish({"index.html": b"1"}, target)
    manifest = json.loads((target / MANIFEST).read_text())    # as an older goalbook wrote it
    del manifest["files"][GITIGNORE]
    (target / MANIFEST).write_text(json.dumps(manifest))
    (target / GITIGNORE).write_text("*.pdf\n")
    publish({"index.html": b"2"}, target)
    assert (target / GITIGNORE).read_text() == "*.pdf\n"
    assert GITIGNORE not in json.loads((target / MANIFEST).read_text())["files"]
