"""Check-ins from their own files and from goals' `checkins:` lists, and the
values they give each goal (with GB006 and GB007 checks)."""
from __future__ import annotations

from goalbook.vocabulary import as_written

from pathlib import PurePosixPath

from goalbook.diagnostics import WARNING, Diagnostic, Fix
from goalbook.schema.fields import YesNo, is_valid_id, slugify

import difflib
from operator import attrgetter

from goalbook.model.entities import Checkin, Entry, Goal, QuestionnaireScore
from goalbook.model.measures import QUESTIONNAIRES, check_score


_ENTRY_ORDER = attrgetter("date", "source")


def build_checkins(docs, inline, goals: dict[str, Goal], problems, kept=None) -> list[Checkin]:
    """Every check-in, in order; `kept` (a `goalbook.model.kept.Kept`) has those of files
    that did not change."""
    checkins: list[Checkin] = []

    def add(source, make) -> None:
        found, said = kept.made_from(source, make) if kept is not None else make()
        checkins.extend(found)
        problems.extend(said)

    for doc in docs:
        add(doc, lambda doc=doc: _file_checkins(doc))
    for goal, record in inline:
        add(record, lambda goal=goal, record=record: _inline_checkins(goal, record))
    checkins.sort(key=lambda c: (c.date, c.source, c.pos))
    return checkins


def _file_checkins(doc) -> tuple[list[Checkin], list]:
    found, problems = [], []
    for record in doc.records:
        checkin = _checkin(record.data, doc.source.path, _with_keys(record), "", problems)
        if checkin is not None:
            found.append(checkin)
    return found, problems


def _inline_checkins(goal: Goal, record) -> tuple[list[Checkin], list]:
    found, problems = [], []
    by_index = _inline_positions(record)
    for index, data in enumerate(record.data.get("checkins", [])):
        checkin = _checkin(data, goal.source, by_index.get(index, {}), "", problems, goal.id,
                           top=record.positions.get(f"checkins.{index}", (1, 1)))
        if checkin is not None:
            found.append(checkin)
    return found, problems


def _with_keys(record) -> dict:
    """Value positions, plus key positions as '<path>:key' (a goal id is a key)."""
    return {**record.positions, **{f"{k}:key": v for k, v in record.key_positions.items()}}


def _inline_positions(record) -> dict[int, dict]:
    """A goal's positions split per inline check-in: {index: {'date': pos, ...}}, in one pass
    (a goal may hold hundreds of inline check-ins)."""
    out: dict[int, dict] = {}
    for key, pos in _with_keys(record).items():
        if key.startswith("checkins."):
            index, _, rest = key[len("checkins."):].partition(".")
            if rest and index.isdigit():
                out.setdefault(int(index), {})[rest] = pos
    return out


def _checkin(data: dict, path: str, positions: dict, prefix: str, problems, goal_id: str | None = None,
             top=None):
    if "date" not in data:
        return None
    field_pos = {k[len(prefix):]: v for k, v in positions.items() if k.startswith(prefix)} if prefix else positions
    top = top or positions.get(prefix.rstrip(".") if prefix else "", (1, 1))
    progress, goal_notes = _split_progress(data.get("progress", {}))
    checkin = Checkin(
        date=data["date"], source=path, pos=top, progress=progress, goal_notes=goal_notes,
        homework_done=list(data.get("homework_done", [])),
        mood=data.get("mood"), win=data.get("win"), obstacle=data.get("obstacle"),
        discuss=data.get("discuss"), levels=dict(data.get("levels", {})), private=data.get("private", False),
        note=data.get("note"), goal=goal_id or data.get("goal"), field_pos=field_pos,
    )
    _shorthand_value(checkin, data, path, problems)
    _questionnaires(checkin, data.get("measures", {}), path, problems)
    return checkin


def _split_progress(given: dict) -> tuple[dict[str, float], dict[str, str]]:
    """`progress:` values by goal, and the notes written for one goal (`{value, note}`)."""
    values, notes = {}, {}
    for goal_id, entry in given.items():
        if isinstance(entry, dict):
            values[goal_id] = entry["value"]
            if entry.get("note") and str(entry["note"]).strip():
                notes[goal_id] = str(entry["note"]).strip()
        else:
            values[goal_id] = entry
    return values, notes


def _shorthand_value(checkin: Checkin, data: dict, path: str, problems) -> None:
    if "value" not in data:
        return
    where = checkin.field_pos.get("value", checkin.pos)
    if checkin.goal is None:
        problems.append(Diagnostic.found(path, "GB003", *where, "this check-in has a value but no goal",
                         "add 'goal: <goal id>' next to it, or use 'progress: {goal-id: value}'"))
    elif checkin.goal in checkin.progress:
        problems.append(Diagnostic.found(path, "GB003", *where, f"the value for '{checkin.goal}' is given twice",
                         "keep either 'value:' or the entry under 'progress:'"))
    else:
        checkin.progress[checkin.goal] = data["value"]
        checkin.field_pos[f"progress.{checkin.goal}"] = where


def _questionnaires(checkin: Checkin, measures: dict, path: str, problems) -> None:
    for name, given in measures.items():
        where = checkin.field_pos.get(f"measures.{name}", checkin.pos)
        message = check_score(name, given)
        if message:
            where = _bad_item_pos(checkin, name, given, where)
            problems.append(Diagnostic.found(path, "GB007", *where, message, "PHQ-9 has 9 items and GAD-7 has 7, each scored 0–3"))
            continue
        items = list(given) if isinstance(given, list) else None
        total = sum(items) if items is not None else int(given)
        checkin.measures[name] = QuestionnaireScore(name, checkin.date, total, items, path, where)


def _bad_item_pos(checkin: Checkin, name: str, given, where):
    """The position of the first item score out of range, when that is what's wrong."""
    q = QUESTIONNAIRES.get(name)
    if q is None or not isinstance(given, list) or len(given) != q.items:
        return where
    for index, item in enumerate(given):
        if not 0 <= item <= q.item_max:
            return checkin.field_pos.get(f"measures.{name}.{index}", where)
    return where


def attach_checkins(goals: dict[str, Goal], checkins: list[Checkin], goal_files, problems,
                    only: set[str] | None = None, kept=None) -> None:
    """Give each goal its entries and levels; report unknown goals and misfit values.

    `only`: the ids of the goals to give values to (the others are the last book's, kept
    as they were); every check-in whose problems `kept` doesn't know names only these."""
    for checkin in checkins:
        known = kept.problems_of(checkin) if kept is not None else None
        if known is None:
            mine: list = []
            _attach(checkin, goals, goal_files, mine, only)
            if kept is not None:
                kept.keep_problems(checkin, mine)
            problems.extend(mine)
        else:
            problems.extend(known)
            if only:
                _attach(checkin, goals, goal_files, [], only)
    for goal_id, goal in goals.items():
        if only is None or goal_id in only:
            goal.entries.sort(key=_ENTRY_ORDER)
            goal.levels.sort()


def _attach(checkin: Checkin, goals: dict[str, Goal], goal_files, problems, only) -> None:
    if checkin.goal is not None and checkin.goal not in checkin.progress and (only is None or checkin.goal in only):
        _find_goal(checkin.goal, "progress", checkin, goals, goal_files, problems)   # `goal:` without a value
    for goal_id, value in checkin.progress.items():
        if only is not None and goal_id not in only:
            continue
        goal = _find_goal(goal_id, "progress", checkin, goals, goal_files, problems)
        if goal is not None and _fits(goal, value, checkin, goal_id, problems):
            where = _value_pos(checkin, goal_id)
            goal.entries.append(Entry(goal_id, checkin.date, float(value), checkin.source, where, checkin,
                                      yes_no=isinstance(value, YesNo)))
    for goal_id, level in checkin.levels.items():
        if only is not None and goal_id not in only:
            continue
        goal = _find_goal(goal_id, "levels", checkin, goals, goal_files, problems)
        if goal is None:
            continue
        if not goal.scale:
            where = checkin.field_pos.get(f"levels.{goal_id}:key", checkin.field_pos.get(f"levels.{goal_id}", checkin.pos))
            problems.append(Diagnostic.found(checkin.source, "GB007", *where, f"'{goal_id}' has no scale, so a level can't be placed on it",
                             "add a 'scale:' with levels -2 to 2 to the goal, or record a value instead"))
            continue
        goal.levels.append((checkin.date, level))


def _find_goal(goal_id, field, checkin, goals, goal_files, problems) -> Goal | None:
    if goal_id in goals:
        return goals[goal_id]
    if goal_id in goal_files:
        return None        # the goal's own file has problems; they are reported there
    where = _key_pos(checkin, field, goal_id)
    misnamed = _misnamed_file(goal_id, goal_files)
    if misnamed:           # one mistake, reported once (GB005, there): here only which file to rename
        problems.append(Diagnostic(checkin.source, *where, WARNING, "GB006",
                                   f"the goal '{goal_id}' is in {misnamed}, whose name can't be a goal id yet",
                                   f"rename that file to '{goal_id}{PurePosixPath(misnamed).suffix}'; "
                                   "its values count from then on"))
        return None
    close = difflib.get_close_matches(goal_id, list(goals), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else (
        "goal ids are the goal file names without extension: " + ", ".join(sorted(goals)) if goals
        else "add the goal's file to content/goals/ first")
    problems.append(Diagnostic.found(checkin.source, "GB006", *where, f"there is no goal '{goal_id}'", hint,
                                     Fix.replace(goal_id, close[0]) if close else None))
    return None


def _misnamed_file(goal_id: str, goal_files) -> str | None:
    """The goal file whose name, made a valid id, is `goal_id` (e.g. Sleep_Better.yaml)."""
    for stem in goal_files:
        if stem != goal_id and slugify(stem) == goal_id and not is_valid_id(stem):
            path = goal_files[stem] if isinstance(goal_files, dict) else f"content/goals/{stem}.yaml"
            return path
    return None


def _value_pos(checkin: Checkin, goal_id: str):
    """Where a goal's value is written (`progress.<id>`, or its `value:` in `{value, note}`)."""
    pos = checkin.field_pos
    return pos.get(f"progress.{goal_id}.value", pos.get(f"progress.{goal_id}", checkin.pos))


def _key_pos(checkin: Checkin, field: str, goal_id: str):
    if field == "progress" and checkin.goal == goal_id and "goal" in checkin.field_pos:
        return checkin.field_pos["goal"]
    return checkin.field_pos.get(f"{field}.{goal_id}:key", checkin.field_pos.get(f"{field}.{goal_id}", checkin.pos))


def _fits(goal: Goal, value: float, checkin: Checkin, goal_id: str, problems) -> bool:
    measure = goal.measure
    if measure is None:
        return True
    if measure.min is not None and measure.max is not None and measure.min > measure.max:
        return True         # the range itself is the mistake (GB009, at the goal), reported once
    if measure.min is not None and value < measure.min:     # a value's text is only made for a message
        where, shown = _value_pos(checkin, goal_id), as_written(value)
        problems.append(Diagnostic.found(checkin.source, "GB007", *where,
                         f"{shown} is below the smallest value {as_written(measure.min)} that '{goal_id}' allows",
                         _range_hint(measure)))
        return False
    if measure.max is not None and value > measure.max:
        where, shown = _value_pos(checkin, goal_id), as_written(value)
        problems.append(Diagnostic.found(checkin.source, "GB007", *where,
                         f"{shown} is above the largest value {as_written(measure.max)} that '{goal_id}' allows",
                         _range_hint(measure)))
        return False
    return True


def _range_hint(measure) -> str:
    low = "" if measure.min is None else as_written(measure.min)
    high = "" if measure.max is None else as_written(measure.max)
    unit = f" {measure.unit}" if measure.unit else ""
    return f"values for this goal go from {low or '…'} to {high or '…'}{unit}"


