"""The report period of a snapshot: from `--since` / `report.since` to `--until`.

`since` is a date, ``"last-session"`` or a span (``"30d"``, ``"6w"``,
``"2m"``: that many days, weeks or calendar months before `until`); default
`settings.report_since`. ``last-session`` is the latest session on or before
`until`, else the 30 days before `until`. `until` defaults to `today`. Both
ends are included. Pure: no clock.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from goalbook.model.entities import Book, Session
from goalbook.model.settings import SPAN, parse_since

DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Period:
    since: date
    until: date
    basis: str                          # "last-session" | "date" | "span" | "30 days"
    session: Session | None = None      # the session that starts it (basis last-session)

    def __contains__(self, d: date) -> bool:
        return self.since <= d <= self.until

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1


def resolve_period(book: Book, today: date, since: date | str | None = None,
                   until: date | None = None) -> Period:
    """The report period; ValueError for an unreadable `since` or one after `until`."""
    until = until or today
    given = book.settings.report_since if since is None else since
    if isinstance(given, str):
        parsed = parse_since(given)
        if parsed is None:
            raise ValueError(f"'{given}' is not a date, 'last-session' or a span like 30d, 6w or 2m")
        given = parsed
    if isinstance(given, date):
        period = Period(given, until, "date")
    elif given == "last-session":
        session = last_session(book.sessions, until)
        period = (Period(session.date, until, "last-session", session) if session
                  else Period(until - timedelta(days=DEFAULT_DAYS - 1), until, "30 days"))
    else:
        period = Period(span_start(given, until), until, "span")
    if period.since > period.until:
        raise ValueError(f"the period can't start on {period.since} after it ends on {period.until}")
    return period


def span_start(span: str, until: date) -> date:
    """The first day of a span like 30d, 6w or 2m that ends on `until` (both ends
    included; calendar months, day clamped)."""
    count, unit = SPAN.match(span.strip()).groups()
    n = int(count)
    if unit == "d":                 # both ends count: 30d is 30 days, ending on `until`
        return until - timedelta(days=n - 1)
    if unit == "w":
        return until - timedelta(days=7 * n - 1)
    months = until.year * 12 + until.month - 1 - n
    year, month = divmod(months, 12)
    same_day = date(year, month + 1, min(until.day, calendar.monthrange(year, month + 1)[1]))
    return same_day + timedelta(days=1)     # 1m ending 22 Nov is 23 Oct – 22 Nov


def last_session(sessions: list[Session], on_or_before: date) -> Session | None:
    """The latest session on or before the day (sessions are in date order)."""
    past = [s for s in sessions if s.date <= on_or_before]
    return past[-1] if past else None
