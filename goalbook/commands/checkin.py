from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from goalbook.cli import DATE, clock, fail

STANDING_WORDS = {
    "ahead": "ahead of plan",
    "on-track": "on track",
    "behind": "a little behind plan, for now",
    "no-data": "not enough check-ins yet to say how it's going",
    "achieved": "achieved",
    "dropped": "set aside",
    "paused": "paused",
}


def complete_goals(ctx, param, incomplete: str):
    """Shell completion: the goal ids of the project (-C or the current folder)."""
    from click.shell_completion import CompletionItem

    from goalbook.load.discover import SUFFIXES, is_ignored

    folder = Path(ctx.find_root().params.get("project") or ".") / "content" / "goals"
    if "=" in incomplete or not folder.is_dir():
        return []
    ids = sorted({p.stem for p in folder.iterdir() if p.suffix in SUFFIXES and not is_ignored(p.name)})
    return [CompletionItem(goal_id) for goal_id in ids if goal_id.startswith(incomplete)]


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("items", nargs=-1, metavar="GOAL VALUE | GOAL=VALUE...", shell_complete=complete_goals)
@click.option("--note", help="Free text: how it went, in your own words.")
@click.option("--date", "day", type=DATE, help="The day of the check-in (default: today).")
@click.option("--mood", help="Overall mood, 0-10.")
@click.option("--win", help="Something to celebrate.")
@click.option("--obstacle", help="What got in the way.")
@click.option("--discuss", help="Something to bring up in the next session.")
@click.option("--private", is_flag=True, help="Keep this check-in's words out of the report (values still count).")
@click.pass_obj
def checkin(project: Path, items: tuple[str, ...], day: date | None, **texts) -> None:
    """Record a check-in as a new file in content/checkins/.

    \b
    goalbook checkin evening-walks 1
    goalbook checkin evening-walks=1 phone-away=yes --mood 7 --note "Good day."

    The values are checked against each goal's measure first; nothing is
    written if one doesn't fit. Existing files are never changed.
    """
    from goalbook.project import ProjectError
    from goalbook.record import CheckinDraft, RecordError, parse_items, record

    today = clock().local_today()
    try:
        draft = CheckinDraft(day=day or today, values=parse_items(items), **texts)
        recorded = record(project, draft, today)
    except ProjectError as exc:
        fail(str(exc), exc.hint)
    except RecordError as exc:
        for message, hint in exc.more:
            click.echo(f"goalbook: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
        fail(f"{exc} — nothing was written", exc.hint, status=exc.status)
    click.echo(f"Recorded {recorded.rel_path}")
    if draft.day > today:
        click.echo(f"  (dated {draft.day}, after today: it counts from that day on)")
    for goal, progress in recorded.goals:
        click.echo(describe(goal, progress))


def describe(goal, p) -> str:
    """One line on where a goal stands, e.g. 'evening-walks: on track — 3 walks last week; target 3 by 2026-12-20'."""
    unit = f" {goal.measure.unit}" if goal.measure and goal.measure.unit else ""
    parts = []
    if p.current is not None:
        when = {"day": "yesterday", "week": "last week", "month": "last month"}.get(p.per, "latest")
        parts.append(f"{when}: {_fmt(p.current)}{unit}")
    if p.kind == "total":
        parts.append(f"this {p.per} so far: {_fmt(_open_total(goal, p))}{unit}")
    if p.target is not None:
        per = f" a {p.per}" if p.per else ""
        by = f" by {p.due.isoformat()}" if p.due else ""
        parts.append(f"target {_fmt(p.target)}{unit}{per}{by}")
    words = STANDING_WORDS.get(p.standing, p.standing)
    return f"{goal.id}: {words}" + (f" — {'; '.join(parts)}" if parts else "")


def _open_total(goal, p) -> float:
    from goalbook.model.periods import period_start

    start = period_start(p.today, p.per)
    return sum(e.value for e in goal.entries if start <= e.date <= p.today)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
