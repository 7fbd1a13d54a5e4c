"""Every field of every goalbook file (SPEC sections 3–5), in one place.

The validator and `goalbook schema` both read these tables, so the JSON Schema
editors use can't drift from what `goalbook check` accepts.
"""
from __future__ import annotations

from goalbook.schema.containers import AnyOf, ListOf, MapOf, Struct
from goalbook.schema.fields import (DAY_PATTERN, ID_PATTERN, MAX_TITLE_CHARS, Bool, Choice, Date, DateOrYesNo,
                                    GoalRef, Number, TaskRef, Text, Value)

STATUS = ("active", "paused", "achieved", "dropped")
SHAREABLE = ("wins", "why", "notes")
# report.since, as goalbook.model.settings.parse_since reads it (surrounding spaces are trimmed)
SPAN_PATTERN = r"[1-9][0-9]*\s*[dwm]"
SINCE_PATTERN = rf"^\s*(?:last-session|{DAY_PATTERN}|{SPAN_PATTERN})\s*$"
REVIEW = ("daily", "weekly", "fortnightly", "monthly")
PDF_KINDS = ("standard", "pdf/a-3b", "pdf/ua-1")
LEVEL = Number(integer=True, minimum=-2, maximum=2, doc="a Goal Attainment Scaling level, -2 to 2")

MEASURE = Struct(doc="how progress is measured", fields={
    "what": Text(doc="what is counted or rated, e.g. '30-minute walks' or 'anxiety, 0–10'"),
    "unit": Text(doc="the unit of a value, e.g. walks, minutes, points"),
    "per": Choice(("day", "week", "month"), doc="values are totals per day/week/month; leave out for a rating where the latest counts"),
    "baseline": Number(doc="where I started"),
    "target": Number(doc="where I want to be by the due date"),
    "min": Number(doc="the smallest value a single check-in can have"),
    "max": Number(doc="the largest value a single check-in can have"),
})

STEP = Struct(doc="a smaller milestone", fields={
    "title": Text(required=True, doc="the step in a few words"),
    "due": Date(doc="when I mean to do it"),
    "done": Date(doc="the date it was done"),
})

SCALE_LEVEL = Struct(doc="what this level of attainment looks like", fields={
    "text": Text(required=True, doc="what this level looks like, in my words"),
    "value": Number(doc="the measure's value that reaches this level"),
})

REVISION = Struct(doc="a change to the goal", fields={
    "date": Date(required=True, doc="when the goal was changed"),
    "change": Text(required=True, doc="what changed"),
    "why": Text(doc="why it changed"),
})

QUESTIONNAIRE = AnyOf(
    scalar=Number(integer=True, doc="the total score"),
    sequence=ListOf(item=Number(integer=True), doc="the item scores, in order"),
    doc="a total or the list of item scores",
)

_CHECKIN_COMMON = {
    "date": Date(required=True, doc="the day of the check-in"),
    "value": Value(doc="the value for the goal: a number, or yes/no"),
    "mood": Number(minimum=0, maximum=10, doc="overall mood, 0–10"),
    "win": Text(doc="something to celebrate"),
    "obstacle": Text(doc="what got in the way"),
    "discuss": Text(doc="something to bring up in the next session"),
    "levels": MapOf(key=GoalRef(), value=LEVEL, key_pattern=ID_PATTERN,
                    doc="Goal Attainment Scaling level (-2..2) per goal id"),
    "measures": MapOf(key=Choice(("phq9", "gad7")), value=QUESTIONNAIRE,
                      doc="PHQ-9 / GAD-7 scores: a total or the item scores"),
    "private": Bool(doc="keep this check-in's words out of the report"),
    "homework_done": ListOf(item=TaskRef(),
                            doc="homework of the latest session before this check-in that is done: "
                                "each task's text, or its number in the session's list (1 = the first)"),
    "note": Text(doc="free text (Markdown)"),
}

GOAL_VALUE = AnyOf(
    scalar=Value(doc="the value: a number, or yes/no"),
    mapping=Struct(doc="the value and a note about this goal alone", fields={
        "value": Value(required=True, doc="the value: a number, or yes/no"),
        "note": Text(doc="a note about this goal alone (shown only with this goal)"),
    }),
    doc="a value (a number, or yes/no), or {value, note} with a note about this goal alone",
)

HOMEWORK = AnyOf(
    scalar=Text(doc="the task"),
    mapping=Struct(doc="a task, and whether it is done", fields={
        "task": Text(required=True, doc="the task"),
        "done": DateOrYesNo(doc="the date it was done, or yes/no"),
    }),
    doc="a task, as text or as {task, done}",
)

CHECKIN = Struct(doc="a check-in", fields={
    **_CHECKIN_COMMON,
    "goal": GoalRef(doc="the goal this value is for (shorthand for a single goal)"),
    "progress": MapOf(key=GoalRef(), value=GOAL_VALUE, key_pattern=ID_PATTERN,
                      doc="values for one or more goals, by goal id: a value, or {value, note}"),
})

INLINE_CHECKIN = Struct(doc="a check-in for this goal", fields=dict(_CHECKIN_COMMON))

GOAL = Struct(doc="a goalbook goal", fields={
    "title": Text(doc="the goal in one sentence: an action, what and how often", limit=MAX_TITLE_CHARS,
                  hint="a title is one sentence: an action, what and how often; the details fit in 'notes'"),
    "area": Text(doc="the life area, e.g. relationships, work/school, mental health, physical health"),
    "values": ListOf(item=Text(), doc="the personal values it serves"),
    "why": Text(doc="why it matters to me, in my own words"),
    "priority": Number(integer=True, minimum=1, doc="1 = most important now"),
    "status": Choice(STATUS, doc="active (default), paused, achieved or dropped"),
    "start": Date(doc="when work on it began (default: the first check-in)"),
    "due": Date(doc="when I aim to reach the target"),
    "review": Choice(REVIEW, doc="how often I mean to check in (default weekly)"),
    "measure": MEASURE,
    "effort": Number(minimum=0, maximum=10080, doc="minutes per week the goal asks of me (a week has 10080)"),
    "partner": Text(doc="my accountability partner"),
    "steps": ListOf(item=STEP, doc="smaller milestones"),
    "scale": MapOf(key=LEVEL, value=SCALE_LEVEL, key_pattern=r"^-?[0-2]$",
                   doc="Goal Attainment Scaling: levels -2..2"),
    "weight": Number(above=0, doc="importance in the overall attainment score (default 1)"),
    "revisions": ListOf(item=REVISION, doc="how and why the goal was adjusted"),
    "reflection": Text(doc="what I learned, for a goal set aside or past its date"),
    "checkins": ListOf(item=INLINE_CHECKIN, doc="check-ins for this goal"),
    "private": Bool(doc="keep this goal out of the report, the partner's share and the calendar"),
    "share": ListOf(item=Choice(SHAREABLE),
                    doc="what the partner's share may show beyond the numbers: wins, why, notes"),
    "notes": Text(doc="free text (Markdown)"),
})

SESSION = Struct(doc="a therapy session", fields={
    "date": Date(required=True, doc="the day of the session"),
    "with": Text(doc="who the session was with"),
    "notes": Text(doc="free text (Markdown)"),
    "homework": ListOf(item=HOMEWORK, doc="things to try before the next session: text, or {task, done}"),
})

SETTINGS = Struct(doc="goalbook settings", unknown_code="GB008", fields={
    "title": Text(doc="the book's title"),
    "owner": Text(doc="whose goals these are"),
    "therapist": Text(doc="the therapist's name"),
    "values": ListOf(item=Text(), doc="the values I declare"),
    "areas": ListOf(item=Text(), doc="the life areas I declare"),
    "limits": Struct(doc="limits for the achievable rules", unknown_code="GB008", fields={
        "active_goals": Number(integer=True, minimum=1, doc="how many active goals at once (default 5)"),
        "weekly_minutes": Number(minimum=0, doc="minutes per week for all active goals (default 600)"),
    }),
    "report": Struct(doc="the report", unknown_code="GB008", fields={
        "since": Text(doc="last-session (default), a date YYYY-MM-DD, or a span like 30d, 6w or 2m",
                      pattern=SINCE_PATTERN,
                      pattern_message="write last-session, a date like 2026-10-01, or a span like 30d, 6w or 2m"),
        "paper": Choice(("a4", "letter"), doc="paper size of the PDF (default a4)"),
        "pdf": Choice(PDF_KINDS, doc="standard (default, tagged for screen readers), pdf/a-3b "
                      "(archival) or pdf/ua-1 (strictly accessible)"),
        "suggestions": Bool(doc="add goalbook's open suggestions to the report as an appendix (default no)"),
    }),
    "rules": MapOf(key=Text(), value=Choice(("error", "warning", "off")),
                   doc="rule code → error, warning or off"),
    "safety": Struct(doc="safety", unknown_code="GB008", fields={
        "note": Text(doc="my own crisis contact text, shown with a PHQ-9 item 9 answer above 0"),
    }),
    "output": Text(doc="the output folder (default output)"),
    "language": Text(doc="the language of the site, the report and the PDF: en (default), de or es"),
    "calendar": Struct(doc="output/calendar.ics", unknown_code="GB008", fields={
        "titles": Choice(("full", "neutral"),
                         doc="full (default): events name the goal; neutral: 'goal review', 'goal due'"),
    }),
})

BODY_FIELD = {"goal": "notes", "checkin": "note", "session": "notes"}
