"""goalbook's one vocabulary: the words, numbers, dates and plurals every view
uses — the site, the report, the CLI's replies and the rules' messages.

Nothing here computes a goal's numbers (that is `goalbook.model`); this only
says them. It reads no locale: the same input gives the same words anywhere.
"""
from __future__ import annotations

import math
from datetime import date

STATUSES = ("active", "paused", "achieved", "dropped")
STANDINGS = ("ahead", "on-track", "behind", "no-data", "achieved", "dropped", "paused")
TRENDS = ("toward", "steady", "away", "unknown")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

STATUS_WORDS = {"active": "active", "paused": "paused", "achieved": "achieved", "dropped": "set aside"}
# Short words (tables, badges) and the longer phrase (a sentence on the goal's page, checkin's reply).
STANDING_WORDS = {
    "ahead": "ahead", "on-track": "on track", "behind": "behind plan",
    "no-data": "not enough data yet", "achieved": "achieved", "dropped": "set aside", "paused": "paused",
}
STANDING_PHRASES = {
    "ahead": "ahead of plan",
    "on-track": "on track",
    "behind": "behind plan, for now",
    "no-data": "not enough check-ins yet to say how it's going",
    "achieved": "achieved",
    "dropped": "set aside",
    "paused": "paused",
}
# The recent trend, in the goal's own direction (more or less is better).
TREND_WORDS = {"toward": "moving toward the target", "steady": "holding steady",
               "away": "moving away from the target", "unknown": "too early to say"}
TREND_ARROWS = {"toward": "↗", "steady": "→", "away": "↘", "unknown": "·"}
PROJECTION_WORDS = {
    "reached": "target reached",
    "few-points": "not enough check-ins yet for a projection",
    "flat": "no projection: the recent values hold steady",
    "away": "no projection: the recent trend moves away from the target",
    "far": "no projection: at the recent pace the target is years away",
    "no-path": "no projection without a baseline and a target",
}
PER_WORDS = {"day": "a day", "week": "a week", "month": "a month"}
LAST_PERIOD_WORDS = {"day": "yesterday", "week": "last week", "month": "last month"}


# -- numbers -------------------------------------------------------------------

def num(value: float | None, empty: str = "–") -> str:
    """A number with at most two decimals and no trailing zeros ("3", "2.5")."""
    if value is None:
        return empty
    value = float(value)
    if not math.isfinite(value):
        return empty
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def as_written(value: float | None) -> str:
    """A user's number in a message, as exactly as they wrote it: "12", "2.5", "0.125"."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def pct(share: float | None, empty: str = "–") -> str:
    if share is None or not math.isfinite(share):
        return empty
    return f"{round(share * 100)}%"


def signed(value: float | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "−" if value < 0 else "±") + num(abs(float(value)))


def data_number(value: float | None, digits: int = 4):
    """A number as machines read it (export, data- attributes): rounded only as far as
    keeps it stable, an int when whole, None when absent or not finite."""
    if value is None:
        return None
    value = round(float(value), digits)
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() else value


def data_text(value: float | None, digits: int = 4) -> str:
    """`data_number` as attribute text ("" for none)."""
    number = data_number(value, digits)
    return "" if number is None else str(number)


# -- plurals and units -----------------------------------------------------------

def plural(count: float, word: str, words: str | None = None) -> str:
    """"1 file", "2 files", "1 walk", "0 walks" (`words` for irregular plurals)."""
    many = words or _plural_of(word)
    return f"{num(count)} {word if float(count) == 1 else many}"


def _plural_of(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def singular(unit: str) -> str:
    """"walks" → "walk", "glasses" → "glass", "points" → "point"; other units unchanged."""
    if " " in unit or len(unit) < 3:
        return unit
    if unit.endswith("ies"):
        return unit[:-3] + "y"
    if unit.endswith(("sses", "xes", "ches", "shes")):
        return unit[:-2]
    if unit.endswith("s") and not unit.endswith(("ss", "us", "is")):
        return unit[:-1]
    return unit


def with_unit(value: float | None, unit: str | None) -> str:
    """"3 walks", "1 walk", "1 point", "2" (no unit); "–" without a value."""
    if value is None:
        return "–"
    if not unit:
        return num(value)
    return f"{num(value)} {singular(unit) if float(value) == 1 else unit}"


def target_phrase(target: float | None, unit: str | None, per: str | None) -> str:
    """"target 3 walks a week", "target 3 points"; "" without a target."""
    if target is None:
        return ""
    return f"target {with_unit(target, unit)}" + (f" {PER_WORDS[per]}" if per in PER_WORDS else "")


# -- dates -----------------------------------------------------------------------

def day_label(d: date, with_year: bool = False) -> str:
    """'5 Oct' or '5 Oct 2026'."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    return f"{text} {d.year}" if with_year else text


def long_date(d: date | None) -> str:
    return day_label(d, True) if d else ""


def short_date(d: date | None) -> str:
    return day_label(d) if d else ""


def weekday_date(d: date | None) -> str:
    return f"{WEEKDAYS[d.weekday()]} {day_label(d, True)}" if d else ""


def month_heading(d: date) -> str:
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"


def period_phrase(key: date | None, per: str | None) -> str:
    """When a value was measured: "on 21 Nov", "in the week of 16 Nov", "in October"."""
    if key is None:
        return ""
    if per == "week":
        return f"in the week of {day_label(key)}"
    if per == "month":
        return f"in {MONTH_NAMES[key.month - 1]}"
    return f"on {day_label(key)}"


# -- statuses and standings --------------------------------------------------------

def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def standing_words(standing: str) -> str:
    return STANDING_WORDS.get(standing, standing)


def standing_phrase(standing: str) -> str:
    return STANDING_PHRASES.get(standing, standing)


def trend_words(trend: str | None) -> str:
    return TREND_WORDS[trend or "unknown"]


def trend_arrow(trend: str | None) -> str:
    return TREND_ARROWS[trend or "unknown"]


def projection_words(reason: str | None) -> str:
    return PROJECTION_WORDS.get(reason or "", "")


def level_words(level: int | None) -> str:
    if level is None:
        return "no level yet"
    return f"{level:+d}" if level else "0"
