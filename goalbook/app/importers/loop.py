"""`goalbook import loop`: Loop Habit Tracker's CSV export → a goal draft per
habit and its check-marks as check-ins, one file per habit and month.

What a check-mark counts:

* yes/no habits: YES_MANUAL is `yes` (1), NO is `no` (0). YES_AUTO is the
  day Loop marks "not expected today" after a completion; it is not one, so it
  isn't recorded. SKIP and UNKNOWN are not values either. A day's note is kept.
* numeric habits: Loop stores the value times 1000; 2500 is 2.5.

A habit's frequency gives the goal's period: n in 1 day → per day, n in 7 days
→ per week, n in 30 (or 31) days → per month; any other (e.g. once in 2 days)
becomes per week, its target scaled to a week (3.5).
"""
from __future__ import annotations

from goalbook.vocabulary import as_written

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from goalbook.app.importers.base import Draft, ImportContext, Item, Plan, clean_text, plural
from goalbook.app.importers.loop_export import Habit, read_loop_export
from goalbook.errors import GoalbookError
from goalbook.app.new_goal import GoalDraft
from goalbook.schema.fields import slugify
from goalbook.schema.fields import is_valid_id

NOT_VALUES = {"YES_AUTO": "YES_AUTO (not expected that day)", "SKIP": "SKIP", "UNKNOWN": "UNKNOWN"}
PERIOD_WORDS = {"day": "a day", "week": "a week", "month": "a month"}


@dataclass(frozen=True)
class Frequency:
    per: str
    target: float | None              # per `per`
    phrase: str                       # "3 times a week", "every day"
    scaled: bool                      # Loop's own period was not a day, week or month


class LoopImporter:
    name = "loop"
    app = "Loop Habit Tracker"
    expected = ("a Loop Habit Tracker CSV export: the zip from Loop's Settings → Export as CSV, or its "
                "unzipped folder, with Habits.csv (Position,Name,Type,Question,Description,FrequencyNumerator,"
                "FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?) and a folder "
                "'NNN <habit>' with Checkmarks.csv for each habit")

    def read(self, path: Path, context: ImportContext) -> Plan:
        habits = read_loop_export(path, self)
        _check_maps(context, habits)
        plan = Plan()
        ids = _goal_ids(habits, context)
        not_values: Counter = Counter()
        for habit, goal_id in zip(habits, ids):
            if habit.marks_from is None:      # listed in Habits.csv, but left out when exporting
                plan.notes.append(f"the habit '{habit.name}' has no check-marks in this export; not imported")
                continue
            items = _items(habit, goal_id)
            plan.items.extend(items)
            not_values.update(NOT_VALUES[m.status] for m in habit.marks if m.status in NOT_VALUES)
            if habit.name.casefold() not in context.maps:
                start = items[0].day if items else context.today
                plan.drafts.append(Draft(goal_id, _draft(habit, start), f"the habit '{habit.name}'"))
        if not_values:
            plan.notes.append("not counted, as Loop means them: " + ", ".join(
                f"{name} on {plural(n, 'day')}" for name, n in not_values.most_common()))
        return plan


def _check_maps(context: ImportContext, habits: list[Habit]) -> None:
    names = {h.name.casefold() for h in habits}
    for name in context.maps:
        if name not in names:
            raise GoalbookError(f"--map names the habit '{name}', which isn't in this export",
                                "the habits are: " + ", ".join(sorted(h.name for h in habits)) if habits
                                else "this export has no habits")


def _goal_ids(habits: list[Habit], context: ImportContext) -> list[str]:
    """A goal id per habit: the --map one, else from its name (the same on every run)."""
    ids, used = [], set()
    for index, habit in enumerate(habits):
        mapped = context.maps.get(habit.name.casefold())
        if mapped:
            ids.append(mapped)
            continue
        base = slugify(habit.name)
        if not base or not is_valid_id(base):
            base = f"habit-{habit.position if habit.position is not None else index + 1}"
        goal_id, n = base, 2
        while goal_id in used:
            goal_id, n = f"{base}-{n}", n + 1
        used.add(goal_id)
        ids.append(goal_id)
    return ids


def _items(habit: Habit, goal_id: str) -> list[Item]:
    items = []
    for mark in habit.marks:
        data: dict = {"date": mark.day, "goal": goal_id}
        if mark.value is not None:
            data["value"] = mark.value
        note = clean_text(mark.note)
        if note:
            data["note"] = note
        if "value" in data or note:
            items.append(Item(mark.day, data, group=goal_id))
    return items


def frequency(habit: Habit) -> Frequency:
    times, days = habit.numerator, habit.denominator
    per = {1: "day", 7: "week", 30: "month", 31: "month"}.get(days)
    if habit.numeric:
        target = habit.target
        if per is None:
            target = None if target is None else round(target * 7 / days, 2)
        phrase = PERIOD_WORDS[per or "week"] if days in (1, 7, 30, 31) else f"in {days} days"
        return Frequency(per or "week", target, phrase, per is None)
    if per is None:
        phrase = "every other day" if (times, days) == (1, 2) else (
            f"every {days} days" if times == 1 else f"{times} times in {days} days")
        return Frequency("week", round(times * 7 / days, 2), phrase, True)
    if (times, per) == (1, "day"):
        phrase = "every day"
    elif times == 1:
        phrase = f"once {PERIOD_WORDS[per]}"
    else:
        phrase = f"{times} times {PERIOD_WORDS[per]}"
    return Frequency(per, float(times), phrase, False)


def _draft(habit: Habit, start) -> GoalDraft:
    freq = frequency(habit)
    if habit.numeric:
        unit = habit.unit
        amount = f"{'at most' if habit.at_most else 'at least'} {as_written(habit.target)} {unit or ''}".rstrip() \
            if habit.target is not None else ""
        title = f"{habit.name}: {amount} {freq.phrase}" if amount else f"{habit.name} {freq.phrase}"
        return GoalDraft(title=title, start=start, what=habit.question or habit.name, unit=unit, per=freq.per,
                         target=freq.target, min=0, status="dropped" if habit.archived else "active",
                         notes=_notes(habit, freq))
    return GoalDraft(title=f"{habit.name} {freq.phrase}", start=start, what=habit.question or habit.name,
                     unit="days", per=freq.per, target=freq.target, min=0, max=1,
                     status="dropped" if habit.archived else "active", notes=_notes(habit, freq))


def _notes(habit: Habit, freq: Frequency) -> str:
    lines = [f"Imported from Loop Habit Tracker: the habit '{habit.name}'"
             + (f" ({habit.question})" if habit.question else "")
             + (", archived there." if habit.archived else ".")]
    if habit.numeric:
        lines.append("Each day's amount is one check-in; they add up per " + freq.per + ".")
        if habit.at_most:
            lines.append("Loop's target is a maximum: less is better, so give a baseline (where you are now) above the target.")
    else:
        lines.append("A day you did it counts 1 (yes), a day marked no counts 0.")
    if freq.scaled and habit.numeric and habit.target is not None:
        lines.append(f"Loop's target is {as_written(habit.target)} in {habit.denominator} days; "
                     f"here that is {as_written(freq.target)} a week.")
    elif freq.scaled and not habit.numeric:
        lines.append(f"Loop asks for it {plural(habit.numerator, 'time')} in {habit.denominator} days; "
                     f"here that is {as_written(freq.target)} days a week.")
    text = " ".join(lines)
    if habit.description:
        text += f"\n\nLoop's description: {habit.description}"
    return text


