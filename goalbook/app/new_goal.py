"""`goalbook new goal`: a goal file laid out field by field, with a short
comment on what a good answer looks like.

Empty fields (`area:`) are valid YAML and read as "not given", so the file
passes the format check straight away and the SMART rules say what is still
missing. Nothing here prompts or prints; `goalbook.cli.new` does that.
"""
from __future__ import annotations

from goalbook.errors import FAILED, USAGE, GoalbookError

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from goalbook.diagnostics import Diagnostic
from goalbook.load.discover import SUFFIXES, discover
from goalbook.app.check import check_project, require_project
from goalbook.publish.atomic import write_new_file
from goalbook.app.checkin import YamlDumper
from goalbook.schema.fields import is_valid_id, slugify
from goalbook.app.schema_files import modeline, write_schema_files



class GoalExists(GoalbookError):
    """A goal with this id is already there; nothing was written."""

    def __init__(self, path: str):
        super().__init__(f"{path} already exists; nothing was written",
                         "choose another id with --id, or edit that file", FAILED)
        self.path = path


class BadGoalId(GoalbookError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message, hint, USAGE)


@dataclass
class GoalDraft:
    title: str
    start: date
    due: date | None = None
    what: str | None = None
    unit: str | None = None
    per: str | None = None            # day | week | month; None for a level
    baseline: float | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None
    status: str = "active"
    notes: str | None = None          # Markdown; a text of several lines is written as a block


@dataclass
class Created:
    path: Path                        # absolute
    rel_path: str                     # relative to the project
    goal_id: str
    generated: list[str]              # schema files written alongside
    suggestions: list[Diagnostic]     # the SMART rules' findings on the new goal


def clean_title(title: str) -> str:
    return " ".join(title.split())


def goal_id_for(title: str, given: str | None = None) -> str:
    goal_id = given if given is not None else slugify(title)
    if not goal_id:
        raise BadGoalId("a file name can't be made from this title")
    if not is_valid_id(goal_id):
        raise BadGoalId(f"'{goal_id}' can't be a goal id")
    return goal_id


def existing_goal(root: Path, goal_id: str) -> str | None:
    """The path of a goal file that already has this id, if any."""
    for found in discover(root):
        if found.kind == "goal" and found.abs_path.stem == goal_id:
            return found.rel_path
    for suffix in SUFFIXES:     # also names `discover` skips, so nothing is ever replaced
        path = root / "content" / "goals" / f"{goal_id}{suffix}"
        if path.exists():
            return path.relative_to(root).as_posix()
    return None


def create_goal(root: Path, draft: GoalDraft, goal_id: str, today: date) -> Created:
    """Write `content/goals/<id>.yaml`; never replace a file (raises GoalExists)."""
    root = require_project(root)
    taken = existing_goal(root, goal_id)
    if taken:
        raise GoalExists(taken)
    path = root / "content" / "goals" / f"{goal_id}.yaml"
    rel = path.relative_to(root).as_posix()
    try:
        write_new_file(path, modeline(path, root) + render_goal(draft))
    except FileExistsError:
        raise GoalExists(rel) from None
    generated = write_schema_files(root)
    return Created(path, rel, goal_id, generated, suggestions(root, rel, today))


def suggestions(root: Path, rel_path: str, today: date) -> list[Diagnostic]:
    """What `goalbook check` says about this one file."""
    return [d for d in check_project(root, today).diagnostics if d.path == rel_path]


def scalar(value) -> str:
    """One YAML scalar, quoted where YAML needs it (text like 'no' or '3: x' stays text)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = yaml.dump(value, Dumper=YamlDumper, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.removesuffix("\n...\n").rstrip("\n")


def _line(key: str, value, comment: str, indent: str = "") -> str:
    shown = scalar(value)
    return f"{indent}# {comment}\n{indent}{key}:{' ' + shown if shown else ''}\n"


def render_goal(d: GoalDraft) -> str:
    """The goal file's text (without the schema line)."""
    return "".join([
        _HEADER,
        "\n# --- Specific: what exactly will you do?\n",
        _line("title", clean_title(d.title), "The goal in one sentence: an action, what and how often."),
        _line("area", None, "Life area: relationships, work/school, mental health or physical health."),
        _line("values", None, "The values it serves, e.g. [health, calm] (the ones listed in goalbook.yaml)."),
        "\n# --- Relevant: why does it matter?\n",
        _line("why", None, "Why it matters to you, in your own words: 'so I fall asleep before midnight'."),
        _line("priority", None, "1 = the most important goal right now, 2 the next, and so on."),
        _line("status", d.status, "active, paused, achieved or dropped."),
        "\n# --- Measurable: how will you know you are getting there?\n",
        "measure:\n",
        _line("what", d.what, "What you count or rate: '30-minute walks', 'anxiety before meetings, 0-10'.", "  "),
        _line("unit", d.unit, "The unit of one value: walks, minutes, points.", "  "),
        _line("per", d.per, "day, week or month if values add up per period; empty for a rating where the latest counts.", "  "),
        _line("baseline", d.baseline, "Where you are now; a rough guess is fine.", "  "),
        _line("target", d.target, "Where you want to be by the due date.", "  "),
        _line("min", d.min, "The smallest value one check-in can have, e.g. 0.", "  "),
        _line("max", d.max, "The largest value one check-in can have, e.g. 10 for a 0-10 rating.", "  "),
        "\n# --- Achievable: does it fit your life right now?\n",
        _line("effort", None, "Minutes per week it asks of you; all goals together should fit your week."),
        _line("partner", None, "Someone who knows about this goal and cheers you on."),
        _line("steps", None, "Smaller milestones, one per line: '- title: Buy a head torch' (add 'due:' or 'done:' dates)."),
        "\n# --- Time-bound: by when?\n",
        _line("start", d.start, "When you start working on it (YYYY-MM-DD)."),
        _line("due", d.due, "When you aim to reach the target (YYYY-MM-DD); a few weeks to a few months away."),
        _line("review", "weekly", "How often you mean to check in: daily, weekly, fortnightly or monthly."),
        "\n# --- Optional\n",
        _line("private", None, "yes keeps this goal out of the PDF report, your partner's share and the calendar; it stays on your private site."),
        _OPTIONAL_TAIL,
        _notes(d.notes),
    ])


def _notes(text: str | None) -> str:
    if text is None:
        return "notes:\n"
    return yaml.dump({"notes": text}, Dumper=BlockDumper, allow_unicode=True, width=10**6)


class BlockDumper(YamlDumper):
    """YamlDumper, with text of several lines as a literal block (`notes: |`),
    readable and editable as written (PyYAML falls back to quotes where a block can't hold it)."""


def _block_text(dumper: yaml.SafeDumper, value: str):
    if any(c in value for c in "\x85\u2028\u2029"):
        style = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


BlockDumper.add_representer(str, _block_text)


_HEADER = """\
# A goalbook goal. The file name is the goal's id.
# Empty fields count as "not given": fill them in when you are ready, and
# run 'goalbook check' to see what would make the goal SMART.
"""

_OPTIONAL_TAIL = """\
# Later, when you need them (remove the '# ' in front to use one):
# scale:          # Goal Attainment Scaling: what levels -2 to 2 look like, e.g. '0: {text: three walks a week}'
# revisions:      # when you change the goal: '- {date: YYYY-MM-DD, change: what changed, why: why}'
# reflection:     # what you learned, if you set the goal aside or it passes its date
# share:          # what your partner's share may show beyond the numbers: [wins, why, notes]

# Notes: anything else, in Markdown. For several lines write 'notes: |' and indent the lines below.
"""
