"""Every rule code with what a user needs to know about it: its default
severity, a one-line summary (from the registry) and help on how to answer it.

The catalogue is what tools outside the terminal show: SARIF's rule list (so
code scanning can explain a result), and an editor's hover. The help texts
say the same as the README's tables of codes.
"""
from __future__ import annotations

from dataclasses import dataclass

from goalbook.rules.registry import ALL_CODES, DEFAULT_SEVERITY, SUMMARIES


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: str      # the default; goalbook.yaml's `rules:` may change it
    summary: str
    help: str


HELP = {
    "GB001": "The file can't be read: a YAML syntax error, front matter that is never closed, text "
             "that isn't UTF-8, or YAML anchors and aliases (&a, *a). Fix the line shown; write "
             "values out in full instead of anchors.",
    "GB002": "A field goalbook doesn't know, often a typo such as 'titel:'. Use the suggested name.",
    "GB003": "A value of the wrong type or out of the list, such as 'due: 2027-02-30' or "
             "'status: done'. Write a real date (2027-02-28) or one of the listed values (achieved).",
    "GB004": "The same key twice in one mapping. Keep one of them.",
    "GB005": "A goal id with capitals, spaces or '_', or two files with the same id. Rename the "
             "file, e.g. Evening_Walks.yaml to evening-walks.yaml.",
    "GB006": "A check-in names a goal that doesn't exist. Use the suggested goal id, or add the "
             "goal's file.",
    "GB007": "A value that doesn't fit the goal's measure: not a number or yes/no, or outside "
             "min-max. Write a number or yes/no within the range.",
    "GB008": "goalbook.yaml has a mistake: an unknown key, a bad rule code or a bad report.since. "
             "Follow the hint.",
    "GB009": "The measure's range is impossible: min above max, or the baseline or target outside "
             "min-max. Correct min, max, baseline or target.",
    "GB010": "A yes/no given for a reading that isn't yes/no, such as 'yes' on a 0-10 rating. "
             "Write the number you meant.",
    "GB011": "A check-in date that looks wrong: after today, before the goal's start, or far from "
             "the goal's other check-ins. Check the year and the month.",
    "GB012": "Values recorded for a goal that is dropped, probably under the wrong goal id. Use the "
             "goal you meant.",
    "S101": "Specific: the goal has no title. Write the goal in one sentence, e.g. "
            "'Call my sister every Sunday afternoon'.",
    "S102": "Specific: the title is vague, under 4 words or a wish without an action. Name what "
            "you will do: 'Be happier' could become 'Write three good things in my journal each evening'.",
    "M201": "Measurable: no measure, or no target, so progress can't be shown. Add one, e.g. "
            "measure: {what: calls, unit: calls, per: week, baseline: 0, target: 1}.",
    "M202": "Measurable: no baseline, so progress can't be shown from where you started. Add "
            "'baseline:' under measure: where you are now, even a guess.",
    "M203": "Measurable: the target equals the baseline, which leaves no way to go. Set the target "
            "to where you want to be.",
    "M204": "Measurable: the measure has no unit. Add one, e.g. 'unit: walks'.",
    "A301": "Achievable: more active goals than limits.active_goals. Pause the less urgent ones "
            "(status: paused).",
    "A302": "Achievable: the active goals' effort adds up to more minutes a week than "
            "limits.weekly_minutes. Lower an effort, or pause a goal.",
    "A303": "Achievable: at the recent pace the target comes well after the due date, or the "
            "trend moves away from it. A later due date or a smaller first target, with a "
            "revisions entry, keeps the goal within reach.",
    "A304": "Achievable: an active goal is past its due date and not reached. Revise it, write a "
            "reflection, or mark it achieved or dropped.",
    "A305": "Achievable: two or more active goals share the same priority. Prioritising means "
            "choosing: give each its own.",
    "R401": "Relevant: neither why nor values given. Say why the goal matters to you, e.g. "
            "'why: I want to feel close to her again'.",
    "R402": "Relevant: a value or area that goalbook.yaml doesn't declare, likely a typo. Use the "
            "suggestion, or declare it.",
    "T501": "Time-bound: the goal has no due date. Add one, e.g. 'due: 2027-02-28'.",
    "T502": "Time-bound: the due date is not after the start. Move the due date later.",
    "T503": "Time-bound: the due date is more than a year after the start and there are no steps. "
            "Add a few steps with dates along the way.",
    "T504": "Time-bound: no check-in for longer than twice the review period. Write a short "
            "check-in, or pause the goal.",
}


def rule_info(code: str) -> RuleInfo:
    summary = SUMMARIES[code]
    return RuleInfo(code, DEFAULT_SEVERITY[code], summary, HELP.get(code, summary))


def catalogue() -> list[RuleInfo]:
    """Every rule goalbook knows, in the registry's order."""
    return [rule_info(code) for code in ALL_CODES]


README_BEGIN = "<!-- rule table: generated from goalbook/rules/catalogue.py by `make readme`; do not edit -->"
README_END = "<!-- end of the rule table -->"


def markdown_table() -> str:
    """Every code as a Markdown table (the README's, between its markers)."""
    rows = ["| code | default | what it means | how to answer it |", "| --- | --- | --- | --- |"]
    rows += [f"| {i.code} | {i.severity} | {_cell(i.summary)} | {_cell(i.help)} |" for i in catalogue()]
    return "\n".join(rows)


def with_table(readme: str) -> str:
    """`readme` with the table between its markers replaced by `markdown_table()`."""
    start = readme.index(README_BEGIN) + len(README_BEGIN)
    end = readme.index(README_END)
    return readme[:start] + "\n" + markdown_table() + "\n" + readme[end:]


def text_list() -> str:
    """`goalbook check --list-rules`: one line per code."""
    return "\n".join(f"{i.code}  {i.severity:<7}  {i.summary}" for i in catalogue())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":      # `make readme`: python -m goalbook.rules.catalogue README.md
    import sys
    from pathlib import Path

    path = Path(sys.argv[1])
    path.write_text(with_table(path.read_text(encoding="utf-8")), encoding="utf-8")
