"""The part every import shares: what is new, which files it goes in, a check
before writing, and writing new files only.

Running an import twice adds nothing: a check-in is "already imported" when a
file of the same app (`content/checkins/<app>-*`) already has the same
`entry_key` — the same goal's value on the same day, or the same day's
entries. What is new goes in new files, one per group and month
(`<app>-<group>-YYYY-MM.yaml`, then `-2`, `-3` … if that name is taken), so a
later export of the same app only ever adds files. Before anything is written,
`goalbook check` runs over the project as it would be (the new files laid over
the disk in memory); a format error in a new file, and nothing is written.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path, PurePosixPath

import yaml

from goalbook.app.importers.base import ImportContext, Importer, Item, Plan, entry_key, month_name, plural
from goalbook.diagnostics import ERROR
from goalbook.errors import FAILED, GoalbookError
from goalbook.load.discover import SUFFIXES
from goalbook.load.files import DiskFiles, OverlayFiles
from goalbook.model.entities import Book
from goalbook.app.new_goal import BlockDumper, existing_goal, render_goal
from goalbook.app.check import ProjectError, check_project, require_project
from goalbook.publish.atomic import write_new_file
from goalbook.app.schema_files import modeline, write_schema_files

MAX_SUFFIX = 1000


@dataclass(frozen=True)
class Written:
    rel_path: str
    what: str                         # "goal draft for the habit 'Meditate'", "31 check-ins"


@dataclass
class Summary:
    app: str
    dry_run: bool
    written: list[Written] = field(default_factory=list)
    kept_goals: list[Written] = field(default_factory=list)   # drafts not written: that goal is there
    skipped: int = 0                  # check-ins already imported
    notes: list[str] = field(default_factory=list)
    schema_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _File:
    rel_path: str
    text: str
    what: str


def run_import(importer: Importer, root: Path, path: Path, maps: dict[str, str], today: date,
               dry_run: bool = False) -> Summary:
    """Read `path` with `importer` and write what is new to the project at `root` (nothing if dry_run)."""
    root = _project_root(root)
    book = check_project(root, today).book
    goal_files = {PurePosixPath(f.rel_path).stem for f in DiskFiles(root).list() if f.kind == "goal"}
    context = ImportContext(_resolve_maps(maps, book.goals, goal_files), book.goals, today)
    plan = importer.read(path, context)
    summary = Summary(importer.app, dry_run, notes=list(plan.notes))
    files = _goal_files(root, plan, summary) + _checkin_files(root, importer, plan, book, summary)
    _check_before_writing(root, files, today)
    summary.written = [Written(f.rel_path, f.what) for f in files]
    if not dry_run and files:
        for f in files:
            _write(root, f)
        summary.schema_files = write_schema_files(root)
    return summary


def _project_root(root: Path) -> Path:
    try:
        return require_project(root)
    except ProjectError as exc:
        raise GoalbookError(str(exc), exc.hint) from None


def _resolve_maps(maps: dict[str, str], goals, goal_files: set[str]) -> dict[str, str]:
    for name, goal_id in maps.items():
        if goal_id in goals:
            continue
        if goal_id in goal_files:
            raise GoalbookError(f"the goal file for '{goal_id}' has problems, so values can't be checked against it",
                                "run 'goalbook check' to see them; fix them, then import again")
        close = difflib.get_close_matches(goal_id, list(goals), n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'? " if close else "") + (
            "the goals are: " + ", ".join(sorted(goals)) if goals else
            "there are no goals yet: leave out --map to make a goal draft from each habit, "
            "or create one with: goalbook new goal \"TITLE\"")
        raise GoalbookError(f"--map sends '{name}' to '{goal_id}', but there is no goal '{goal_id}'", hint)
    return maps


def _goal_files(root: Path, plan: Plan, summary: Summary) -> list[_File]:
    files, seen = [], set()
    for draft in plan.drafts:
        if draft.goal_id in seen:
            continue
        seen.add(draft.goal_id)
        taken = existing_goal(root, draft.goal_id)
        if taken:
            summary.kept_goals.append(Written(taken, f"already there (not changed); the values from {draft.source} go to it"))
            continue
        path = root / "content" / "goals" / f"{draft.goal_id}.yaml"
        files.append(_File(path.relative_to(root).as_posix(), modeline(path, root) + render_goal(draft.goal),
                           f"goal draft from {draft.source}"))
    return files


def _checkin_files(root: Path, importer: Importer, plan: Plan, book: Book, summary: Summary) -> list[_File]:
    done = _imported_keys(importer, book)
    new = [item for item in plan.items if entry_key(item.data.get("goal"), item.day) not in done]
    summary.skipped = len(plan.items) - len(new)
    new.sort(key=lambda item: (item.group, item.day))            # stable: same-day order is kept
    files, taken = [], set()
    for (group, month), items in groupby(new, key=lambda item: (item.group, item.day.strftime("%Y-%m"))):
        items = list(items)
        stem = _free_stem(root, "-".join(part for part in (importer.name, group, month) if part), taken)
        taken.add(stem)
        path = root / "content" / "checkins" / f"{stem}.yaml"
        files.append(_File(path.relative_to(root).as_posix(),
                           modeline(path, root, "checkin.schema.json") + _checkin_text(importer, items),
                           plural(len(items), "check-in")))
    return files


def _imported_keys(importer: Importer, book: Book) -> set[tuple]:
    prefix = f"{importer.name}-"
    return {entry_key(c.goal, c.date) for c in book.checkins if PurePosixPath(c.source).name.startswith(prefix)}


def _free_stem(root: Path, name: str, taken: set[str]) -> str:
    folder = root / "content" / "checkins"
    for n in range(1, MAX_SUFFIX + 1):
        stem = name if n == 1 else f"{name}-{n}"
        if stem not in taken and not any((folder / f"{stem}{suffix}").exists() for suffix in SUFFIXES):
            return stem
    raise GoalbookError(f"there are already {MAX_SUFFIX} files named {name}", "move some of them into a subfolder")


def _checkin_text(importer: Importer, items: list[Item]) -> str:
    lines = [f"# Check-ins for {month_name(items[0].day)}, imported from {importer.app} "
             f"with 'goalbook import {importer.name}'.\n",
             "# goalbook never changes this file; importing again only adds new files.\n"]
    for item in items:
        if item.comment:
            lines.append(f"\n# {item.comment}\n")
        lines.append(yaml.dump([item.data], Dumper=BlockDumper, sort_keys=False, allow_unicode=True, width=10**6))
    return "".join(lines)


def _check_before_writing(root: Path, files: list[_File], today: date) -> None:
    """`goalbook check` of the project as it would be: no error may sit in a new file."""
    if not files:
        return
    overlay = OverlayFiles(DiskFiles(root), {f.rel_path: f.text for f in files})
    paths = {f.rel_path for f in files}
    found = [d for d in check_project(root, today, files=overlay).diagnostics
             if d.path in paths and d.severity == ERROR and d.code.startswith("GB")]
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more like it)" if len(found) > 1 else ""
        raise GoalbookError(f"{first.message}, in the new file {first.path} (line {first.line}){more}; "
                            "nothing was written", first.hint, exit_status=FAILED)


def _write(root: Path, f: _File) -> None:
    try:
        write_new_file(root / f.rel_path, f.text)
    except FileExistsError:
        raise GoalbookError(f"{f.rel_path} appeared while importing, so it was left alone and the import stopped",
                            "run the import again: what is already there is skipped", exit_status=FAILED) from None
