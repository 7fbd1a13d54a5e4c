"""Helpers for the import tests: the real CLI on real folders, and the real check."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner

from conftest import REPO, TODAY
from goalbook.cli import main
from goalbook.app.check import check_project

FIXTURES = REPO / "tests" / "fixtures" / "import"
GOALBOOK = REPO / ".venv" / "bin" / "goalbook"
LOCAL = {"GOALBOOK_TODAY": TODAY.isoformat()}


def run_import(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "import", *map(str, args)], env=LOCAL)


def real_check(root: Path) -> list[dict]:
    """`goalbook check --format json` in a subprocess, as a user runs it."""
    done = subprocess.run([str(GOALBOOK), "-C", str(root), "check", "--format", "json", "--today", TODAY.isoformat()],
                          capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "GOALBOOK_CACHE_DIR": os.environ["GOALBOOK_CACHE_DIR"], **LOCAL})
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def format_problems(root: Path) -> list[dict]:
    """Every GB finding `goalbook check` reports: errors, and warnings too (a check-in dated
    before its goal's start would be a mistake of the import) except GB012, values on a
    dropped goal, which an archived Loop habit's history rightly has."""
    return [d for d in real_check(root) if d["code"].startswith("GB") and d["code"] != "GB012"]


def content_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file())


def checkins_in(root: Path, rel: str):
    return [c for c in check_project(root, TODAY).book.checkins if c.source == rel]


def entries_of(root: Path, goal_id: str) -> list[tuple[str, float]]:
    goal = check_project(root, TODAY).book.goals[goal_id]
    return [(e.date.isoformat(), e.value) for e in goal.entries]
