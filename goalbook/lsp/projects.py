"""Which goalbook project an open document belongs to, and one project's checks.

A document is a goalbook file when `goalbook check` would read it: a
`goalbook.yaml`, or a goal, check-in or session under `content/` (not a
draft whose name starts with `.` or `_`). Its project is the folder above
`content/` (or the one holding `goalbook.yaml`).

Each project keeps a `SourceCache`: a file is parsed and validated again only
when its text (an open buffer) or its size and time (a file on disk) changed,
so a check after one keystroke reads one file, not the whole book.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lsprotocol import types

from goalbook.load.cache import SourceCache
from goalbook.load.discover import Found, discover, is_ignored
from goalbook.load.files import SETTINGS_FILE, DiskFiles, OverlayFiles, content_file
from goalbook.lsp.completion import Facts
from goalbook.app.check import CheckResult, check_project


@dataclass(frozen=True)
class Location:
    root: Path
    rel_path: str       # relative to the project, forward slashes (as in diagnostics)
    kind: str           # goal | checkin | session | settings

    @property
    def is_markdown(self) -> bool:
        return self.rel_path.endswith(".md")


def locate(path: Path) -> Location | None:
    """Where a file sits in its goalbook project, or None if goalbook doesn't read it."""
    path = path.resolve()
    if path.name == SETTINGS_FILE:
        return Location(path.parent, SETTINGS_FILE, "settings")
    for parent in path.parents:
        if parent.name == "content":
            rel_path = path.relative_to(parent.parent).as_posix()
            found = content_file(parent.parent, rel_path)
            return Location(parent.parent, rel_path, found.kind) if found else None
    return None


@dataclass
class Published:
    """What was last published for one open document (for quick fixes)."""
    version: int | None
    fixes: list[tuple[types.Diagnostic, str, types.TextEdit]] = field(default_factory=list)


class ListedWorkingTree(DiskFiles):
    """The working tree, listed again only when a folder under content/ changed.

    Adding, removing or renaming a file changes its folder's modification
    time; checking those times (a few `stat`s) is much cheaper than listing
    a year of check-ins on every keystroke. Reading and `signature` are
    DiskFiles' own, so an edit saved in another program is still seen.

    File systems keep those times in coarse ticks, so a file added in the
    same tick as the listing could leave the time unchanged. A listing made
    after a change is therefore only trusted once it has been made again
    under the same times (by then a tick has passed: checks are debounced).
    """

    def __init__(self, root: Path):
        super().__init__(root)
        self._listing: list[Found] | None = None
        self._stamp: tuple | None = None
        self._settled = False        # the listing was made again under unchanged folder times

    def list(self) -> list[Found]:
        stamp = _folder_times(self.root / "content")
        if stamp is None or self._listing is None or stamp != self._stamp or not self._settled:
            self._settled = self._listing is not None and stamp == self._stamp
            self._listing, self._stamp = discover(self.root), stamp
        return list(self._listing)


def _folder_times(folder: Path) -> tuple | None:
    """(path, modification time) of `folder` and every folder below it goalbook reads;
    None (list every time) if one of them is a link, which could lead anywhere."""
    try:
        times = [(str(folder), os.stat(folder).st_mtime_ns)]
        with os.scandir(folder) as entries:
            below = [e for e in entries if not is_ignored(e.name) and e.is_dir()]
    except OSError:
        return ()
    if any(entry.is_symlink() for entry in below) or folder.is_symlink():
        return None
    for entry in sorted(below, key=lambda e: e.name):
        inner = _folder_times(Path(entry.path))
        if inner is None:
            return None
        times.extend(inner)
    return tuple(times)


@dataclass
class Project:
    root: Path
    tree: ListedWorkingTree = None      # type: ignore[assignment]
    cache: SourceCache = field(default_factory=SourceCache)
    open: dict[str, Location] = field(default_factory=dict)      # uri → where it is
    result: CheckResult | None = None
    published: dict[str, Published] = field(default_factory=dict)
    edits: int = 0                         # counts changes, so a check can tell it is out of date
    timer: asyncio.TimerHandle | None = None
    last_change: float = float("-inf")     # on the event loop's own (monotonic) clock
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.tree = self.tree or ListedWorkingTree(self.root)

    def check(self, texts: dict[str, str], today: date) -> CheckResult:
        """`goalbook check` over the unsaved texts (by relative path); runs in a worker thread."""
        files = OverlayFiles(self.tree, texts)
        self.result = check_project(self.root, today, cache=self.cache, files=files)
        return self.result

    def facts(self, today: date | None) -> Facts:
        if self.result is None:
            return Facts(today=today)
        book = self.result.book
        return Facts(goals={goal_id: goal.title or "" for goal_id, goal in book.goals.items()},
                     scaled={goal_id for goal_id, goal in book.goals.items() if goal.scale},
                     values=list(book.settings.values), areas=list(book.settings.areas), today=today)
