"""M202 Measurable: a measure without a baseline; also where rule severities are configured."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, run_check, where

# The SPEC's own example: evening-walks.yaml:7:3: warning M202
EVENING_WALKS = """\
title: Walk for 30 minutes on three evenings a week
area: physical health
values: [health]
why: Walking clears my head.
due: 2027-01-31
measure:
  what: evening walks
  unit: walks
  per: week
  target: 3
checkins:
  - {date: 2026-10-01, value: 1}
  - {date: 2026-11-18, value: 2}
"""


def test_the_spec_example(book):
    book.write("content/goals/evening-walks.yaml", EVENING_WALKS)
    [d] = found(book, "M202")
    assert where([d]) == [("content/goals/evening-walks.yaml", 7, 3)]
    assert d.severity == "warning"
    assert d.message == "measure has no baseline; progress can't be shown from where you started"
    assert "baseline:" in d.hint
    assert_kind(d)


def test_the_spec_example_line_through_the_cli(book):
    book.write("content/goals/evening-walks.yaml", EVENING_WALKS)
    result = run_check(book.root)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "content/goals/evening-walks.yaml:7:3: warning M202: measure has no baseline; "
        "progress can't be shown from where you started")
    assert result.stdout.splitlines()[1].startswith("  hint: ")


def test_flow_mapping_measure(book):
    book.write("content/goals/walks.yaml", EVENING_WALKS.replace(
        "measure:\n  what: evening walks\n  unit: walks\n  per: week\n  target: 3\n",
        "measure: {unit: walks, per: week, target: 3}\n"))
    [d] = found(book, "M202")
    assert (d.line, d.column) == (6, 10)     # the '{'


def test_markdown_goal(book):
    book.write("content/goals/evening-walks.md", "---\n" + EVENING_WALKS + "---\nNotes.\n")
    [d] = found(book, "M202")
    assert (d.line, d.column) == (8, 3)


def test_paused_goal_is_checked(book):
    book.write("content/goals/walks.yaml", EVENING_WALKS + "status: paused\n")
    assert len(found(book, "M202")) == 1


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_history_is_left_alone(book, status):
    book.write("content/goals/walks.yaml", EVENING_WALKS + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "M202") == []


def test_baseline_zero_counts_as_given(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    assert found(book, "M202") == []


def test_no_measure_is_m201_not_m202(book):
    book.write("content/goals/walks.yaml", "title: Walk for 30 minutes on three evenings a week\n"
               "why: It helps.\nstart: 2026-10-01\ndue: 2027-01-31\n")
    assert "M202" not in codes(book)


def test_an_unrelated_format_error_does_not_hide_the_rule(book):
    book.write("content/goals/walks.yaml", EVENING_WALKS.replace("per: week", "per: fortnight"))
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB003", "M202"}


# ------------------------------------------------------- configured severity

def test_configured_as_error(book):
    book.write("goalbook.yaml", "rules:\n  M202: error\n")
    book.write("content/goals/evening-walks.yaml", EVENING_WALKS)
    [d] = found(book, "M202")
    assert d.severity == "error"
    assert book.check().failed()
    result = run_check(book.root)
    assert result.exit_code == 1
    assert "evening-walks.yaml:7:3: error M202" in result.stdout
    assert "1 error, 0 warnings" in result.stderr


def test_configured_off(book):
    book.write("goalbook.yaml", "rules:\n  M202: off\n")
    book.write("content/goals/evening-walks.yaml", EVENING_WALKS)
    assert codes(book) == set()
    assert run_check(book.root, "--strict").exit_code == 0


def test_an_error_rule_configured_as_warning(book):
    book.write("goalbook.yaml", "rules: {M201: warning}\n")
    book.write("content/goals/walks.yaml", EVENING_WALKS.replace("  target: 3\n", "  baseline: 0\n"))
    [d] = found(book, "M201")
    assert d.severity == "warning"
    assert run_check(book.root).exit_code == 0
    assert run_check(book.root, "--strict").exit_code == 1


def test_other_rules_keep_their_default(book):
    book.write("goalbook.yaml", "rules: {M202: error}\n")
    book.write("content/goals/walks.yaml", EVENING_WALKS.replace("  unit: walks\n", ""))
    assert {d.code: d.severity for d in book.check().diagnostics} == {"M202": "error", "M204": "warning"}
