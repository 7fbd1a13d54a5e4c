"""`goalbook build`: validate → snapshot → render HTML and the calendar → render PDF → publish atomically.

Pelican's order: read everything and build the model first; only a book
without errors is rendered, and nothing is written until every file is ready.
"""
from __future__ import annotations

import hashlib
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from goalbook.errors import FAILED, USAGE, GoalbookError
from goalbook.app.check import CheckResult, CheckSummary, as_of, check_project, recorded_check, require_project
from goalbook.app.reporter import Reporter
from goalbook.load.cache import SourceCache
from goalbook.workers import workers_available
from goalbook.publish.lock import output_lock
from goalbook.publish.output import (Published, check_output_path, publish, read_manifest, recover,
                                     update_in_place)

REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
CALENDAR = "calendar.ics"


class BuildError(GoalbookError):
    """The book is fine but the build can't finish (e.g. a user template has a mistake);
    nothing was written. `usage` marks a problem with the options given (exit status 2)."""

    def __init__(self, message: str, hint: str | None = None, usage: bool = False):
        super().__init__(f"{message} — nothing was written; the previous output is as it was", hint,
                         USAGE if usage else FAILED)
        self.usage = usage


@dataclass
class LiveSite:
    """What `serve` keeps between rebuilds of its private temporary site: that site is
    updated file by file (no fsync, no swap), its report and PDF are made when asked
    for, and every rebuild renders (serve's watcher only fires on a change).

    A page whose inputs changed is rendered when the browser asks for it: the rebuild
    leaves it in `later` (path -> a function that renders it) and removes its old copy."""
    cache: object                   # a SourceCache: files read again only when they changed
    pages: object                   # a PageCache: goal pages rendered again only when theirs did
    report: bool = False            # make report.html in this rebuild
    later: dict = field(default_factory=dict)   # pages to render when asked for


@dataclass
class BuildOptions:
    today: date
    strict: bool = False
    pdf: bool = True
    since: str | date | None = None
    until: date | None = None
    output: Path | None = None
    live: LiveSite | None = None    # serve's temporary site; None for `goalbook build`

    @property
    def durable(self) -> bool:
        return self.live is None

    @property
    def cache(self):
        return self.live.cache if self.live else None

    @property
    def page_cache(self):
        return self.live.pages if self.live else None

    @property
    def pdf_on_request(self) -> bool:
        return self.live is not None

    @property
    def report(self) -> bool:
        return self.live is None or self.live.report

    @property
    def skip_unchanged(self) -> bool:
        return self.live is None


@dataclass
class BuildResult:
    check: CheckResult | CheckSummary   # a summary when nothing changed (the book was not read)
    output: Path | None = None
    published: Published | None = None
    pdf: str = "skipped"            # "rendered" | "unchanged" | "skipped"
    up_to_date: bool = False        # nothing to do: the inputs are those of the last build
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.published is not None


def output_folder(root: Path, check: CheckResult | CheckSummary, given: Path | None) -> Path:
    """Where to build: `-o` (relative to the current folder) or the settings' `output:`
    (relative to the project); `~` means the home folder in both."""
    if given is not None:
        given = given.expanduser()
        return given if given.is_absolute() else Path.cwd() / given
    return root / Path(check.output_setting).expanduser()


def build(root: Path, options: BuildOptions, reporter: Reporter | None = None, env=None) -> BuildResult:
    """Build the site (and the PDF) into the output folder, or write nothing at all.

    `env` is a Jinja environment to reuse (serve keeps one, so templates are
    compiled once). Raises UnsafeOutput for an output folder goalbook must not replace.
    Builds into one output folder take turns (see `goalbook.publish.lock`).
    """
    reporter = reporter or Reporter()
    started = time.perf_counter()
    root = require_project(root)
    with SourceCache.on_disk(root).one_look() if options.cache is None else nullcontext():
        if options.skip_unchanged:
            unchanged = _unchanged_build(root, options, reporter)
            if unchanged is not None:
                unchanged.seconds = time.perf_counter() - started
                return unchanged
        check = check_project(root, options.today, options.cache)
    result = BuildResult(check)
    result.timings["check"] = time.perf_counter() - started
    if check.failed(options.strict):
        reporter.info("nothing was written: the problems above need a look first")
        return result
    output = check_output_path(output_folder(root, check, options.output), root)
    with output_lock(output, on_wait=reporter.info) as locked:
        _build_into(output, root, check, options, env, result, locked)
    result.seconds = time.perf_counter() - started
    return result


def _build_into(output: Path, root: Path, check: CheckResult, options: BuildOptions, env,
                result: BuildResult, locked: bool) -> None:
    """The part of a build that reads and writes the output folder (holding its lock)."""
    recover(output, locked=locked)          # what a killed build left, even if nothing changed since
    inputs = input_key(root, options, check.content_key)
    if options.skip_unchanged and inputs is not None and _up_to_date(output, inputs, options):
        _up_to_date_result(result, output, options)
        return
    rendered, extra, result.pdf = _render_or_explain(root, check, options, output, result.timings, env)
    extra.update(input_key=inputs, with_pdf=options.pdf, with_report=options.report or options.pdf,
                 project=str(root))
    step = time.perf_counter()
    if options.durable:
        result.published = publish(rendered, output, extra, lock_held=locked)
    else:
        result.published = update_in_place(rendered, output, extra, later=set(options.live.later))
    result.timings["publish"] = time.perf_counter() - step
    result.output = output


def _unchanged_build(root: Path, options: BuildOptions, reporter: Reporter) -> BuildResult | None:
    """The last build's result when no file changed since (told from the files' signatures,
    before anything is read or checked); None when there is work to do."""
    summary = recorded_check(root, options.today)
    if summary is None or summary.failed(options.strict):
        return None
    output = check_output_path(output_folder(root, summary, options.output), root)
    inputs = input_key(root, options, summary.content_key)
    if inputs is None:
        return None
    with output_lock(output, on_wait=reporter.info) as locked:
        recover(output, locked=locked)      # what a killed build left, even if nothing changed since
        if not _up_to_date(output, inputs, options):
            return None
    return _up_to_date_result(BuildResult(summary), output, options)


def _up_to_date_result(result: BuildResult, output: Path, options: BuildOptions) -> BuildResult:
    result.output, result.up_to_date = output, True
    result.pdf = "unchanged" if options.pdf else "skipped"
    result.published = Published(output, sorted(read_manifest(output).get("files", {})), [])
    return result


def _render_or_explain(root, check, options, output, timings, env):
    import jinja2
    from jinja2.sandbox import SecurityError

    from goalbook.render.markdown import NOTES

    try:
        with NOTES.kept(root, _notes(check.book)):
            return render_all(root, check, options, output, timings, env)
    except SecurityError as exc:
        from goalbook.render.environment import sandbox_problem

        raise BuildError(*sandbox_problem(exc, root)) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise BuildError(f"the template {where} can't be read: {exc.message}",
                         "fix the template, or remove it to use the built-in one") from exc
    except jinja2.TemplateError as exc:
        raise BuildError(f"a template stopped the build: {exc}",
                         "if you changed a template in templates/, check it, or remove it to use the built-in one") from exc


def _notes(book):
    """Every Markdown text of the book (the notes the cache of rendered notes keeps)."""
    yield from (c.note for c in book.checkins)
    yield from (s.notes for s in book.sessions)
    yield from (g.notes for g in book.goals.values())


def render_all(root: Path, check: CheckResult, options: BuildOptions, output: Path, timings: dict, env=None):
    """Every output file as bytes, the manifest extras, and what happened to the PDF."""
    from goalbook.app.history import read_history
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.calendar import calendar_inputs, render_calendar
    from goalbook.render.environment import make_environment
    from goalbook.render.page_cache import PageCache
    from goalbook.render.report import render_report_html, report_stylesheet, report_title
    from goalbook.render.site import render_site

    step = time.perf_counter()
    history = read_history(root, {g.id: g.source for g in check.book.goals.values()})
    timings["history"] = time.perf_counter() - step
    step = time.perf_counter()
    try:
        snapshot = build_snapshot(check.book, check.diagnostics, options.today,
                                  since=options.since, until=options.until, progress=check.progress,
                                  history=history)
    except ValueError as exc:
        raise BuildError(f"the report period can't be used: {exc}",
                         "the start (--since, or report.since in goalbook.yaml) needs to come before the end (--until, default today)", usage=True) from exc
    if env is None or env.globals.get("language") != snapshot.settings.language:
        env = make_environment(root, snapshot.settings.language)
    pages = options.page_cache or PageCache(root)
    pages.use(check.file_digests, previous=_previous_pages(output))
    # serve runs threads: only a one-shot build forks processes to render with
    workers = workers_available() if options.durable else 1
    # serve renders a page when it is asked for (built-in templates only: a mistake in the
    # project's own templates must stop the rebuild, not a page view)
    later = options.live.later if options.live is not None and pages.enabled else None
    # the calendar and the report are rendered with the pages (by the same processes)
    also = [(CALENDAR, lambda: render_calendar(snapshot), *calendar_inputs(snapshot))]
    with_report = options.report or options.pdf
    if with_report:
        links_pdf = options.pdf or options.pdf_on_request
        also.append((REPORT_HTML, lambda: render_report_html(
            _report_snapshot(snapshot, check, options, history), root, env=env, links_pdf=links_pdf,
            made_on=options.today).encode("utf-8")))
    files = render_site(snapshot, root, env=env, page_cache=pages, workers=workers, later=later, also=also)
    if not with_report:
        timings["html"] = time.perf_counter() - step
        return files, {"page_keys": pages.keys}, "skipped"
    report_html = files[REPORT_HTML].decode("utf-8")
    timings["html"] = time.perf_counter() - step
    from goalbook.pdf import render_key

    pdf_args = {"today": options.today, "title": report_title(snapshot, env.globals["vocabulary"]),
                "paper": check.book.settings.report_paper, "stylesheet": report_stylesheet(env),
                "kind": check.book.settings.report_pdf}
    digest = render_key(report_html, **pdf_args)
    extra = {"report_pdf_key": digest, "page_keys": pages.keys}
    if not options.pdf:
        return files, extra, "skipped"
    step = time.perf_counter()
    previous_pdf = _unchanged_pdf(output, digest)
    if previous_pdf is not None:
        files[REPORT_PDF] = previous_pdf
        state = "unchanged"
    else:
        from goalbook.pdf.render import render_pdf

        files[REPORT_PDF] = render_pdf(report_html, **pdf_args)
        state = "rendered"
    timings["pdf"] = time.perf_counter() - step
    return files, extra, state


def _report_snapshot(snapshot, check: CheckResult, options: BuildOptions, history=None):
    """A report for a period that ended before today shows the book as it stood then
    (edits not committed yet are today's, so they aren't part of it)."""
    from goalbook.model.snapshot import build_snapshot

    until = snapshot.period.until
    if until >= options.today:
        return snapshot
    then = as_of(check, until)
    return build_snapshot(then.book, then.diagnostics, until, since=snapshot.period.since, until=until,
                          progress=then.progress, history=history.committed_only() if history else None)


def input_key(root: Path, options: BuildOptions, content_key: str | None) -> str | None:
    """A key of everything a build reads: the check's `content_key` (every source file's
    sha256 as the check read it, today and goalbook's version, built-in templates
    included), the project's own templates (path and sha256 of each), the period and
    the git commit the history comes from.

    Equal keys mean the build would write the same files (Make's up-to-date check,
    by content: a file touched but not changed is not a change). The sources are keyed
    by what was read, not by a stamp taken before or after, so a save that lands during
    a build always makes the next one differ (and rebuild). None: not known."""
    from goalbook.app.history import history_key

    if content_key is None:
        return None
    h = hashlib.sha256(f"{content_key}|{options.since}|{options.until}|{history_key(root)}".encode())
    folder = root / "templates"
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                h.update(f"{path.relative_to(folder).as_posix()}|{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
            except OSError:
                return None
    return h.hexdigest()


def _up_to_date(output: Path, inputs: str, options: BuildOptions) -> bool:
    """The last build had the same inputs (and the report and PDF, if wanted) and its files are intact."""
    manifest = read_manifest(output)
    if manifest.get("input_key") != inputs or (options.pdf and not manifest.get("with_pdf")):
        return False
    if (options.report or options.pdf) and not manifest.get("with_report", True):
        return False
    for name, digest in manifest.get("files", {}).items():
        try:
            if hashlib.sha256((output / name).read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return True


def _previous_pages(output: Path):
    """`(name, key) -> bytes`: the last build's page, if its key was `key` and its file is intact."""
    manifest = read_manifest(output)
    keys, hashes = manifest.get("page_keys") or {}, manifest.get("files") or {}
    if not isinstance(keys, dict) or not isinstance(hashes, dict):
        return None

    def previous(name: str, key: str) -> bytes | None:
        if keys.get(name) != key or name not in hashes:
            return None
        try:
            data = (output / name).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == hashes[name] else None

    return previous


def _unchanged_pdf(output: Path, digest: str) -> bytes | None:
    """The last build's PDF, if everything it depends on is the same (and the file is intact)."""
    manifest = read_manifest(output)
    if manifest.get("report_pdf_key") != digest:
        return None
    try:
        data = (output / REPORT_PDF).read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != manifest.get("files", {}).get(REPORT_PDF):
        return None
    return data


def report_html_for_project(root: Path, today: date, since=None, until=None) -> str:
    """Check the project, snapshot it and render its report (for tests and the bench)."""
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.report import render_report_html

    result = check_project(Path(root), today)
    snapshot = build_snapshot(result.book, result.diagnostics, today, since, until)
    return render_report_html(snapshot, Path(root))
