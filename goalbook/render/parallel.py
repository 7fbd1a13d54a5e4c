"""Render many pages at once on a machine with more than one core.

A ten-year site is some 150 pages, and rendering them is most of a first
build. `render_all(jobs, workers)` forks `workers - 1` children once the book
is read and the snapshot is built (they share it copy-on-write), and each
renders its share while this process renders its own. A child writes its
pages to an anonymous in-memory file (nothing reaches the disk), and the
Markdown notes it rendered are handed back too, for the cache of rendered
notes. A page a child couldn't render is rendered here again, so its error is
raised where the build expects it, as in a build with one worker.

Only `goalbook build` asks for workers, and only on Linux (fork with
copy-on-write and `memfd_create`). `serve` and the language server run
threads and always render in their own process.
"""
from __future__ import annotations

import os
import pickle
import sys
from typing import Callable

from goalbook.render.markdown import NOTES

MIN_JOBS = 8            # fewer pages are rendered here: a fork of a ten-year book costs 15-20 ms
MAX_WORKERS = 4

Job = tuple[str, Callable[[], bytes]]


def workers_available() -> int:
    """How many processes a build may render with here."""
    if not sys.platform.startswith("linux") or not hasattr(os, "memfd_create"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def render_all(jobs: list[Job], workers: int = 1) -> dict[str, bytes]:
    """Every job's bytes by name, in the jobs' order."""
    if workers < 2 or len(jobs) < MIN_JOBS:
        return {name: render() for name, render in jobs}
    shares = [jobs[index::workers] for index in range(workers)]
    children = [_fork(share) for share in shares[1:]]
    done: dict[str, bytes] = {}
    try:
        done.update((name, render()) for name, render in shares[0])
    finally:
        handed_back = [_collect(child) for child in children]
    for pages, notes in handed_back:
        done.update(pages)
        if notes:
            NOTES.html.update(notes)
            NOTES.used.update(notes)
            NOTES.added = True
    for name, render in jobs:
        if name not in done:                       # the child failed: raise its error here
            done[name] = render()
    return {name: done[name] for name, _ in jobs}


def _fork(share: list[Job]) -> tuple[int, int]:
    out = os.memfd_create("goalbook-pages", getattr(os, "MFD_CLOEXEC", 0))
    pid = os.fork()
    if pid == 0:                                   # the child: render, hand back, and leave
        status = 1
        try:
            known = set(NOTES.html)
            pages = {}
            for name, render in share:
                try:
                    pages[name] = render()
                except Exception:                  # rendered again by the parent, which reports it
                    pass
            notes = {k: v for k, v in NOTES.html.items() if k not in known}
            with os.fdopen(out, "wb", closefd=False) as handle:
                pickle.dump((pages, notes), handle, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    return pid, out


def _collect(child: tuple[int, int]) -> tuple[dict[str, bytes], dict]:
    pid, out = child
    try:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return {}, {}
        os.lseek(out, 0, os.SEEK_SET)
        with os.fdopen(out, "rb", closefd=False) as handle:
            pages, notes = pickle.load(handle)
        return pages, notes
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return {}, {}
    finally:
        os.close(out)
