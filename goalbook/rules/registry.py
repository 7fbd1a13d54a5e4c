"""Every rule code goalbook knows, with its default severity and summary."""
from __future__ import annotations

from goalbook.diagnostics import ERROR
from goalbook.rules import (
    a301_too_many_active, a302_too_much_effort, a303_pace, a304_past_due, a305_shared_priority,
    gb009_impossible_range, gb010_yes_no_reading, gb011_implausible_date, gb012_dropped_goal_values,
    m201_no_target, m202_no_baseline, m203_target_equals_baseline, m204_no_unit,
    r401_no_why, r402_undeclared,
    s101_title_missing, s102_title_vague,
    t501_no_due, t502_due_before_start, t503_long_without_steps, t504_no_recent_checkin,
)

# Every rule that runs over the assembled book, in report order: the GB checks on
# values and ranges, then the SMART rules.
SMART_RULES = (
    gb009_impossible_range, gb010_yes_no_reading, gb011_implausible_date, gb012_dropped_goal_values,
    s101_title_missing, s102_title_vague,
    m201_no_target, m202_no_baseline, m203_target_equals_baseline, m204_no_unit,
    a301_too_many_active, a302_too_much_effort, a303_pace, a304_past_due, a305_shared_priority,
    r401_no_why, r402_undeclared,
    t501_no_due, t502_due_before_start, t503_long_without_steps, t504_no_recent_checkin,
)

# Checks made while reading files (loader, schema, cross-file); not rule modules.
FILE_CHECKS = {
    "GB001": (ERROR, "the file cannot be read or parsed"),
    "GB002": (ERROR, "unknown field"),
    "GB003": (ERROR, "wrong type or invalid value"),
    "GB004": (ERROR, "duplicate key in a mapping"),
    "GB005": (ERROR, "goal id invalid, or two files give the same id"),
    "GB006": (ERROR, "a check-in names a goal that does not exist"),
    "GB007": (ERROR, "a value does not fit the measure"),
    "GB008": (ERROR, "the settings file is invalid"),
}

DEFAULT_SEVERITY = {**{code: sev for code, (sev, _) in FILE_CHECKS.items()},
                    **{rule.CODE: rule.SEVERITY for rule in SMART_RULES}}
SUMMARIES = {**{code: text for code, (_, text) in FILE_CHECKS.items()},
             **{rule.CODE: rule.SUMMARY for rule in SMART_RULES}}
ALL_CODES = list(DEFAULT_SEVERITY)
