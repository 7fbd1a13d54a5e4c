"""Turn validated records into the Book: goals, check-ins, sessions, settings.

Cross-file checks live here because only here are all files known: goal ids
(GB005), references to goals (GB006) and values against each goal's measure
(GB007).
"""
from __future__ import annotations

from goalbook.diagnostics import Diagnostic

from pathlib import PurePosixPath

from goalbook.model.checkins import attach_checkins, build_checkins
from goalbook.model.plausible import mark_typo_dates
from goalbook.model.homework import homework_items, mark_homework_done
from goalbook.model.kept import Kept
from goalbook.model.entities import Book, Goal, Measure, Revision, ScaleLevel, Session, Step
from goalbook.model.settings import build_settings
from goalbook.schema.fields import is_valid_id, slugify
from goalbook.schema.validate import Validated

Problem = Diagnostic


def assemble(validated: list[Validated], settings_doc: Validated | None,
             rule_codes=(), kept: Kept | None = None) -> tuple[Book, list[Problem]]:
    """The book from validated files; `rule_codes`: the codes `rules:` may name (GB008).

    `kept`: what the last assembly in this process left (`goalbook.model.kept`); the
    result is the same with or without it."""
    problems: list[Problem] = []
    settings = build_settings(settings_doc, problems, rule_codes)
    goal_docs = [v for v in validated if v.source.kind == "goal"]
    goals, inline = _build_goals(goal_docs, problems)
    checkins = build_checkins([v for v in validated if v.source.kind == "checkin"], inline, goals, problems, kept)
    goal_files = {PurePosixPath(v.source.path).stem: v.source.path for v in goal_docs}
    reached = kept.reach((settings_doc, *goal_docs), checkins) if kept is not None else None
    if reached is not None:
        kept.reuse_goals(goals, reached)
    attach_checkins(goals, checkins, goal_files, problems, reached, kept)
    mark_typo_dates(goals, reached)
    if kept is not None:
        kept.finish(goals, checkins)
    sessions = [s for v in validated if v.source.kind == "session" for s in _sessions(v)]
    sessions.sort(key=lambda s: (s.date, s.source))
    mark_homework_done(checkins, sessions, problems)
    book = Book(settings=settings, goals=goals, checkins=checkins, sessions=sessions,
                files=len(validated) + (1 if settings_doc else 0))
    return book, problems


def _build_goals(docs: list[Validated], problems: list[Problem]):
    """Goals by id, and each goal's inline check-ins as (goal, path, records)."""
    goals: dict[str, Goal] = {}
    inline = []
    for doc in docs:
        path = doc.source.path
        goal_id = PurePosixPath(path).stem
        if not is_valid_id(goal_id):
            problems.append(Diagnostic.found(path, "GB005", 1, 1, f"'{goal_id}' can't be a goal id",
                             f"rename the file to '{_slug(goal_id)}{PurePosixPath(path).suffix}': "
                             "lowercase letters, digits and '-' only"))
            continue
        if goal_id in goals:
            problems.append(Diagnostic.found(path, "GB005", 1, 1,
                             f"the goal id '{goal_id}' is already used by {goals[goal_id].source}",
                             "each goal needs its own file name; rename one of them"))
            continue
        if not doc.records:
            continue
        goals[goal_id] = _goal(goal_id, doc)
        _check_scale(goals[goal_id], problems)
        inline.append((goals[goal_id], doc.records[0]))
    return goals, inline


def _goal(goal_id: str, doc: Validated) -> Goal:
    record = doc.records[0]
    data = record.data
    measure = Measure(**data["measure"]) if "measure" in data else None
    goal = Goal(
        id=goal_id, source=doc.source.path,
        title=data.get("title"), area=data.get("area"), values=data.get("values", []),
        why=data.get("why"), priority=data.get("priority"), status=data.get("status", "active"),
        start=data.get("start"), due=data.get("due"), review=data.get("review", "weekly"),
        measure=measure, effort=data.get("effort"), partner=data.get("partner"),
        steps=[Step(**s) for s in data.get("steps", [])],
        scale={level: ScaleLevel(level, **spec) for level, spec in sorted(data.get("scale", {}).items())},
        weight=float(data.get("weight", 1.0)),
        revisions=sorted((Revision(**r) for r in data.get("revisions", [])), key=lambda r: r.date),
        reflection=data.get("reflection"), private=data.get("private", False), share=list(data.get("share", [])), notes=data.get("notes"),
        pos=dict(record.positions), has_errors=doc.has_errors, invalid=frozenset(record.invalid),
    )
    goal.pos.update({f"{k}:key": v for k, v in record.key_positions.items()})
    return goal


def _check_scale(goal: Goal, problems: list[Problem]) -> None:
    """A GAS scale's values must move with its levels in the goal's direction."""
    from goalbook.model.measures import scale_is_monotonic

    if not goal.scale or scale_is_monotonic(goal):
        return
    more = goal.measure.more_is_better if goal.measure else None
    way = {True: "rise", False: "fall", None: "move in one direction"}[more]
    problems.append(Diagnostic.found(goal.source, "GB003", *goal.at("scale"),
                     f"the scale's values don't {way} steadily from level -2 to level 2",
                     "each level's value should be further towards the target than the one below it"))


def _sessions(doc: Validated) -> list[Session]:
    return [Session(date=r.data["date"], source=doc.source.path, with_=r.data.get("with"),
                    notes=r.data.get("notes"), homework=homework_items(r.data.get("homework", []), r.positions),
                    pos=(r.line, r.column))
            for r in doc.records if "date" in r.data]


def _slug(text: str) -> str:

    return slugify(text) or "my-goal"
