"""GB011: a check-in date looks wrong (after today, before the start, or a typo far from
the goal's other check-ins — which is then not counted)."""
from datetime import date

import pytest

from support import CLEAN_GOAL, TODAY, assert_kind, codes, found

WEEKLY = CLEAN_GOAL.replace("  - {date: 2026-11-18, value: 1}\n", "".join(
    f"  - {{date: {d}, value: 1}}\n" for d in ("2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26",
                                              "2026-11-02", "2026-11-09", "2026-11-16")))


def _progress(book, goal_id="walks"):
    from goalbook.model.snapshot import build_snapshot

    result = book.check()
    return build_snapshot(result.book, result.diagnostics, TODAY, progress=result.progress).by_id[goal_id].progress


@pytest.mark.parametrize("typo, meant", [("2025-11-10", "2026-11-10"), ("0026-11-10", "2026-11-10")])
def test_a_year_typo_is_said_and_not_counted(book, typo, meant):
    book.write("content/goals/walks.yaml", WEEKLY.replace("start: 2026-10-01\n", ""))
    book.write("content/checkins/typo.yaml", f"date: {typo}\nprogress: {{walks: 3}}\n")
    [d] = found(book, "GB011")
    assert (d.path, d.line) == ("content/checkins/typo.yaml", 2) and d.severity == "warning"
    assert "did you mean" in d.message and "isn't counted" in d.message and meant in d.hint
    assert_kind(d)
    p = _progress(book)
    assert p.series[0][0] >= date(2026, 10, 5)               # the chart isn't stretched back a year
    assert len(p.series) < 10


def test_after_today_is_said_but_counts_from_that_day(book):
    book.write("content/goals/walks.yaml", WEEKLY)
    book.write("content/checkins/later.yaml", "date: 2026-11-25\nprogress: {walks: 1}\n")
    [d] = found(book, "GB011")
    assert "after today" in d.message and "25 November 2026" in d.message


def test_before_the_start_is_said(book):
    book.write("content/goals/walks.yaml", WEEKLY)
    book.write("content/checkins/early.yaml", "date: 2026-09-28\nprogress: {walks: 1}\n")
    [d] = found(book, "GB011")
    assert "before the goal's start" in d.message and "1 October 2026" in d.message


def test_a_break_of_some_months_then_a_new_start_counts_as_written(book):
    book.write("content/goals/walks.yaml", WEEKLY.replace("due: 2027-01-31", "due: 2027-12-31"))
    book.write("content/checkins/back.yaml", "date: 2027-04-20\nprogress: {walks: 2}\n")
    assert [d for d in found(book, "GB011", today=date(2027, 4, 25)) if "did you mean" in d.message] == []


def test_regular_checkins_are_quiet(book):
    book.write("content/goals/walks.yaml", WEEKLY)
    assert "GB011" not in codes(book)
