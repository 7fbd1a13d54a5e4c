from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from goalbook.model.entities import Entry
from goalbook.model.periods import (
    last_complete_period, next_period, period_days, period_end, period_label,
    period_start, periods_between, previous_period, totals,
)


def entry(d: date, value: float) -> Entry:
    return Entry(goal="g", date=d, value=value, source="content/checkins/x.yaml", pos=(1, 1))


def test_iso_week_53_spans_the_year_end():
    for d in (date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 3)):
        assert period_start(d, "week") == date(2026, 12, 28)
        assert period_end(d, "week") == date(2027, 1, 3)
        assert period_label(d, "week") == "2026-W53"
    assert period_start(date(2027, 1, 4), "week") == date(2027, 1, 4)
    assert period_label(date(2027, 1, 4), "week") == "2027-W01"


def test_day_and_month_bounds():
    d = date(2024, 2, 14)
    assert (period_start(d, "day"), period_end(d, "day")) == (d, d)
    assert (period_start(d, "month"), period_end(d, "month")) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_days(d, "month") == 29
    assert period_label(d, "month") == "2024-02"
    assert period_label(d, "day") == "2024-02-14"


def test_next_and_previous_period():
    assert next_period(date(2026, 12, 31), "month") == date(2027, 1, 1)
    assert next_period(date(2026, 12, 31), "week") == date(2027, 1, 4)
    assert next_period(date(2026, 12, 31), "day") == date(2027, 1, 1)
    assert previous_period(date(2027, 1, 15), "month") == date(2026, 12, 1)
    assert previous_period(date(2027, 1, 6), "week") == date(2026, 12, 28)


def test_periods_between_is_inclusive_and_aligned():
    assert periods_between(date(2026, 12, 30), date(2027, 1, 12), "week") == [
        date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 11)]
    assert periods_between(date(2026, 11, 15), date(2027, 1, 1), "month") == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]
    assert periods_between(date(2027, 1, 12), date(2026, 12, 30), "week") == []


def test_totals_by_week_across_year_end():
    entries = [entry(date(2026, 12, 22), 1), entry(date(2026, 12, 28), 2),
               entry(date(2027, 1, 3), 1.5), entry(date(2027, 1, 4), 1)]
    assert totals(entries, "week") == {
        date(2026, 12, 21): 1.0, date(2026, 12, 28): 3.5, date(2027, 1, 4): 1.0}
    assert list(totals(reversed(entries), "week")) == sorted(totals(entries, "week"))


def test_last_complete_period():
    assert last_complete_period(date(2027, 1, 4), "week") == date(2026, 12, 28)   # Monday
    assert last_complete_period(date(2027, 1, 3), "week") == date(2026, 12, 21)   # Sunday
    assert last_complete_period(date(2027, 1, 1), "day") == date(2026, 12, 31)
    assert last_complete_period(date(2027, 1, 1), "month") == date(2026, 12, 1)


def test_unknown_period_is_refused():
    with pytest.raises(ValueError):
        period_start(date(2026, 1, 1), "year")


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(st.lists(st.tuples(dates, st.integers(0, 1000)), max_size=40),
       st.sampled_from(["day", "week", "month"]))
def test_totals_sum_equals_sum_of_values(pairs, per):
    entries = [entry(d, v) for d, v in pairs]
    assert sum(totals(entries, per).values()) == sum(v for _, v in pairs)


@given(dates, st.sampled_from(["day", "week", "month"]))
def test_periods_tile_the_calendar(d, per):
    start, end = period_start(d, per), period_end(d, per)
    assert start <= d <= end
    assert end + timedelta(days=1) == next_period(d, per)
    assert period_start(end, per) == start
    if per == "week":
        assert start.isoweekday() == 1 and end.isoweekday() == 7
