"""The one clock: what "today" is for each command, and the suite's guard."""
from __future__ import annotations

from datetime import date

import pytest

import goalbook.clock
from goalbook.clock import Clock
from goalbook.errors import GoalbookError

from conftest import TODAY


def test_the_suite_refuses_the_wall_clock():
    with pytest.raises(AssertionError, match="wall clock"):
        Clock({}).local_today()


def test_the_suite_runs_on_its_own_date_and_zone():
    import os

    assert os.environ["GOALBOOK_TODAY"] == TODAY.isoformat()
    assert Clock.from_environment().local_today() == TODAY
    assert goalbook.clock._system_today is not date.today


def test_goalbook_today_sets_the_local_date():
    assert Clock({"GOALBOOK_TODAY": "2028-02-29"}).local_today() == date(2028, 2, 29)


def test_the_local_date_ignores_source_date_epoch():
    clock = Clock({"GOALBOOK_TODAY": "2026-12-31", "SOURCE_DATE_EPOCH": "315532800"})
    assert clock.local_today() == date(2026, 12, 31)


def test_report_today_prefers_the_option_then_source_date_epoch_then_the_local_date():
    clock = Clock({"GOALBOOK_TODAY": "2026-12-31", "SOURCE_DATE_EPOCH": "1795305600"})
    assert clock.report_today(date(2027, 3, 1)) == date(2027, 3, 1)
    assert clock.report_today() == date(2026, 11, 22)
    assert Clock({"GOALBOOK_TODAY": "2026-12-31"}).report_today() == date(2026, 12, 31)


def test_a_fixed_clock_says_its_day():
    assert Clock.fixed(date(2025, 1, 1)).local_today() == date(2025, 1, 1)
    assert Clock.fixed(date(2025, 1, 1)).report_today() == date(2025, 1, 1)


@pytest.mark.parametrize("env, name", [({"GOALBOOK_TODAY": "2027-02-30"}, "GOALBOOK_TODAY"),
                                       ({"GOALBOOK_TODAY": "x", "SOURCE_DATE_EPOCH": "soon"}, "SOURCE_DATE_EPOCH")])
def test_an_unusable_date_is_a_kind_usage_error(env, name):
    with pytest.raises(GoalbookError) as caught:
        Clock(env).report_today()
    assert name in caught.value.message and caught.value.hint and caught.value.exit_status == 2
