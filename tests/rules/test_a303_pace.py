"""A303 Achievable: at the recent pace the target is reached well after `due`."""
import pytest

from support import assert_kind, codes, found, where

SLOW = """\
title: Read 20 pages of a novel every evening
why: I miss reading.
start: 2026-10-01
due: 2027-01-31
measure:
  what: pages read
  unit: pages
  baseline: 0
  target: 20
checkins:
  - {date: 2026-10-04, value: 1}
  - {date: 2026-10-18, value: 2}
  - {date: 2026-11-01, value: 3}
  - {date: 2026-11-15, value: 4}
  - {date: 2026-11-21, value: 4}
"""
ON_PACE = SLOW.replace("value: 2}", "value: 5}").replace("value: 3}", "value: 9}").replace(
    "15, value: 4}", "15, value: 13}").replace("21, value: 4}", "21, value: 15}")


def test_slow_pace_is_reported_at_due_with_a_date(book):
    book.write("content/goals/pages.yaml", SLOW)
    [d] = found(book, "A303")
    assert where([d]) == [("content/goals/pages.yaml", 4, 6)]
    assert d.severity == "warning"
    assert "July 2027" in d.message            # says when
    assert "31 January 2027" in d.message
    assert "not a verdict" in d.hint
    assert_kind(d)


def test_weekly_totals_rising_slowly(book):
    book.write("content/goals/walks.yaml", """\
        title: Walk for 30 minutes on ten evenings a fortnight
        why: Walking clears my head.
        start: 2026-10-05
        due: 2026-12-20
        measure: {unit: walks, per: week, baseline: 0, target: 10}
        checkins:
          - {date: 2026-10-07, value: 1}
          - {date: 2026-10-14, value: 1}
          - {date: 2026-10-21, value: 2}
          - {date: 2026-10-28, value: 2}
          - {date: 2026-11-04, value: 3}
          - {date: 2026-11-11, value: 3}
          - {date: 2026-11-18, value: 1}
        """)
    [d] = found(book, "A303")
    assert (d.line, d.column) == (4, 6)
    assert "2027" in d.message and "20 December 2026" in d.message


def test_on_pace_is_quiet(book):
    book.write("content/goals/pages.yaml", ON_PACE)
    assert found(book, "A303") == []


def test_too_few_points_to_judge(book):
    book.write("content/goals/pages.yaml", SLOW.split("  - {date: 2026-11-01")[0])
    assert found(book, "A303") == []


def test_going_the_other_way_is_said_not_projected(book):
    """SPEC 6: A303 also covers a recent trend that moves away from the target."""
    book.write("content/goals/pages.yaml", SLOW.replace("value: 4}", "value: 0}"))
    [d] = found(book, "A303")
    assert "move away from the target" in d.message and "would be reached" not in d.message


def test_past_due_is_a304_not_a303(book):
    book.write("content/goals/pages.yaml", SLOW.replace("due: 2027-01-31", "due: 2026-11-20"))
    assert codes(book) == {"A304"}


@pytest.mark.parametrize("status", ["paused", "achieved", "dropped"])
def test_only_active_goals(book, status):
    book.write("content/goals/pages.yaml", SLOW + f"status: {status}\nreflection: Fine.\n")
    assert found(book, "A303") == []


def test_goal_with_schema_errors_is_not_judged(book):
    book.write("content/goals/pages.yaml", SLOW + "  - {date: 2026-11-22, value: lots}\n")
    assert "A303" not in codes(book)


def test_less_is_better_level(book):
    book.write("content/goals/anxiety.yaml", """\
        title: Rate my anxiety each evening and bring it down to 3 by the new year
        why: I want to enjoy evenings again.
        start: 2026-10-01
        due: 2026-12-31
        measure: {unit: points, baseline: 8, target: 3, min: 0, max: 10}
        checkins:
          - {date: 2026-10-05, value: 8}
          - {date: 2026-10-19, value: 8}
          - {date: 2026-11-02, value: 7}
          - {date: 2026-11-16, value: 7}
          - {date: 2026-11-21, value: 6}
        """)
    [d] = found(book, "A303")
    assert "February 2027" in d.message and "about 7 weeks" in d.message


def test_paused_goal_with_a_slow_pace_is_quiet_even_if_active_ones_are_not(book):
    book.write("content/goals/pages.yaml", SLOW)
    book.write("content/goals/pages-two.yaml", SLOW + "status: paused\n")
    assert [d.path for d in found(book, "A303")] == ["content/goals/pages.yaml"]


FALLING = """\
title: Run for 20 minutes on three mornings a week
why: Running keeps my mood up.
start: 2026-09-28
due: 2027-01-31
measure:
  what: morning runs
  unit: runs
  per: week
  baseline: 0
  target: 3
checkins:
  - {date: 2026-09-28, value: 3}
  - {date: 2026-10-05, value: 3}
  - {date: 2026-10-12, value: 2}
  - {date: 2026-10-19, value: 2}
  - {date: 2026-10-26, value: 1}
  - {date: 2026-11-02, value: 1}
  - {date: 2026-11-09, value: 0}
  - {date: 2026-11-16, value: 0}
"""


def test_a_trend_moving_away_from_the_target_is_reported(book):
    """Weekly runs 3, 3, 2, 2, 1, 1, 0 toward a target of 3: not "all clear"."""
    book.write("content/goals/runs.yaml", FALLING)
    [d] = found(book, "A303")
    assert "move away from the target" in d.message
    assert "from 3 runs (5 October 2026)" in d.message and "to 0 runs (9 November 2026)" in d.message
    assert_kind(d)


def test_the_falling_goal_says_so_on_every_view(book):
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.words import outlook, projection_text

    from conftest import TODAY

    book.write("content/goals/runs.yaml", FALLING)
    result = book.check()
    view = build_snapshot(result.book, result.diagnostics, TODAY, progress=result.progress).by_id["runs"]
    assert view.progress.trend == "away" and view.progress.standing == "behind"
    assert outlook(view) == "behind plan, and moving away from the target"
    assert "moves away" in projection_text(view) and "not enough" not in projection_text(view)


def test_a_steady_goal_is_not_called_falling(book):
    book.write("content/goals/runs.yaml", FALLING.replace("value: 2}", "value: 3}")
               .replace("value: 1}", "value: 3}").replace("value: 0}", "value: 3}"))
    assert "A303" not in codes(book)
