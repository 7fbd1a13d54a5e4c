"""serve only: goal pages and timeline months whose inputs did not change are
not rendered again.

A goal page shows its `GoalView`, today and the settings. The view is derived
from the goal's file and the check-in files that concern it, the report
period, today, the diagnostics on the goal's file and its history from git.
The key is made of exactly those: the (mtime, size) of each such file, the
period, today, the settings file's signature, the goal's diagnostics and its
history. A project with its own
templates/ gets no cache, since a template of its own may show anything.
"""
from __future__ import annotations

import os
from pathlib import Path


class PageCache:
    def __init__(self, project_root: Path):
        self.root = Path(project_root)
        self.enabled = not (self.root / "templates").is_dir()
        self._pages: dict[str, tuple[tuple, bytes]] = {}
        self._stats: dict[str, tuple[int, int] | None] = {}
        self._snapshot = None

    def page(self, name: str, view, snapshot, render) -> bytes:
        """A goal page: its goal's file, the check-ins that concern it, period, today, warnings."""
        sources = {view.goal.source, *(c.source for c in view.checkins)}
        period = snapshot.period
        return self.fragment(name, snapshot, sources, (period.since, period.until, tuple(view.warnings),
                                                       tuple(view.history)), render)

    def fragment(self, name: str, snapshot, sources, inputs: tuple, render):
        """`render()`'s result, reused while the `sources` files (relative paths), the
        settings, today and the other `inputs` are as they were."""
        if snapshot is not self._snapshot:          # a new build: files may have changed since
            self._snapshot, self._stats = snapshot, {}
            self.enabled = not (self.root / "templates").is_dir()
        if not self.enabled:
            return render()
        key = (tuple((s, self._signature(s)) for s in sorted(sources)), self._signature("goalbook.yaml"),
               snapshot.today, inputs)
        cached = self._pages.get(name)
        if cached is not None and cached[0] == key:
            return cached[1]
        data = render()
        self._pages[name] = (key, data)
        return data

    def _signature(self, relpath: str):
        if relpath not in self._stats:
            try:
                stat = os.stat(self.root / relpath)
                self._stats[relpath] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                self._stats[relpath] = None
        return self._stats[relpath]
