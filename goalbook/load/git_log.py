"""The goal files' history: one `git log` pass, and the old versions from one
`git cat-file --batch` process.

`read_log_and_versions` runs the two side by side: a thread reads the log as
git writes it and hands each version the caller still needs to `cat-file` at
once, so the two processes overlap (on a book with thousands of commits that
is most of the time the history costs). The log is `git log -z --raw
--no-abbrev -M --date-order` over `content/goals`: commits newest first,
children before parents, each with its goal files' old and new blob ids, and
renames followed. Like everything in `goalbook.load.git`, it returns None
when git is missing, fails or takes too long, and never prints.
"""
from __future__ import annotations

import subprocess
import threading
from datetime import date
from typing import Callable, NamedTuple

from goalbook.load import git
from goalbook.load.git import GOALS_FOLDER, Repository, relative

_NO_BLOB = frozenset("0")


class FileChange(NamedTuple):
    """One goal file in one commit (`git log --raw`)."""
    status: str             # A, M, D, R, T or C
    path: str               # relative to the project
    old_path: str | None    # for R and C
    old_blob: str | None    # None for A
    new_blob: str | None    # None for D


class LogEntry(NamedTuple):
    commit: str             # full hash
    day: date               # author date, in the author's own time zone
    files: tuple[FileChange, ...] = ()


class LogParser:
    """`git log -z --raw --no-abbrev --format=%x01%H %aI`, fed in chunks as it arrives."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self.entries: list[LogEntry] = []
        self._rest = b""
        self._head: tuple[str, date] | None = None
        self._files: list[FileChange] = []
        self._meta: tuple[str, str, str] | None = None    # a raw line waiting for its paths
        self._paths: list[str] = []

    def feed(self, chunk: bytes) -> list[FileChange]:
        """The file changes completed by `chunk`. ValueError for output it can't read."""
        tokens = (self._rest + chunk).split(b"\0")
        self._rest = tokens.pop()
        done: list[FileChange] = []
        for token in tokens:
            self._token(token, done)
        return done

    def close(self) -> list[LogEntry]:
        done: list[FileChange] = []
        if self._rest:
            self._token(self._rest, done)
            self._rest = b""
        if self._meta is not None:
            raise ValueError("git log output ends in the middle of a file")
        self._finish_commit()
        return self.entries

    def _token(self, token: bytes, done: list[FileChange]) -> None:
        if self._meta is not None:                      # a path, taken as it is
            self._paths.append(relative(token, self.prefix))
            old, new, status = self._meta
            if len(self._paths) == (2 if status in "RC" else 1):
                change = FileChange(status, self._paths[-1], self._paths[0] if len(self._paths) == 2 else None,
                                    None if set(old) <= _NO_BLOB else old, None if set(new) <= _NO_BLOB else new)
                self._files.append(change)
                done.append(change)
                self._meta, self._paths = None, []
            return
        token = token.lstrip(b"\n")
        if token.startswith(b"\x01"):
            self._finish_commit()
            commit, _, when = token[1:].decode("ascii").partition(" ")
            self._head = (commit, date.fromisoformat(when[:10]))
        elif token.startswith(b":"):
            _, _, old, new, status = token[1:].decode("ascii").split(" ")
            self._meta = (old, new, status[0])
        elif token:
            raise ValueError(f"unexpected git log output: {token[:40]!r}")

    def _finish_commit(self) -> None:
        if self._head is not None:
            self.entries.append(LogEntry(*self._head, tuple(self._files)))
        self._head, self._files = None, []


def parse_log(out: bytes, prefix: str = "") -> list[LogEntry]:
    parser = LogParser(prefix)
    parser.feed(out)
    return parser.close()


def parse_batch(out: bytes) -> dict[str, bytes]:
    """`git cat-file --batch` output: each blob's content by id (missing ones left out)."""
    blobs: dict[str, bytes] = {}
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii", "replace").split(" ")
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            if header[1] == "blob":
                blobs[header[0]] = out[pos:pos + size]
            pos += size + 1
    return blobs


def read_log_and_versions(repo: Repository, need: Callable[[str, str], bool], since_commit: str | None = None,
                          prefix: str = "", folder: str = GOALS_FOLDER
                          ) -> tuple[list[LogEntry], dict[str, bytes]] | None:
    """(the log, the content of each version `need(blob, path)` asks for); only the
    commits after `since_commit` if given. None if git is missing or fails."""
    revisions = f"{since_commit}..HEAD" if since_commit else "HEAD"
    log_args = ["log", "-z", "--raw", "--no-abbrev", "-M", "--date-order", "--no-color", "--no-ext-diff",
                "--format=%x01%H %aI", revisions, "--", folder]
    try:
        log = git.start_git(repo.root, log_args)
    except (OSError, ValueError):
        return None
    try:
        batch = git.start_git(repo.root, ["cat-file", "--batch"], stdin=subprocess.PIPE)
    except (OSError, ValueError):
        git.stop(log)
        log.wait()
        return None
    watchdog = threading.Timer(git.TIMEOUT_S, lambda: (git.stop(log), git.stop(batch)))
    watchdog.daemon = True
    watchdog.start()
    parser = LogParser(prefix)
    failed: list[BaseException] = []
    feeder = threading.Thread(target=_feed, args=(log, batch, parser, need, failed), daemon=True)
    feeder.start()
    try:
        out = batch.stdout.read()
        feeder.join()
        log_status, batch_status = log.wait(), batch.wait()
    finally:
        watchdog.cancel()
        for process in (log, batch):
            process.stdout.close()
    if failed or log_status != 0 or batch_status != 0:
        return None
    try:
        return parser.entries, parse_batch(out)
    except (ValueError, IndexError):
        return None


def _feed(log, batch, parser: LogParser, need, failed: list) -> None:
    """Read the log as it comes; ask cat-file for each needed version straight away."""
    asked: set[str] = set()
    try:
        for chunk in iter(lambda: log.stdout.read1(65536), b""):
            wanted = []
            for change in parser.feed(chunk):
                for blob, path in ((change.old_blob, change.old_path or change.path), (change.new_blob, change.path)):
                    if blob and blob not in asked and need(blob, path):
                        asked.add(blob)
                        wanted.append(blob)
            if wanted:
                batch.stdin.write("".join(f"{b}\n" for b in wanted).encode("ascii"))
                batch.stdin.flush()
        parser.close()
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        failed.append(exc)
        git.stop(log)
    finally:
        try:
            batch.stdin.close()
        except OSError:
            pass
