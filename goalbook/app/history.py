"""The goal history a build shows: read from git once per HEAD, then from the cache.

`read_history(root, goal_files)` returns a `goalbook.model.history.GitHistory`,
or None when there is nothing to show: not a git repository, no commit yet,
a shallow clone, or git missing or failing. It never raises for git and
never prints.

The cache lives in goalbook's cache folder (`goalbook.load.user_cache`), never
in the project; two files per project:

* `<project>.json`: the history, keyed by `load.git.state_key` (HEAD's commit,
  read from `.git` without starting git, and the shallow marker). While the
  key is the same, a build starts no git process at all.
* `<project>-log.json`: the commits read last time, and what each old version
  of a goal file says (by blob id, which never changes). After new commits on
  top of those, only the new commits and the new versions are read from git.

Uncommitted edits are found without git too: each goal file's blob id is
computed from the file and compared with HEAD's (kept in the cache), so the
working tree is never part of the key.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import date
from pathlib import Path

from goalbook import __version__
from goalbook.load import git
from goalbook.load.git_log import FileChange, LogEntry, read_log_and_versions
from goalbook.load.user_cache import cache_folder
from goalbook.model.history import (GitHistory, VersionReader, history_from_json, history_from_log,
                                    history_to_json, version_key)

FORMAT = 1                                  # of the cache files; a new one ignores older files


def history_key(root: Path) -> str:
    """The git state a build's history depends on ("" outside git); starts no process."""
    repo = git.find_repository(root)
    return (git.state_key(repo) or "") if repo is not None else ""


def read_history(root: Path, goal_files: dict[str, str]) -> GitHistory | None:
    """The history of the goals (`goal_files`: goal id -> path relative to `root`, as
    loaded now), with the goals whose file has edits not committed yet."""
    repo = git.find_repository(root)
    key = git.state_key(repo) if repo is not None else None
    if key is None:
        return None
    store = _Store(repo.root)
    try:
        history = _history(repo, store, key)
    except (KeyError, TypeError, ValueError, AttributeError):
        store.clear()                       # a cache file that parses but isn't what we wrote
        return None
    if history is None:
        return None
    history.uncommitted = frozenset(_uncommitted(repo.root, history.head_blobs, goal_files))
    return history


def _history(repo: git.Repository, store: "_Store", key: str) -> GitHistory | None:
    cached = store.read(store.main)
    if cached is not None and cached.get("key") == key:
        return history_from_json(cached["history"]) if cached["history"] is not None else None
    found = _from_git(repo, store)
    if found is None:
        return None                         # git failed: try again next time, nothing kept
    store.write(store.main, {"key": key, "history": history_to_json(found[0]) if found[0] else None})
    return found[0]


def _from_git(repo: git.Repository, store: "_Store") -> tuple[GitHistory | None] | None:
    """(history,) from git, (None,) for a shallow clone, None if git failed."""
    about = git.describe(repo)
    if about is None:
        return None
    if about.shallow:
        return (None,)                      # its oldest commits aren't there: show nothing
    head = git.head_commit(repo)
    known, values, since = _previous(repo, store, about.prefix, head)
    if since != head:
        got = read_log_and_versions(repo, lambda blob, path: version_key(blob, path) not in values,
                                    since_commit=since, prefix=about.prefix)
        if got is None:
            return None
        newer, blobs = got
        reader = VersionReader()
        for blob, path in _versions(newer):
            if version_key(blob, path) not in values:
                values[version_key(blob, path)] = reader.values(blobs[blob], path) if blob in blobs else None
        known = newer + known
    tree = git.read_tree(repo, about.prefix)
    if tree is None:
        return None
    named = {version_key(blob, path) for blob, path in _versions(known)}
    values = {k: v for k, v in values.items() if k in named}   # the cache keeps only what the log names
    store.write(store.log, {"head": head, "prefix": about.prefix, "entries": [_entry_to_json(e) for e in known],
                            "values": values})
    return (history_from_log(known, values, tree),)


def _versions(entries: list[LogEntry]):
    """(blob, path) of every version the log entries name."""
    for entry in entries:
        for change in entry.files:
            if change.old_blob:
                yield change.old_blob, change.old_path or change.path
            if change.new_blob:
                yield change.new_blob, change.path


def _previous(repo, store, prefix: str, head: str | None):
    """(commits read before, known values by version, the commit to read on from):
    the commit is HEAD's when nothing is new, the last one read when HEAD only moved
    forward from it, else None (read the whole log, with no commits known)."""
    previous = store.read(store.log)
    try:
        values = dict(previous["values"])
        known = [_entry_from_json(e) for e in previous["entries"]]
        last, same_prefix = previous["head"], previous["prefix"] == prefix
    except (KeyError, TypeError, ValueError, AttributeError):
        return [], {}, None
    if not same_prefix or not last or not head:
        return [], values, None
    if last == head or git.is_ancestor(repo, last, head):
        return known, values, last
    return [], values, None


def _entry_to_json(entry: LogEntry) -> list:
    return [entry.commit, entry.day.isoformat(), [list(f) for f in entry.files]]


def _entry_from_json(data) -> LogEntry:
    commit, day, files = data
    return LogEntry(commit, date.fromisoformat(day), tuple(FileChange(*f) for f in files))


def _uncommitted(root: Path, head_blobs: dict[str, str], goal_files: dict[str, str]) -> list[str]:
    out = []
    for goal_id, path in goal_files.items():
        head = head_blobs.get(path)
        if head is None:
            continue                        # not in HEAD: new, or git doesn't track it
        try:
            data = (root / path).read_bytes()
        except OSError:
            continue
        if head not in (git.blob_id(data, head), git.blob_id(data.replace(b"\r\n", b"\n"), head)):
            out.append(goal_id)
    return out


class _Store:
    """The project's two cache files; any problem reading or writing them is a cache miss."""

    def __init__(self, project: Path):
        folder = cache_folder("git-history")
        name = hashlib.sha256(str(project).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.main = folder / f"{name}.json" if folder else None
        self.log = folder / f"{name}-log.json" if folder else None

    def clear(self) -> None:
        for path in (self.main, self.log):
            try:
                if path is not None:
                    path.unlink()
            except OSError:
                pass

    @staticmethod
    def read(path: Path | None) -> dict | None:
        if path is None:
            return None
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("goalbook") != __version__:
            return None
        return data

    @staticmethod
    def write(path: Path | None, data: dict) -> None:
        if path is None:
            return
        try:
            text = json.dumps({"format": FORMAT, "goalbook": __version__, **data}, separators=(",", ":"))
            # Whole or not at all, but not flushed to disk: a cache lost in a crash is only a miss.
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)   # private to the user
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            try:
                os.unlink(tmp)
            except (OSError, NameError):
                pass
