"""goalbook's one vocabulary: the words, numbers, dates and plurals every view
uses — the site, the report, the CLI's replies and the rules' messages.

Nothing here computes a goal's numbers (that is `goalbook.model`); this only
says them. It reads no system locale: the same input and `language:` give the same words
anywhere.  The module functions speak English (the CLI, the rules' messages);
`Vocabulary(language)` speaks the book's language for the site, the report and
the PDF: its words are the English tables below translated through the gettext
catalogs in goalbook/locale (docs/languages.md), its dates and numbers come from
Babel.  English through a `Vocabulary` is exactly the module's English.
"""
from __future__ import annotations

import math
from datetime import date
from functools import cached_property, lru_cache, wraps
from importlib import resources

#: The languages goalbook ships (goalbook/locale/<code>/LC_MESSAGES/goalbook.po; en is the source).
LANGUAGES = ("en", "de", "es")
DOMAIN = "goalbook"


def N_(text: str) -> str:
    """Marks a table word for `pybabel extract`; translated where it is said (`Vocabulary`)."""
    return text


STATUSES = ("active", "paused", "achieved", "dropped")
STANDINGS = ("ahead", "on-track", "behind", "no-data", "achieved", "dropped", "paused")
TRENDS = ("toward", "steady", "away", "unknown")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

STATUS_WORDS = {"active": N_("active"), "paused": N_("paused"), "achieved": N_("achieved"), "dropped": N_("set aside")}
# Short words (tables, badges) and the longer phrase (a sentence on the goal's page, checkin's reply).
STANDING_WORDS = {
    "ahead": N_("ahead"), "on-track": N_("on track"), "behind": N_("behind plan"),
    "no-data": N_("not enough data yet"), "achieved": N_("achieved"), "dropped": N_("set aside"), "paused": N_("paused"),
}
STANDING_PHRASES = {
    "ahead": N_("ahead of plan"),
    "on-track": N_("on track"),
    "behind": N_("behind plan, for now"),
    "no-data": N_("not enough check-ins yet to say how it's going"),
    "achieved": N_("achieved"),
    "dropped": N_("set aside"),
    "paused": N_("paused"),
}
# The recent trend, in the goal's own direction (more or less is better).
TREND_WORDS = {"toward": N_("moving toward the target"), "steady": N_("holding steady"),
               "away": N_("moving away from the target"), "unknown": N_("too early to say")}
TREND_ARROWS = {"toward": "↗", "steady": "→", "away": "↘", "unknown": "·"}
PROJECTION_WORDS = {
    "reached": N_("target reached"),
    "few-points": N_("not enough check-ins yet for a projection"),
    "flat": N_("no projection: the recent values hold steady"),
    "away": N_("no projection: the recent trend moves away from the target"),
    "far": N_("no projection: at the recent pace the target is years away"),
    "no-path": N_("no projection without a baseline and a target"),
}
PER_WORDS = {"day": N_("a day"), "week": N_("a week"), "month": N_("a month")}
REVIEW_WORDS = {"daily": N_("daily"), "weekly": N_("weekly"), "fortnightly": N_("every two weeks"),
                "monthly": N_("monthly")}
LAST_PERIOD_WORDS = {"day": N_("yesterday"), "week": N_("last week"), "month": N_("last month")}


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


def first_upper(text: str) -> str:
    """The first letter upper-case, the rest as it is (unlike str.capitalize, which
    would lower-case a German noun: "Dem Plan voraus", not "Dem plan voraus")."""
    text = str(text)
    return text[:1].upper() + text[1:]


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


# -- the book's language -------------------------------------------------------------

@lru_cache(maxsize=None)
def _translations(language: str):
    if language == "en":        # the words as written: no need to import Babel
        import gettext

        return gettext.NullTranslations()
    from babel.support import Translations

    folder = resources.files("goalbook").joinpath("locale")
    with resources.as_file(folder) as path:
        return Translations.load(str(path), [language], DOMAIN)


class Vocabulary:
    """The words, dates and numbers in one language (one of `LANGUAGES`).

    `gettext`/`ngettext` are what the templates' `_()` / `ngettext()` call
    (`jinja2.ext.i18n`); the other methods mirror the module functions.  English
    keeps goalbook's own forms ("22 Nov 2026", "2.5"); any other language takes
    Babel's for its locale ("22. Nov. 2026", "2,5")."""

    def __init__(self, language: str = "en"):
        if language not in LANGUAGES:
            raise ValueError(f"goalbook doesn't speak '{language}' (it speaks {', '.join(LANGUAGES)})")
        self.language = language
        self.english = language == "en"

    @cached_property
    def locale(self):
        """The Babel locale (loaded on first use: English never needs it)."""
        from babel import Locale

        return Locale.parse(self.language)

    @cached_property
    def translations(self):
        return _translations(self.language)

    # words
    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular_: str, plural_: str, count) -> str:
        return self.translations.ngettext(singular_, plural_, count)

    def status_words(self, status: str) -> str:
        return self.gettext(STATUS_WORDS[status]) if status in STATUS_WORDS else status

    def standing_words(self, standing: str) -> str:
        return self.gettext(STANDING_WORDS[standing]) if standing in STANDING_WORDS else standing

    def standing_phrase(self, standing: str) -> str:
        return self.gettext(STANDING_PHRASES[standing]) if standing in STANDING_PHRASES else standing

    def trend_words(self, trend: str | None) -> str:
        return self.gettext(TREND_WORDS[trend or "unknown"])

    def projection_words(self, reason: str | None) -> str:
        return self.gettext(PROJECTION_WORDS[reason]) if reason in PROJECTION_WORDS else ""

    def per_words(self, per: str | None) -> str:
        return self.gettext(PER_WORDS[per]) if per in PER_WORDS else ""

    def review_words(self, review: str | None) -> str:
        """How often the goal is reviewed; English keeps the word as written in the goal."""
        if self.english or review not in REVIEW_WORDS:
            return review or ""
        return self.gettext(REVIEW_WORDS[review])

    def last_period_words(self, per: str | None) -> str:
        return self.gettext(LAST_PERIOD_WORDS[per]) if per in LAST_PERIOD_WORDS else self.gettext("latest")

    def level_words(self, level: int | None) -> str:
        return self.gettext("no level yet") if level is None else level_words(level)

    # numbers
    def num(self, value: float | None, empty: str = "–") -> str:
        text = num(value, empty)
        if self.english or text == empty:
            return text
        from babel.numbers import format_decimal

        return format_decimal(float(text), format="0.##", locale=self.locale)

    def pct(self, share: float | None, empty: str = "–") -> str:
        if self.english or share is None or not math.isfinite(share):
            return pct(share, empty)
        from babel.numbers import format_percent

        return format_percent(round(share * 100) / 100, locale=self.locale)

    def signed(self, value: float | None) -> str:
        if value is None:
            return ""
        return ("+" if value > 0 else "−" if value < 0 else "±") + self.num(abs(float(value)))

    def with_unit(self, value: float | None, unit: str | None) -> str:
        """The user's unit is their own word, kept as written (only "walks" → "walk" for one)."""
        if value is None:
            return "–"
        if not unit:
            return self.num(value)
        return f"{self.num(value)} {singular(unit) if float(value) == 1 else unit}"

    def target_phrase(self, target: float | None, unit: str | None, per: str | None) -> str:
        if target is None:
            return ""
        amount = self.with_unit(target, unit)
        if per in PER_WORDS:
            return self.gettext("target {amount} {per}").format(amount=amount, per=self.per_words(per))
        return self.gettext("target {amount}").format(amount=amount)

    def plural(self, count: float, word: str, words: str | None = None) -> str:
        """A count of days, weeks or months (goalbook's own words) in the book's language."""
        if self.english:
            return plural(count, word, words)
        forms = _PERIOD_PLURALS.get(word)
        if forms is None:
            return f"{self.num(count)} {word if float(count) == 1 else (words or _plural_of(word))}"
        return self.ngettext(*forms, int(count)).format(n=self.num(count))

    # dates
    def _skeleton(self, d: date, skeleton: str) -> str:
        from babel.dates import format_skeleton

        return format_skeleton(skeleton, d, locale=self.locale)

    def long_date(self, d: date | None) -> str:
        if not d:
            return ""
        return long_date(d) if self.english else self._skeleton(d, "yMMMd")

    def short_date(self, d: date | None) -> str:
        if not d:
            return ""
        return short_date(d) if self.english else self._skeleton(d, "MMMd")

    def weekday_date(self, d: date | None) -> str:
        if not d:
            return ""
        return weekday_date(d) if self.english else self._skeleton(d, "yMMMEd")

    def month_name(self, d: date) -> str:
        if self.english:
            return MONTH_NAMES[d.month - 1]
        from babel.dates import format_date

        return format_date(d, "LLLL", locale=self.locale)

    def month_heading(self, d: date) -> str:
        return month_heading(d) if self.english else self._skeleton(d, "yMMMM")

    def period_phrase(self, key: date | None, per: str | None) -> str:
        if key is None:
            return ""
        if self.english:
            return period_phrase(key, per)
        if per == "week":
            return self.gettext("in the week of {day}").format(day=self.short_date(key))
        if per == "month":
            return self.gettext("in {month}").format(month=self.month_name(key))
        return self.gettext("on {day}").format(day=self.short_date(key))


ENGLISH = Vocabulary("en")


def speaking(fn, vb: Vocabulary):
    """`fn` with `vb=` filled in: a plain function (not a functools.partial), so a
    template sandbox treats it like any other function."""
    @wraps(fn)
    def bound(*args, **kwargs):
        return fn(*args, vb=vb, **kwargs)
    return bound


def ngettext_marker(singular_: str, plural_: str) -> tuple[str, str]:
    """Marks a plural pair for `pybabel extract` (keyword `ngettext_marker:1,2`)."""
    return singular_, plural_


_PERIOD_PLURALS = {
    "day": ngettext_marker("{n} day", "{n} days"),
    "week": ngettext_marker("{n} week", "{n} weeks"),
    "month": ngettext_marker("{n} month", "{n} months"),
}

# Words other layers hand to the templates, marked here so the catalog has them:
# goalbook.model.history.LABELS (a change's field, translated where it is shown).
_MARKED_ELSEWHERE = (N_("title"), N_("due date"), N_("baseline"), N_("target"))
