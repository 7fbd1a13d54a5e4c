"""The book as goalbook understands it, after loading and validation.

Plain, immutable-by-convention data. Every object remembers where it came
from (`source` path and `pos`, a mapping from field name to (line, column))
so rules can point at the exact place in the user's file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Pos = tuple[int, int]  # 1-based (line, column)

STATUSES = ("active", "paused", "achieved", "dropped")
REVIEW_DAYS = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 30}
DEFAULT_AREAS = ("relationships", "work/school", "mental health", "physical health")


@dataclass
class Measure:
    what: str | None = None
    unit: str | None = None
    per: str | None = None          # "day" | "week" | "month" | None (a level)
    baseline: float | None = None
    target: float | None = None
    min: float | None = None
    max: float | None = None

    @property
    def is_total(self) -> bool:
        return self.per is not None

    @property
    def more_is_better(self) -> bool | None:
        if self.baseline is None or self.target is None or self.baseline == self.target:
            return None
        return self.target > self.baseline


@dataclass
class Step:
    title: str
    due: date | None = None
    done: date | None = None


@dataclass
class Revision:
    date: date
    change: str
    why: str | None = None


@dataclass
class ScaleLevel:
    level: int                      # -2..2
    text: str
    value: float | None = None


@dataclass
class Entry:
    """One value for one goal on one day (from `progress`, `goal`/`value` or inline)."""
    goal: str
    date: date
    value: float                    # yes/no already turned into 1/0
    source: str
    pos: Pos
    checkin: "Checkin | None" = None
    yes_no: bool = False            # written as yes/no (GB010 on a reading that isn't yes/no)
    set_aside: date | None = None   # the date looks like a typo for this one (GB011): not counted


@dataclass
class Checkin:
    date: date
    source: str
    pos: Pos = (1, 1)
    progress: dict[str, float] = field(default_factory=dict)
    mood: float | None = None
    win: str | None = None
    obstacle: str | None = None
    discuss: str | None = None
    levels: dict[str, int] = field(default_factory=dict)
    measures: dict[str, "QuestionnaireScore"] = field(default_factory=dict)
    private: bool = False
    note: str | None = None         # Markdown source
    goal: str | None = None         # set for inline check-ins of a goal
    field_pos: dict[str, Pos] = field(default_factory=dict)
    goal_notes: dict[str, str] = field(default_factory=dict)    # progress: {goal: {value, note}}
    homework_done: list[str | int] = field(default_factory=list)  # task texts or 1-based numbers

    @property
    def goal_ids(self) -> set[str]:
        """Every goal the check-in gives a value, a level or a note for."""
        ids = set(self.progress) | set(self.levels) | set(self.goal_notes)
        if self.goal:
            ids.add(self.goal)
        return ids

    @property
    def sole_goal(self) -> str | None:
        """The one goal the check-in is about, if it names exactly one: then its own words
        (win, obstacle, note) are about that goal. Words of a check-in naming several goals
        belong to none of them in particular."""
        ids = self.goal_ids
        return next(iter(ids)) if len(ids) == 1 else None

    def words_for(self, goal_id: str) -> "CheckinWords":
        """What this check-in says about one goal: its own words when it names only that
        goal, and the goal's own note from `progress: {goal: {value, note}}`."""
        own = self.sole_goal == goal_id
        return CheckinWords(win=self.win if own else None, obstacle=self.obstacle if own else None,
                            note=self.note if own else None, goal_note=self.goal_notes.get(goal_id))


@dataclass(frozen=True)
class CheckinWords:
    win: str | None = None
    obstacle: str | None = None
    note: str | None = None         # the check-in's note (Markdown)
    goal_note: str | None = None    # the note written for this goal alone (plain text)

    def __bool__(self) -> bool:
        return bool(self.win or self.obstacle or self.note or self.goal_note)


@dataclass
class QuestionnaireScore:
    name: str                       # "phq9" | "gad7"
    date: date
    total: int
    items: list[int] | None = None  # when given item by item
    source: str = ""
    pos: Pos = (1, 1)


@dataclass
class Homework:
    """One task from a session. `done` is as the session file says (a date, yes/no or
    nothing); `marked` are the days of check-ins whose `homework_done` names it."""
    task: str
    done: date | bool | None = None
    marked: list[date] = field(default_factory=list)
    pos: Pos = (1, 1)

    def done_by(self, day: date) -> bool:
        """Done as of `day`: a done date on or before it, `done: yes`, or a check-in by then."""
        if self.done is True:
            return True
        if isinstance(self.done, date) and self.done <= day:
            return True
        return any(d <= day for d in self.marked)

    def done_on(self, day: date) -> date | None:
        """The first day it was known done, on or before `day` (None for `done: yes` alone)."""
        days = [d for d in self.marked if d <= day]
        if isinstance(self.done, date) and self.done <= day:
            days.append(self.done)
        return min(days) if days else None

    def __str__(self) -> str:
        return self.task


@dataclass
class Session:
    date: date
    source: str
    with_: str | None = None
    notes: str | None = None
    homework: list[Homework] = field(default_factory=list)
    pos: Pos = (1, 1)


@dataclass
class Goal:
    id: str
    source: str
    title: str | None = None
    area: str | None = None
    values: list[str] = field(default_factory=list)
    why: str | None = None
    priority: int | None = None
    status: str = "active"
    start: date | None = None       # as written; see `start_on`
    due: date | None = None
    review: str = "weekly"
    measure: Measure | None = None
    effort: float | None = None
    partner: str | None = None
    steps: list[Step] = field(default_factory=list)
    scale: dict[int, ScaleLevel] = field(default_factory=dict)
    weight: float = 1.0
    revisions: list[Revision] = field(default_factory=list)
    reflection: str | None = None
    private: bool = False
    share: list[str] = field(default_factory=list)          # what the partner's share may show: wins, why, notes
    notes: str | None = None        # Markdown source
    entries: list[Entry] = field(default_factory=list)      # sorted by date
    levels: list[tuple[date, int]] = field(default_factory=list)  # GAS levels from check-ins
    pos: dict[str, Pos] = field(default_factory=dict)       # field path ("measure.baseline") -> position
    has_errors: bool = False        # the file has format errors (reported as GB…)
    invalid: frozenset = frozenset()  # fields given but unusable: the rules about them stay quiet

    def start_on(self, today: date) -> date | None:
        """`start`, else the first check-in on or before `today` (later ones aren't seen yet)."""
        if self.start is not None:
            return self.start
        seen = [e.date for e in self.entries if e.date <= today and e.set_aside is None]
        return seen[0] if seen else None

    def at(self, *names: str) -> Pos:
        """Position of the first of `names` present in the file, else of the file's top."""
        for name in names:
            if name in self.pos:
                return self.pos[name]
        return self.pos.get("", (1, 1))


@dataclass
class Settings:
    title: str = "My goalbook"
    owner: str | None = None
    therapist: str | None = None
    values: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=lambda: list(DEFAULT_AREAS))
    active_goals_limit: int = 5
    weekly_minutes_limit: float = 600
    report_since: str | date = "last-session"
    report_paper: str = "a4"
    report_pdf: str = "standard"    # "standard" | "pdf/a-3b" | "pdf/ua-1"
    report_suggestions: bool = False    # the appendix of open suggestions in the report
    safety_note: str | None = None
    rules: dict[str, str] = field(default_factory=dict)
    output: str = "output"
    calendar_titles: str = "full"   # "full" | "neutral"
    language: str = "en"            # one of goalbook.vocabulary.LANGUAGES
    source: str = "goalbook.yaml"
    pos: dict[str, Pos] = field(default_factory=dict)


@dataclass
class Book:
    settings: Settings
    goals: dict[str, Goal]                      # by id, in file order
    checkins: list[Checkin]                     # sorted by date, then source
    sessions: list[Session]                     # sorted by date
    files: int = 0                              # how many files were read
