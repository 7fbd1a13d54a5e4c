"""Builds that race: a save during a build, builds at the same time, builds killed
at random moments, and output folders that aren't this book's to replace."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY, files_in as tree
from goalbook.app.build import BuildOptions, build
from goalbook.cli import main
from goalbook.load import files as files_module
from goalbook.publish.lock import LOCK_PREFIX
from goalbook.publish.output import OLD_PREFIX, STAGING_PREFIX

CHECKIN = "content/checkins/2026-11-21.yaml"


def checkin_with(root: Path, win: str) -> None:
    """Save the check-in as an editor does: a whole new file renamed into place."""
    path = root / CHECKIN
    text = path.read_text(encoding="utf-8").split("\nwin:")[0].rstrip("\n")
    tmp = path.with_name(".saving.tmp")
    tmp.write_text(f"{text}\nwin: {win}\n", encoding="utf-8")
    os.replace(tmp, path)


def build_now(root: Path, **options) -> object:
    result = build(root, BuildOptions(today=TODAY, pdf=False, **options))
    assert result.ok, [d.message for d in result.check.diagnostics if d.severity == "error"]
    return result


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith((STAGING_PREFIX, OLD_PREFIX, LOCK_PREFIX)))


def goalbook_build(root: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "goalbook", "-C", str(root), "build", "--no-pdf",
                             "--today", TODAY.isoformat(), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


# --- a save while the build reads ------------------------------------------------------------

def test_a_save_that_lands_while_the_build_reads_reaches_the_next_build(example_book, monkeypatch):
    build_now(example_book)
    checkin_with(example_book, "First save")
    real_read = files_module.DiskFiles.read
    saved = []

    def read_then_save(self, rel_path):
        data = real_read(self, rel_path)
        if rel_path == CHECKIN and not saved:        # the editor saves again just after we read
            checkin_with(example_book, "Second save")
            saved.append(True)
        return data

    monkeypatch.setattr(files_module.DiskFiles, "read", read_then_save)
    first = build_now(example_book)
    assert saved and not first.up_to_date
    assert b"First save" in (example_book / "output" / "timeline.html").read_bytes()
    monkeypatch.undo()

    second = build_now(example_book)
    assert not second.up_to_date, "the second save was never rendered: the build said nothing changed"
    page = (example_book / "output" / "timeline.html").read_bytes()
    assert b"Second save" in page and b"First save" not in page
    assert build_now(example_book).up_to_date           # and now it really is up to date


def test_saves_during_a_real_build_always_reach_the_next_build(example_book):
    build_now(example_book)
    count = 0
    proc = goalbook_build(example_book)
    while proc.poll() is None:
        count += 1
        checkin_with(example_book, f"Save number {count}")
        time.sleep(0.003)
    assert proc.returncode == 0, proc.stderr
    build_now(example_book)
    assert f"Save number {count}<".encode() in (example_book / "output" / "timeline.html").read_bytes()


# --- builds at the same time --------------------------------------------------------------------

def test_three_builds_at_once_all_succeed_with_one_whole_output(example_book, tmp_path):
    reference = tmp_path / "reference"
    build_now(example_book, output=reference)
    procs = [goalbook_build(example_book) for _ in range(3)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert tree(example_book / "output") == tree(reference)
    assert leftovers(example_book) == []


def test_three_different_builds_at_once_take_turns(example_book, tmp_path):
    """Each publishes a different site: one after another, the last one whole."""
    days = ["2026-11-20", "2026-11-21", "2026-11-22"]
    references = []
    for day in days:
        folder = tmp_path / f"reference-{day}"
        result = CliRunner().invoke(main, ["-C", str(example_book), "build", "--no-pdf", "--today", day,
                                           "-o", str(folder)])
        assert result.exit_code == 0, result.output
        references.append(tree(folder))
    procs = [subprocess.Popen([sys.executable, "-m", "goalbook", "-C", str(example_book), "build",
                               "--no-pdf", "--today", day], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for day in days]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert tree(example_book / "output") in references
    assert leftovers(example_book) == []


# --- builds killed at random moments ------------------------------------------------------------

KILLS = 50


def test_builds_killed_at_50_random_moments_leave_old_or_new_output_and_no_staging(example_book):
    states = {}
    for win in ("State A", "State B"):
        checkin_with(example_book, win)
        build_now(example_book)
        states[win] = tree(example_book / "output")
    current = "State B"
    moments = random.Random(11).sample(range(0, 450), KILLS)     # milliseconds after the start
    for delay in moments:
        other = "State A" if current == "State B" else "State B"
        checkin_with(example_book, other)
        proc = goalbook_build(example_book)
        time.sleep(delay / 1000)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        after_kill = tree(example_book / "output")
        assert after_kill in (states[current], states[other]), f"a mixed output after a kill at {delay} ms"

        build_now(example_book)                      # the next build tidies up and finishes the job
        assert leftovers(example_book) == [], f"left behind by the build killed at {delay} ms"
        assert tree(example_book / "output") == states[other]
        current = other


def test_only_goalbooks_own_stale_folders_are_removed_even_when_nothing_changed(example_book):
    build_now(example_book)
    dead = _dead_pid()
    stale = example_book / f"{STAGING_PREFIX}output-{dead}"
    (stale / "goals").mkdir(parents=True)
    (stale / ".goalbook-output").write_text("x")
    (stale / "goals" / "half.html").write_text("half")
    empty = example_book / f"{STAGING_PREFIX}output-{dead + 1}"
    empty.mkdir()
    look_alike = example_book / f"{STAGING_PREFIX}output-{dead + 2}"     # no marker: not ours
    look_alike.mkdir()
    (look_alike / "thesis.docx").write_bytes(b"precious")
    other_name = example_book / f"{STAGING_PREFIX}output-notes"          # not a build's name
    other_name.mkdir()
    (other_name / ".goalbook-output").write_text("x")
    assert build_now(example_book).up_to_date        # killed after its swap: nothing left to build
    assert not stale.exists() and not empty.exists()
    assert (look_alike / "thesis.docx").read_bytes() == b"precious" and other_name.is_dir()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- output folders --------------------------------------------------------------------------

def run(root: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["-C", str(root), "build", "--no-pdf", "--today", TODAY.isoformat(),
                                     *args], env=env)


def test_a_tilde_in_the_output_setting_means_the_home_folder(example_book, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    settings = example_book / "goalbook.yaml"
    lines = [line for line in settings.read_text().splitlines() if not line.startswith("output:")]
    settings.write_text("\n".join(lines + ["output: ~/site", ""]))
    result = run(example_book, env={"HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert (home / "site" / "index.html").is_file()
    assert not (example_book / "~").exists()
    result = run(example_book, "-o", "~/other", env={"HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert (home / "other" / "index.html").is_file()


def test_an_output_folder_holding_another_books_site_is_refused(example_book, tmp_path):
    shared = tmp_path / "shared-site"
    assert run(example_book, "-o", str(shared)).exit_code == 0
    before = tree(shared)
    second = tmp_path / "second-book"
    (second / "content" / "goals").mkdir(parents=True)
    (second / "content" / "goals" / "sleep-by-eleven.yaml").write_text(
        (example_book / "content" / "goals" / "evening-walks.yaml").read_text())
    result = run(second, "-o", str(shared))
    assert result.exit_code == 2, result.output
    assert "holds the site of another goalbook project" in result.output
    assert str(example_book) in result.output and "hint:" in result.output
    assert "Traceback" not in result.output
    assert tree(shared) == before
    assert run(example_book, "-o", str(shared)).exit_code == 0     # its own book may rebuild it


def test_a_copied_book_may_rebuild_the_output_it_carries(example_book, tmp_path):
    import shutil

    assert run(example_book).exit_code == 0
    copy = tmp_path / "copy"
    shutil.copytree(example_book, copy)
    checkin_with(copy, "Built in the copy")
    result = run(copy)
    assert result.exit_code == 0, result.output
    assert b"Built in the copy" in (copy / "output" / "timeline.html").read_bytes()


@pytest.mark.parametrize("moved", [True, False])
def test_a_site_whose_book_is_gone_may_be_replaced(example_book, tmp_path, moved):
    import shutil

    shared = tmp_path / "shared-site"
    assert run(example_book, "-o", str(shared)).exit_code == 0
    if moved:
        shutil.move(example_book, tmp_path / "moved")
        root = tmp_path / "moved"
    else:
        root = tmp_path / "another"
        shutil.copytree(example_book, root)
        shutil.rmtree(example_book)
    result = run(root, "-o", str(shared))
    assert result.exit_code == 0, result.output
