"""GB008: goalbook.yaml is invalid."""
from support import CLEAN_GOAL, assert_kind, codes, found, run_check, where


def settings(book, text):
    book.write("goalbook.yaml", text)
    book.write("content/goals/walks.yaml", CLEAN_GOAL)


def test_unknown_settings_key(book):
    settings(book, "title: My goals\nownr: Sam\n")
    [d] = found(book, "GB008")
    assert where([d]) == [("goalbook.yaml", 2, 1)]
    assert d.severity == "error"
    assert "'ownr'" in d.message
    assert d.hint == "did you mean 'owner'?"
    assert_kind(d)


def test_unknown_key_under_limits(book):
    settings(book, "limits:\n  active_goal: 3\n")
    [d] = found(book, "GB008")
    assert (d.line, d.column) == (2, 3)
    assert d.hint == "did you mean 'active_goals'?"


def test_bad_rule_code(book):
    settings(book, "rules:\n  M2O2: off\n")
    [d] = found(book, "GB008")
    assert (d.line, d.column) == (2, 3)
    assert "'M2O2' is not a goalbook rule code" in d.message
    assert d.hint == "did you mean 'M202'?"
    assert_kind(d)


def test_bad_rule_code_does_not_stop_the_others(book):
    settings(book, "rules:\n  X999: off\n  R401: off\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("why: Walking clears my head.\n", "")
               .replace("values: [health]\n", ""))
    assert codes(book) == {"GB008"}                 # R401 was turned off


def test_bad_rule_severity(book):
    settings(book, "rules:\n  M202: loud\n")
    [d] = found(book, "GB008")
    assert (d.line, d.column) == (2, 9)
    assert "'error', 'warning' or 'off'" in d.message


def test_gb_codes_can_be_configured(book):
    settings(book, "rules: {GB002: warning}\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "colour: blue\n")
    assert [d.severity for d in book.check().diagnostics] == ["warning"]


def test_bad_report_since(book):
    settings(book, "report:\n  since: last week\n")
    [d] = found(book, "GB008")
    assert where([d]) == [("goalbook.yaml", 2, 10)]
    assert "'last week'" in d.message
    assert "last-session" in d.hint and "30d" in d.hint
    assert_kind(d)


def test_good_report_since(book):
    for since in ("last-session", "2026-10-01", "30d", "6w", "2m"):
        settings(book, f"report:\n  since: {since}\n")
        assert codes(book) == set(), since


def test_bad_limits(book):
    settings(book, "limits:\n  active_goals: 0\n  weekly_minutes: lots\n")
    assert [(d.line, d.column) for d in found(book, "GB008")] == [(2, 17), (3, 19)]


def test_settings_errors_fail_the_check(book):
    settings(book, "ownr: Sam\n")
    result = run_check(book.root)
    assert result.exit_code == 1
    assert "goalbook.yaml:1:1: error GB008" in result.stdout


def test_settings_that_are_not_a_mapping(book):
    settings(book, "- title\n- owner\n")
    [d] = found(book, "GB008")
    assert (d.line, d.column) == (1, 1)
