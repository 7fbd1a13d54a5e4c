"""Write a synthetic, realistic goalbook project for benchmarks.

    .venv/bin/python bench/make_book.py OUT [--end 2026-11-22] [--seed 7]

The book (deterministic for a given seed and end day):

* ``goalbook.yaml`` declaring the values and areas the goals use,
* 20 goals of mixed kinds, in ``.yaml`` and ``.md``: weekly / daily / monthly
  totals, yes/no habits, 0–10 ratings where less is better, Goal Attainment
  Scaling goals with and without level values, a few paused / achieved /
  dropped ones (with reflections), steps, revisions and inline check-ins,
* one year of daily check-ins as ``content/checkins/YYYY-MM-DD.yaml`` ending on
  the end day (values for the goals reviewed daily, some of the others, mood,
  now and then a win or an obstacle),
* a weekly review every Sunday as ``YYYY-MM-DD-weekly-review.md``: front
  matter (mood, GAS levels, PHQ-9 / GAD-7 every other week) and a Markdown
  note of about 300 words,
* two therapy sessions a month as ``content/sessions/*.md``.

The book is meant to check clean (no errors); warnings are fine.
Other benches import it: ``from bench import make_book; make_book.make_book(root)``.
"""
from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

END = date(2026, 11, 22)
SEED = 7
DAYS = 365

VALUES = ["connection", "health", "calm", "courage", "rest", "creativity", "honesty", "learning"]
AREAS = ["relationships", "work/school", "mental health", "physical health", "leisure"]

WORDS = ("walk evening calm breath meeting sister phone garden notice tired hopeful small step honest "
         "morning kettle rain bus friend choir quiet slow chest shoulders list kind plan again enough "
         "maybe today window light heavy easier week work sleep early late talk listen laugh worried "
         "proud stuck tried managed forgot remembered canal park kitchen desk train lunch dinner").split()


@dataclass
class GoalSpec:
    id: str
    title: str
    area: str
    values: list[str]
    kind: str               # week | day | month | habit | rating | gas | gas-values
    baseline: float
    target: float
    low: float              # smallest value a check-in may give
    high: float             # largest
    unit: str
    what: str
    status: str = "active"
    suffix: str = ".yaml"
    daily: bool = False     # gets a value in (nearly) every daily check-in


GOALS = [
    GoalSpec("evening-walks", "Walk for 30 minutes on four evenings a week", "physical health", ["health", "calm"],
             "week", 0, 4, 0, 1, "walks", "30-minute walks", daily=True),
    GoalSpec("phone-away", "Leave my phone in the kitchen by 23:00 every night", "mental health", ["rest"],
             "habit", 1, 6, 0, 1, "nights", "nights the phone stayed out", daily=True),
    GoalSpec("water", "Drink six glasses of water a day at work", "physical health", ["health"],
             "day", 2, 6, 0, 12, "glasses", "glasses of water", daily=True),
    GoalSpec("meeting-anxiety", "Practise box breathing before team meetings to bring my anxiety from 7 to 3",
             "work/school", ["courage", "calm"], "rating", 7, 3, 0, 10, "points", "anxiety before a meeting, 0-10",
             suffix=".md"),
    GoalSpec("call-sister", "Call my sister for a proper talk twice a month", "relationships", ["connection"],
             "month", 0, 2, 0, 1, "calls", "calls with my sister"),
    GoalSpec("choir", "Sing at twelve Thursday rehearsals of the community choir", "leisure",
             ["connection", "creativity"], "week", 0, 1, 0, 1, "rehearsals", "rehearsals", suffix=".md"),
    GoalSpec("sleep-by-midnight", "Be asleep by midnight on five nights a week", "mental health", ["rest"],
             "habit", 2, 5, 0, 1, "nights", "nights asleep by midnight", daily=True),
    GoalSpec("journal", "Write three lines in my journal every evening", "mental health", ["honesty"],
             "day", 0, 1, 0, 1, "entries", "journal entries", daily=True, suffix=".md"),
    GoalSpec("speak-up", "Say one thing in the first ten minutes of every Monday meeting", "work/school",
             ["courage"], "gas", 0, 4, 0, 1, "meetings", "Mondays I spoke early"),
    GoalSpec("low-mood-days", "Use my coping plan on low days so they drop from four a week to one",
             "mental health", ["calm"], "week", 4, 1, 0, 1, "days", "low days", suffix=".md"),
    GoalSpec("reading", "Read twenty pages of a novel on weekday evenings", "leisure", ["learning", "rest"],
             "week", 20, 100, 0, 40, "pages", "pages read"),
    GoalSpec("cooking", "Cook a meal from scratch three times a week", "physical health", ["health", "creativity"],
             "week", 0, 3, 0, 1, "meals", "meals cooked", daily=True),
    GoalSpec("worry-time", "Keep worries to one fifteen-minute worry time a day", "mental health", ["calm"],
             "rating", 8, 3, 0, 10, "points", "how much worry took over the day, 0-10", daily=True),
    GoalSpec("friends", "Meet a friend in person once a week", "relationships", ["connection"],
             "gas-values", 0, 4, 0, 1, "meetings", "times I met a friend", suffix=".md"),
    GoalSpec("spin-class", "Go to the Tuesday and Thursday spin class", "physical health", ["health"],
             "week", 0, 2, 0, 1, "classes", "classes", status="dropped"),
    GoalSpec("course", "Finish the evening pottery course, one session a week", "leisure", ["creativity", "learning"],
             "month", 0, 4, 0, 1, "sessions", "sessions attended", status="achieved", suffix=".md"),
    GoalSpec("budget", "Check my bank account every Sunday and write down three numbers", "work/school",
             ["honesty"], "week", 0, 1, 0, 1, "checks", "Sunday checks", status="paused"),
    GoalSpec("stretching", "Stretch for ten minutes after work on five days a week", "physical health",
             ["health", "rest"], "habit", 0, 5, 0, 1, "days", "days with stretching", daily=True),
    GoalSpec("boundaries", "Say no to one extra task a week when my list is full", "work/school",
             ["courage", "honesty"], "gas", 0, 1, 0, 1, "times", "extra tasks I said no to", suffix=".md"),
    GoalSpec("screen-free-meals", "Eat dinner without a screen on six days a week", "relationships",
             ["connection", "rest"], "habit", 1, 6, 0, 1, "dinners", "screen-free dinners", daily=True),
]


def make_book(root: Path, end: date = END, seed: int = SEED, days: int = DAYS, clean: bool = True) -> dict:
    """Write the book into `root`; return {kind: number of files}."""
    root = Path(root)
    if clean and root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    start = end - timedelta(days=days - 1)
    counts = {"settings": 0, "goals": 0, "checkins": 0, "reviews": 0, "sessions": 0}

    _write(root / "goalbook.yaml", _settings())
    counts["settings"] = 1
    for index, spec in enumerate(GOALS):
        _write(root / "content" / "goals" / (spec.id + spec.suffix), _goal(spec, index, start, end, rng))
        counts["goals"] += 1
    for offset in range(days):
        day = start + timedelta(days=offset)
        _write(root / "content" / "checkins" / f"{day.isoformat()}.yaml", _daily(day, offset, days, rng))
        counts["checkins"] += 1
        if day.weekday() == 6:
            _write(root / "content" / "checkins" / f"{day.isoformat()}-weekly-review.md",
                   _review(day, offset, days, rng))
            counts["reviews"] += 1
    month = date(start.year, start.month, 1)
    while month <= end:
        for day_of_month in (6, 20):
            day = month.replace(day=day_of_month)
            if start <= day <= end:
                _write(root / "content" / "sessions" / f"{day.isoformat()}-session.md", _session(day, rng))
                counts["sessions"] += 1
        month = (month + timedelta(days=32)).replace(day=1)
    return counts


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _settings() -> str:
    return (
        "title: Bench goalbook\nowner: Sam\ntherapist: Maya Lindqvist\n"
        "values:\n" + "".join(f"  - {v}\n" for v in VALUES)
        + "areas:\n" + "".join(f"  - {a}\n" for a in AREAS)
        + "limits:\n  active_goals: 20\n  weekly_minutes: 3000\nreport:\n  since: last-session\n"
    )


def _sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def _note(rng: random.Random, words: int = 300) -> str:
    """About `words` words of Markdown: paragraphs, a short list, some emphasis."""
    paragraphs, count = [], 0
    while count < words:
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
        count += sum(len(s.split()) for s in sentences)
        paragraphs.append(" ".join(sentences))
    paragraphs.insert(1, "\n".join(f"- {_sentence(rng, 3, 7)}" for _ in range(3)))
    paragraphs[-1] = "**Next week:** " + paragraphs[-1]
    return "\n\n".join(_wrap(p) for p in paragraphs) + "\n"


def _wrap(text: str, width: int = 78) -> str:
    if text.startswith("- "):
        return text
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _goal_start(spec: GoalSpec, start: date) -> date:
    return start + timedelta(days=GOALS.index(spec) * 3)


def _started(goal_id: str, day: date, start: date) -> bool:
    """Whether the goal has started by `day`: a value before its start is GB011."""
    return day >= _goal_start(next(s for s in GOALS if s.id == goal_id), start)


def _goal(spec: GoalSpec, index: int, start: date, end: date, rng: random.Random) -> str:
    goal_start = _goal_start(spec, start)
    due = end + timedelta(days=30 + 10 * index)
    lines = [f"title: {spec.title}", f"area: {spec.area}", "values:"]
    lines += [f"  - {v}" for v in spec.values]
    lines += [f"why: >-\n  {_wrap(_sentence(rng, 12, 20)).replace(chr(10), chr(10) + '  ')}",
              f"priority: {index % 5 + 1}", f"status: {spec.status}", f"start: {goal_start.isoformat()}"]
    if spec.status == "achieved":
        due = end - timedelta(days=20)
    lines += [f"due: {due.isoformat()}", f"review: {'daily' if spec.daily else 'weekly'}",
              f"effort: {30 + 15 * (index % 6)}", f"weight: {1 + index % 3}"]
    if spec.kind in ("gas", "gas-values"):
        lines += _scale(spec)
    per = {"day": "day", "month": "month", "rating": None}.get(spec.kind, "week")   # a rating is a level
    lines += ["measure:", f"  what: {spec.what}", f"  unit: {spec.unit}"] + ([f"  per: {per}"] if per else [])
    lines += [f"  baseline: {_num(spec.baseline)}", f"  target: {_num(spec.target)}",
              f"  min: {_num(spec.low)}", f"  max: {_num(spec.high)}"]
    lines.append("steps:")
    for step in range(3):
        step_due = goal_start + timedelta(days=40 * (step + 1))
        lines.append(f"  - title: {_sentence(rng, 3, 6)[:-1]}")
        lines.append(f"    due: {step_due.isoformat()}")
        if step_due < end - timedelta(days=10):
            lines.append(f"    done: {(step_due - timedelta(days=rng.randint(0, 5))).isoformat()}")
    lines += ["revisions:", f"  - date: {(goal_start + timedelta(days=60)).isoformat()}",
              f"    change: {_sentence(rng, 4, 8)[:-1]}", f"    why: {_sentence(rng, 5, 10)[:-1]}"]
    if spec.status in ("achieved", "dropped", "paused"):
        lines.append(f"reflection: {_quote(_sentence(rng, 15, 25))}")
    if spec.kind in ("month", "week") and not spec.daily and spec.kind != "gas-values":
        # Values for the goals that aren't in the daily check-ins live in the goal itself.
        lines.append("checkins:")
        for day in _every(goal_start, end, 7 if spec.kind == "week" else 14):
            value = _value(spec, (day - start).days, (end - start).days, rng)
            entry = f"  - {{date: {day.isoformat()}, value: {_num(value)}}}"
            if rng.random() < 0.2:
                entry = f"  - date: {day.isoformat()}\n    value: {_num(value)}\n    note: {_quote(_sentence(rng))}"
            lines.append(entry)
    text = "\n".join(lines) + "\n"
    if spec.suffix == ".md":
        return "---\n" + text + "---\n" + _note(rng, 120)
    return text + f"notes: |\n  {_note(rng, 80).rstrip().replace(chr(10), chr(10) + '  ')}\n".replace("\n  \n", "\n\n")


def _scale(spec: GoalSpec) -> list[str]:
    lines = ["scale:"]
    for level, text in ((-2, "much less than expected"), (-1, "somewhat less"), (0, "what I expect"),
                        (1, "somewhat more"), (2, "much more than expected")):
        lines.append(f"  {level}:")
        lines.append(f"    text: {text}")
        if spec.kind == "gas-values":
            lines.append(f"    value: {level + 2}")
    return lines


def _every(first: date, last: date, step: int):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=step)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _value(spec: GoalSpec, offset: int, days: int, rng: random.Random) -> float:
    """A noisy value drifting from baseline towards target over the year."""
    share = min(1.0, max(0.0, offset / max(days, 1)))
    if spec.kind in ("habit", "gas-values") or (spec.kind in ("week", "day", "month") and spec.high == 1):
        per_day = {"habit": 7, "week": 7, "gas-values": 7, "day": 1, "month": 30}[spec.kind]
        chance = (spec.baseline + (spec.target - spec.baseline) * share) / per_day
        return 1 if rng.random() < chance + rng.uniform(-0.15, 0.15) else 0
    level = spec.baseline + (spec.target - spec.baseline) * share + rng.uniform(-1.5, 1.5)
    if spec.kind == "week" and spec.high > 1:
        level = level / 5     # read on weekdays: a weekly total spread over five days
    return float(min(spec.high, max(spec.low, round(level))))


def _daily(day: date, offset: int, days: int, rng: random.Random) -> str:
    lines = [f"date: {day.isoformat()}", "progress:"]
    start = day - timedelta(days=offset)
    for spec in GOALS:
        if spec.status != "active" or spec.kind == "gas" or not _started(spec.id, day, start):
            continue
        if spec.daily or (spec.id == "reading" and day.weekday() < 5) or (
                spec.id == "friends" and rng.random() < 0.25):
            value = _value(spec, offset, days, rng)
            shown = ("yes" if value else "no") if spec.kind == "habit" else _num(value)
            lines.append(f"  {spec.id}: {shown}")
    lines.append(f"mood: {min(10, max(0, 4 + offset * 3 // days + rng.randint(-2, 2)))}")
    if rng.random() < 0.3:
        lines.append(f"win: {_sentence(rng)}")
    if rng.random() < 0.2:
        lines.append(f"obstacle: {_sentence(rng)}")
    if rng.random() < 0.1:
        lines.append(f"discuss: {_sentence(rng)}")
    if rng.random() < 0.4:
        lines.append("note: |\n  " + _wrap(" ".join(_sentence(rng) for _ in range(3))).replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


def _review(day: date, offset: int, days: int, rng: random.Random) -> str:
    share = offset / days
    start = day - timedelta(days=offset)
    anxiety = max(0, min(10, round(7 - 4 * share + rng.uniform(-1, 1))))
    levels = {"speak-up": max(-2, min(2, round(-2 + 3 * share + rng.uniform(-0.6, 0.6)))),
              "boundaries": max(-2, min(2, round(-1 + 2 * share + rng.uniform(-0.6, 0.6))))}
    lines = [f"date: {day.isoformat()}", f"mood: {min(10, 4 + round(3 * share))}",
             f"win: {_sentence(rng)}", f"obstacle: {_sentence(rng)}", f"discuss: {_sentence(rng)}"]
    if _started("meeting-anxiety", day, start):
        lines += ["progress:", f"  meeting-anxiety: {anxiety}"]
    started = [f"  {goal_id}: {level}" for goal_id, level in levels.items() if _started(goal_id, day, start)]
    if started:
        lines += ["levels:", *started]
    if (offset // 7) % 2 == 0:
        phq = [max(0, min(3, round(2 - 1.5 * share + rng.uniform(-0.7, 0.7)))) for _ in range(9)]
        phq[8] = 0
        lines += ["measures:", f"  phq9: [{', '.join(map(str, phq))}]",
                  f"  gad7: {max(0, min(21, round(14 - 8 * share + rng.uniform(-2, 2))))}"]
    return "---\n" + "\n".join(lines) + "\n---\n" + _note(rng, 300)


def _session(day: date, rng: random.Random) -> str:
    homework = "".join(f"  - {_sentence(rng, 5, 12)[:-1]}\n" for _ in range(rng.randint(1, 3)))
    return f"---\ndate: {day.isoformat()}\nwith: Maya Lindqvist\nhomework:\n{homework}---\n" + _note(rng, 200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the book into (replaced)")
    parser.add_argument("--end", type=date.fromisoformat, default=END, help="the last day of check-ins")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--days", type=int, default=DAYS)
    args = parser.parse_args(argv)
    counts = make_book(args.out, args.end, args.seed, args.days)
    print(f"{args.out}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items())
          + f" ({sum(counts.values())} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
