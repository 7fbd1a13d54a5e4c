"""Builds into one output folder take turns.

The lock is `flock` on a small file next to the output folder
(`.goalbook-lock-<name>`). The kernel drops it when its holder ends, even
by SIGKILL, so a killed build never leaves the folder locked. The holder
removes the file when it is done; whoever was waiting on that removed file
notices (it is no longer the one at the path) and locks the new one
instead, so two builds never both hold it.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:        # Windows: no flock; builds there don't take turns
    fcntl = None           # type: ignore[assignment]

LOCK_PREFIX = ".goalbook-lock-"


def lock_path(output: Path) -> Path:
    return output.parent / f"{LOCK_PREFIX}{output.name}"


@contextmanager
def output_lock(output: Path, on_wait: Callable[[str], None] | None = None,
                wait: bool = True) -> Iterator[bool]:
    """Hold the output folder's lock for the `with` block, waiting for it if another
    build has it (`on_wait` hears once that we are waiting). With `wait=False` the
    block runs at once and is given False if the lock is taken, True if we hold it.
    Without flock (Windows) the block always runs at once, given False."""
    if fcntl is None:
        yield False
        return
    path = lock_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(path, on_wait, wait)
    if fd is None:
        yield False
        return
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())    # who holds it, for a curious human
        yield True
    finally:
        try:
            os.unlink(path)          # still holding it, so nobody is using this file
        except OSError:
            pass
        os.close(fd)


def _acquire(path: Path, on_wait, wait: bool) -> int | None:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    os.close(fd)
                    return None
                if on_wait is not None:
                    on_wait(f"another goalbook build is writing {path.parent / path.name[len(LOCK_PREFIX):]};"
                            " waiting for it to finish…")
                    on_wait = None
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _is_at(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)                 # the last holder removed that file: lock the one at the path now


def _is_at(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)
