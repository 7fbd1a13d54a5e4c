"""A303 Achievable: at the recent pace the target is reached well after `due`.

Method: the goal's own check-in history. The progress model fits a
least-squares line through the goal's last six points (period totals for a
`per` measure, readings for a level) and extends it to the target: that is
the projected date. If it falls more than SLACK_DAYS, or a tenth of the
goal's span if longer, after `due`, the rule says so and when. With fewer than
three points, or a trend that is flat or going the other way, nothing is
projected and the rule stays quiet: that is not enough to judge a pace.

It also speaks when the recent trend moves *away* from the target (the model's
`trend`, from the same fitted line): a falling series toward a rising target
is worth a look before the due date, not after.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at, fmt_date
from goalbook.vocabulary import with_unit

CODE = "A303"
SEVERITY = WARNING
SUMMARY = ("Achievable: at the recent pace the target is reached well after the due date, "
           "or the recent trend moves away from it")
FIELDS = ('measure', 'due', 'start', 'checkins')   # read by this rule; a format error in one of them keeps it quiet
SLACK_DAYS = 14


def check(book, ctx):
    for goal in active_goals(book, ctx):
        if goal.due is None or goal.due < ctx.today:
            continue        # A304's concern
        progress = ctx.progress(goal)
        if progress.reached:
            continue
        if progress.trend == "away" and not progress.quiet:     # a quiet goal is T504's
            yield _moving_away(goal, progress)
            continue
        projected = progress.projected_date
        if projected is None:
            continue
        start = progress.start or goal.due
        slack = max(SLACK_DAYS, (goal.due - start).days // 10)
        late = (projected - goal.due).days
        if late > slack:
            weeks = round(late / 7)
            yield at(goal, f"at the recent pace the target would be reached around {fmt_date(projected)}, "
                     f"about {weeks} weeks after the due date ({fmt_date(goal.due)})",
                     "that is useful to know, not a verdict: a later due date or a smaller first target may fit better",
                     "due")


def _moving_away(goal, progress):
    points = progress.series[-6:]
    first, last = points[0], points[-1]
    unit = goal.measure.unit if goal.measure and goal.measure.unit else ""
    return at(goal, f"the recent values move away from the target: from {with_unit(first[1], unit)} "
              f"({fmt_date(first[0])}) to {with_unit(last[1], unit)} ({fmt_date(last[0])})",
              "worth a look now, while there is time before the due date: what changed? "
              "A smaller first step, or a revision, may fit better", "measure", "due")
