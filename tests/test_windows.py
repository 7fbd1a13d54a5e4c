"""A goal page shows its older check-ins by month (`goalbook.model.windows.older_months`);
it finds them by bisection and groups them in one pass over the check-ins in date order.
It must count and add up exactly as looking at every check-in does."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, strategies as st

from goalbook.model.entities import Checkin
from goalbook.model.windows import MonthOfCheckins, older_months

GOAL = "walks"


def by_looking_at_each(checkins, goal_id, kind, before):
    months: dict[date, list] = {}
    for c in checkins:
        if c.date < before:
            month = months.setdefault(c.date.replace(day=1), [0, 0, 0.0])
            month[0] += 1
            value = c.progress.get(goal_id, c.levels.get(goal_id))
            if value is not None:
                month[1] += 1
                month[2] += float(value)
    return [MonthOfCheckins(m, n, v, t if v and kind == "total" else None, t / v if v and kind != "total" else None)
            for m, (n, v, t) in sorted(months.items(), reverse=True)]


checkin = st.builds(
    lambda day, value, level: Checkin(date=date(2020, 1, 1) + timedelta(days=day), source="c.yaml",
                                      progress={} if value is None else {GOAL: value},
                                      levels={} if level is None else {GOAL: level}),
    st.integers(0, 800), st.none() | st.floats(0, 1000, allow_nan=False) | st.integers(0, 20),
    st.none() | st.integers(-2, 2))


@given(st.lists(checkin, max_size=60), st.integers(0, 900), st.sampled_from(["total", "level", None]))
def test_older_months_count_and_add_up_as_looking_at_each_check_in(checkins, before, kind):
    checkins.sort(key=lambda c: c.date)
    cut = date(2020, 1, 1) + timedelta(days=before)
    assert older_months(checkins, GOAL, kind, cut) == by_looking_at_each(checkins, GOAL, kind, cut)


def test_nothing_is_older_than_no_cut():
    assert older_months([Checkin(date=date(2020, 1, 1), source="c.yaml")], GOAL, "total", None) == []
