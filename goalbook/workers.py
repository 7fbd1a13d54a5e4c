"""Share independent work with forked processes on a machine with more than one core.

A ten-year book is some 4,000 files to parse and 150 pages to render, and
both are most of a first check or build. `run_shared(jobs, workers)` forks
`workers - 1` children, which inherit everything read so far
(copy-on-write). Each runs its share of the jobs while this process runs its
own, and writes its results to an anonymous in-memory file (nothing reaches
the disk). A job a child couldn't finish, and the share of a child that
failed, couldn't be forked or ran out of time, is done here again, and the
first error in the jobs' order is raised here, as with one worker.
`in_background(task, workers)` runs one task (writing a cache) in a child
while this process goes on.

A child closes every file it inherited (the build's output lock among them:
closing a copy doesn't release the parent's lock), and an alarm ends it after
CHILD_SECONDS whatever happens to the parent. When this process is stopped
(Ctrl-C, or an error in its own share), the children are killed at once.

Only Linux (fork with copy-on-write, `memfd_create`), and only for commands
that run once and end: `serve` and the language server run threads and
always work alone.
"""
from __future__ import annotations

import gc
import math
import os
import pickle
import signal
import sys
from typing import Callable, TypeVar

T = TypeVar("T")

MAX_WORKERS = 4
CHILD_SECONDS = 120         # a child still busy after this is ended by its alarm; its share is done here
_MISSING = object()


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


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
    return max(1, min(MAX_WORKERS, cores, _cgroup_cpus()))


def _cgroup_cpus() -> int:
    """The CPUs a container's quota allows (cgroup v2 `cpu.max`), else MAX_WORKERS."""
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
        return MAX_WORKERS if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        return MAX_WORKERS


def run_shared(jobs: list[Callable[[], T]], workers: int = 1, *, min_jobs: int = 2,
               hand_back: Callable[[], object] | None = None,
               receive: Callable[[object], None] | None = None) -> list[T]:
    """Every job's result, in order. With fewer than `min_jobs` jobs or one worker, they
    run here. `hand_back()` is called in each child after its jobs, and what it returns
    is given to `receive` here (state the jobs built up, such as a cache)."""
    workers = min(workers, len(jobs))
    if workers < 2 or len(jobs) < min_jobs:
        return [job() for job in jobs]
    indexes = [list(range(start, len(jobs), workers)) for start in range(workers)]
    sys.stdout.flush()
    sys.stderr.flush()
    children = [child for child in (_fork(jobs, share, hand_back) for share in indexes[1:]) if child]
    results: list = [_MISSING] * len(jobs)
    collecting = gc.isenabled()
    gc.disable()        # this share runs as the children's do: a collector pass here took a
    try:                # tenth of a ten-year site's pages, and the children are waiting for it
        for index in indexes[0]:
            try:
                results[index] = jobs[index]()
            except Exception as error:          # raised below, in the jobs' order
                results[index] = _Failed(error)
    except BaseException:                      # stopped: the children's work is not wanted
        _stop(children)
        raise
    finally:
        if collecting:
            gc.enable()
    for done, extra in _collect_all(children):
        for index, value in done.items():
            results[index] = value
        if extra is not None and receive is not None:
            receive(extra)
    for index, value in enumerate(results):
        if isinstance(value, _Failed):
            raise value.error
        if value is _MISSING:                 # a child's failure: done here, raising its error here
            results[index] = jobs[index]()
    return results


def in_background(task: Callable[[], object], workers: int = 1) -> Callable[[], bool]:
    """Start `task` in a forked child while this process goes on, and return `join()`, which
    waits for it and says whether it was done. With one worker, or when no child can be
    forked, the task is done here and now. A failed task isn't done again: give only work
    that may be lost, and is short (writing a cache). Unlike `run_shared`'s children, this
    one is left to finish when this process is stopped: killed, it could leave a file half
    written (its alarm still ends it after CHILD_SECONDS)."""
    if workers >= 2:
        sys.stdout.flush()
        sys.stderr.flush()
        child = _fork([task], [0], None)
        if child is not None:
            return lambda: 0 in _collect_all([child])[0][0]
    try:
        task()
    except Exception:
        return lambda: False
    return lambda: True


def _fork(jobs: list[Callable], share: list[int], hand_back) -> tuple[int, int] | None:
    """(pid, the in-memory file it answers in), or None: this process does the share."""
    out = os.memfd_create("goalbook-work", getattr(os, "MFD_CLOEXEC", 0))
    try:
        pid = os.fork()
    except OSError:
        os.close(out)
        return None
    if pid == 0:
        _child(jobs, share, hand_back, out)
    return pid, out


def _child(jobs: list[Callable], share: list[int], hand_back, out: int) -> None:
    """Work, hand back and leave (never returns)."""
    status = 1
    try:
        signal.alarm(CHILD_SECONDS)
        os.closerange(3, out)
        os.closerange(out + 1, 65536)
        # No collector passes: they would write into every object inherited from the
        # parent and so copy its memory page by page (short-lived; counting frees the rest).
        gc.disable()
        done = {}
        for index in share:
            try:
                done[index] = jobs[index]()
            except Exception:                  # done again by the parent, which reports it
                pass
        extra = hand_back() if hand_back is not None else None
        with os.fdopen(out, "wb", closefd=False) as handle:
            pickle.dump((done, extra), handle, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect_all(children: list[tuple[int, int]]) -> list[tuple[dict, object]]:
    handed = []
    try:
        for pid, out in children:
            handed.append(_collect(pid, out))
            os.close(out)
    except BaseException:                      # stopped while waiting: the rest are not wanted
        _stop(children[len(handed):])
        raise
    return handed


def _collect(pid: int, out: int) -> tuple[dict, object]:
    try:
        _, status = os.waitpid(pid, 0)       # the child's alarm bounds the wait
        if os.waitstatus_to_exitcode(status) != 0:
            return {}, None
        os.lseek(out, 0, os.SEEK_SET)
        with os.fdopen(out, "rb", closefd=False) as handle:
            done, extra = pickle.load(handle)
        return (done, extra) if isinstance(done, dict) else ({}, None)
    except Exception:                         # anything wrong with a child's answer: do it here
        return {}, None


def _stop(children: list[tuple[int, int]]) -> None:
    for pid, out in children:
        for step in (lambda: os.kill(pid, signal.SIGKILL), lambda: os.waitpid(pid, 0), lambda: os.close(out)):
            try:
                step()
            except OSError:                   # already ended, or already reaped
                pass
