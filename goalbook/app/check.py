"""A goalbook project on disk, and the first pipeline stages:
discover → load with positions → validate → assemble the book → SMART rules."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from goalbook.errors import USAGE, GoalbookError
from goalbook.diagnostics import ERROR, WARNING, Diagnostic, count
from goalbook.load.files import SETTINGS_FILE, DiskFiles, ProjectFiles
from goalbook.load.source import read_source
from goalbook.model.assemble import assemble
from goalbook.model.entities import Book
from goalbook.model.progress import GoalProgress, compute_all
from goalbook.rules.engine import apply_severities, run_rules
from goalbook.rules.registry import ALL_CODES
from goalbook.schema.validate import validate


class ProjectError(GoalbookError):
    """The project can't be used at all (exit status 2)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message, hint, USAGE)


@dataclass
class CheckResult:
    book: Book
    diagnostics: list[Diagnostic]
    files: int
    progress: dict[str, GoalProgress]     # every goal's numbers as of `today`, computed once
    file_diagnostics: list[Diagnostic]    # what reading the files found (no SMART rule)

    @property
    def errors(self) -> int:
        return count(self.diagnostics, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


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

    `files` says where the files come from (default: the working tree).
    `cache` (a `goalbook.load.cache.SourceCache`) lets `serve` skip files that
    did not change since the last build.
    """
    root = require_project(root)
    files = files or DiskFiles(root)
    settings_doc = _load(files, SETTINGS_FILE, "settings", cache) if files.exists(SETTINGS_FILE) else None
    docs = [_load(files, f.rel_path, f.kind, cache) for f in files.list()]
    book, cross_file = assemble(docs, settings_doc, ALL_CODES)
    diagnostics = [p.in_file(doc.source.path) for doc in _all(docs, settings_doc)
                   for p in doc.source.problems + doc.problems]
    diagnostics += cross_file
    progress = compute_all(book, today)
    found = diagnostics + run_rules(book, today, progress)
    return CheckResult(book, apply_severities(found, book.settings.rules), book.files, progress, diagnostics)


def as_of(check: CheckResult, day: date) -> CheckResult:
    """The same book judged on an earlier `day` (a report for a past period): its
    numbers and SMART findings as they stood then."""
    progress = compute_all(check.book, day)
    found = check.file_diagnostics + run_rules(check.book, day, progress)
    return CheckResult(check.book, apply_severities(found, check.book.settings.rules), check.files,
                       progress, check.file_diagnostics)


def _load(files: ProjectFiles, rel_path: str, kind: str, cache):
    def load():
        return validate(read_source(files, rel_path, kind))

    return cache.get_or_load(files, rel_path, load) if cache is not None else load()


def _all(docs, settings_doc):
    return ([settings_doc] if settings_doc else []) + docs
