"""A goalbook project on disk, and the first pipeline stages:
discover → load with positions → validate → assemble the book → SMART rules."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from goalbook.errors import USAGE, GoalbookError
from goalbook.diagnostics import ERROR, WARNING, Diagnostic, count
from goalbook.load.cache import SourceCache
from goalbook.load.files import SETTINGS_FILE, DiskFiles, ProjectFiles
from goalbook.load.store import Store, digest
from goalbook.workers import workers_available

if TYPE_CHECKING:
    from goalbook.model.entities import Book
    from goalbook.model.progress import GoalProgress

# The model, the rules and the schema are imported where a book is read: an unchanged
# book is answered from the files' signatures without them (a tenth of a second less).


class ProjectError(GoalbookError):
    """The project can't be used at all (exit status 2)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message, hint, USAGE)


class Findings:
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        return count(self.diagnostics, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


@dataclass
class CheckResult(Findings):
    book: Book
    diagnostics: list[Diagnostic]
    files: int
    progress: dict[str, GoalProgress]     # every goal's numbers as of `today`, computed once
    file_diagnostics: list[Diagnostic]    # what reading the files found (no SMART rule)
    file_digests: dict[str, str] = field(default_factory=dict)   # path -> sha256 of the bytes read
    content_key: str | None = None        # a digest of every file read, today and goalbook's version

    @property
    def output_setting(self) -> str:
        return self.book.settings.output


def require_project(root: Path) -> Path:
    root = root.resolve()
    if not root.is_dir():
        raise ProjectError(f"there is no folder {root}")
    if not (root / "content").is_dir() and not (root / SETTINGS_FILE).is_file():
        raise ProjectError(f"{root} doesn't look like a goalbook project yet (no content/ folder)",
                           "run 'goalbook init' to start one, or use -C to point at your project")
    return root


def check_project(root: Path, today: date, cache=None, files: ProjectFiles | None = None) -> CheckResult:
    """Read every file, validate it, build the book and run the SMART rules.

    `files` says where the files come from (default: the working tree, whose
    validated files are then kept in goalbook's cache folder). `cache` (a
    `goalbook.load.cache.SourceCache`) is what `serve` and the language server
    keep between checks.
    """
    from goalbook.model.assemble import assemble
    from goalbook.model.kept import Kept
    from goalbook.model.progress import compute_all
    from goalbook.rules.engine import apply_severities, run_rules
    from goalbook.rules.registry import ALL_CODES

    root = require_project(root)
    on_disk = files is None
    one_shot = cache is None       # serve and the language server keep a cache: they run on
    files = files or DiskFiles(root)
    if cache is None and on_disk:
        cache = SourceCache.on_disk(root)
    if cache is not None:
        cache.start()
    found = cache.listing(files) if cache is not None else files.list()
    load = _loader(files, cache)
    with _collector_paused(freeze=one_shot):
        if one_shot and on_disk:         # serve and the language server run threads: no forks there
            cache.prefetch(files, [(f.rel_path, f.kind) for f in found], _parse_bytes, workers_available())
        settings_doc = load(SETTINGS_FILE, "settings") if files.exists(SETTINGS_FILE) else None
        docs = [load(f.rel_path, f.kind) for f in found]
        paths = ([SETTINGS_FILE] if settings_doc is not None else []) + [f.rel_path for f in found]
        # the cache is written while the book is assembled (by a child, in a one-shot command)
        saved = cache.save_in_background(set(paths), workers_available() if one_shot else 1) \
            if cache is not None else None
        try:
            # what the last assembly made, in a process that checks again and again (serve, lsp)
            kept = None if one_shot else cache.kept.setdefault("assembly", Kept())
            book, cross_file = assemble(docs, settings_doc, ALL_CODES, kept)
            diagnostics = [p.in_file(doc.source.path) for doc in _all(docs, settings_doc)
                           for p in doc.source.problems + doc.problems]
            diagnostics += cross_file
            progress = compute_all(book, today, kept)
            found_all = diagnostics + run_rules(book, today, progress)
        finally:
            if saved is not None:
                saved()
    result = CheckResult(book, apply_severities(found_all, book.settings.rules), book.files, progress, diagnostics)
    if cache is not None:
        result.file_digests = dict(cache.digests)
        if all(p in cache.digests for p in paths):
            result.content_key = _content_key(today, [(p, cache.digests[p]) for p in paths])
        if on_disk and result.content_key is not None:
            Store("checks").put(digest(root), (result.content_key, result.diagnostics, result.files,
                                               book.settings.output))
    return result


@dataclass
class CheckSummary(Findings):
    """What the last check of an unchanged book found: its diagnostics, without the book."""
    diagnostics: list[Diagnostic]
    files: int
    content_key: str
    output_setting: str                   # goalbook.yaml's output folder


def recorded_check(root: Path, today: date) -> CheckSummary | None:
    """The last check's findings, if every file is as it was then (told by the files'
    signatures alone, without reading them) and `today` is the same; else None."""
    root = require_project(root)
    files = DiskFiles(root)
    stored = Store("checks").get(digest(root))
    if not isinstance(stored, tuple) or len(stored) != 4:
        return None
    cache = SourceCache.on_disk(root)
    cache.start()
    kinds = cache.known_listing(files) or [(f.rel_path, f.kind) for f in files.list()]
    if files.exists(SETTINGS_FILE):
        kinds.insert(0, (SETTINGS_FILE, "settings"))
    pairs = []
    for rel_path, kind in kinds:
        sha = cache.known_digest(files, rel_path, kind)
        if sha is None:
            return None
        pairs.append((rel_path, sha))
    key = _content_key(today, pairs)
    if stored[0] != key:
        return None
    return CheckSummary(stored[1], stored[2], key, stored[3])


def quick_check(root: Path, today: date) -> CheckResult | CheckSummary:
    """`check`'s findings: from the last check when nothing changed, else a full check."""
    with SourceCache.on_disk(require_project(root)).one_look():
        return recorded_check(root, today) or check_project(root, today)


def _content_key(today: date, pairs) -> str:
    from goalbook.load.store import code_version

    return digest(code_version(), today.isoformat(), *(f"{p}={sha}" for p, sha in pairs))


@contextmanager
def _collector_paused(freeze: bool):
    """Reading a book makes hundreds of thousands of small objects that all stay alive as
    long as the book. The cyclic garbage collector's passes over them find nothing to
    free, and took half of a cold check of a ten-year book (bench/scale_bench.py: 2.1 s
    of CPU with the collector as it is, 1.9 s merely paused while reading, 1.1 s
    frozen). So it is paused while reading and, in a command that checks once and ends
    (`freeze`), what was read is then frozen: moved out of its view for good. A process
    that runs on (serve, the language server) only pauses it, so that no garbage of its
    own is frozen with the book."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def as_of(check: CheckResult, day: date) -> CheckResult:
    """The same book judged on an earlier `day` (a report for a past period): its
    numbers and SMART findings as they stood then."""
    from goalbook.model.progress import compute_all
    from goalbook.rules.engine import apply_severities, run_rules

    progress = compute_all(check.book, day)
    found = check.file_diagnostics + run_rules(check.book, day, progress)
    return CheckResult(check.book, apply_severities(found, check.book.settings.rules), check.files,
                       progress, check.file_diagnostics)


def _parse_bytes(data: bytes, rel_path: str, kind: str):
    from goalbook.load.source import parse_source
    from goalbook.schema.validate import validate

    return validate(parse_source(data, rel_path, kind))


def _loader(files: ProjectFiles, cache):
    """`load(rel_path, kind)`: one file validated, through `cache` when there is one."""
    from goalbook.load.source import read_source
    from goalbook.schema.validate import validate

    def load(rel_path: str, kind: str):
        def parse(data: bytes | None = None):
            if data is None:
                return validate(read_source(files, rel_path, kind))
            return _parse_bytes(data, rel_path, kind)

        return cache.get_or_load(files, rel_path, parse, kind) if cache is not None else parse()

    return load


def _all(docs, settings_doc):
    return ([settings_doc] if settings_doc else []) + docs
