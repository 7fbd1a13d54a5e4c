"""Where a project's files come from.

`check` reads the working tree; `check --staged` reads the git index; the
language server reads the editor's unsaved buffers over the working tree.
Each is a `ProjectFiles`: it lists the content files (in a stable order) and
reads one file's bytes, refusing one larger than `MAX_FILE_BYTES` *before*
reading it. `signature` tells a cache whether a file may have changed.
"""
from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from goalbook.load.discover import CONTENT_DIRS, SUFFIXES, Found, discover, is_ignored, within

SETTINGS_FILE = "goalbook.yaml"
MAX_FILE_BYTES = 2_000_000     # goalbook files are a few kilobytes; this only stops runaway input
SETTLE_NS = 2_000_000_000      # a file modified less than this long ago has no signature yet


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(f"{size} bytes")
        self.size = size


class Refused(Exception):
    """goalbook won't read this path: a link leading out of the project, or not a plain file."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


class ProjectFiles:
    root: Path

    def list(self) -> list[Found]:
        raise NotImplementedError

    def read(self, rel_path: str) -> bytes:
        """The file's bytes; OSError if it can't be read, TooLarge past MAX_FILE_BYTES,
        Refused for a path goalbook doesn't read."""
        raise NotImplementedError

    def exists(self, rel_path: str) -> bool:
        raise NotImplementedError

    def signature(self, rel_path: str) -> object | None:
        """Changes whenever the file's content may have changed; None: don't cache."""
        return None


@dataclass
class DiskFiles(ProjectFiles):
    """The working tree. A path that is (or lies in a folder that is) a link leading
    out of the project is refused before it is opened."""
    root: Path
    _folders: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    _real_root: str = field(default="", init=False, repr=False, compare=False)

    def list(self) -> list[Found]:
        return discover(self.root)

    def _outside(self, path: Path) -> bool:
        real_root = self._real_root = self._real_root or os.path.realpath(self.root)
        if os.path.islink(path):
            return not within(real_root, os.path.realpath(path))
        return not self._folder_inside(str(path.parent))   # a book's files sit in a few folders

    def read(self, rel_path: str) -> bytes:
        path = self.root / rel_path
        if self._outside(path):
            what = "folder" if path.is_dir() else "file"
            raise Refused(f"this {what} is a link to outside the project; goalbook doesn't follow it",
                          f"copy the {what} into the project folder if it belongs to this book")
        # O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused below).
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise Refused("this is not a plain file (a folder, device, pipe or socket)",
                              "goalbook reads plain text files; move it out of content/")
            if info.st_size > MAX_FILE_BYTES:      # checked before a single byte is read
                raise TooLarge(info.st_size)
            # A buffer of the file's size (not of the limit: that costs a 2 MB allocation a
            # file); the file may grow while we read, so past its size read on to the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
        if len(data) > MAX_FILE_BYTES:
            raise TooLarge(len(data))
        return data

    def exists(self, rel_path: str) -> bool:
        return (self.root / rel_path).is_file()

    def signature(self, rel_path: str) -> object | None:
        # Strings and one lstat for a plain file: a check of an unchanged ten-year book
        # takes the signatures of 4,000 files, and Path objects cost more than the stat.
        path = os.path.join(self.root, rel_path)
        try:
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode) or not self._folder_inside(os.path.dirname(path)):
                if self._outside(Path(path)):       # never read, so never known unchanged
                    return None
                info = os.stat(path)
        except OSError:
            return None
        if time.time_ns() - info.st_mtime_ns < SETTLE_NS:
            # Written just now: a second write within the file system's timestamp
            # granularity could keep this signature (git's "racily clean" files).
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _folder_inside(self, folder: str) -> bool:
        if folder not in self._folders:
            real_root = self._real_root = self._real_root or os.path.realpath(self.root)
            self._folders[folder] = within(real_root, os.path.realpath(folder))
        return self._folders[folder]


@dataclass
class MemoryFiles(ProjectFiles):
    """Files given as bytes by path (the git index, or a test), with no disk behind them."""
    root: Path
    contents: dict[str, bytes]

    def list(self) -> list[Found]:
        return sorted((found for rel in self.contents if (found := content_file(self.root, rel))),
                      key=_order)

    def read(self, rel_path: str) -> bytes:
        try:
            data = self.contents[rel_path]
        except KeyError:
            raise FileNotFoundError(2, "No such file", rel_path) from None
        if len(data) > MAX_FILE_BYTES:
            raise TooLarge(len(data))
        return data

    def exists(self, rel_path: str) -> bool:
        return rel_path in self.contents

    def signature(self, rel_path: str) -> object | None:
        data = self.contents.get(rel_path)
        return None if data is None else hashlib.sha256(data).digest()


@dataclass
class OverlayFiles(ProjectFiles):
    """Unsaved texts (an editor's open buffers) over another source."""
    base: ProjectFiles
    texts: dict[str, str]

    @property
    def root(self) -> Path:   # type: ignore[override]
        return self.base.root

    def list(self) -> list[Found]:
        found = {f.rel_path: f for f in self.base.list()}
        for rel in self.texts:
            extra = content_file(self.root, rel)
            if extra and rel not in found:
                found[rel] = extra
        return sorted(found.values(), key=_order)

    def read(self, rel_path: str) -> bytes:
        if rel_path in self.texts:
            data = self.texts[rel_path].encode("utf-8")
            if len(data) > MAX_FILE_BYTES:
                raise TooLarge(len(data))
            return data
        return self.base.read(rel_path)

    def exists(self, rel_path: str) -> bool:
        return rel_path in self.texts or self.base.exists(rel_path)

    def signature(self, rel_path: str) -> object | None:
        if rel_path in self.texts:
            return hashlib.sha256(self.texts[rel_path].encode("utf-8")).digest()
        return self.base.signature(rel_path)


def content_file(root: Path, rel_path: str) -> Found | None:
    """The `Found` for a relative path if goalbook reads it as a content file, else None."""
    parts = PurePosixPath(rel_path).parts
    if len(parts) < 3 or parts[0] != "content" or any(is_ignored(p) for p in parts[1:]):
        return None
    kinds = dict(CONTENT_DIRS)
    if parts[1] not in kinds or PurePosixPath(rel_path).suffix not in SUFFIXES:
        return None
    return Found(str(root / rel_path), rel_path, kinds[parts[1]])


def _order(found: Found) -> tuple:
    folders = [folder for folder, _ in CONTENT_DIRS]
    parts = PurePosixPath(found.rel_path).parts
    return (folders.index(parts[1]), parts[2:])
