"""Find the files of a goalbook project, in a stable order.

Symbolic links in content/ are followed only while they stay inside the
project. A link that leads out of it (to a file or a folder) is still
listed, marked `outside`, so the loader can say why it isn't read; nothing
behind it is ever opened. Every folder is walked at most once, however many
links lead to it, so link loops end (and a folder linked twice is not read
twice).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIRS = (("goals", "goal"), ("checkins", "checkin"), ("sessions", "session"))
SUFFIXES = (".yaml", ".yml", ".md")


@dataclass(frozen=True)
class Found:
    path: str         # absolute (a string: a ten-year book lists 4,000 files on every check)
    rel_path: str     # relative to the project root, forward slashes
    kind: str         # goal | checkin | session
    outside: bool = False   # a link leading out of the project: reported, never read

    @property
    def abs_path(self) -> Path:
        return Path(self.path)


def is_ignored(name: str) -> bool:
    return name.startswith((".", "_"))


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every link in it followed, is in the project folder `root`."""
    return within(os.path.realpath(root), os.path.realpath(path))


def within(real_root: str, real: str) -> bool:
    """Whether the real (link-free) path `real` is the real folder `real_root` or in it."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def discover(root: Path) -> list[Found]:
    walk = _Walk(root)
    for folder, _ in CONTENT_DIRS:          # a link into another kind's folder is not walked again
        walk.seen.add(os.path.realpath(root / "content" / folder))
    for folder, kind in CONTENT_DIRS:
        base, rel = root / "content" / folder, f"content/{folder}"
        if not inside(root, base):
            if os.path.isdir(base):
                walk.found.append(Found(str(base), rel, kind, outside=True))
        elif base.is_dir():
            walk.folder(str(base), rel, kind)
    return walk.found


class _Walk:
    """Paths are kept as strings while walking (a Path per file cost more than the walk)."""

    def __init__(self, root: Path):
        self.root = root
        self.seen: set[str] = set()           # real paths of the folders walked or about to be
        self.found: list[Found] = []

    def folder(self, folder: str, rel_folder: str, kind: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return                                  # unreadable folder: nothing in it can be listed
        for entry in entries:
            if not is_ignored(entry.name):
                self.visit(entry, f"{rel_folder}/{entry.name}", kind)

    def visit(self, entry: os.DirEntry, rel: str, kind: str) -> None:
        is_link = entry.is_symlink()
        try:
            is_dir = entry.is_dir()                 # follows a link; False for a broken or looping one
        except OSError:
            is_dir = False
        suffix = os.path.splitext(entry.name)[1]
        if is_link and not inside(self.root, entry.path):
            if is_dir or suffix in SUFFIXES:
                self.found.append(Found(entry.path, rel, kind, outside=True))
            return
        if is_dir:
            real = os.path.realpath(entry.path)
            if real not in self.seen:
                self.seen.add(real)
                self.folder(entry.path, rel, kind)
        elif suffix in SUFFIXES and (is_link or entry.is_file()):
            # A broken or looping link is listed too: reading it says what is wrong.
            self.found.append(Found(entry.path, rel, kind))
