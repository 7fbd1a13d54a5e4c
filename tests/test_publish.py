"""Atomic publish: the previous output survives any failure, and only what
goalbook wrote is ever replaced."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import files_in as snapshot_tree
from goalbook.publish import output as out
from goalbook.publish.output import MANIFEST, MARKER, UnsafeOutput, check_output_path, publish


def test_first_publish_writes_files_marker_and_manifest(tmp_path):
    result = publish({"index.html": b"<p>hi</p>", "goals/a.html": b"a"}, tmp_path / "output")
    tree = snapshot_tree(tmp_path / "output")
    assert tree["index.html"] == b"<p>hi</p>" and tree["goals/a.html"] == b"a"
    assert MARKER in tree and MANIFEST in tree
    assert result.changed == ["goals/a.html", "index.html"]


def test_republish_replaces_old_files_and_reports_changes(tmp_path):
    target = tmp_path / "output"
    publish({"index.html": b"1", "goals/old.html": b"old"}, target)
    result = publish({"index.html": b"2"}, target)
    tree = snapshot_tree(target)
    assert tree["index.html"] == b"2"
    assert "goals/old.html" not in tree          # goalbook wrote it, so goalbook removes it
    assert result.changed == ["index.html"]
    assert not list(tmp_path.glob(".goalbook-*"))  # no staging or old folders left behind


def test_files_the_user_put_in_output_are_kept(tmp_path):
    target = tmp_path / "output"
    publish({"index.html": b"1"}, target)
    (target / "my-notes.txt").write_text("mine")
    publish({"index.html": b"2"}, target)
    assert (target / "my-notes.txt").read_text() == "mine"


def test_failure_while_writing_leaves_previous_output_byte_for_byte(tmp_path, monkeypatch):
    target = tmp_path / "output"
    publish({"index.html": b"first", "goals/a.html": b"a"}, target)
    before = snapshot_tree(target)

    def explode(root, files):
        (root / "index.html").parent.mkdir(parents=True, exist_ok=True)
        (root / "index.html").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(out, "_write_tree", explode)
    with pytest.raises(OSError):
        publish({"index.html": b"second"}, target)
    assert snapshot_tree(target) == before
    assert not list(tmp_path.glob(".goalbook-*"))


def test_interrupt_while_writing_leaves_previous_output(tmp_path, monkeypatch):
    target = tmp_path / "output"
    publish({"index.html": b"first"}, target)
    before = snapshot_tree(target)

    def interrupted(root, files):
        raise KeyboardInterrupt

    monkeypatch.setattr(out, "_write_tree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        publish({"index.html": b"second"}, target)
    assert snapshot_tree(target) == before


KILL_SCRIPT = """
import sys
from pathlib import Path
from goalbook.publish.output import publish
files = {f"goals/g{i}.html": (b"new %d " % i) * 20000 for i in range(300)}
files["index.html"] = b"new"
publish(files, Path(sys.argv[1]))
"""


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.5, 0.8])
def test_build_killed_midway_leaves_old_or_new_output_never_a_mix(tmp_path, delay):
    target = tmp_path / "output"
    publish({"index.html": b"old", "goals/g0.html": b"old 0"}, target)
    before = snapshot_tree(target)
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(target)])
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    out.recover(target)
    after = snapshot_tree(target)
    if after["index.html"] == b"old":
        assert after == before
    else:
        assert len([n for n in after if n.startswith("goals/")]) == 300
    assert not list(tmp_path.glob(".goalbook-*"))


@pytest.mark.parametrize("where", ["", "content", "templates", "content/goals", ".."])
def test_unsafe_output_folders_are_refused(tmp_path, where):
    project = tmp_path / "book"
    (project / "content" / "goals").mkdir(parents=True)
    (project / "templates").mkdir()
    with pytest.raises(UnsafeOutput):
        check_output_path(project / where if where != ".." else tmp_path, project)


def test_home_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    with pytest.raises(UnsafeOutput):
        check_output_path(tmp_path / "home", tmp_path / "home" / "book")


def test_non_empty_folder_without_marker_is_refused(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(UnsafeOutput):
        check_output_path(target, tmp_path)
    assert (target / "thesis.docx").read_bytes() == b"precious"


def test_empty_folder_and_own_output_are_accepted(tmp_path):
    (tmp_path / "empty").mkdir()
    assert check_output_path(tmp_path / "empty", tmp_path) == (tmp_path / "empty").resolve()
    publish({"index.html": b"x"}, tmp_path / "output")
    assert check_output_path(tmp_path / "output", tmp_path) == (tmp_path / "output").resolve()


def test_recover_restores_output_missing_after_a_crash_between_renames(tmp_path):
    target = tmp_path / "output"
    publish({"index.html": b"old"}, target)
    os.replace(target, tmp_path / f"{out.OLD_PREFIX}output-123")
    out.recover(target)
    assert (target / "index.html").read_bytes() == b"old"


def test_update_in_place_writes_only_changes_and_removes_only_its_own_files(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    out.update_in_place({"index.html": b"1", "goals/a.html": b"a"}, target)
    (target / "mine.txt").write_text("kept")
    first_a = (target / "goals" / "a.html").stat().st_mtime_ns
    result = out.update_in_place({"index.html": b"2", "goals/a.html": b"a"}, target)
    assert result.changed == ["index.html"]
    assert (target / "goals" / "a.html").stat().st_mtime_ns == first_a
    out.update_in_place({"index.html": b"3"}, target)
    assert not (target / "goals" / "a.html").exists()
    assert (target / "mine.txt").read_text() == "kept"
    assert (target / MARKER).is_file()
