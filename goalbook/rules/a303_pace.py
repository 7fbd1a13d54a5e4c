"""A303 Achievable: at the recent pace the target is reached well after `due`.

Method: the goal's own check-in history. The progress model fits a
least-squares line through the goal's last six points (period totals for a
`per` measure, readings for a level) and extends it to the target: that is
the projected date. If it falls more than SLACK_DAYS, or a tenth of the
goal's span if longer, after `due`, the rule says so and when. With fewer than
three points, or a trend that is flat or going the other way, nothing is
projected and the rule stays quiet: that is not enough to judge a pace.
"""
from goalbook.diagnostics import WARNING
from goalbook.rules.base import active_goals, at, fmt_date

CODE = "A303"
SEVERITY = WARNING
SUMMARY = "Achievable: at the recent pace the target is reached well after the due date"
SLACK_DAYS = 14


def check(book, ctx):
    for goal in active_goals(book):
        if goal.due is None or goal.due < ctx.today:
            continue        # A304's concern
        progress = ctx.progress(goal)
        projected = progress.projected_date
        if progress.reached or projected is None:
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
