"""A hand-made book for the report, homework, notes and values tests (not Sam's example).

Three active goals (gym, journaling, a rating), one private goal, an area typo
("mental helth"), a value nobody declared, a declared value no goal serves, two
sessions with homework (text and {task, done}), check-ins that tick homework
off by text and by number, per-goal notes, a check-in whose win names two
goals, a revision that lowers a target, and a PHQ-9 with item 9 above 0.
"""
from __future__ import annotations

SETTINGS = """\
title: Robin's goals
owner: Robin
therapist: Dr Ada Okafor
values: [health, honesty, courage, play]
areas: [physical health, mental health, relationships, work/school]
report:
  since: last-session
"""

GYM = """\
title: Go to the gym twice a week after work
area: physical health
values: [health]
why: Moving my body is the one thing that reliably lifts a grey week.
priority: 1
start: 2026-09-01
due: 2027-01-31
measure:
  what: gym visits
  unit: visits
  per: week
  baseline: 0
  target: 2
  min: 0
revisions:
  - date: 2026-10-05
    change: target 4 → 2
    why: four a week left no evenings for anything else
"""

JOURNAL = """\
title: Write three lines in my journal every evening
area: mental helth
values: [honesty, reflection]
why: Writing it down stops the same thought going round all night.
priority: 2
start: 2026-09-01
due: 2027-02-28
review: daily
measure:
  what: evenings with three lines written
  unit: evenings
  per: week
  baseline: 1
  target: 6
  min: 0
"""

WORRY = """\
title: Rate my Sunday-evening worry about work, from 8 down to 4
area: work/school
values: [courage]
why: Sunday evenings are mine, not the office's.
priority: 3
start: 2026-09-06
due: 2027-03-01
measure:
  what: worry on Sunday evening, 0–10
  unit: points
  baseline: 8
  target: 4
  min: 0
  max: 10
"""

SECRET = """\
title: Cut down the evening wine to two glasses a week
area: physical health
values: [health]
why: zqsecretwhy
private: yes
start: 2026-09-01
due: 2027-01-31
measure:
  what: glasses
  unit: glasses
  per: week
  baseline: 10
  target: 2
  min: 0
"""

SESSION_1 = """\
---
date: 2026-10-27
with: Dr Ada Okafor
homework:
  - Notice one thing that went well each day
  - task: Book the induction at the new gym
    done: 2026-10-29
---
We talked about the gym and about Sunday evenings.
"""

SESSION_2 = """\
---
date: 2026-11-10
with: Dr Ada Okafor
homework:
  - Pack the gym bag the night before
  - Write the Sunday worry down before 8pm, then close the notebook
  - task: Ask Sam about the weekend plan
    done: no
---
Homework for the next two weeks.
"""


def weekly(day: str, gym: int, journal: int, worry: int | None = None, **extra) -> str:
    lines = [f"date: {day}", "progress:", f"  gym: {gym}", f"  journal: {journal}"]
    if worry is not None:
        lines.append(f"  worry: {worry}")
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


def write_rich_book(book) -> None:
    """Write the book into a `conftest.Book`."""
    book.write("goalbook.yaml", SETTINGS)
    book.write("content/goals/gym.yaml", GYM)
    book.write("content/goals/journal.yaml", JOURNAL)
    book.write("content/goals/worry.yaml", WORRY)
    book.write("content/goals/wine.yaml", SECRET)
    book.write("content/sessions/2026-10-27.md", SESSION_1)
    book.write("content/sessions/2026-11-10.md", SESSION_2)
    days = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12",
            "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"]
    for n, day in enumerate(days):
        book.write(f"content/checkins/{day}.yaml",
                   weekly(day, gym=min(2, n // 3), journal=min(6, 1 + n // 2), worry=max(4, 8 - n // 2),
                          mood=5 + n % 3))
    book.write("content/checkins/2026-10-13.yaml", "date: 2026-10-13\nmeasures:\n  phq9: 12\n  gad7: 9\n")
    # Within the period (since the session on 10 Nov):
    book.write("content/checkins/2026-11-12.yaml", """\
        date: 2026-11-12
        progress:
          gym: 1
          journal: 1
        win: Back at the gym twice!
        homework_done: [1]
        """)
    book.write("content/checkins/2026-11-14.yaml", """\
        date: 2026-11-14
        progress:
          journal:
            value: 1
            note: Three lines about the argument, and then I slept.
          gym:
            value: 1
            note: Legs day; the induction paid off.
        mood: 6
        discuss: Whether the Sunday worry is really about work
        """)
    book.write("content/checkins/2026-11-15.yaml", """\
        date: 2026-11-15
        goal: worry
        value: 5
        note: Wrote the worry down at 7.30 and closed the notebook. It helped a bit.
        homework_done:
          - write the sunday worry down before 8pm,   then close the notebook
        measures:
          phq9: [1, 1, 1, 1, 1, 1, 0, 0, 1]
          gad7: 5
        """)
    book.write("content/checkins/2026-11-18.yaml", """\
        date: 2026-11-18
        progress:
          wine: 4
          journal: 1
        note: zqsharednote about the week in general.
        """)
    book.write("content/checkins/2026-11-19.yaml", """\
        date: 2026-11-19
        progress:
          wine:
            value: 3
            note: zqwinenote
        private: yes
        note: zqprivatecheckin
        """)
