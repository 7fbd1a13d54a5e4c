"""`check --format github|sarif` and the matchable text format.

SARIF is validated against the official SARIF 2.1.0 JSON Schema (OASIS, shipped
in tests/data); the GitHub workflow commands are escaped as GitHub's toolkit
does; the VS Code problem matcher documented in docs/check.md is run on real
output."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from conftest import GOOD_GOAL, REPO
from gitrepo import GOALBOOK
from goalbook.diagnostics import Diagnostic
from goalbook.cli.formats import format_github, format_sarif
from goalbook.cli.formats.sarif import artifact_uri
from goalbook.cli.formats.text import LINE_PATTERN
from goalbook.rules.catalogue import HELP, catalogue
from goalbook.rules.registry import ALL_CODES, DEFAULT_SEVERITY

SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
CORPUS = REPO / "tests" / "corpus"
# Cases that between them give most kinds of finding, including non-ASCII text.
CASES = ["many-problems-one-pass", "unknown-field-titel", "checkin-unknown-goal", "settings-unknown-rule",
         "control-character", "due-february-30", "checkin-value-out-of-range"]


def run(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([str(GOALBOOK), "-C", str(root), "check", *args], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd or root)


@pytest.fixture
def noisy_book(tmp_path, example_book) -> Path:
    """The example book with a few problems added: errors, warnings and hints."""
    goals = example_book / "content" / "goals"
    (goals / "café walks.yaml").write_text(GOOD_GOAL.replace("due: 2027-01-31", "due: 2027-02-30"), encoding="utf-8")
    (goals / "sleep.yaml").write_text(GOOD_GOAL.replace("  baseline: 0\n", "").replace("titel", "title")
                                      .replace("title:", "titel:"), encoding="utf-8")
    (goals / "rest.yaml").write_text(GOOD_GOAL.replace("  unit: walks\n", "").replace("  baseline: 0\n", ""),
                                     encoding="utf-8")
    return example_book


def findings(root: Path, cwd: Path | None = None) -> list[dict]:
    return json.loads(run(root, "--format", "json", cwd=cwd).stdout)


def corpus_case(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(CORPUS / name, root, ignore=shutil.ignore_patterns("expected.yaml"))
    return root


# --- SARIF ------------------------------------------------------------------------

def validate_sarif(text: str) -> dict:
    log = json.loads(text)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log


def test_the_schema_in_tests_data_is_the_official_one():
    assert SARIF_SCHEMA["id"] == ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                                  "sarif-schema-2.1.0.json")
    assert SARIF_SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    assert len(SARIF_SCHEMA["definitions"]) > 50           # the full schema, not a stand-in


def test_the_schema_rejects_what_it_should():
    """The validation below can fail: a log with a mistake in it is refused."""
    good = json.loads(format_sarif([Diagnostic("a.yaml", 1, 1, "error", "GB001", "m")]))
    for broken in ({**good, "version": "2.0"}, {**good, "runs": [{"results": []}]},
                   {**good, "extra": 1}):
        assert list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(broken))
    bad_region = json.loads(json.dumps(good))
    bad_region["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(jsonschema.Draft4Validator(SARIF_SCHEMA).iter_errors(bad_region))


@pytest.mark.parametrize("name", CASES)
def test_sarif_of_corpus_cases_is_valid_and_says_what_json_says(name, tmp_path):
    root = corpus_case(name, tmp_path)
    log = validate_sarif(run(root, "--format", "sarif").stdout)
    expected = findings(root)
    assert expected, "the case should have findings"
    check_results_match(log, expected)


def test_sarif_of_a_clean_book_is_valid_with_no_results(example_book):
    done = run(example_book, "--format", "sarif")
    log = validate_sarif(done.stdout)
    assert log["runs"][0]["results"] == [] and done.returncode == 0


def check_results_match(log: dict, expected: list[dict]) -> None:
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert len(run_["results"]) == len(expected)
    for result, d in zip(run_["results"], expected):
        assert result["ruleId"] == d["code"] and rules[result["ruleIndex"]]["id"] == d["code"]
        assert result["level"] == d["severity"]
        assert result["message"]["text"].startswith(d["message"])
        if d["hint"]:
            assert result["message"]["text"].endswith(d["hint"])
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "PROJECTROOT"
        assert unquote(artifact["uri"]) == d["path"]
        assert location["physicalLocation"]["region"] == {"startLine": d["line"], "startColumn": d["column"]}


def test_sarif_carries_the_whole_rule_catalogue_with_help(noisy_book):
    log = validate_sarif(run(noisy_book, "--format", "sarif").stdout)
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ALL_CODES
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"] != rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] == DEFAULT_SEVERITY[rule["id"]]
    assert run_["tool"]["driver"]["name"] == "goalbook"
    base = run_["originalUriBaseIds"]["PROJECTROOT"]["uri"]
    assert base == noisy_book.resolve().as_uri() + "/"
    check_results_match(log, findings(noisy_book))
    assert {r["level"] for r in run_["results"]} == {"error", "warning"}


def test_sarif_paths_stay_project_relative_from_a_subfolder(noisy_book):
    here = noisy_book / "content" / "goals"
    log = validate_sarif(run(noisy_book, "--format", "sarif", cwd=here).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "content/goals/caf%C3%A9%20walks.yaml" in uris


def test_every_code_has_help_and_the_readme_lists_every_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for info in catalogue():
        assert info.code in HELP, f"no help for {info.code}"
        assert f"| {info.code} |" in readme, f"the README's tables don't list {info.code}"


@pytest.mark.parametrize("path", ["content/goals/a b#c?.yaml", "content/goals/día:1.yaml",
                                  "content/goals/100%.md", "content/goals/\u202eevil\n.yaml"])
def test_artifact_uris_are_relative_references_that_read_back(path):
    uri = artifact_uri(path)
    parts = urlsplit(uri)
    assert parts.scheme == "" and parts.netloc == "" and parts.query == "" and parts.fragment == ""
    assert re.fullmatch(r"[A-Za-z0-9\-._~/%]+", uri), uri          # RFC 3986 unreserved, '/', escapes
    assert unquote(uri) == path
    validate_sarif(format_sarif([Diagnostic(path, 2, 3, "warning", "M202", "text \x1b[31m exact")]))


def test_sarif_text_is_exact():
    log = json.loads(format_sarif([Diagnostic("a.yaml", 1, 1, "error", "GB003", "bad \x1b]0;x\x07 value",
                                              "hint \u202e")]))
    assert log["runs"][0]["results"][0]["message"]["text"] == "bad \x1b]0;x\x07 value\nhint: hint \u202e"


# --- GitHub workflow commands -------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([A-Z]+\d+)::(.*)$")


def test_github_lines_say_what_json_says_with_paths_from_here(noisy_book):
    here = noisy_book / "content"
    done = run(noisy_book, "--format", "github", cwd=here)
    expected = findings(noisy_book)
    lines = done.stdout.splitlines()
    assert len(lines) == len(expected) and done.returncode == 1
    for line, d in zip(lines, expected):
        match = COMMAND.match(line)
        assert match, line
        level, path, row, col, code, message = match.groups()
        assert (level, int(row), int(col), code) == (d["severity"], d["line"], d["column"], d["code"])
        assert path == d["path"].removeprefix("content/")
        assert message.startswith(d["message"].replace("%", "%25"))
        if d["hint"]:
            assert message.endswith("%0Ahint: " + d["hint"].replace("%", "%25"))


def test_github_escaping_follows_the_workflow_command_rules():
    d = Diagnostic("content/goals/a,b:c%.yaml", 3, 4, "warning", "M204", "50% done\r\nnext", "one\ntwo")
    (line,) = format_github([d]).splitlines()
    assert line == ("::warning file=content/goals/a%2Cb%3Ac%25.yaml,line=3,col=4,title=M204"
                    "::50%25 done%0D%0Anext%0Ahint: one%0Atwo")


def test_github_format_shows_control_characters_escaped():
    d = Diagnostic("content/goals/\x1b[2J.yaml", 1, 1, "error", "GB005", "title \x07\x9b\u202eevil")
    line = format_github([d])
    assert "\x1b" not in line and "\x07" not in line and "\x9b" not in line and "\u202e" not in line
    assert r"\x1b[2J" in line and r"\x07\x9b\u202eevil" in line


def test_an_error_is_an_error_and_a_warning_a_warning():
    text = format_github([Diagnostic("a", 1, 1, "error", "GB001", "x"), Diagnostic("a", 2, 1, "warning", "M202", "y")])
    assert [line.split(" ")[0] for line in text.splitlines()] == ["::error", "::warning"]


# --- the text format, matched as an editor would -------------------------------------

def documented_tasks() -> dict:
    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- vscode: tasks.json -->\n```json\n(.*?)```", text, re.S)
    assert match, "docs/check.md has no VS Code task"
    return json.loads(match.group(1))


def documented_matcher() -> dict:
    (task,) = documented_tasks()["tasks"]
    return task["problemMatcher"]


def test_the_documented_problem_matcher_matches_real_output(noisy_book):
    pattern = documented_matcher()["pattern"]
    regexp = re.compile(pattern["regexp"])              # JavaScript and Python agree on this syntax
    done = run(noisy_book, cwd=noisy_book)
    expected = findings(noisy_book)
    matched = [regexp.match(line) for line in done.stdout.splitlines()]
    problems = [m for m in matched if m]
    assert len(problems) == len(expected)
    for m, d in zip(problems, expected):
        assert m.group(pattern["file"]) == d["path"]
        assert (int(m.group(pattern["line"])), int(m.group(pattern["column"]))) == (d["line"], d["column"])
        assert m.group(pattern["severity"]) == d["severity"] and m.group(pattern["code"]) == d["code"]
        assert m.group(pattern["message"]) == d["message"]
    hints = [line for line, m in zip(done.stdout.splitlines(), matched) if not m]
    assert hints and all(line.startswith("  hint: ") for line in hints)


def test_the_documented_matcher_is_the_one_the_code_promises():
    assert documented_matcher()["pattern"]["regexp"] == LINE_PATTERN
    (task,) = documented_tasks()["tasks"]
    assert task["options"]["env"]["NO_COLOR"] == "1"       # colour would hide the lines from the matcher
    for code in ALL_CODES:
        assert re.fullmatch(r"[A-Z]+\d+", code)


def test_the_readme_table_is_the_catalogue_as_generated():
    from goalbook.rules.catalogue import with_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert with_table(readme) == readme, "run 'make readme' after changing a rule"


def test_list_rules_needs_no_project_and_names_every_code(tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "goalbook", "check", "--list-rules"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0
    codes = [line.split()[0] for line in run.stdout.splitlines()]
    assert codes == [info.code for info in catalogue()] and "GB012" in codes and "A305" in codes
