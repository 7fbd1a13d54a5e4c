"""Pages whose inputs did not change are not rendered again (`build` and `serve`).

A page's key is a digest of what it reads: the contents (sha256) of the
files it shows, the settings file, today, goalbook's version (its code and
built-in templates) and the other values the page is given (the report
period, the goal's suggestions, its neighbours on the timeline…). A goal
page reads its goal's file, the check-ins that concern it and its history
from git (changes `revisions:` don't record); a timeline
month its check-ins and sessions and the goals' titles and units.

`build` fills the cache from the last build: its manifest keeps every page's
key, and the page's bytes are read back from the output folder (and used only
if they still hash to what the manifest says). `serve` also keeps the pages
in memory between builds. A project with its own templates/ gets no reuse,
since a template of its own may show anything.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from goalbook.load.store import code_version, digest

SETTINGS_FILE = "goalbook.yaml"


class PageCache:
    def __init__(self, project_root: Path, file_digests: dict[str, str] | None = None, previous=None):
        self.root = Path(project_root)
        self.enabled = not (self.root / "templates").is_dir()
        self.file_digests = file_digests            # path -> sha256, from the check that read them
        self.previous = previous                    # (name, key) -> the last build's bytes, or None
        self.keys: dict[str, str] = {}              # this build's key of every page it rendered or reused
        self.rendered: list[str] = []               # the pages this build had to render
        self._pages: dict[str, tuple[str, bytes]] = {}
        self._hashed: dict[str, str | None] = {}
        self._stamps: dict[str, str] = {}
        self._snapshot = None

    def use(self, file_digests: dict[str, str] | None, previous=None) -> None:
        """Start a build: the check's file digests and the last build's pages."""
        self.file_digests, self.previous = file_digests, previous
        self.keys, self.rendered, self._hashed, self._stamps = {}, [], {}, {}
        self.enabled = not (self.root / "templates").is_dir()

    def page(self, name: str, view, snapshot, render) -> bytes:
        """A goal page: its goal's file, the check-ins that concern it, period, today, warnings."""
        return self.fragment(name, snapshot, *self.page_inputs(view, snapshot), render)

    @staticmethod
    def page_inputs(view, snapshot) -> tuple[set[str], tuple]:
        """A goal page's sources and other inputs, for `fragment` or `lookup`."""
        sources = {view.goal.source, *(c.source for c in view.checkins)}
        period = snapshot.period
        return sources, (period.since, period.until, tuple(view.warnings), tuple(view.history))

    def fragment(self, name: str, snapshot, sources, inputs: tuple, render):
        """`render()`'s result, reused while the `sources` files (relative paths), the
        settings, today and the other `inputs` are as they were."""
        key, data = self.lookup(name, snapshot, sources, inputs)
        if data is None:
            data = self.keep(name, key, render())
        return data

    def lookup(self, name: str, snapshot, sources, inputs: tuple) -> tuple[str | None, bytes | None]:
        """The page's key and, if its inputs are as they were, its bytes (else None: render
        it and `keep` it)."""
        if snapshot is not self._snapshot:          # a new snapshot: files may have changed since
            self._snapshot, self._hashed, self._stamps = snapshot, {}, {}
        if not self.enabled:
            return None, None
        key = digest(code_version(), snapshot.today, self._digest(SETTINGS_FILE), repr(inputs),
                     "\n".join(map(self._stamp, sorted(sources))))
        self.keys[name] = key
        cached = self._pages.get(name)
        if cached is not None and cached[0] == key:
            return key, cached[1]
        data = self.previous(name, key) if self.previous is not None else None
        if data is not None:
            self._pages[name] = (key, data)
        return key, data

    def keep(self, name: str, key: str | None, data: bytes) -> bytes:
        """A page `lookup` didn't have, as rendered."""
        self.rendered.append(name)
        if key is not None:
            self._pages[name] = (key, data)
        return data

    def _stamp(self, relpath: str) -> str:
        """'path=sha256' (a ten-year goal's page reads 3,000 files: each is made once a build)."""
        stamp = self._stamps.get(relpath)
        if stamp is None:
            stamp = self._stamps[relpath] = f"{relpath}={self._digest(relpath)}"
        return stamp

    def _digest(self, relpath: str) -> str | None:
        """The file's sha256: as the check read it, else (used on its own) as it is on disk now."""
        if self.file_digests is not None and relpath in self.file_digests:
            return self.file_digests[relpath]
        if relpath not in self._hashed:
            try:
                self._hashed[relpath] = hashlib.sha256((self.root / relpath).read_bytes()).hexdigest()
            except OSError:
                self._hashed[relpath] = None
        return self._hashed[relpath]
