"""goalbook's open suggestions in the client's words, for the report's appendix.

`goalbook check` speaks to someone editing files ("add 'baseline:' under
measure", "add it to 'values:' in goalbook.yaml"). The report is read at a
session, so the appendix says what each suggestion is about and what might
help, with no file, field or setting names: `client_words(diagnostic)`.
The rule's own message carries the facts (numbers, dates, names); only the
advice is said again here.
"""
from __future__ import annotations

import re

from goalbook.model.values import closest_declared

__all__ = ["client_words"]

# What might help, per rule, instead of the rule's hint (which names fields and files).
ADVICE = {
    "S101": "A sentence naming what you'll do, and how often, would make it a goal to work on.",
    "S102": "Naming a concrete action — what you'll do, how much and how often — can make it easier to start.",
    "M201": "Deciding how you'd notice progress, and where you'd like to be by the due date, would let it show.",
    "M202": "A rough idea of where you started is enough to show how far you've come.",
    "M203": "If the aim is to keep things where they are, aiming a little beyond can help.",
    "M204": "Saying what a value counts (walks, minutes, nights…) keeps a 3 from meaning anything.",
    "A301": "Pausing one for now is a choice, not a failure, and nothing is lost.",
    "A302": "Pausing a goal, or asking a little less of one, might make the week lighter.",
    "A303": "That's useful to know, not a verdict: a later date or a smaller first step may fit better.",
    "A304": "A new date or target, a few words on what it taught you, or calling it achieved or set aside "
            "are all good ways to go on.",
    "A305": "Choosing which comes first can make busy weeks easier.",
    "R401": "A few words on why it matters to you can help on the harder days.",
    "T501": "A date to aim for helps to pace it; it can always move later.",
    "T502": "A due date after the start would let progress be paced.",
    "T503": "A few milestones on the way can make a long goal feel closer.",
    "T504": "A short check-in helps, even \"not this week\" — or pausing it for a while.",
}
# Messages that name a field, said plainly (the others state facts in plain words already).
MESSAGES = {
    "M202": "There's no starting point (baseline) yet, so progress can't be shown from where you started.",
}
_UNDECLARED = re.compile(r"^the (area|value) '(.*)' is not one of")


def client_words(diagnostic, settings=None) -> str:
    """One or two plain sentences for the report: what the suggestion is about, what may help."""
    if diagnostic.code == "R402":
        return _undeclared(diagnostic, settings)
    message = MESSAGES.get(diagnostic.code) or _sentence(diagnostic.message)
    advice = ADVICE.get(diagnostic.code)
    if advice is None:
        advice = "" if _talks_configuration(diagnostic.hint) else _sentence(diagnostic.hint or "")
    return f"{message} {advice}".strip()


def _undeclared(diagnostic, settings) -> str:
    found = _UNDECLARED.match(diagnostic.message)
    if not found:
        return _sentence(diagnostic.message)
    kind, name = found.groups()
    declared = (getattr(settings, "areas", []) if kind == "area" else getattr(settings, "values", [])) or []
    what = "life areas" if kind == "area" else "values"
    close = closest_declared(name, declared)
    if close:
        return f"“{name}” isn't one of your {what} — perhaps “{close}” was meant?"
    return f"“{name}” isn't one of your {what} yet; if it is a new one, it can join the list."


def _talks_configuration(hint: str | None) -> bool:
    return bool(hint) and bool(re.search(r"goalbook\.yaml|'[a-z_.]+:'|\bstatus:|\blimits\.", hint))


def _sentence(text: str) -> str:
    text = str(text).strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
