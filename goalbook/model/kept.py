"""What one assembly of a book keeps for the next, in a process that checks again and
again (`serve`, the language server): work in proportion to what changed.

Kept between two checks:

* the check-ins (and their problems) each validated file gave;
* the problems each check-in's values had against the goals;
* the goals no changed check-in reaches, values and all;
* each goal's numbers as of a day.

Everything is keyed by the very object it was made from. The source cache hands
back the same validated file for as long as its bytes are the same, so an edited
file is a new object and nothing made from its old text can be found. The goals
are reused only while `goalbook.yaml` and every goal file are the same objects;
any change to them assembles the goals afresh. Nothing kept is changed after it
was made: a goal an edit reaches is built again as a new object, so the last
book stays as it was for anyone still reading it.

A check assembled this way gives exactly what a fresh check gives
(`tests/test_kept_assembly.py` compares them edit by edit).
"""
from __future__ import annotations


class Kept:
    def __init__(self) -> None:
        self._made: dict[int, tuple] = {}           # id(source) -> (source, check-ins, problems)
        self._next_made: dict[int, tuple] = {}
        self._shape: tuple = ()                     # the settings and goal files the goals came from
        self._goals: dict = {}                      # the last book's goals, by id
        self._checkins: dict[int, object] = {}      # id(check-in) -> check-in, of the last book
        self._problems: dict[int, tuple] = {}       # id(check-in) -> (check-in, problems of its values)
        self._next_problems: dict[int, tuple] = {}
        self._progress: dict[tuple, tuple] = {}     # (goal id, day) -> (goal, dates, progress)

    # -- check-ins from their files -----------------------------------------

    def made_from(self, source, make):
        """`make()` -> (check-ins, problems) for `source` (a validated file or a record),
        made again only if `source` is new."""
        found = self._made.get(id(source))
        if found is None or found[0] is not source:
            found = (source, *make())
        self._next_made[id(source)] = found
        return found[1], found[2]

    # -- goals and the values they are given ------------------------------

    def reach(self, shape: tuple, checkins: list) -> set[str] | None:
        """The ids of the goals whose values may differ from the last book's (those named by
        a check-in that is new or gone); None when every goal must be built afresh."""
        if len(shape) != len(self._shape) or any(a is not b for a, b in zip(shape, self._shape)):
            self._shape, self._goals, self._problems, self._progress = shape, {}, {}, {}
            return None
        now = {id(c): c for c in checkins}
        changed = [c for c in checkins if self._checkins.get(id(c)) is not c]
        changed += [c for key, c in self._checkins.items() if now.get(key) is not c]
        return {goal_id for c in changed for goal_id in c.goal_ids}

    def reuse_goals(self, goals: dict, reached: set[str]) -> None:
        """Put the last book's goal in place of each goal no changed check-in reaches."""
        for goal_id in goals:
            if goal_id not in reached and goal_id in self._goals:
                goals[goal_id] = self._goals[goal_id]

    def problems_of(self, checkin) -> list | None:
        found = self._problems.get(id(checkin))
        if found is None or found[0] is not checkin:
            return None
        self._next_problems[id(checkin)] = found
        return found[1]

    def keep_problems(self, checkin, problems: list) -> None:
        self._next_problems[id(checkin)] = (checkin, problems)

    def finish(self, goals: dict, checkins: list) -> None:
        """This assembly is done: what it made is what the next one may reuse."""
        self._made, self._next_made = self._next_made, {}
        self._problems, self._next_problems = self._next_problems, {}
        self._goals = dict(goals)
        self._checkins = {id(c): c for c in checkins}
        current = {id(g) for g in goals.values()}
        self._progress = {k: v for k, v in self._progress.items() if id(v[0]) in current}

    # -- numbers -----------------------------------------------------------

    def progress(self, goal, day, dates: tuple, compute):
        """The goal's numbers as of `day`: `compute()` unless this very goal was computed
        for that day with the same dates of check-ins about it."""
        found = self._progress.get((goal.id, day))
        if found is None or found[0] is not goal or found[1] != dates:
            found = (goal, dates, compute())
            self._progress[(goal.id, day)] = found
        return found[2]
