"""Share independent work with forked processes on a machine with more than one core.

A ten-year book is some 4,000 files to parse and 150 pages to render, and
both are most of a first check or build. `run_shared(jobs, workers)` forks
`workers - 1` children, which inherit everything read so far
(copy-on-write). Each runs its share of the jobs while this process runs its
own, and writes its results to an anonymous in-memory file (nothing reaches
the disk). A job a child couldn't finish, and the share of a child that
failed or took too long, is done here again, so an error is raised where the
caller expects it, exactly as with one worker.

Only Linux (fork with copy-on-write, `memfd_create`), and only for commands
that run once and end: `serve` and the language server run threads and
always work alone.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import time
from typing import Callable, TypeVar

T = TypeVar("T")

MAX_WORKERS = 4
CHILD_SECONDS = 120.0       # a child still busy after this is stopped and its share done here
_MISSING = object()


def workers_available() -> int:
    """How many processes may share work here (1: work alone). `GOALBOOK_WORKERS=1` keeps
    every command in one process (less memory: each child copies some of what it reads)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "memfd_create") or not hasattr(os, "fork"):
        return 1
    asked = os.environ.get("GOALBOOK_WORKERS", "").strip()
    if asked.isdigit() and int(asked) >= 1:
        return min(MAX_WORKERS, int(asked))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def run_shared(jobs: list[Callable[[], T]], workers: int = 1, *, min_jobs: int = 2,
               hand_back: Callable[[], object] | None = None,
               receive: Callable[[object], None] | None = None) -> list[T]:
    """Every job's result, in order. With fewer than `min_jobs` jobs or one worker, they
    run here. `hand_back()` is called in each child after its jobs, and what it returns
    is given to `receive` here (state the jobs built up, such as a cache)."""
    if workers < 2 or len(jobs) < min_jobs:
        return [job() for job in jobs]
    indexes = [list(range(start, len(jobs), workers)) for start in range(workers)]
    children = [_fork(jobs, share, hand_back) for share in indexes[1:]]
    results: list = [_MISSING] * len(jobs)
    try:
        for index in indexes[0]:
            results[index] = jobs[index]()
    finally:
        handed = [_collect(child) for child in children]
    for done, extra in handed:
        for index, value in done.items():
            results[index] = value
        if extra is not None and receive is not None:
            receive(extra)
    for index, value in enumerate(results):
        if value is _MISSING:                 # a child's failure: done here, raising its error here
            results[index] = jobs[index]()
    return results


def _fork(jobs: list[Callable], share: list[int], hand_back) -> tuple[int, int]:
    out = os.memfd_create("goalbook-work", getattr(os, "MFD_CLOEXEC", 0))
    pid = os.fork()
    if pid == 0:                              # the child: work, hand back, and leave
        status = 1
        # No collector passes in the child: they would write into every object inherited from
        # the parent and so copy its memory page by page (short-lived; counting frees the rest).
        gc.disable()
        try:
            done = {}
            for index in share:
                try:
                    done[index] = jobs[index]()
                except Exception:             # done again by the parent, which reports it
                    pass
            extra = hand_back() if hand_back is not None else None
            with os.fdopen(out, "wb", closefd=False) as handle:
                pickle.dump((done, extra), handle, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    return pid, out


def _collect(child: tuple[int, int]) -> tuple[dict, object]:
    pid, out = child
    try:
        if not _finished(pid):
            return {}, None
        os.lseek(out, 0, os.SEEK_SET)
        with os.fdopen(out, "rb", closefd=False) as handle:
            done, extra = pickle.load(handle)
        return (done, extra) if isinstance(done, dict) else ({}, None)
    except Exception:                         # anything wrong with a child's answer: do it here
        return {}, None
    finally:
        os.close(out)


def _finished(pid: int) -> bool:
    """Whether the child ended well (within CHILD_SECONDS; else it is stopped)."""
    deadline = time.monotonic() + CHILD_SECONDS
    while True:
        ended, status = os.waitpid(pid, os.WNOHANG)
        if ended:
            return os.waitstatus_to_exitcode(status) == 0
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return False
        time.sleep(0.001)
