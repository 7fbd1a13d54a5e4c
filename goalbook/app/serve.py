"""Rebuild the site when the user's files change; a burst of saves is one rebuild."""
from __future__ import annotations

import gc
from dataclasses import replace
import threading
import time
from pathlib import Path

from goalbook.app.build import BuildError, BuildOptions, LiveSite, build
from goalbook.load.cache import SourceCache
from goalbook.render.page_cache import PageCache
from goalbook.app.check import SETTINGS_FILE, ProjectError
from goalbook.publish.atomic import write_atomic
from goalbook.publish.output import UnsafeOutput
from goalbook.serve.server import SiteState

DEBOUNCE_MS = 150   # the longest a burst of saves is gathered into one rebuild
QUIET_MS = 15       # a burst ends after this long without a change (an editor's save takes ~1 ms)


class Rebuilder:
    def __init__(self, project: Path, site: Path, options: BuildOptions, state: SiteState, reporter):
        self.project = project
        self.site = site
        self.options = options
        self.state = state
        self.reporter = reporter
        self.env = None
        self.cache = SourceCache.on_disk(project)   # the same cache as build's: warm from the start
        self.pages = PageCache(project)
        self.lock = threading.Lock()        # the watcher and a PDF request never build at once
        self.frozen = False
        self.later: dict = {}               # pages of the last rebuild not rendered yet

    def rebuild(self, templates_changed: bool = False, pdf: bool | None = None) -> None:
        with self.lock:
            self._rebuild(templates_changed, pdf)

    def ensure_report(self, pdf: bool) -> None:
        """Called when the browser asks for report.html or report.pdf: make it now if this
        build has none (the report is only made when it is wanted, to keep rebuilds quick)."""
        name = "report.pdf" if pdf else "report.html"
        with self.lock:
            if not (self.site / name).is_file() and not self.state.problems:
                if pdf:
                    self.reporter.info("making the PDF report, as it was asked for…")
                self._rebuild(False, pdf=pdf or None, report=True, reload_pages=False)

    def ensure_page(self, name: str) -> None:
        """Called before a page is served: render it now if the last rebuild left it for
        when it is asked for."""
        with self.lock:
            render = self.later.pop(name, None)
            if render is None:
                return
            try:
                write_atomic(self.site / name, render())
            except Exception as exc:        # a page that can't be made: show why, as a rebuild would
                self._show([f"the page {name} can't be made: {exc}"])

    def _rebuild(self, templates_changed: bool, pdf: bool | None, report: bool = False,
                 reload_pages: bool = True) -> None:
        started = time.perf_counter()
        pdf = self.options.pdf if pdf is None else pdf
        live = LiveSite(self.cache, self.pages, report=report or pdf)
        options = replace(self.options, output=self.site, pdf=pdf, live=live)
        if self.env is None or templates_changed:
            self.env = _environment(self.project)
        try:
            result = build(self.project, options, env=self.env)
        except (ProjectError, UnsafeOutput, BuildError) as exc:
            self._show([f"{exc}" + (f"\n  hint: {exc.hint}" if exc.hint else "")])
            return
        if not result.ok:
            self._show([d.text() for d in result.check.diagnostics if d.severity == "error"])
            return
        self.later = live.later
        language = result.check.book.settings.language
        if self.env.globals.get("language") != language:
            # The book's language: the next rebuilds reuse an environment that speaks it.
            self.env = _environment(self.project, language)
        if not self.frozen:
            # Modules, templates and caches live as long as serve: keep them out of the
            # collector's full passes (later builds' garbage is still collected).
            gc.freeze()
            self.frozen = True
        if reload_pages:
            self.state.update([])
        warnings = result.check.warnings
        self.reporter.info(f"rebuilt in {time.perf_counter() - started:.2f} s"
                           + (f" ({warnings} suggestions; run goalbook check to see them)" if warnings else ""))

    def _show(self, problems: list[str]) -> None:
        self.state.update(problems)
        self.reporter.info("not rebuilt yet; the page shows what to look at:\n" + "\n".join(problems))

    def watch(self, stop: threading.Event, on_ready=None) -> None:
        """Rebuild on every burst of changes until `stop` is set.

        `on_ready` runs once the watcher is live (watchfiles yields an empty set
        after its first timeout), so nothing saved after it can be missed.
        """
        import logging

        import watchfiles

        logging.getLogger("watchfiles").setLevel(logging.ERROR)
        paths = [p for p in (self.project / "content", self.project / "templates",
                             self.project / SETTINGS_FILE) if p.exists()]
        templates = str(self.project / "templates")
        for changes in watchfiles.watch(*paths, debounce=DEBOUNCE_MS, step=QUIET_MS, stop_event=stop,
                                        raise_interrupt=False, watch_filter=_relevant,
                                        yield_on_timeout=True, rust_timeout=100):
            if on_ready is not None:
                on_ready()
                on_ready = None
            if changes:
                self.rebuild(templates_changed=any(path.startswith(templates) for _, path in changes))


def _environment(project: Path, language: str = "en"):
    """One Jinja environment for the whole session: templates compile once."""
    from goalbook.render.environment import make_environment

    return make_environment(project, language)


def _relevant(change, path: str) -> bool:
    name = Path(path).name
    return not name.startswith((".", "_")) and not name.endswith(("~", ".swp", ".tmp"))
