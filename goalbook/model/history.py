"""A goal's history from git: changes to its key fields that `revisions:` doesn't record.

Pure: it works on the commits and old file versions `goalbook.load.git_log` read.

* **Which fields.** `title`, `due`, `measure.baseline` and `measure.target`,
  read from each old version with goalbook's own loader and schema, so a
  value means what `goalbook check` makes of it. Only a change from one value
  to another counts: giving a field for the first time is filling the goal
  in, not changing it. A version that can't be read is skipped (the next one
  is compared with the last one that could be). A title is compared with its
  spaces tidied, so re-wrapping it is no change.
* **Renames.** Commits are walked newest first; a file renamed (`git log -M`)
  keeps the id of the file it became. A file deleted is a goal that ended: an
  older file of the same name is another goal, and its history isn't shown.
* **Dates.** A change is dated by its commit's author date (the day the change
  was written, in the author's own time zone; a rebase keeps it).
* **Recorded or not.** A revision accounts for the changes made to its goal
  on one day: the closest day with changes within `NEARBY_DAYS` days of the
  revision's date (either side). Each revision accounts for one day and each
  day needs one revision; pairs are made closest first. So target 3 → 4 on
  3 Nov with a revision on 3 Nov, then 4 → 2 on 8 Nov without one, shows the
  second change only.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from goalbook.load.files import MAX_FILE_BYTES
from goalbook.load.source import parse_source
from goalbook.load.top_level import fields_region
from goalbook.schema.validate import validate

FIELDS = ("title", "due", "measure.baseline", "measure.target")
LABELS = {"title": "title", "due": "due date", "measure.baseline": "baseline", "measure.target": "target"}
NEARBY_DAYS = 7
_TOP_FIELDS = ("title", "due", "measure")
DEAD = ""                                   # the id of a goal whose file was deleted


@dataclass(frozen=True)
class FieldChange:
    goal: str
    field: str                              # one of FIELDS
    old: object                             # str, date or float
    new: object
    date: date
    commit: str                             # short hash

    @property
    def label(self) -> str:
        return LABELS[self.field]

    @property
    def change_text(self) -> str:
        """What changed, as one would write it under `revisions:` ("target 3 → 4")."""
        if self.field == "title":
            return "title reworded"
        return f"{self.label} {_plain(self.old)} → {_plain(self.new)}"


@dataclass(frozen=True)
class FileTouch:
    """One commit that changed a goal's file."""
    goal: str
    path: str                               # the file's path in that commit
    date: date
    commit: str
    status: str                             # "added" | "changed" | "renamed"
    old_path: str | None = None             # for "renamed"


@dataclass(frozen=True)
class ChangedFile:
    """A goal file changed since the last session, for the report."""
    goal: str
    path: str                               # as it is now
    days: tuple[date, ...]                  # days of its commits, oldest first
    commits: int
    added: bool                             # created in that time
    renamed_from: tuple[str, ...]           # earlier names in that time
    uncommitted: bool                       # edits not committed yet


@dataclass
class GitHistory:
    changes: list[FieldChange] = field(default_factory=list)    # every change, oldest first
    touches: list[FileTouch] = field(default_factory=list)      # newest first
    head_blobs: dict[str, str] = field(default_factory=dict)    # path -> blob id at HEAD
    uncommitted: frozenset[str] = frozenset()                   # goal ids with edits not committed

    def committed_only(self) -> "GitHistory":
        """The history without what the work tree adds (for a report of a period in the past)."""
        return GitHistory(self.changes, self.touches, self.head_blobs)

    def unrecorded(self, goal_id: str, revisions, until: date) -> list[FieldChange]:
        """The goal's changes on or before `until` that its revisions don't account for."""
        mine = [c for c in self.changes if c.goal == goal_id and c.date <= until]
        return unrecorded(mine, revisions)

    def changed_files(self, goal_paths: dict[str, str], since: date, until: date) -> list[ChangedFile]:
        """Goal files (of the goals in `goal_paths`, id -> path now) changed from `since`
        through `until`, in the order of `goal_paths`."""
        out = []
        for goal_id, path in goal_paths.items():
            mine = [t for t in self.touches if t.goal == goal_id and since <= t.date <= until]
            uncommitted = goal_id in self.uncommitted
            if not mine and not uncommitted:
                continue
            days = tuple(sorted({t.date for t in mine}))
            renamed = tuple(dict.fromkeys(t.old_path for t in reversed(mine) if t.status == "renamed"))
            out.append(ChangedFile(goal_id, path, days, len(mine), any(t.status == "added" for t in mine),
                                   renamed, uncommitted))
        return out


def unrecorded(changes: list[FieldChange], revisions) -> list[FieldChange]:
    """`changes` (of one goal) less those on a day a revision accounts for (module docstring)."""
    days = sorted({c.date for c in changes})
    pairs = sorted((abs((r.date - day).days), day, index)
                   for index, r in enumerate(revisions) for day in days
                   if abs((r.date - day).days) <= NEARBY_DAYS)
    covered: set[date] = set()
    used: set[int] = set()
    for _, day, index in pairs:
        if day not in covered and index not in used:
            covered.add(day)
            used.add(index)
    return [c for c in changes if c.date not in covered]


# --- from git's log and the old versions ------------------------------------------

class VersionReader:
    """`values(data, path)`: the FIELDS of one version of a goal file (absent ones left
    out; a date as its YYYY-MM-DD text, so values keep in a JSON cache as they are),
    or None if it can't be read.

    Only the top-level `title`, `due` and `measure` are read when the file allows
    (`load.top_level.fields_region`), so a problem elsewhere in an old version doesn't
    hide them, and versions whose fields are written the same are parsed once
    (most commits change other parts of a goal file)."""

    def __init__(self) -> None:
        self._parsed: dict[bytes, dict | None] = {}

    def values(self, data: bytes, path: str) -> dict[str, object] | None:
        if len(data) > MAX_FILE_BYTES:
            return None
        region = fields_region(data, path.endswith(".md"), _TOP_FIELDS)
        key = b"region\0" + region if region is not None else path.encode("utf-8", "replace") + b"\0" + data
        if key not in self._parsed:
            self._parsed[key] = _values(data, path, region)
        return self._parsed[key]


def _values(data: bytes, path: str, region: bytes | None) -> dict[str, object] | None:
    source = None
    if region is not None:
        if not region.strip():
            return {}
        source = parse_source(region, "region.yaml", "goal")
        if source.problems:                  # something unusual: read the whole file
            source = None
    if source is None:
        source = parse_source(data, path, "goal")
    if not source.readable:
        return None
    checked = validate(source)
    if not checked.records:
        return None
    record = checked.records[0].data
    measure = record.get("measure") or {}
    values = {"title": record.get("title"), "due": record.get("due"),
              "measure.baseline": measure.get("baseline"), "measure.target": measure.get("target")}
    if isinstance(values["title"], str):
        values["title"] = " ".join(values["title"].split()) or None
    if isinstance(values["due"], date):
        values["due"] = values["due"].isoformat()
    return {k: v for k, v in values.items() if v is not None}


def version_key(blob: str, path: str) -> str:
    """What a version's values are kept under: its blob, and whether it is Markdown."""
    return blob + ":md" if path.endswith(".md") else blob


def history_from_log(entries, values: dict[str, dict | None], head_blobs: dict[str, str] | None = None) -> GitHistory:
    """The changes and file touches in `entries` (`load.git_log.LogEntry`, newest first);
    `values` holds `VersionReader.values` of every version they name, by `version_key`."""
    attributed = _attribute(entries)
    touches = [FileTouch(goal, change.path, entry.day, entry.commit[:7], _STATUS.get(change.status, "changed"),
                         change.old_path if change.status == "R" else None)
               for entry, change, goal in attributed]
    by_goal: dict[str, list] = {}
    for entry, change, goal in reversed(attributed):        # oldest first
        by_goal.setdefault(goal, []).append((entry, change))
    changes = [c for goal, versions in by_goal.items() for c in _field_changes(goal, versions, values)]
    changes.sort(key=lambda c: (c.date, c.goal, FIELDS.index(c.field)))
    return GitHistory(changes, touches, dict(head_blobs or {}))


_STATUS = {"A": "added", "C": "added", "R": "renamed"}


def _attribute(entries) -> list[tuple[object, object, str]]:
    """(entry, file change, goal id) for every change to a file of a goal that still
    exists, following renames back in time (newest first)."""
    owner: dict[str, str] = {}              # path -> goal id, as of the commit being looked at

    def goal_of(path: str) -> str:
        return owner[path] if path in owner else _stem(path)

    out = []
    for entry in entries:
        now = [(change, goal_of(change.path)) for change in entry.files]
        # The state before this commit, for older ones: a path added, renamed to or
        # deleted held no living goal before it; a renamed file was its goal.
        for change, _ in now:
            if change.status in ("A", "C", "D", "R"):
                owner[change.path] = DEAD
        for change, goal in now:
            if change.status == "R":
                owner[change.old_path] = goal
        out += [(entry, change, goal) for change, goal in now if goal != DEAD and change.status != "D"]
    return out


@functools.lru_cache(maxsize=4096)
def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _field_changes(goal: str, versions, values) -> list[FieldChange]:
    """Changes between one version and the one before it (its parent in that commit,
    else the last version that could be read)."""
    known: dict[str, object] = {}
    out = []
    for entry, change in versions:
        old = values.get(version_key(change.old_blob, change.old_path or change.path)) if change.old_blob else None
        before = {**known, **(old or {})}
        after = values.get(version_key(change.new_blob, change.path))
        if after is None:
            continue
        for name in FIELDS:
            if name in before and name in after and before[name] != after[name]:
                out.append(FieldChange(goal, name, _from_json(name, before[name]), _from_json(name, after[name]),
                                       entry.day, entry.commit[:7]))
        known = {**before, **after}
    return out


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if isinstance(value, date) else str(value)


# --- kept between builds (goalbook's cache folder) ---------------------------------

def history_to_json(history: GitHistory) -> dict:
    return {"changes": [[c.goal, c.field, _to_json(c.old), _to_json(c.new), c.date.isoformat(), c.commit]
                        for c in history.changes],
            "touches": [[t.goal, t.path, t.date.isoformat(), t.commit, t.status, t.old_path]
                        for t in history.touches],
            "head_blobs": history.head_blobs}


def history_from_json(data: dict) -> GitHistory:
    changes = [FieldChange(goal, name, _from_json(name, old), _from_json(name, new), date.fromisoformat(day), commit)
               for goal, name, old, new, day, commit in data["changes"]]
    touches = [FileTouch(goal, path, date.fromisoformat(day), commit, status, old_path)
               for goal, path, day, commit, status, old_path in data["touches"]]
    return GitHistory(changes, touches, dict(data["head_blobs"]))


def _to_json(value):
    return value.isoformat() if isinstance(value, date) else value


def _from_json(name: str, value):
    return date.fromisoformat(value) if name == "due" else value
