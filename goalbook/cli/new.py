from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from goalbook.cli.options import DATE, clock, fail, pass_project, project_option

PER_CHOICES = ("day", "week", "month", "level")
DEFAULT_WEEKS = 12


class OptionalNumber(click.ParamType):
    """A number, or nothing (an empty answer means "I don't know yet")."""
    name = "number"

    def __init__(self, differs_from: float | None = None, above: float | None = None):
        self.differs_from = differs_from
        self.above = above

    def convert(self, value, param, ctx):
        from goalbook.load.yamltree import Scalar
        from goalbook.schema.fields import parse_number

        if value is None or isinstance(value, (int, float)):
            return value
        text = str(value).strip()
        if not text:
            return None
        number = parse_number(Scalar(text, True, 1, 1))
        if number is None:
            self.fail(f"'{text}' is not a number; write digits, e.g. 3 or 2.5 (or leave it empty)", param, ctx)
        if self.differs_from is not None and number == self.differs_from:
            self.fail("that is where you start (the baseline); the target is where you want to get to", param, ctx)
        if self.above is not None and number <= self.above:
            self.fail(f"the highest value needs to be more than the lowest, {self.above:g}", param, ctx)
        return float(number)


class DueDate(click.ParamType):
    name = "YYYY-MM-DD"

    def __init__(self, start: date):
        self.start = start

    def convert(self, value, param, ctx):
        if value is None or value == "":
            return None
        day = DATE.convert(value, param, ctx)
        if day <= self.start:
            self.fail(f"the due date needs to be after the start, {self.start.isoformat()}", param, ctx)
        return day


@click.group()
@project_option
def new() -> None:
    """Create a new file from a template."""


@new.command("goal")
@click.argument("title")
@click.option("--id", "goal_id", help="The goal's id and file name (default: made from the title).")
@click.option("--what", help="What you count or rate, e.g. '30-minute walks'.")
@click.option("--unit", help="The unit of one value, e.g. walks, minutes, points.")
@click.option("--per", type=click.Choice(PER_CHOICES, case_sensitive=False),
              help="Values add up per day, week or month; 'level' for a rating where the latest counts.")
@click.option("--baseline", type=OptionalNumber(), help="Where you are now.")
@click.option("--target", type=OptionalNumber(), help="Where you want to be by the due date.")
@click.option("--min", "min_", type=OptionalNumber(), help="The smallest value one check-in can have, e.g. 0.")
@click.option("--max", "max_", type=OptionalNumber(), help="The largest value one check-in can have, e.g. 10.")
@click.option("--start", type=DATE, help="When you start (default: today).")
@click.option("--due", type=DATE, help="When you aim to reach the target.")
@click.option("--no-input", is_flag=True, help="Ask nothing; fields without an option are left empty.")
@pass_project
def goal(project: Path, title: str, goal_id: str | None, no_input: bool, min_, max_, **answers) -> None:
    """Create content/goals/<id>.yaml from TITLE, with every SMART field laid out.

    Unless --no-input is given, it asks for the measure, baseline, target and
    due date (the options answer those questions ahead). It never replaces a file.
    """
    from goalbook.app.new_goal import BadGoalId, GoalDraft, GoalExists, clean_title, create_goal, existing_goal, goal_id_for
    from goalbook.app.check import require_project

    today = clock().local_today()
    if not clean_title(title):
        fail("the title is empty", "write the goal in one sentence, e.g. goalbook new goal \"Walk three evenings a week\"")
    try:
        root = require_project(project)
        goal_id = goal_id_for(title, goal_id)
    except BadGoalId as exc:
        fail(str(exc), "choose one with --id: lowercase letters, digits and '-', e.g. --id evening-walks")
    taken = existing_goal(root, goal_id)
    if taken:
        _refuse(taken)
    answers.update(start=answers["start"] or today, min=min_, max=max_)
    if not no_input:
        _ask(answers)
    if answers["due"] is not None and answers["due"] <= answers["start"]:
        fail(f"--due {answers['due']} is not after the start, {answers['start']}")
    if answers["per"] == "level":
        answers["per"] = None
    try:
        created = create_goal(root, GoalDraft(title=title, **answers), goal_id, today)
    except GoalExists as exc:
        _refuse(exc.path)
    _report(created)


def _refuse(path: str) -> None:
    fail(f"there is already a goal file {path}; nothing was changed",
         "goalbook never replaces a file: edit that one, or choose another id with --id")


def _ask(answers: dict) -> None:
    """Ask for what the options didn't answer; click asks again until the answer fits."""
    try:
        if answers["what"] is None:
            answers["what"] = click.prompt("What will you count or rate? (e.g. 30-minute walks)",
                                           default="", show_default=False).strip() or None
        if answers["per"] is None:
            answers["per"] = click.prompt("Do values add up per day, week or month, or is it a level "
                                          "(a rating where the latest counts)?",
                                          type=click.Choice(PER_CHOICES, case_sensitive=False), default="week")
        if answers["per"] == "level":
            _ask_range(answers)
        if answers["unit"] is None:
            answers["unit"] = click.prompt("The unit of one value (e.g. walks, minutes, points)",
                                           default="", show_default=False).strip() or None
        if answers["baseline"] is None:
            answers["baseline"] = click.prompt("Where are you now (baseline)?", type=OptionalNumber(),
                                               default="", show_default=False)
        if answers["target"] is None:
            answers["target"] = click.prompt("Where do you want to be by the due date (target)?",
                                             type=OptionalNumber(answers["baseline"]), default="", show_default=False)
        if answers["due"] is None:
            default = answers["start"] + timedelta(weeks=DEFAULT_WEEKS)
            answers["due"] = click.prompt("When do you aim to get there (due date, YYYY-MM-DD)?",
                                          type=DueDate(answers["start"]), default=default.isoformat())
    except click.Abort:
        click.echo("", err=True)
        fail("stopped before writing anything", "to create a goal without questions, use --no-input "
             "with --due, --target, --baseline, --unit and --per", status=1)


def _ask_range(answers: dict) -> None:
    """A rating's range, so that check-ins outside it are caught (e.g. 0 and 10)."""
    if answers["min"] is None:
        answers["min"] = click.prompt("The lowest value a rating can have (e.g. 0)", type=OptionalNumber(),
                                      default="", show_default=False)
    if answers["max"] is None:
        answers["max"] = click.prompt("The highest value a rating can have (e.g. 10)",
                                      type=OptionalNumber(above=answers["min"]), default="", show_default=False)


def _report(created) -> None:
    click.echo(f"Created {created.rel_path}")
    if created.generated:
        click.echo("  (and refreshed .goalbook/, the schema your editor uses to complete and check fields)")
    if not created.suggestions:
        click.echo("It already reads as a SMART goal. Well done.")
    else:
        click.echo("A few suggestions to make it SMART; fill them in when you're ready:")
        for d in created.suggestions:
            click.echo(f"  - line {d.line}: {d.message} ({d.code})")
            if d.hint:
                click.echo(f"    {d.hint}")
    click.echo(f"Record progress with: goalbook checkin {created.goal_id} VALUE")
