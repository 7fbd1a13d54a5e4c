"""goalbook's cache folder: what a run can reuse from an earlier one.

Everything here is an optimisation only. An entry is a pickle holding
(`MAGIC`, goalbook's version, its key, the value); one that can't be read, or
was written by another version or for another key, is ignored and the work is
done again. So deleting the folder, a half-written file or garbage in it
changes nothing but the time a command takes. The folder is the user's own
(never inside the project): `$GOALBOOK_CACHE_DIR`, else
`$XDG_CACHE_HOME/goalbook`, else `~/.cache/goalbook`.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import goalbook

MAGIC = "goalbook-cache-1"


def cache_base() -> Path:
    """The folder every goalbook cache lives under (it may not exist yet)."""
    base = os.environ.get("GOALBOOK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "goalbook"


def digest(*parts: object) -> str:
    """A hex key from a few strings or bytes."""
    return hashlib.sha256(b"\0".join(part if isinstance(part, bytes) else str(part).encode("utf-8")
                                      for part in parts) + b"\0").hexdigest()


def code_version() -> str:
    """goalbook's version, and a digest of its installed files' sizes and times (code and
    built-in templates): a cache written by other code (an upgrade, or a change to an
    editable install) is not used."""
    return _code_version(goalbook.__version__)


@functools.cache
def _code_version(version: str) -> str:
    import goalbook.templates      # the built-in templates' package (importlib.resources costs 17 ms)

    h = hashlib.sha256(version.encode())
    stack = [os.path.dirname(goalbook.__file__), os.path.dirname(goalbook.templates.__file__)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    stack.append(entry.path)
            elif entry.name.endswith((".py", ".html", ".css", ".json")):
                stat = entry.stat()
                h.update(f"{entry.path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return f"{version}+{h.hexdigest()[:16]}"


class Store:
    """Values by key in one area of the cache folder, one file per key."""

    def __init__(self, area: str, base: Path | None = None, version: str | None = None):
        self.folder = (base or cache_base()) / area
        self.version = version or code_version()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str):
        """The value stored under `key`, or None (missing, unreadable, foreign or stale)."""
        try:
            with open(self.path(key), "rb") as handle:
                entry = pickle.load(handle)
        except Exception:            # any damage at all means: not cached
            return None
        if (not isinstance(entry, tuple) or len(entry) != 4 or entry[0] != MAGIC
                or entry[1] != self.version or entry[2] != key):
            return None
        return entry[3]

    def put(self, key: str, value) -> None:
        """Store `value` (atomically); a cache that can't be written is simply not kept."""
        try:
            data = pickle.dumps((MAGIC, self.version, key, value), protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.folder.mkdir(exist_ok=True, mode=0o700)     # the book's words: the user's eyes only
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temp, self.path(key))
            except BaseException:
                os.unlink(temp)
                raise
        except Exception:
            pass
