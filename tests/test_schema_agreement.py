"""`goalbook schema` and `goalbook check` agree, in both directions, on a corpus
of small files: what the checker refuses (a format error), the schema refuses,
and what the checker accepts, the schema accepts. Judged twice: with the
`jsonschema` library on the data as an editor reads it (YAML 1.2), and with
yaml-language-server itself, the editor's own language server, driven over
stdio. The few cases JSON Schema can't express are listed in GAPS and in
docs/schema.md; a gap that closes fails here, so the docs get updated."""
from __future__ import annotations

import asyncio
import functools
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from conftest import GOOD_GOAL, REPO, TODAY, require_tool, without_preload
from goalbook.model.settings import parse_since
from goalbook.app.check import check_project
from goalbook.schema.definitions import SINCE_PATTERN
from goalbook.schema.fields import DATE_PATTERN
from goalbook.app.schema_files import write_schema_files
from goalbook.render.jsonschema import document
from yaml12 import load as load_yaml12

FORMAT_CODES = {"GB001", "GB002", "GB003", "GB004", "GB007", "GB008"}
PLACE = {"goal": "content/goals/{}.yaml", "checkin": "content/checkins/{}.yaml", "settings": "goalbook.yaml"}
SCHEMA_FILE = {"goal": "schema.json", "checkin": "checkin.schema.json", "settings": "settings.schema.json"}
CHECKIN = "date: 2026-11-20\nprogress:\n  good: 1\n"


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    text: str
    accepted: bool          # what `goalbook check` says (asserted too)


def due(day: str) -> str:
    return GOOD_GOAL.replace("due: 2027-01-31", f"due: {day}")


def target(value: str) -> str:
    return GOOD_GOAL.replace("target: 3", f"target: {value}")


def since(value: str) -> str:
    return f"report:\n  since: {value}\n"


CORPUS = [
    Case("good-goal", "goal", GOOD_GOAL, True),
    Case("good-checkin", "checkin", CHECKIN, True),
    # real calendar dates
    Case("due-feb-30", "goal", due("2027-02-30"), False),
    Case("due-feb-29-common-year", "goal", due("2027-02-29"), False),
    Case("due-feb-29-leap-year", "goal", due("2028-02-29"), True),
    Case("due-feb-29-2100", "goal", due("2100-02-29"), False),
    Case("due-feb-29-2000", "goal", due("2000-02-29"), True),
    Case("due-april-31", "goal", due("2027-04-31"), False),
    Case("due-month-13", "goal", due("2027-13-01"), False),
    Case("due-year-zero", "goal", due("0000-06-01"), False),
    Case("due-us-format", "goal", due("01/31/2027"), False),
    Case("due-with-time", "goal", due("2027-01-31T10:00"), False),
    Case("step-done-not-a-day", "goal", GOOD_GOAL + "steps:\n  - {title: Find a route, done: 2026-09-31}\n", False),
    Case("checkin-date-leap", "checkin", CHECKIN.replace("2026-11-20", "2028-02-29"), True),
    Case("checkin-date-not-a-day", "checkin", CHECKIN.replace("2026-11-20", "2026-11-31"), False),
    # numbers written as numbers
    Case("target-decimal", "goal", target("2.5"), True),
    Case("target-exponent", "goal", target("3e0"), True),
    Case("target-plus-sign", "goal", target("+3"), True),
    Case("target-infinite", "goal", target(".inf"), False),
    Case("target-minus-infinite", "goal", target("-.inf"), False),
    Case("target-beyond-float", "goal", target("1e400"), False),
    Case("target-quoted", "goal", target("'3'"), False),
    Case("target-with-unit", "goal", target("3 walks"), False),
    Case("target-underscores", "goal", target("1_000"), False),
    Case("target-hex", "goal", target("0x10"), False),
    Case("target-octal", "goal", target("0o17"), False),
    Case("target-not-a-number", "goal", target(".nan"), False),
    Case("priority-one", "goal", GOOD_GOAL + "priority: 1\n", True),
    Case("priority-decimal-point", "goal", GOOD_GOAL + "priority: 2.0\n", False),
    Case("priority-zero", "goal", GOOD_GOAL + "priority: 0\n", False),
    Case("effort-a-week-and-more", "goal", GOOD_GOAL + "effort: 10081\n", False),
    Case("checkin-value-infinite", "checkin", CHECKIN.replace("good: 1", "good: .inf"), False),
    Case("checkin-value-yes", "checkin", CHECKIN.replace("good: 1", "good: yes"), True),
    Case("checkin-value-Yes-word", "checkin", CHECKIN.replace("good: 1", "good: Y"), True),
    Case("checkin-value-word", "checkin", CHECKIN.replace("good: 1", "good: lots"), False),
    Case("checkin-mood-decimal", "checkin", CHECKIN + "mood: 7.5\n", True),
    Case("checkin-mood-eleven", "checkin", CHECKIN + "mood: 11\n", False),
    # report.since
    Case("since-last-session", "settings", since("last-session"), True),
    Case("since-a-date", "settings", since("2026-10-01"), True),
    Case("since-days", "settings", since("30d"), True),
    Case("since-weeks-spaced", "settings", since("6 w"), True),
    Case("since-months", "settings", since("2m"), True),
    Case("since-zero-days", "settings", since("0d"), False),
    Case("since-years", "settings", since("1y"), False),
    Case("since-words", "settings", since("last session"), False),
    Case("since-not-a-day", "settings", since("2026-02-30"), False),
    Case("since-basic-date", "settings", since("'20261001'"), False),
    Case("since-iso-week", "settings", since("2026-W40-1"), False),
    Case("since-a-number", "settings", since("30"), False),
    # empty fields are "not given"; enums; yes/no
    Case("status-empty", "goal", GOOD_GOAL + "status:\n", True),
    Case("status-tilde", "goal", GOOD_GOAL + "status: ~\n", True),
    Case("status-paused", "goal", GOOD_GOAL + "status: paused\n", True),
    Case("status-done", "goal", GOOD_GOAL + "status: done\n", False),
    Case("status-null-word-quoted", "goal", GOOD_GOAL + "status: 'null'\n", False),
    Case("private-y", "goal", GOOD_GOAL + "private: y\n", True),
    Case("private-maybe", "goal", GOOD_GOAL + "private: maybe\n", False),
    Case("why-no-is-text", "goal", GOOD_GOAL.replace("why: Walking clears my head.", "why: no"), True),
    Case("rules-off", "settings", "rules: {M202: 'off', T504: error}\n", True),
    Case("rules-unknown-code", "settings", "rules: {M299: warning}\n", False),
    Case("rules-loud", "settings", "rules: {M202: loud}\n", False),
    # YAML itself
    Case("alias", "goal", GOOD_GOAL.replace("why: Walking clears my head.", "why: &w Walking\nnotes: *w"), False),
    Case("duplicate-key", "goal", GOOD_GOAL + "why: again\n", False),
]

# What JSON Schema can't say, client by client: (case name) -> why. docs/schema.md lists them.
GAPS = {
    "library": {
        "target-hex": "0x10 is the number 16 once read; the schema can't see how it was written",
        "target-octal": "0o17 is the number 15 once read",
        "target-not-a-number": ".nan passes every minimum and maximum",
        "priority-decimal-point": "2.0 is the integer 2 in JSON Schema",
        "alias": "anchors and aliases are valid YAML; goalbook refuses them (GB001)",
        "duplicate-key": "the YAML reader keeps the last value; the schema never sees the first",
    },
    "yaml-language-server": {
        "target-hex": "0x10 is the number 16 once read",
        "target-octal": "0o17 is the number 15 once read",
        "target-not-a-number": ".nan passes every minimum and maximum",
        "priority-decimal-point": "2.0 is an integer to JavaScript",
        "alias": "anchors and aliases are valid YAML; goalbook refuses them (GB001)",
    },
}


def project_for(case: Case, root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "content" / "goals").mkdir(parents=True)
    if case.kind != "goal":
        (root / "content" / "goals" / "good.yaml").write_text(GOOD_GOAL, encoding="utf-8")
    path = root / PLACE[case.kind].format(case.name if case.kind != "goal" else "good")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(case.text, encoding="utf-8")
    return path


def checker_accepts(case: Case, tmp_path: Path) -> bool:
    path = project_for(case, tmp_path / case.name)
    root = tmp_path / case.name
    rel = path.relative_to(root).as_posix()
    return not [d for d in check_project(root, TODAY).diagnostics
                if d.path == rel and d.severity == "error" and d.code in FORMAT_CODES]


def jsonable(value):
    """As JSON has it: keys are strings."""
    if isinstance(value, dict):
        return {str(k).lower() if isinstance(k, bool) else str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(document(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def library_accepts(case: Case) -> bool:
    return not list(validator(case.kind).iter_errors(jsonable(load_yaml12(case.text))))


def expected_by(client: str, case: Case) -> bool:
    """What the client should say: the checker's verdict, unless it's a known gap."""
    return case.accepted if case.name not in GAPS[client] else not case.accepted


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_the_checker_says_what_the_corpus_says(case, tmp_path):
    assert checker_accepts(case, tmp_path) is case.accepted


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_the_jsonschema_library_agrees_with_the_checker(case):
    assert library_accepts(case) is expected_by("library", case), GAPS["library"].get(case.name, "")


def test_every_gap_is_a_corpus_case_and_in_the_docs():
    names = {case.name for case in CORPUS}
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for client, gaps in GAPS.items():
        assert set(gaps) <= names, client
    for example in ("0x10", "0o17", ".nan", "2.0", "anchors"):
        assert example in docs, f"docs/schema.md doesn't mention the gap {example}"


# --- the patterns themselves -----------------------------------------------------

def is_a_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text))


@pytest.mark.parametrize("year", [0, 1, 4, 100, 400, 1900, 1999, 2000, 2024, 2026, 2028, 2100, 2400, 9996, 9999])
def test_the_date_pattern_is_exactly_the_calendar(year):
    pattern = re.compile(DATE_PATTERN)
    for month in range(0, 14):
        for day in range(0, 33):
            text = f"{year:04d}-{month:02d}-{day:02d}"
            assert bool(pattern.match(text)) is is_a_day(text), text


def test_the_date_pattern_knows_every_leap_day():
    pattern = re.compile(DATE_PATTERN)
    for year in range(1, 10000):
        text = f"{year:04d}-02-29"
        assert bool(pattern.match(text)) is is_a_day(text), text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.from_regex(r"\A\s?(last-session|[0-9]{1,3}\s?[dwmy]|[0-9]{4}-[0-9]{2}-[0-9]{2})\s?\Z"),
                 st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
                 st.text(max_size=14)))
def test_the_since_pattern_is_what_goalbook_reads(text):
    assert bool(re.match(SINCE_PATTERN, text)) is (parse_since(text) is not None), repr(text)


# --- yaml-language-server, the editor's own reading ----------------------------------

YAML_LS = Path(os.environ.get("GOALBOOK_YAML_LS") or REPO / ".tools" / "node_modules" / ".bin" / "yaml-language-server")


def yaml_language_server() -> str:
    return require_tool(str(YAML_LS), "for the schema agreement test with an editor's language server "
                        "('make system-deps' installs it with npm)")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """Every corpus file opened in yaml-language-server, with a modeline to the
    schema `goalbook schema --write` wrote: its diagnostics by case name, and
    the completions it offers after `status: `."""
    from ylsclient import run_editor

    server = yaml_language_server()
    root = tmp_path_factory.mktemp("editor")
    write_schema_files(root)
    documents = {case.name: (root / "files" / f"{case.name}.yaml",
                             f"# yaml-language-server: $schema=../.goalbook/{SCHEMA_FILE[case.kind]}\n{case.text}")
                 for case in CORPUS}
    completion = (root / "files" / "completion.yaml", "# yaml-language-server: $schema=../.goalbook/schema.json\nstatus: \n")
    return asyncio.run(run_editor([server, "--stdio"], root, documents, completion, (1, 8), env=without_preload()))


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_yaml_language_server_agrees_with_the_checker(case, editor):
    diagnostics = editor.diagnostics[case.name]
    problems = [d for d in diagnostics if d["severity"] in (1, 2)]
    assert (not problems) is expected_by("yaml-language-server", case), (
        GAPS["yaml-language-server"].get(case.name, ""), problems)


def test_yaml_language_server_offers_the_statuses_and_not_null(editor):
    assert editor.completions == ["active", "paused", "achieved", "dropped"]


def test_yaml_language_server_explains_a_date_in_words(editor):
    (problem,) = editor.diagnostics["due-feb-30"]
    assert problem["message"].startswith("not a day in the calendar") and problem["line"] == 6
    (problem,) = editor.diagnostics["since-basic-date"]
    assert "last-session" in problem["message"] and "pattern" not in problem["message"]
