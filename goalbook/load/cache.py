"""Validated files kept between checks, so a check reads only what changed.

A `SourceCache` remembers, per file, its signature (size, modification time,
inode), the sha256 of its bytes and the validated result. A file whose
signature is unchanged is not read at all; one whose signature changed is
read and hashed, and parsed again only when its bytes changed. `serve` and
the language server keep one cache in memory between checks; with a `Store`
(every command) it is also kept in goalbook's cache folder, as two entries per
project: the small index (signatures and hashes: enough to tell whether the
book changed) and the validated files in `BUCKETS` parts by path (so one edit
rewrites one part), loaded only when a file is needed.
Entries are keyed by content hash, kind and path, and goalbook's version is in
every entry (`goalbook.load.store`): a cache from another version, or a damaged
one, is ignored.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import contextmanager
import os
import time
import zlib
from pathlib import Path

from goalbook.load.discover import CONTENT_DIRS, is_ignored
from goalbook.load.files import SETTLE_NS, DiskFiles, ProjectFiles, Refused, TooLarge
from goalbook.load.store import Store, digest
from goalbook.workers import in_background, run_shared

BUCKETS = 16
PREFETCH_MIN = 256             # fewer files to parse aren't worth a second process
LISTING = "\0listing"          # the index's entry for the last listing of the content folders


def _bucket(rel_path: str) -> int:
    return zlib.crc32(rel_path.encode("utf-8")) % BUCKETS


_ON_DISK: dict[tuple, "SourceCache"] = {}


class SourceCache:
    def __init__(self, store: Store | None = None, project: Path | None = None) -> None:
        self.store = store
        self._key = digest(Path(project).resolve()) if project is not None else None
        self._index: dict[str, tuple[object, str, str]] | None = None   # path -> (signature, sha, kind)
        self._values: dict[tuple[str, str, str], object] | None = None  # (path, sha, kind) -> value
        self.digests: dict[str, str] = {}      # path -> sha256 of the bytes this check used
        self._signatures: dict[str, object] = {}
        self._dirty_index = False
        self._dirty_buckets: set[int] = set()
        self._one_look = 0
        self.kept: dict[str, object] = {}      # what the layers above keep with these files between checks

    @classmethod
    def on_disk(cls, project: Path) -> "SourceCache":
        """The cache kept in goalbook's cache folder for this project (one per process)."""
        store = Store("sources")
        key = (str(Path(project).resolve()), str(store.folder), store.version)
        if key not in _ON_DISK:
            _ON_DISK[key] = cls(store, project)
        return _ON_DISK[key]

    # -- what a check asks ------------------------------------------------

    def start(self) -> None:
        """A new check: files may have changed since the last one (within `one_look`, the
        signatures already taken are kept)."""
        self.digests = {}
        if self._one_look < 2:
            self._signatures = {}
        self._one_look += bool(self._one_look)

    @contextmanager
    def one_look(self):
        """The checks inside take each file's signature once: a command that first asks
        whether anything changed and then checks, one right after the other. (A signature
        is taken before the file is read, so a change after it shows in the next command.)"""
        self._one_look = 1
        try:
            yield self
        finally:
            self._one_look = 0

    def listing(self, files: ProjectFiles) -> list:
        """`files.list()`, remembered (as paths and kinds) with the content folders' signatures
        taken before listing, for `known_listing`."""
        folders = _folder_signatures(files.root) if isinstance(files, DiskFiles) else None
        found = files.list()
        entry = (folders, tuple((f.rel_path, f.kind) for f in found)) if folders is not None else None
        if self.index().get(LISTING) != entry:
            if entry is None:
                del self._index[LISTING]
            else:
                self._index[LISTING] = entry
            self._dirty_index = True
        return found

    def known_listing(self, files: ProjectFiles) -> list[tuple[str, str]] | None:
        """(path, kind) of every content file as the last listing found them, if none of the
        content folders changed since (a folder's time changes when a file is added, removed
        or renamed in it); None when that can't be told (then list the files)."""
        if not isinstance(files, DiskFiles):
            return None
        folders = _folder_signatures(files.root)
        stored = self.index().get(LISTING)
        if folders is None or not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != folders:
            return None
        return list(stored[1])

    def _signature(self, files: ProjectFiles, rel_path: str):
        if rel_path not in self._signatures:
            self._signatures[rel_path] = files.signature(rel_path)
        return self._signatures[rel_path]

    def known_digest(self, files: ProjectFiles, rel_path: str, kind: str) -> str | None:
        """The file's sha256 if its signature says it is unchanged since it was hashed, else None."""
        signature = self._signature(files, rel_path)
        entry = self.index().get(rel_path)
        if signature is None or entry is None or entry[0] != signature or entry[2] != kind:
            return None
        return entry[1]

    def get_or_load(self, files: ProjectFiles, rel_path: str, load, kind: str = ""):
        """The validated file: `load(data)` parses bytes, `load()` reads the file itself
        (used when the bytes can't be read, so the problem is reported as usual)."""
        sha = self.known_digest(files, rel_path, kind)
        data = None
        if sha is None:
            signature = self._signature(files, rel_path)   # taken before reading: a later change shows
            try:
                data = files.read(rel_path)
            except (OSError, TooLarge, Refused):
                return load()
            sha = hashlib.sha256(data).hexdigest()
            if signature is not None:
                self._remember(rel_path, (signature, sha, kind))
        self.digests[rel_path] = sha
        values = self.values()
        value = values.get((rel_path, sha, kind))
        if value is None:
            if data is None:
                try:
                    data = files.read(rel_path)
                except (OSError, TooLarge, Refused):
                    return load()
                if hashlib.sha256(data).hexdigest() != sha:      # changed since it was hashed
                    self.digests[rel_path] = sha = hashlib.sha256(data).hexdigest()
                    signature = self._signature(files, rel_path)
                    if signature is not None:
                        self._remember(rel_path, (signature, sha, kind))
            value = load(data)
            values[(rel_path, sha, kind)] = value
            self._dirty_buckets.add(_bucket(rel_path))
        return value

    def prefetch(self, files: ProjectFiles, found, parse, workers: int) -> None:
        """Parse, shared among `workers` processes, the files (`(path, kind)` pairs) this
        cache doesn't have yet; `parse(data, path, kind)` gives the validated file. Only
        an optimisation: `get_or_load` then finds them (a file that can't be read is left
        to it, so its problem is reported as usual)."""
        if workers < 2 or len(found) < PREFETCH_MIN:
            return
        values, todo = self.values(), []
        for rel_path, kind in found:
            sha = self.known_digest(files, rel_path, kind)
            if sha is None or (rel_path, sha, kind) not in values:
                todo.append((rel_path, kind, self._signature(files, rel_path)))

        def read_and_parse(rel_path: str, kind: str):
            try:
                data = files.read(rel_path)
            except (OSError, TooLarge, Refused):
                return None
            return hashlib.sha256(data).hexdigest(), parse(data, rel_path, kind)

        jobs = [lambda p=rel_path, k=kind: read_and_parse(p, k) for rel_path, kind, _ in todo]
        for (rel_path, kind, signature), done in zip(todo, run_shared(jobs, workers, min_jobs=PREFETCH_MIN)):
            if done is None:
                continue
            sha, value = done
            if signature is not None:       # taken before the file was read: a later change shows
                self._remember(rel_path, (signature, sha, kind))
            values[(rel_path, sha, kind)] = value
            self._dirty_buckets.add(_bucket(rel_path))

    # -- storage ----------------------------------------------------------

    def index(self) -> dict:
        if self._index is None:
            stored = self.store.get(f"{self._key}-index") if self.store is not None else None
            self._index = dict(stored) if isinstance(stored, dict) else {}
        return self._index

    def values(self) -> dict:
        if self._values is None:
            self._values = {}
            for bucket in range(BUCKETS):
                stored = self.store.get(f"{self._key}-values-{bucket}") if self.store is not None else None
                if isinstance(stored, dict):
                    self._values.update((k, v) for k, v in stored.items() if isinstance(k, tuple)
                                        and len(k) == 3 and _bucket(k[0]) == bucket)
        return self._values

    def _remember(self, rel_path: str, entry: tuple) -> None:
        if self.index().get(rel_path) != entry:
            self._index[rel_path] = entry
            self._dirty_index = True

    def save(self, used: set[str] | None = None) -> None:
        """Write what changed to the store, keeping only the files in `used` (this check's)."""
        self.save_in_background(used, 1)()

    def save_in_background(self, used: set[str] | None, workers: int) -> Callable[[], None]:
        """`save`, the writing done by a forked child while this process goes on (with two
        workers or more, for as many files as `prefetch` shares): call what it returns
        before this cache is used again."""
        self._prune(used)
        if used is None or len(used) < PREFETCH_MIN:
            workers = 1
        if self.store is None or not (self._dirty_index or self._dirty_buckets):
            return lambda: None
        # in flight: whatever is marked from now on is newer than what the child writes
        index, buckets = self._dirty_index, self._dirty_buckets
        self._dirty_index, self._dirty_buckets = False, set()
        join = in_background(lambda: self._write(index, buckets), workers)

        def finish() -> None:
            if not join():          # not written: still to do
                self._dirty_index |= index
                self._dirty_buckets |= buckets

        return finish

    def _prune(self, used: set[str] | None) -> None:
        """Forget the files not in `used` and the contents the files no longer have."""
        if used is None:
            return
        index = self.index()
        gone = [p for p in index if p not in used and p != LISTING]
        for path in gone:
            del index[path]
        self._dirty_index |= bool(gone)
        if self._values is not None:
            stale = [k for k in self._values if k[0] not in used or self.digests.get(k[0], k[1]) != k[1]]
            for k in stale:
                del self._values[k]
            self._dirty_buckets.update(_bucket(k[0]) for k in stale)

    def _write(self, index: bool, buckets: set[int]) -> None:
        parts: dict[int, dict] = {bucket: {} for bucket in buckets}
        for k, v in self.values().items():
            part = parts.get(_bucket(k[0]))
            if part is not None:
                part[k] = v
        for bucket, part in sorted(parts.items()):
            self.store.put(f"{self._key}-values-{bucket}", part)
        if index:
            self.store.put(f"{self._key}-index", self.index())


def _folder_signatures(root: Path) -> tuple | None:
    """(folder, modification time, inode) of content/ and its folders; None when one has a
    subfolder (a file added deep down doesn't change these folders' times) or changed
    just now (its time may not have ticked since)."""
    now, out = time.time_ns(), []
    for rel in ["content", *(f"content/{name}" for name, _ in CONTENT_DIRS)]:
        path = os.path.join(root, rel)
        try:
            stat = os.stat(path)
            if rel != "content":
                with os.scandir(path) as entries:
                    if any(not is_ignored(e.name) and e.is_dir() for e in entries):
                        return None
        except FileNotFoundError:
            out.append((rel, None))
            continue
        except OSError:
            return None
        if now - stat.st_mtime_ns < SETTLE_NS:
            return None
        out.append((rel, stat.st_mtime_ns, stat.st_ino))
    return tuple(out)
