"""`goalbook checkin`: record a check-in as a new file, after checking it.

The check-in is written as text first and run through the same loader,
schema and measure checks as `goalbook check` (in memory), so a value that
would fail the check is refused before anything touches the disk. The file is
then created with `write_new_file`: never appended to, never replacing one.
"""
from __future__ import annotations

from goalbook.errors import GoalbookError

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from goalbook.load.discover import SUFFIXES, discover
from goalbook.load.source import SourceFile
from goalbook.load.yamltree import Scalar, parse
from goalbook.model.checkins import attach_checkins, build_checkins
from goalbook.model.entities import Goal
from goalbook.model.snapshot import build_snapshot
from goalbook.app.check import check_project, require_project
from goalbook.publish.atomic import write_new_file
from goalbook.schema.definitions import CHECKIN
from goalbook.schema.fields import INVALID, Context, Value, parse_number, parse_yes_no
from goalbook.schema.validate import validate

TEXT_FIELDS = ("win", "obstacle", "discuss")
MAX_SUFFIX = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RecordError(GoalbookError):
    """The check-in can't be recorded; nothing was written. `status` is the exit status."""

    def __init__(self, message: str, hint: str | None = None, status: int = 1, more=()):
        super().__init__(message, hint, status)
        self.status = status
        self.more = list(more)          # further (message, hint) pairs


@dataclass
class CheckinDraft:
    day: date
    values: dict[str, str] = field(default_factory=dict)   # goal id -> value as typed
    mood: str | None = None
    note: str | None = None
    win: str | None = None
    obstacle: str | None = None
    discuss: str | None = None
    private: bool = False


@dataclass
class Recorded:
    rel_path: str
    goals: list                 # GoalView of each goal recorded, as the site shows it


def parse_items(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`GOAL VALUE`, or `GOAL=VALUE` pairs, into {goal: value}."""
    items = list(items)
    for item in items:
        if item.startswith("--") or (item.startswith("-") and "=" not in item and _number(item) is None):
            raise RecordError(f"no such option: {item}", "see 'goalbook checkin --help'", status=2)
    if not items:
        return {}
    if len(items) == 2 and not any("=" in i for i in items):
        return {items[0]: items[1]}
    if not all("=" in i for i in items):
        raise RecordError("give one goal and its value, or GOAL=VALUE pairs",
                          "e.g. goalbook checkin evening-walks 1, or goalbook checkin evening-walks=1 phone-away=yes",
                          status=2)
    pairs: dict[str, str] = {}
    for item in items:
        goal, _, value = item.partition("=")
        if not goal or not value:
            raise RecordError(f"'{item}' needs a goal and a value around the '='", "e.g. evening-walks=1", status=2)
        if goal in pairs:
            raise RecordError(f"'{goal}' is given twice", "give each goal one value per check-in", status=2)
        pairs[goal] = value
    return pairs


def record(root: Path, draft: CheckinDraft, today: date) -> Recorded:
    """Check the draft against the project, then write it as a new file."""
    root = require_project(root)
    if not (draft.values or draft.note or draft.mood or any(getattr(draft, f) for f in TEXT_FIELDS)):
        raise RecordError("there is nothing to record", "give a goal and a value, or at least --note or --mood",
                          status=2)
    result = check_project(root, today)
    goals = result.book.goals
    goal_files = {f.abs_path.stem for f in discover(root) if f.kind == "goal"}
    for goal_id in draft.values:
        _require_goal(goal_id, goals, goal_files)
    front, body = render(draft)
    _check_in_memory(front, body, goals, goal_files)
    rel = _write(root, draft, front, body)
    # The reply shows the numbers every view shows: the book read again, with the new file.
    after = check_project(root, today)
    snapshot = build_snapshot(after.book, after.diagnostics, today, progress=after.progress)
    return Recorded(rel, [snapshot.by_id[g] for g in draft.values if g in snapshot.by_id])


def _require_goal(goal_id: str, goals: dict[str, Goal], goal_files: set[str]) -> None:
    if goal_id in goals:
        return
    if goal_id in goal_files:
        raise RecordError(f"the goal file for '{goal_id}' has problems, so its measure can't be checked",
                          "run 'goalbook check' to see them; fix them, then check in again")
    raise RecordError(f"there is no goal '{goal_id}'", _goal_hint(goal_id, goals))


def _goal_hint(goal_id: str, goals) -> str:
    close = difflib.get_close_matches(goal_id, list(goals), n=1, cutoff=0.6)
    close = close or [g for g in goals if goal_id and (goal_id in g or g in goal_id)][:1]
    if close:
        return f"did you mean '{close[0]}'?"
    if goals:
        return "the goals are: " + ", ".join(sorted(goals))
    return "create one first with: goalbook new goal \"TITLE\""


def _number(text: str):
    return parse_number(Scalar(text.strip(), True, 1, 1))


def typed_value(goal_id: str, text: str):
    """The value as YAML should hold it: a number, or True/False for yes/no."""
    number = _number(text)
    if number is not None:
        return int(number) if float(number).is_integer() else float(number)
    ctx = Context()
    converted = Value().convert(Scalar(text.strip(), True, 1, 1), ctx, goal_id)
    if converted is INVALID:
        raise RecordError(ctx.problems[0].message, ctx.problems[0].hint)
    return parse_yes_no(Scalar(text.strip(), True, 1, 1))


def _typed_mood(text: str):
    ctx = Context()
    mood = CHECKIN.fields["mood"].convert(Scalar(text.strip(), True, 1, 1), ctx, "--mood")
    if mood is INVALID:
        raise RecordError(ctx.problems[0].message,
                          ctx.problems[0].hint or "mood is a number from 0 (very low) to 10 (very good)", status=2)
    return int(mood) if float(mood).is_integer() else mood


def _clean(name: str, text: str | None) -> str | None:
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        raise RecordError(f"the {name} contains a control character", "write plain text", status=2)
    return text.strip("\n") if text.strip() else None


def render(draft: CheckinDraft) -> tuple[str, str | None]:
    """The front matter (YAML, without fences) and the note (the Markdown body)."""
    data: dict = {"date": draft.day}
    values = {goal: typed_value(goal, text) for goal, text in draft.values.items()}
    if len(values) == 1:
        (goal, value), = values.items()
        data.update(goal=goal, value=value)
    elif values:
        data["progress"] = values
    if draft.mood is not None and draft.mood.strip():
        data["mood"] = _typed_mood(draft.mood)
    for name in TEXT_FIELDS:
        text = _clean(name, getattr(draft, name))
        if text is not None:
            data[name] = text
    if draft.private:
        data["private"] = True
    front = yaml.dump(data, Dumper=YamlDumper, sort_keys=False, allow_unicode=True, width=10**6)
    return front, _clean("note", draft.note)


def file_text(front: str, body: str | None) -> str:
    return f"---\n{front}---\n" + (f"{body}\n" if body is not None else "")


class YamlDumper(yaml.SafeDumper):
    """safe_dump, but yes/no rather than true/false (kinder to read, the same to
    goalbook), and text with a Unicode line break (U+0085, U+2028, U+2029)
    double-quoted, where it is escaped: in other styles YAML folds it to a space."""


def _text(dumper: yaml.SafeDumper, value: str):
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


YamlDumper.add_representer(bool, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:bool", "yes" if value else "no"))
YamlDumper.add_representer(str, _text)


def _check_in_memory(front: str, body: str | None, goals: dict[str, Goal], goal_files: set[str]) -> None:
    """Run the file's text through the loader, the schema and the measure checks."""
    root, yaml_problems = parse(front, line_offset=1)
    source = SourceFile("new check-in", "checkin", root=root, body=body, body_line=2 + front.count("\n"),
                        problems=yaml_problems)
    doc = validate(source)
    found: list = []
    checkins = build_checkins([doc], [], goals, found)
    attach_checkins(goals, checkins, goal_files, found)
    problems = [(p.message, p.hint) for p in source.problems + doc.problems + found]
    if problems:
        (message, hint), *more = problems
        raise RecordError(message, hint, more=more)


def _write(root: Path, draft: CheckinDraft, front: str, body: str | None) -> str:
    folder = root / "content" / "checkins"
    name = f"{draft.day.isoformat()}-{next(iter(draft.values)) if len(draft.values) == 1 else 'checkin'}"
    data = file_text(front, body)
    for n in range(1, MAX_SUFFIX + 1):
        stem = name if n == 1 else f"{name}-{n}"
        if any((folder / f"{stem}{suffix}").exists() for suffix in SUFFIXES):
            continue
        try:
            write_new_file(folder / f"{stem}.md", data)
        except FileExistsError:
            continue
        return f"content/checkins/{stem}.md"
    raise RecordError(f"there are already {MAX_SUFFIX} check-ins named {name}", status=2)
