"""Shared test helpers: real project folders on disk, and the external tools."""
from __future__ import annotations

import os
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 22)
REQUIRE_TOOLS = bool(os.environ.get("GOALBOOK_REQUIRE_TOOLS") or os.environ.get("CI"))
# Far from UTC, so that a date taken from the machine's zone instead of the one clock shows.
TEST_TZ = "Pacific/Kiritimati"


def wall_clock_refused():
    raise AssertionError("a test read the wall clock: give it a date (Clock.fixed, --today, "
                         "or GOALBOOK_TODAY) instead")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """goalbook's cache folder for this run only: no test reads or fills the user's."""
    os.environ["GOALBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("goalbook-cache"))
    yield


@pytest.fixture(autouse=True, scope="session")
def one_clock():
    """The suite's one clock: every "now" is TODAY, for this process and every
    process it starts; the wall clock, the machine's time zone and its locale
    are never consulted (goalbook.clock refuses the system date here)."""
    import time

    import goalbook.clock

    os.environ["GOALBOOK_TODAY"] = TODAY.isoformat()
    os.environ["TZ"] = TEST_TZ
    os.environ["LC_ALL"] = os.environ["LANG"] = "C.UTF-8"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    time.tzset()
    goalbook.clock._system_today = wall_clock_refused
    yield


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """goalbook's cache folder (`goalbook.load.store`) is the suite's own, for this process
    and every process it starts: never the user's."""
    os.environ["GOALBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("goalbook-cache"))
    yield


def without_preload(env: dict | None = None) -> dict:
    """The environment for Chromium and the JVM, which crash under libfaketime."""
    env = dict(os.environ if env is None else env)
    env.pop("LD_PRELOAD", None)
    return env


class Book:
    """A goalbook project in a temporary folder, written file by file."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "goals").mkdir(parents=True, exist_ok=True)

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def check(self, today: date = TODAY):
        from goalbook.app.check import check_project

        return check_project(self.root, today)

    def codes(self, today: date = TODAY) -> list[tuple[str, str, int]]:
        """(code, path, line) of every diagnostic."""
        return [(d.code, d.path, d.line) for d in self.check(today).diagnostics]


GOOD_GOAL = """\
title: Walk for 30 minutes on three evenings a week
area: physical health
values: [health]
why: Walking clears my head.
start: 2026-10-01
due: 2027-01-31
measure:
  what: evening walks
  unit: walks
  per: week
  baseline: 0
  target: 3
  min: 0
"""


@pytest.fixture
def book(tmp_path) -> Book:
    return Book(tmp_path / "book")


@pytest.fixture
def example_book(tmp_path) -> Path:
    """A copy of the repository's example book (content/ and goalbook.yaml)."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "goalbook.yaml", root / "goalbook.yaml")
    return root


def files_in(root: Path) -> dict[str, bytes]:
    """Every file below `root` by relative path, as bytes: to show that nothing changed."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def require_tool(path_or_name: str, why: str) -> str:
    """The tool's path; skip without it locally, but fail in CI (GOALBOOK_REQUIRE_TOOLS)."""
    found = path_or_name if os.path.exists(path_or_name) else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is needed {why}"
    if REQUIRE_TOOLS:
        pytest.fail(message + " (CI requires it; 'make system-deps' installs it)")
    pytest.skip(message)
