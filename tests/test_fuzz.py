"""Property-based tests: whatever bytes a user's files hold, `check_project`
answers with diagnostics — it never raises, and every diagnostic is well formed.

The inputs, each written as `.yaml` and as `.md` into a real project folder
next to a valid goal `g` (so check-ins can name it):

* random text, random YAML punctuation and random bytes (the loader's
  encoding and syntax paths),
* mutations of valid goal and check-in files (deleted, duplicated and inserted
  characters, swapped and re-indented lines, YAML's special characters, tabs,
  quotes),
* goals, check-ins and settings assembled from field names and awkward values
  (bad dates, huge numbers, YAML 1.1 booleans, anchors, tags), which get past
  the parser far more often and so reach the schema, the model and the rules,
  with a random "today".

Each test runs 200 examples (about 3 s); set GOALBOOK_FUZZ_EXAMPLES for a
deeper search.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from goalbook.app.check import check_project

TODAY = date(2026, 11, 22)
CODE = re.compile(r"^(GB0(0[1-9]|1[0-2])|[SMART][0-9]{3})$")
# GOALBOOK_FUZZ_EXAMPLES=5000 runs a deeper search than the default, e.g. before a release.
FUZZ = settings(max_examples=int(os.environ.get("GOALBOOK_FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

GOAL_YAML = """\
title: Walk for 30 minutes on three evenings a week
area: physical health
values: [health, calm]
why: Walking clears my head.
priority: 1
status: active
start: 2026-10-01
due: 2027-01-31
review: weekly
effort: 90
measure:
  what: evening walks
  unit: walks
  per: week
  baseline: 0
  target: 3
  min: 0
  max: 7
steps:
  - title: Buy shoes
    done: 2026-10-02
scale:
  -2: {text: no walks}
  0: {text: three walks, value: 3}
revisions:
  - {date: 2026-10-20, change: three instead of five, why: late finishes}
checkins:
  - {date: 2026-11-02, value: 2}
  - date: 2026-11-09
    value: yes
    note: Canal loop.
"""
GOAL_MD = """\
---
title: Rate my anxiety before the Monday meeting
why: no
measure: {what: anxiety 0-10, unit: points, baseline: 7, target: 3, min: 0, max: 10}
due: 2027-02-28
scale:
  1: {text: below four, value: 4}
---
Notes in **Markdown**, with a list:

- breathe
- speak once
"""
CHECKIN_YAML = """\
date: 2026-11-20
progress:
  g: 2
  other: no
mood: 6
win: Walked twice.
levels: {g: 1}
measures:
  phq9: [1, 1, 0, 1, 0, 1, 0, 0, 0]
  gad7: 5
"""
CHECKIN_LIST = """\
- date: 2026-11-18
  goal: g
  value: 1
- {date: 2026-11-19, progress: {g: 3}, discuss: the weekend}
"""
CHECKIN_MD = """\
---
date: 2026-11-21
goal: g
value: 3
private: yes
---
A good week.
"""
SEEDS = [("goal", GOAL_YAML), ("goal", GOAL_MD), ("checkin", CHECKIN_YAML),
         ("checkin", CHECKIN_LIST), ("checkin", CHECKIN_MD)]

SPECIAL = [":", "-", "&", "*", "!", "\t", '"', "'", "#", "[", "]", "{", "}", ",", "?", "|", ">",
           "%", "@", "`", "\n", " ", "---", "...", "\r\n", "\ufeff", "\x00", "é", "\u2028", "\\"]


def _project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="goalbook-fuzz-"))
    (root / "content" / "goals").mkdir(parents=True)
    (root / "content" / "checkins").mkdir(parents=True)
    # A valid goal the fuzzed check-ins can refer to, so GB006/GB007 paths are reached.
    (root / "content" / "goals" / "g.yaml").write_text(GOAL_YAML, encoding="utf-8")
    return root


def _check(files: dict[str, bytes], today: date = TODAY) -> None:
    root = _project()
    try:
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        result = check_project(root, today)
        known = set(files) | {"content/goals/g.yaml"}
        for d in result.diagnostics:
            assert isinstance(d.line, int) and d.line >= 1, d
            assert isinstance(d.column, int) and d.column >= 1, d
            assert CODE.match(d.code), d
            assert isinstance(d.message, str) and d.message.strip(), d
            assert d.severity in ("error", "warning"), d
            assert d.path in known, d
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _as_all_kinds(data: bytes) -> dict[str, bytes]:
    """The same content as a goal and as a check-in, in YAML and in Markdown."""
    return {
        "content/goals/fuzzed.yaml": data,
        "content/goals/fuzzed-md.md": data,
        "content/checkins/fuzzed.yaml": data,
        "content/checkins/fuzzed-md.md": data,
    }


def _md(text: str) -> str:
    return text if text.startswith("---") else "---\n" + text + "---\nbody\n"


# --- random input -------------------------------------------------------------

@FUZZ
@given(st.text(max_size=400))
def test_random_text(text):
    _check(_as_all_kinds(text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(st.lists(st.sampled_from(SPECIAL + list("abc:- 019\n")), max_size=120).map("".join))
def test_random_yaml_punctuation(text):
    data = text.encode("utf-8")
    _check({**_as_all_kinds(data), "content/goals/fm.md": _md(text).encode("utf-8")})


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _check(_as_all_kinds(data))


# --- mutations of valid files -----------------------------------------------

def _apply(text: str, ops) -> str:
    for op, where, arg in ops:
        lines = text.split("\n")
        pos = where % (len(text) + 1)
        if op == "delete":
            text = text[:pos] + text[pos + 1 + arg % 5:]
        elif op == "duplicate":
            text = text[:pos] + text[pos:pos + 1 + arg % 20] + text[pos:]
        elif op == "insert":
            text = text[:pos] + SPECIAL[arg % len(SPECIAL)] + text[pos:]
        elif op == "swap" and len(lines) > 1:
            i, j = where % len(lines), arg % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "dup-line":
            i = where % len(lines)
            lines.insert(i, lines[(i + arg) % len(lines)])
            text = "\n".join(lines)
        elif op == "indent":
            i = where % len(lines)
            lines[i] = (" " * (arg % 5) if arg % 3 else "\t") + lines[i]
            text = "\n".join(lines)
        elif op == "dedent":
            i = where % len(lines)
            lines[i] = lines[i].lstrip()
            text = "\n".join(lines)
    return text


OPS = st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "insert", "swap", "dup-line", "indent", "dedent"]),
                         st.integers(0, 10_000), st.integers(0, 10_000)),
               min_size=1, max_size=6)


@FUZZ
@given(st.sampled_from(SEEDS), OPS)
def test_mutated_valid_files(seed, ops):
    kind, text = seed
    mutated = _apply(text, ops).encode("utf-8")
    folder = "goals" if kind == "goal" else "checkins"
    _check({f"content/{folder}/mutant.yaml": mutated, f"content/{folder}/mutant-md.md": mutated,
            f"content/{folder}/mutant-fm.md": _md(_apply(text, ops)).encode("utf-8")})


# --- files built from fields and awkward values -------------------------------

GOAL_KEYS = ["title", "area", "values", "why", "priority", "status", "start", "due", "review", "measure",
             "effort", "partner", "steps", "scale", "weight", "revisions", "reflection", "checkins",
             "private", "notes", "titel", "on"]
INNER_KEYS = ["what", "unit", "per", "baseline", "target", "min", "max", "date", "value", "goal", "progress",
              "mood", "levels", "measures", "phq9", "gad7", "text", "title", "done", "change", "g", "-2", "2",
              "0", "tagret"]
CHECKIN_KEYS = ["date", "progress", "goal", "value", "mood", "win", "obstacle", "discuss", "levels",
                "measures", "private", "note", "g"]
VALUES = ["", "0", "1", "-1", "3", "2.5", "1e308", "-1e308", "1e400", ".nan", ".inf", "99999999999999999999",
          "no", "yes", "on", "~", "null", "maybe", "g", "other", "active", "dropped", "achieved", "paused",
          "week", "day", "month", "fortnight", "daily", "yearly", "2026-11-01", "2026-11-22", "2027-02-30",
          "2026-13-01", "0001-01-01", "9999-12-31", "2026-11-01T10:00:00", "tomorrow", "[]", "{}", "[1, 2]",
          "[0, 0, 0, 0, 0, 0, 0, 0, 3]", "[3, 3, 3, 3, 3, 3, 3]", "{g: 1}", "{g: 9}", "{-2: {text: a}}",
          "[{date: 2026-11-01, value: 1}]", "[{title: a}]", "[{}]", "'quoted'", '"2026-11-01"', "&a 1", "*a",
          "!!str x", "|\n  block", "x: y"]


@st.composite
def yaml_documents(draw, keys):
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = "  " * draw(st.integers(0, 2))
        dash = draw(st.sampled_from(["", "", "", "- "]))
        key = draw(st.sampled_from(keys + INNER_KEYS))
        value = draw(st.sampled_from(VALUES))
        lines.append(f"{indent}{dash}{key}: {value}".rstrip())
    return "\n".join(lines) + "\n"


SCALARS = st.sampled_from(VALUES)


def _block(tree, indent: str = "") -> list[str]:
    """Write a tree of dicts/lists/raw scalar texts as block YAML."""
    lines = []
    for key, value in (tree.items() if isinstance(tree, dict) else [(None, v) for v in tree]):
        head = f"{indent}{key}:" if key is not None else f"{indent}-"
        if isinstance(value, (dict, list)) and value:
            lines.append(head)
            lines.extend(_block(value, indent + "  "))
        else:
            lines.append(f"{head} {value if isinstance(value, str) else '{}' if isinstance(value, dict) else '[]'}")
    return lines


def _tree(keys):
    leaf = SCALARS
    inner = st.dictionaries(st.sampled_from(INNER_KEYS), leaf, max_size=5)
    items = st.lists(st.one_of(leaf, inner), max_size=3)
    return st.dictionaries(st.sampled_from(keys), st.one_of(leaf, leaf, inner, items), min_size=1, max_size=10)


@FUZZ
@given(_tree(GOAL_KEYS), _tree(CHECKIN_KEYS), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_structured_goals_and_checkins(goal, checkin, today):
    goal_text = "\n".join(_block(goal)) + "\n"
    checkin_text = "\n".join(_block(checkin)) + "\n"
    _check({
        "content/goals/tree.yaml": goal_text.encode("utf-8"),
        "content/goals/tree-md.md": _md(goal_text).encode("utf-8"),
        "content/checkins/tree.yaml": checkin_text.encode("utf-8"),
        "content/checkins/tree-list.yaml": ("- " + checkin_text.replace("\n", "\n  ")).rstrip().encode("utf-8"),
    }, today)


@FUZZ
@given(yaml_documents(GOAL_KEYS), yaml_documents(CHECKIN_KEYS),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_assembled_goals_and_checkins(goal, checkin, today):
    _check({
        "content/goals/built.yaml": goal.encode("utf-8"),
        "content/goals/built-md.md": _md(goal).encode("utf-8"),
        "content/checkins/built.yaml": checkin.encode("utf-8"),
        "content/checkins/built-md.md": _md(checkin).encode("utf-8"),
    }, today)


SETTINGS_KEYS = ["title", "owner", "therapist", "values", "areas", "limits", "active_goals", "weekly_minutes",
                 "report", "since", "paper", "rules", "S101", "GB003", "X999", "safety", "note", "output"]


@FUZZ
@given(yaml_documents(SETTINGS_KEYS), st.sampled_from(["error", "warning", "off", "fatal", "30d", "0d", "a4"]))
def test_assembled_settings(settings_text, severity):
    text = settings_text + f"rules:\n  T501: {severity}\n"
    _check({"goalbook.yaml": text.encode("utf-8"), "content/goals/built.md": GOAL_MD.encode("utf-8")})
