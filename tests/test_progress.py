from datetime import date, timedelta

import pytest
from hypothesis import assume, given, strategies as st

from goalbook.model.entities import Entry, Goal, Measure, Revision, Step
from goalbook.model.progress import STANDINGS, compute, runs, slope


def entries(*pairs):
    return [Entry(goal="g", date=d, value=float(v), source="c.yaml", pos=(1, 1))
            for d, v in sorted(pairs, key=lambda p: p[0])]


def make_goal(pairs=(), *, per=None, baseline=None, target=None, start=None,
              due=None, status="active", **kw) -> Goal:
    measure = Measure(per=per, baseline=baseline, target=target)
    return Goal(id="g", source="content/goals/g.yaml", title="Walk 30 minutes after dinner",
                status=status, start=start, due=due, measure=measure,
                entries=entries(*pairs), **kw)


def d(s: str) -> date:
    return date.fromisoformat(s)


# A weekly total across the year end: week of 2026-12-14 has 2 walks, the
# next none, ISO week 53 (2026-12-28..2027-01-03) has 4; 2027-01-04 is in the
# open week; 2027-01-20 is after today.
WALKS = [(d("2026-12-15"), 1), (d("2026-12-17"), 1), (d("2026-12-28"), 1),
         (d("2026-12-31"), 1), (d("2027-01-02"), 1), (d("2027-01-03"), 1),
         (d("2027-01-04"), 1), (d("2027-01-20"), 5)]


def weekly_walks(**kw):
    args = dict(per="week", baseline=0, target=5, start=d("2026-12-14"), due=d("2027-02-08"))
    args.update(kw)
    return make_goal(WALKS, **args)


def test_weekly_total_across_year_end():
    p = compute(weekly_walks(), d("2027-01-06"))
    assert p.kind == "total"
    assert p.series == [(d("2026-12-14"), 2.0), (d("2026-12-21"), 0.0), (d("2026-12-28"), 4.0)]
    assert (p.current, p.current_date) == (4.0, d("2026-12-28"))
    # path at the end of ISO week 53 (Sunday 2027-01-03): 20 of 56 days -> 5 * 20/56
    assert p.expected_now == pytest.approx(5 * 20 / 56)
    assert p.expected_at(d("2026-12-01")) == 0          # flat before the start
    assert p.expected_at(d("2027-03-01")) == 5          # flat after due
    assert p.path == [(d("2026-12-14"), 0), (d("2027-02-08"), 5)]
    assert p.progress == pytest.approx(0.8)
    assert p.standing == "ahead"                         # 4 vs 1.79, tolerance 0.5
    assert not p.reached
    assert (p.current_run, p.best_run) == (0, 0)
    assert p.last_checkin == d("2027-01-04")             # 2027-01-20 is after today


def test_weekly_projection_by_hand():
    # points x = 0, 7, 14 days, y = 2, 0, 4: slope 1/7 a day, line = 2 at x = 7,
    # reaches 5 at x = 28 -> 2026-12-14 + 28 days
    p = compute(weekly_walks(), d("2027-01-06"))
    assert p.slope == pytest.approx(1 / 7)
    assert p.projected_date == d("2027-01-11")


def test_current_is_last_complete_week_not_the_open_one():
    p = compute(weekly_walks(), d("2027-01-03"))          # Sunday: week 53 still open
    assert p.series == [(d("2026-12-14"), 2.0), (d("2026-12-21"), 0.0)]
    assert p.current == 0.0
    assert p.standing == "behind"


def test_first_checkin_in_open_period_means_no_data_yet():
    g = make_goal([(d("2027-01-05"), 3)], per="week", baseline=0, target=5,
                  start=d("2027-01-04"), due=d("2027-03-01"))
    p = compute(g, d("2027-01-06"))
    assert p.series == [] and p.current is None
    assert p.standing == "no-data"
    assert p.last_checkin == d("2027-01-05")


def test_series_starts_at_first_checkin_not_at_an_earlier_start():
    g = make_goal([(d("2026-03-18"), 2)], per="week", baseline=0, target=3,
                  start=d("2026-03-02"), due=d("2026-06-01"))
    p = compute(g, d("2026-04-01"))
    assert [k for k, _ in p.series] == [d("2026-03-16"), d("2026-03-23")]
    assert p.start == d("2026-03-02")


def test_less_is_better_level():
    # anxiety 0-10 from 8 to 3 over 90 days; readings every two weeks
    g = make_goal([(d("2026-03-01"), 8), (d("2026-03-15"), 7), (d("2026-03-29"), 6),
                   (d("2026-04-12"), 4)], baseline=8, target=3,
                  start=d("2026-03-01"), due=d("2026-05-30"))
    p = compute(g, d("2026-04-15"))
    assert p.kind == "level" and p.more_is_better is False
    assert len(p.series) == 4
    assert (p.current, p.current_date) == (4.0, d("2026-04-12"))
    assert p.expected_now == pytest.approx(5.5)          # 45 of 90 days at today
    assert p.progress == pytest.approx(0.8)              # (4-8)/(3-8)
    assert p.standing == "ahead"                         # 1.5 better, tolerance 0.5
    # slope -91/980 = -13/140 a day through mean (21, 6.25): reaches 3 at day 56
    assert p.slope == pytest.approx(-13 / 140)
    assert p.projected_date == d("2026-04-26")


def test_less_is_better_runs_and_reached():
    g = make_goal([(d("2026-03-01"), 2), (d("2026-03-02"), 4), (d("2026-03-03"), 3),
                   (d("2026-03-04"), 1)], baseline=8, target=3,
                  start=d("2026-02-01"), due=d("2026-05-01"))
    p = compute(g, d("2026-03-05"))
    assert p.met == [True, False, True, True]
    assert (p.current_run, p.best_run) == (2, 2)
    assert p.reached and p.projected_date is None
    assert p.progress == pytest.approx(1.4)              # beyond the target


def test_on_track_within_tolerance_and_behind():
    base = dict(baseline=8, target=3, start=d("2026-03-01"), due=d("2026-05-30"))
    on = compute(make_goal([(d("2026-04-14"), 5.9)], **base), d("2026-04-15"))
    assert on.standing == "on-track"                    # 0.4 worse than 5.5 < 0.5
    edge = compute(make_goal([(d("2026-04-14"), 6.0)], **base), d("2026-04-15"))
    assert edge.standing == "on-track"                  # exactly 0.5: inclusive
    behind = compute(make_goal([(d("2026-04-14"), 6.5)], **base), d("2026-04-15"))
    assert behind.standing == "behind"


def test_goal_without_checkins():
    g = make_goal(per="week", baseline=0, target=5, start=d("2026-03-02"), due=d("2026-06-01"),
                  steps=[Step("buy shoes", done=d("2026-03-01")), Step("find a route")])
    p = compute(g, d("2026-03-20"))
    assert p.series == [] and p.met == []
    assert p.current is None and p.progress is None and p.projected_date is None
    assert p.standing == "no-data"
    assert p.last_checkin is None and not p.reached
    assert p.expected_now is not None                   # the path exists all the same
    assert (p.steps_done, p.steps_total) == (1, 2)


def test_goal_without_checkins_or_start_has_no_path():
    p = compute(make_goal(baseline=0, target=5, due=d("2026-06-01")), d("2026-03-20"))
    assert p.start is None and p.expected_at(d("2026-04-01")) is None and p.path is None


def test_paused_goal_keeps_its_numbers():
    p = compute(weekly_walks(status="paused"), d("2027-01-06"))
    assert p.standing == "paused"
    assert p.current == 4.0 and p.progress == pytest.approx(0.8)


@pytest.mark.parametrize("status", ["achieved", "dropped"])
def test_closed_goals_standing_follows_status(status):
    assert compute(weekly_walks(status=status), d("2027-01-06")).standing == status


def test_revised_target_uses_the_target_in_the_file():
    g = weekly_walks(target=3, revisions=[Revision(d("2026-12-20"), "target 5 -> 3", "winter")])
    p = compute(g, d("2027-01-06"))
    assert p.target == 3
    assert p.reached and p.met == [False, False, True]
    assert p.progress == pytest.approx(4 / 3)


def test_yes_no_daily_goal():
    days = ["01", "02", "04", "05", "06", "08"]
    pairs = [(d(f"2026-06-{x}"), 1) for x in days] + [(d("2026-06-03"), 0)]
    g = make_goal(pairs, per="day", baseline=0, target=1, start=d("2026-06-01"), due=d("2026-06-30"))
    p = compute(g, d("2026-06-09"))
    assert [v for _, v in p.series] == [1, 1, 0, 1, 1, 1, 0, 1]   # 06-07 missing: 0
    assert (p.current_run, p.best_run) == (1, 3)
    assert p.current == 1 and p.reached and p.progress == 1.0
    assert p.standing == "ahead"


def test_entries_after_today_are_ignored():
    before = compute(weekly_walks(), d("2027-01-06"))
    g = weekly_walks()
    g.entries += entries((d("2027-01-07"), 9), (d("2027-02-01"), 9))
    after = compute(g, d("2027-01-06"))
    assert after == before


def test_projection_needs_three_points_and_the_right_direction():
    base = dict(baseline=0, target=10, start=d("2026-01-01"), due=d("2026-12-31"))
    two = make_goal([(d("2026-01-01"), 1), (d("2026-01-08"), 2)], **base)
    assert compute(two, d("2026-01-10")).projected_date is None
    wrong = make_goal([(d("2026-01-01"), 3), (d("2026-01-08"), 2), (d("2026-01-15"), 1)], **base)
    assert compute(wrong, d("2026-01-20")).projected_date is None
    flat = make_goal([(d("2026-01-01"), 2), (d("2026-01-08"), 2), (d("2026-01-15"), 2)], **base)
    assert compute(flat, d("2026-01-20")).projected_date is None
    same_day = make_goal([(d("2026-01-01"), 1), (d("2026-01-01"), 2), (d("2026-01-01"), 3)], **base)
    assert compute(same_day, d("2026-01-20")).projected_date is None


def test_projection_uses_the_last_six_points_only():
    # early decline, then +1 a week over the last six readings: 4..9 -> 10 one week on
    values = [9, 7, 5, 4, 5, 6, 7, 8, 9]
    pairs = [(d("2026-01-05") + timedelta(weeks=i), v) for i, v in enumerate(values)]
    g = make_goal(pairs, baseline=3, target=10, start=d("2026-01-05"), due=d("2026-12-31"))
    p = compute(g, d("2026-03-04"))
    assert p.projected_date == d("2026-03-09")          # 2026-03-02 + 7 days


def test_projection_never_before_today():
    # fitted line would cross 10 before the last reading; clamp to today
    pairs = [(d("2026-01-01"), 2), (d("2026-01-02"), 9.5), (d("2026-01-03"), 9.9)]
    g = make_goal(pairs, baseline=0, target=10, start=d("2026-01-01"), due=d("2026-12-31"))
    assert compute(g, d("2026-01-10")).projected_date == d("2026-01-10")


def test_no_measure_or_no_baseline():
    g = Goal(id="g", source="g.yaml", title="x", entries=entries((d("2026-01-01"), 1)))
    p = compute(g, d("2026-01-05"))
    assert p.kind is None and p.series == [] and p.standing == "no-data"
    nb = make_goal([(d("2026-01-01"), 4)], target=5, start=d("2026-01-01"), due=d("2026-02-01"))
    p = compute(nb, d("2026-01-05"))
    assert p.current == 4 and p.progress is None and p.standing == "no-data"


def test_runs_helper_and_slope():
    assert runs([]) == (0, 0)
    assert runs([True, True, False, True]) == (1, 2)
    assert slope([(d("2026-01-01"), 0), (d("2026-01-03"), 4)]) is None
    assert slope([(d("2026-01-01"), 0), (d("2026-01-02"), 1), (d("2026-01-03"), 2)]) == 1


finite = st.floats(-1000, 1000, allow_nan=False)


@given(finite, finite, st.integers(0, 400))
def test_progress_at_target_is_one(baseline, target, offset):
    assume(abs(target - baseline) > 1e-3)
    g = make_goal([(d("2026-01-01") + timedelta(days=offset), target)], baseline=baseline,
                  target=target, start=d("2026-01-01"), due=d("2027-01-01"))
    p = compute(g, d("2027-03-01"))
    assert p.progress == pytest.approx(1.0)
    assert p.reached


@given(st.lists(st.tuples(st.integers(0, 120), st.integers(0, 5)), max_size=30),
       st.sampled_from(["day", "week", "month"]), st.integers(0, 150))
def test_standing_is_always_known_and_totals_add_up(pairs, per, today_offset):
    origin = d("2026-01-01")
    g = make_goal([(origin + timedelta(days=o), v) for o, v in pairs], per=per, baseline=0,
                  target=3, start=origin, due=origin + timedelta(days=90))
    today = origin + timedelta(days=today_offset)
    p = compute(g, today)
    assert p.standing in STANDINGS
    assert len(p.met) == len(p.series)
    assert all(k < today for k, _ in p.series)
    assert sum(v for _, v in p.series) <= sum(v for o, v in pairs if o <= today_offset)
