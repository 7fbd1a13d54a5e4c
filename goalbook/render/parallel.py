"""Render many pages at once on a machine with more than one core.

A ten-year site is some 150 pages, and rendering them is most of a first
build. The pages are shared with forked processes (`goalbook.workers`) once
the snapshot is built, and the Markdown notes the children rendered are
handed back to the cache of rendered notes.
"""
from __future__ import annotations

from typing import Callable

from goalbook.render.markdown import NOTES
from goalbook.workers import run_shared

MIN_JOBS = 8            # fewer pages are rendered here: a fork of a ten-year book costs 15-20 ms

Job = tuple[str, Callable[[], bytes]]


def render_all(jobs: list[Job], workers: int = 1) -> dict[str, bytes]:
    """Every job's bytes by name, in the jobs' order."""
    known = set(NOTES.html)
    pages = run_shared([render for _, render in jobs], workers, min_jobs=MIN_JOBS,
                       hand_back=lambda: {k: v for k, v in NOTES.html.items() if k not in known},
                       receive=_take_notes)
    return {name: page for (name, _), page in zip(jobs, pages)}


def _take_notes(notes) -> None:
    if isinstance(notes, dict) and notes:
        NOTES.html.update(notes)
        NOTES.used.update(notes)
        NOTES.added = True
