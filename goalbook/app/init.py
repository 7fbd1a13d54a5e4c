"""`goalbook init`: a new project with a short example that passes `check`.

It never overwrites a file; the one it may change is an existing `.gitignore`,
which only gets the missing lines added (`goalbook.app.gitignore`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from goalbook.app.gitignore import ensure_gitignore
from goalbook.app.schema_files import write_schema_files
from goalbook.errors import USAGE, GoalbookError
from goalbook.publish.atomic import write_new_file

SCHEMA_LINE = "# yaml-language-server: $schema=../../.goalbook/schema.json\n"
SETTINGS_SCHEMA_LINE = "# yaml-language-server: $schema=.goalbook/settings.schema.json\n"


class AlreadyThere(GoalbookError):
    def __init__(self, paths: list[str]):
        super().__init__(f"{', '.join(paths)} already there; nothing was changed",
                         "goalbook init never overwrites files; choose an empty folder", USAGE)
        self.paths = paths


def scaffold_files(today: date) -> dict[str, str]:
    due = today + timedelta(weeks=12)
    return {
        "goalbook.yaml": SETTINGS_SCHEMA_LINE + _SETTINGS,
        "content/goals/evening-walks.yaml": SCHEMA_LINE + _GOAL.format(start=today.isoformat(), due=due.isoformat()),
        f"content/checkins/{today.isoformat()}.md": _CHECKIN.format(today=today.isoformat()),
        "content/sessions/.keep": "",
    }


@dataclass
class Initialised:
    created: list[str]                  # files written, relative to the project
    gitignore_added: list[str]          # lines added to an existing .gitignore (empty: none needed)


def init_project(root: Path, today: date) -> Initialised:
    """Write the scaffold into `root`; refuse (writing nothing) if any of its files
    exists. An existing `.gitignore` is kept and gets the lines it lacks."""
    files = scaffold_files(today)
    existing = [name for name in files if (root / name).exists()]
    if existing:
        raise AlreadyThere(existing)
    added = ensure_gitignore(root)
    for name, text in files.items():
        write_new_file(root / name, text)
    created = list(files) + ([".gitignore"] if added is None else [])
    return Initialised(created + write_schema_files(root),   # generated for editors; refreshed, never hand-written
                       added or [])


_SETTINGS = """\
# goalbook settings: all optional. See the README for every field.
title: My goals
owner: ""
therapist: ""
values: [health, connection, calm]
areas: [relationships, work/school, mental health, physical health]
limits:
  active_goals: 5
  weekly_minutes: 600
report:
  since: last-session
"""

_GOAL = """\
# One goal per file; the file name is the goal's id.
title: Walk for 30 minutes on three evenings a week
area: physical health
values: [health, calm]
why: Walking clears my head after work and helps me sleep.
priority: 1
start: {start}
due: {due}
review: weekly
measure:
  what: 30-minute evening walks
  unit: walks
  per: week
  baseline: 0
  target: 3
  min: 0
effort: 90
"""

_CHECKIN = """\
---
date: {today}
progress:
  evening-walks: 1
mood: 6
win: Went round the park after dinner.
---
A first short walk. It was easier once I had my shoes on.
"""
