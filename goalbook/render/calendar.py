"""output/calendar.ics (SPEC section 11): the book's dates for a calendar app.

`render_calendar(snapshot)` is pure: the snapshot in, RFC 5545 bytes out.

* **Events.** For each active goal that isn't private: an all-day event on
  its `due` date, one on each open step's `due`, and a recurring review
  reminder at its `review` cadence (daily, weekly, fortnightly = weekly with
  INTERVAL=2, monthly), starting on its last check-in, else its `start`, else
  today. Each session is an all-day event too (past and planned ones). Private
  goals are left out entirely. All-day events are DATE values with an
  exclusive DTEND (the next day) and don't mark the time as busy.
* **Titles.** `calendar.titles: neutral` in goalbook.yaml makes every event
  say "goal due", "goal step due", "goal review" or "appointment", for
  calendars that sync to someone else's cloud.
* **Reproducible.** UIDs are hashes of the book's owner (or title), the goal
  id and what the event is ("due", "review", a step's title, a session's file
  and date), never of a folder or host name, so the same event keeps its UID
  from build to build and machine to machine; a due date that moves keeps its
  UID, so an app that re-imports the file moves the event instead of
  doubling it. DTSTAMP is the snapshot's "today" at midnight UTC, never the
  clock. Same snapshot, same bytes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from typing import TYPE_CHECKING

from goalbook.model.entities import Session
from goalbook.model.snapshot import Snapshot
from goalbook.model.snapshot_goals import GoalView

if TYPE_CHECKING:
    from icalendar import Event

# icalendar is imported when a calendar is drawn (a tenth of a second): a build whose
# calendar is unchanged reuses the last one (`calendar_inputs`) without it.

PRODID = "-//goalbook//goalbook calendar//EN"
NEUTRAL = {"due": "goal due", "step": "goal step due", "review": "goal review", "session": "appointment"}
# RFC 5545 RRULE parts per `review` cadence (a monthly one is completed by `_rrule`).
CADENCE = {"daily": {"FREQ": "DAILY"}, "weekly": {"FREQ": "WEEKLY"},
           "fortnightly": {"FREQ": "WEEKLY", "INTERVAL": 2}, "monthly": {"FREQ": "MONTHLY"}}


def render_calendar(snapshot: Snapshot) -> bytes:
    """The book's calendar as iCalendar bytes (see the module docstring)."""
    settings = snapshot.settings
    make = EventMaker(book=settings.owner or settings.title, neutral=settings.calendar_titles == "neutral",
                      stamp=datetime.combine(snapshot.today, time(0, 0), tzinfo=timezone.utc))
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "goalbook" if make.neutral else settings.title)
    for view in snapshot.goals:
        if view.is_active and not view.private:
            for event in goal_events(view, snapshot.today, make):
                cal.add_component(event)
    for session in [*snapshot.sessions, *snapshot.upcoming_sessions]:
        cal.add_component(session_event(session, make))
    return cal.to_ical()


def calendar_inputs(snapshot: Snapshot) -> tuple[set[str], tuple]:
    """What the calendar reads, for `PageCache.fragment`: the goals' and sessions' files, and
    each goal's review start (its last check-in); the settings and today are in every key."""
    sources = {view.goal.source for view in snapshot.goals}
    sources |= {session.source for session in [*snapshot.sessions, *snapshot.upcoming_sessions]}
    return sources, tuple((view.id, review_start(view, snapshot.today)) for view in snapshot.goals)


@dataclass(frozen=True)
class EventMaker:
    """All-day events of one book: its UIDs' namespace, DTSTAMP and title style."""
    book: str
    neutral: bool
    stamp: datetime

    def all_day(self, day: date, summary: str, *about: str) -> Event:
        from icalendar import Event

        event = Event()
        event.add("uid", event_uid(self.book, *about))
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return event

    def summary(self, kind: str, full: str) -> str:
        return NEUTRAL[kind] if self.neutral else full


def goal_events(view: GoalView, today: date, make: EventMaker) -> list[Event]:
    """The goal's due date, its open steps' due dates and its review reminder."""
    events = []
    if view.goal.due is not None:
        events.append(make.all_day(view.goal.due, make.summary("due", f"Goal due: {view.title}"),
                                   "goal", view.id, "due"))
    for step in view.goal.steps:
        if step.done is None and step.due is not None:
            summary = make.summary("step", f"Step due: {step.title} ({view.title})")
            events.append(make.all_day(step.due, summary, "goal", view.id, "step", step.title))
    events.append(review_event(view, today, make))
    return events


def review_event(view: GoalView, today: date, make: EventMaker) -> Event:
    """A reminder at the goal's review cadence, from its last check-in (else its start, else today)."""
    first = review_start(view, today)
    event = make.all_day(first, make.summary("review", f"Goal review: {view.title}"), "goal", view.id, "review")
    event.add("rrule", _rrule(view.goal.review, first))
    if not make.neutral:
        event.add("description", f"Time for a check-in: goalbook checkin {view.id} VALUE")
    return event


def review_start(view: GoalView, today: date) -> date:
    if view.checkins:                   # every check-in about the goal, on or before today
        return max(c.date for c in view.checkins)
    return view.goal.start_on(today) or today


def _rrule(review: str, first: date) -> dict:
    rule = dict(CADENCE.get(review, CADENCE["weekly"]))
    if rule["FREQ"] == "MONTHLY" and first.day > 28:
        # The 29th-31st: that day, or the month's last day in a month without it
        # (a plain monthly rule would skip those months).
        rule.update(BYMONTHDAY=[first.day, -1], BYSETPOS=1)
    return rule


def session_event(session: Session, make: EventMaker) -> Event:
    full = f"Session with {session.with_}" if session.with_ else "Therapy session"
    return make.all_day(session.date, make.summary("session", full),
                        "session", session.source, session.date.isoformat())


def event_uid(book: str, *about: str) -> str:
    """A UID from what the event is about, the same on every machine and in every folder."""
    digest = hashlib.sha256("\x1f".join((book, *about)).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@goalbook"
