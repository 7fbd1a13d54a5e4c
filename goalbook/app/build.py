"""`goalbook build`: validate → snapshot → render HTML and the calendar → render PDF → publish atomically.

Pelican's order: read everything and build the model first; only a book
without errors is rendered, and nothing is written until every file is ready.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from goalbook.errors import FAILED, USAGE, GoalbookError
from goalbook.app.check import CheckResult, CheckSummary, as_of, check_project, recorded_check
from goalbook.publish.output import Published, check_output_path, publish, read_manifest, update_in_place
from goalbook.app.reporter import Reporter

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
class BuildOptions:
    today: date
    strict: bool = False
    pdf: bool = True
    since: str | date | None = None
    until: date | None = None
    output: Path | None = None
    durable: bool = True            # publish atomically with fsync; serve's private temporary site
                                    # is updated file by file instead
    cache: object | None = None     # a SourceCache kept by serve between builds
    page_cache: object | None = None  # a PageCache kept by serve between builds (else one per build)
    pdf_on_request: bool = False    # serve: report.html links to a PDF made when asked for
    report: bool = True             # write report.html (serve makes it when it is asked for)
    skip_unchanged: bool = True     # stop early when the inputs are those of the last build
                                    # (serve doesn't ask: its watcher only fires on a change)


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
    if given is not None:
        return given if given.is_absolute() else Path.cwd() / given
    return root / check.output_setting


def build(root: Path, options: BuildOptions, reporter: Reporter | None = None, env=None) -> BuildResult:
    """Build the site (and the PDF) into the output folder, or write nothing at all.

    `env` is a Jinja environment to reuse (serve keeps one, so templates are
    compiled once). Raises UnsafeOutput for an output folder goalbook must not replace.
    """
    reporter = reporter or Reporter()
    started = time.perf_counter()
    if options.skip_unchanged:
        unchanged = _unchanged_build(root, options, started)
        if unchanged is not None:
            return unchanged
    check = check_project(root, options.today, options.cache)
    result = BuildResult(check)
    result.timings["check"] = time.perf_counter() - started
    if check.failed(options.strict):
        reporter.info("nothing was written: the problems above need a look first")
        return result
    output = check_output_path(output_folder(root.resolve(), check, options.output), root)
    inputs = input_key(root, options, check.content_key)
    if options.skip_unchanged and inputs is not None and _up_to_date(output, inputs, options):
        return _up_to_date_result(result, output, options, started)
    files, extra, result.pdf = _render_or_explain(root, check, options, output, result.timings, env)
    extra["input_key"] = inputs
    extra["with_pdf"] = options.pdf
    extra["with_report"] = options.report or options.pdf
    step = time.perf_counter()
    if options.durable:
        result.published = publish(files, output, extra)
    else:
        result.published = update_in_place(files, output, extra)
    result.timings["publish"] = time.perf_counter() - step
    result.output = output
    result.seconds = time.perf_counter() - started
    return result


def _unchanged_build(root: Path, options: BuildOptions, started: float) -> BuildResult | None:
    """The last build's result when no file changed since (told from the files' signatures,
    before anything is read or checked); None when there is work to do."""
    summary = recorded_check(root, options.today)
    if summary is None or summary.failed(options.strict):
        return None
    output = check_output_path(output_folder(root.resolve(), summary, options.output), root)
    inputs = input_key(root, options, summary.content_key)
    if inputs is None or not _up_to_date(output, inputs, options):
        return None
    return _up_to_date_result(BuildResult(summary), output, options, started)


def _up_to_date_result(result: BuildResult, output: Path, options: BuildOptions, started: float) -> BuildResult:
    result.output, result.up_to_date = output, True
    result.pdf = "unchanged" if options.pdf else "skipped"
    result.published = Published(output, sorted(read_manifest(output).get("files", {})), [])
    result.seconds = time.perf_counter() - started
    return result


def _render_or_explain(root, check, options, output, timings, env):
    import jinja2

    from goalbook.render.markdown import NOTES

    try:
        with NOTES.kept(root, _notes(check.book)):
            return render_all(root, check, options, output, timings, env)
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
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.calendar import calendar_inputs, render_calendar
    from goalbook.render.environment import make_environment
    from goalbook.render.page_cache import PageCache
    from goalbook.render.report import render_report_html, report_stylesheet, report_title
    from goalbook.render.site import render_site

    step = time.perf_counter()
    try:
        snapshot = build_snapshot(check.book, check.diagnostics, options.today,
                                  since=options.since, until=options.until, progress=check.progress)
    except ValueError as exc:
        raise BuildError(f"the report period can't be used: {exc}",
                         "the start (--since, or report.since in goalbook.yaml) needs to come before the end (--until, default today)", usage=True) from exc
    env = env or make_environment(root)
    pages = options.page_cache or PageCache(root)
    pages.use(check.file_digests, previous=_previous_pages(output))
    files = render_site(snapshot, root, env=env, page_cache=pages)
    files[CALENDAR] = pages.fragment(CALENDAR, snapshot, *calendar_inputs(snapshot),
                                     lambda: render_calendar(snapshot))
    if not (options.report or options.pdf):
        timings["html"] = time.perf_counter() - step
        return files, {"page_keys": pages.keys}, "skipped"
    report_html = render_report_html(_report_snapshot(snapshot, check, options), root, env=env,
                                     links_pdf=options.pdf or options.pdf_on_request, made_on=options.today)
    files[REPORT_HTML] = report_html.encode("utf-8")
    timings["html"] = time.perf_counter() - step
    from goalbook.pdf import render_key

    pdf_args = {"today": options.today, "title": report_title(snapshot),
                "paper": check.book.settings.report_paper, "stylesheet": report_stylesheet(env)}
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


def _report_snapshot(snapshot, check: CheckResult, options: BuildOptions):
    """A report for a period that ended before today shows the book as it stood then."""
    from goalbook.model.snapshot import build_snapshot

    until = snapshot.period.until
    if until >= options.today:
        return snapshot
    then = as_of(check, until)
    return build_snapshot(then.book, then.diagnostics, until, since=snapshot.period.since, until=until,
                          progress=then.progress)


def input_key(root: Path, options: BuildOptions, content_key: str | None) -> str | None:
    """A key of everything a build reads: the check's `content_key` (every source file's
    sha256 as it was read, today and goalbook's version, built-in templates included),
    the project's own templates (path and sha256 of each) and the period.

    Equal keys mean the build would write the same files (Make's up-to-date check,
    by content: a file touched but not changed is not a change). None: not known."""
    if content_key is None:
        return None
    h = hashlib.sha256(f"{content_key}|{options.since}|{options.until}".encode())
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
