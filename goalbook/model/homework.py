"""Session homework and the check-ins that tick it off (SPEC section 4).

A session's `homework` is a list of tasks, each plain text or `{task, done}`
(`done`: the date it was done, or yes/no). A check-in's `homework_done` names
tasks of the **latest session before it** (dated strictly earlier: a session
and a check-in on the same day have no order) by their text (case and spacing
don't matter) or their 1-based number. A name that fits no task is GB003, at
the name, with a hint that lists the tasks.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from goalbook.diagnostics import Diagnostic
from goalbook.model.entities import Checkin, Homework, Session
from goalbook.vocabulary import long_date

__all__ = ["homework_items", "mark_homework_done", "session_before", "tasks_marked", "homework_status", "HomeworkStatus"]


@dataclass(frozen=True)
class HomeworkStatus:
    """A session's task as of one day: done or not yet (and since when, if known)."""
    number: int                     # 1-based, as `homework_done` may name it
    task: str
    done: bool
    done_on: date | None            # None when done without a date (`done: yes`), or not done


def homework_status(session: Session | None, day: date) -> list[HomeworkStatus]:
    """Each task of the session, done or not yet as of `day`."""
    if session is None:
        return []
    return [HomeworkStatus(n, h.task, h.done_by(day), h.done_on(day))
            for n, h in enumerate(session.homework, start=1)]


def homework_items(given: list, positions: dict, prefix: str = "homework") -> list[Homework]:
    """The session's tasks from its validated `homework` list (text or `{task, done}`)."""
    items = []
    for index, entry in enumerate(given):
        pos = positions.get(f"{prefix}.{index}", (1, 1))
        if isinstance(entry, dict):
            items.append(Homework(str(entry["task"]), entry.get("done"), pos=pos))
        else:
            items.append(Homework(str(entry), pos=pos))
    return items


def session_before(sessions: list[Session], checkin: Checkin) -> Session | None:
    """The latest session dated before the check-in (sessions are in date order)."""
    earlier = [s for s in sessions if s.date < checkin.date]
    return earlier[-1] if earlier else None


def tasks_marked(checkin: Checkin, sessions: list[Session]) -> list[Homework]:
    """The tasks a check-in's `homework_done` names (those that exist), in its order."""
    session = session_before(sessions, checkin)
    if session is None:
        return []
    found = (_find(session.homework, ref) for ref in checkin.homework_done)
    return [t for t in found if t is not None]


def mark_homework_done(checkins: list[Checkin], sessions: list[Session], problems) -> None:
    """Mark each task a check-in's `homework_done` names; report the names that fit none."""
    for checkin in checkins:
        if not checkin.homework_done:
            continue
        session = session_before(sessions, checkin)
        if session is None:
            where = checkin.field_pos.get("homework_done:key", checkin.field_pos.get("homework_done", checkin.pos))
            problems.append(Diagnostic.found(checkin.source, "GB003", *where,
                             "'homework_done' needs a session before this check-in, and there is none",
                             "it marks tasks of the latest session before the check-in's date; "
                             "add the session's file to content/sessions/, or leave 'homework_done' out"))
            continue
        for index, ref in enumerate(checkin.homework_done):
            task = _find(session.homework, ref)
            if task is not None:
                if checkin.date not in task.marked:
                    task.marked.append(checkin.date)
                continue
            where = checkin.field_pos.get(f"homework_done.{index}", checkin.pos)
            problems.append(Diagnostic.found(checkin.source, "GB003", *where, _not_found(ref, session),
                             _tasks_hint(ref, session)))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _find(tasks: list[Homework], ref: str | int) -> Homework | None:
    if isinstance(ref, int):
        return tasks[ref - 1] if 1 <= ref <= len(tasks) else None
    wanted = _fold(ref)
    return next((t for t in tasks if _fold(t.task) == wanted), None)


def _not_found(ref: str | int, session: Session) -> str:
    when = long_date(session.date)
    if not session.homework:
        return f"the session on {when} (the latest before this check-in) has no homework"
    if isinstance(ref, int):
        count = len(session.homework)
        return (f"there is no task {ref}: the session on {when} (the latest before this check-in) "
                f"has {count} task{'s' if count != 1 else ''}")
    return f"'{ref}' is not a task of the session on {when} (the latest before this check-in)"


def _tasks_hint(ref: str | int, session: Session) -> str:
    if not session.homework:
        return f"add 'homework:' to {session.source}, or leave this check-in's 'homework_done' out"
    listed = "; ".join(f"{n}. {t.task}" for n, t in enumerate(session.homework, start=1))
    if isinstance(ref, str):
        close = difflib.get_close_matches(_fold(ref), [_fold(t.task) for t in session.homework], n=1, cutoff=0.6)
        if close:
            number = next(n for n, t in enumerate(session.homework, start=1) if _fold(t.task) == close[0])
            return f"did you mean task {number}? The tasks are: {listed}"
    return f"write a task's text or its number; the tasks are: {listed}"
