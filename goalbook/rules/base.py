"""What every rule module shares: the context it runs in and how it reports.

A rule module has `CODE`, `SEVERITY` (its default), `SUMMARY` (one line for
docs and `--help`) and `check(book, ctx)`, which yields `Diagnostic`s (placed with `at`). Severity
from goalbook.yaml, and formatting, are the engine's and the CLI's business.
"""
from __future__ import annotations

from goalbook.vocabulary import as_written

from dataclasses import dataclass, field
from datetime import date

from goalbook.diagnostics import WARNING, Diagnostic, Fix
from goalbook.model.entities import Book, Goal
from goalbook.model.progress import GoalProgress, compute


@dataclass
class RuleContext:
    book: Book
    today: date
    _progress: dict[str, GoalProgress] = field(default_factory=dict)
    fields: tuple[str, ...] = ()            # the fields the running rule reads

    def progress(self, goal: Goal) -> GoalProgress:
        if goal.id not in self._progress:
            dates = [c.date for c in self.book.checkins if c.goal == goal.id]
            self._progress[goal.id] = compute(goal, self.today, dates)
        return self._progress[goal.id]


def goals_in_review(book: Book, ctx: "RuleContext", statuses=("active", "paused")):
    """Goals the SMART rules look at: active or paused. A goal whose file has a format
    error still gets every rule, except those about a field that couldn't be read
    (the rule's `FIELDS`), so one mistake is reported once, where it is."""
    return [g for g in book.goals.values() if g.status in statuses and readable(g, ctx.fields)
            and "status" not in g.invalid]


def active_goals(book: Book, ctx: "RuleContext"):
    return goals_in_review(book, ctx, ("active",))


def goals_with_measures(book: Book, ctx: "RuleContext"):
    """Every goal with a readable measure, whatever its status (the GB checks on values)."""
    return [g for g in book.goals.values() if g.measure is not None and readable(g, ctx.fields)]


def at_entry(entry, message: str, hint: str | None) -> Diagnostic:
    """A finding at a check-in value (the engine gives it the rule's code and severity)."""
    return Diagnostic(entry.source, entry.pos[0], entry.pos[1], WARNING, "", message, hint)


def readable(goal: Goal, fields) -> bool:
    """None of `fields` (or a field inside one of them) was given in a form goalbook can't use."""
    return not any(bad == f or bad.startswith(f + ".") or f.startswith(bad + ".")
                   for bad in goal.invalid for f in fields)


def at(goal: Goal, message: str, hint: str | None, *fields: str, fix: Fix | None = None) -> Diagnostic:
    """A finding on `goal`, placed at the first of `fields` present in its file (the engine
    gives it the rule's code and severity)."""
    line, column = goal.at(*fields)
    return Diagnostic(goal.source, line, column, WARNING, "", message, hint, fix)


def add_to_measure(goal: Goal, name: str) -> Fix | None:
    """The quick fix adding an empty `name:` to the goal's measure, unless the key is there already (empty)."""
    return None if f"measure.{name}:key" in goal.pos else Fix.add_field(name)




def fmt_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
