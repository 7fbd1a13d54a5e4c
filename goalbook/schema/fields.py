"""Field types of goalbook's files: each turns a positioned YAML node into a
Python value (or reports why it can't) and describes itself as JSON Schema.

Scalars arrive as the text the user wrote (see `goalbook.load.yamltree`), so
each field type decides what the text means. This is where YAML 1.1's
surprises are closed off: `no` is only a boolean where a yes/no is expected.
"""
from __future__ import annotations

from goalbook.vocabulary import as_written

from goalbook.diagnostics import Diagnostic, Fix

import difflib
import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date

from goalbook.load.yamltree import Mapping, Node, Scalar, Sequence

INVALID = object()   # a value that was reported and must not be used

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TRUE = {"true", "yes", "on", "y"}
_FALSE = {"false", "no", "off", "n"}
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# goalbook's own limits on what one value may be, so that no number in a book can
# overflow a sum or reach a page as inf or NaN, and no text makes a rule or a page crawl.
MAX_NUMBER = 1e12
MAX_TEXT_CHARS = 20_000         # a why, a win, a note written in YAML
MAX_TITLE_CHARS = 300           # a goal's title is one sentence


class YesNo(float):
    """A value written as yes/no (1.0 or 0.0): GB010 tells it from a number."""
_ID = re.compile(ID_PATTERN)

# Exactly the days of the calendar, years 0001-9999, as a regular expression an
# editor can run: 30 days hath September, April, June and November; February
# has 28, and 29 in years divisible by 4 but not by 100, or by 400.
_YEAR = r"(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
              r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
              r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DAY_PATTERN = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
DATE_PATTERN = rf"^{DAY_PATTERN}$"
# What an editor says when a pattern doesn't match, instead of showing the pattern
# (`patternErrorMessage`: a keyword VS Code's and yaml-language-server's checkers read).
DATE_MESSAGE = "not a day in the calendar: write it YYYY-MM-DD, e.g. 2027-02-28"
# The largest finite number: a bound in the schema keeps out .inf and 1e400.
FINITE = sys.float_info.max
# Null allowed, but not proposed: editors offer "null" as a value for
# `{"type": "null"}` or `null` in an enum, and an empty field (`key:`) is
# simply "not given". Only null is of none of these types. The schema has it
# once, under $defs (see goalbook.schema.jsonschema).
EMPTY_DEF = "empty"
NULL_ONLY = {"description": "an empty field: the same as leaving it out",
             "not": {"type": ["string", "number", "boolean", "object", "array"]}}
EMPTY = {"$ref": f"#/$defs/{EMPTY_DEF}"}


class Context:
    """Collects problems and the position of every field while converting."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, int, int, str, str | None]] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.invalid: set[str] = set()      # fields given but not usable (a finding says why)

    def report(self, code: str, node, message: str, hint: str | None = None, fix: Fix | None = None) -> object:
        self.problems.append(Diagnostic.problem(code, node.line, node.column, message, hint, fix=fix))
        return INVALID


def _label(path: str) -> str:
    return f"'{path}'" if path else "this file"


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping of fields"
    if isinstance(node, Sequence):
        return "a list"
    return f'"{node.value}"' if len(node.value) <= 40 else f'"{node.value[:37]}..."'


class Field:
    doc = ""
    required = False

    def convert(self, node: Node, ctx: Context, path: str):
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def _scalar(self, node: Node, ctx: Context, path: str, expected: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        ctx.report("GB003", node, f"{_label(path)} should be {expected}, not {_describe(node)}",
                   self.hint or None)
        return None

    hint = ""


@dataclass
class Text(Field):
    doc: str = ""
    required: bool = False
    hint: str = ""
    pattern: str | None = None      # for the schema only: what a later check (e.g. GB008) accepts
    pattern_message: str = ""

    limit: int = MAX_TEXT_CHARS

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "text")
        if scalar is None:
            return INVALID
        if len(scalar.value) > self.limit:
            return ctx.report("GB003", scalar, f"{_label(path)} is {len(scalar.value):,} characters long, more than "
                              f"goalbook reads here ({self.limit:,})",
                              self.hint or "keep it to a few sentences; longer writing fits in the Markdown body")
        return scalar.value

    def json_schema(self):
        if self.pattern is not None:
            schema = {"type": "string", "pattern": self.pattern, "description": self.doc}
            return {**schema, "patternErrorMessage": self.pattern_message} if self.pattern_message else schema
        # any scalar is read as text (`why: 42` is the text "42"), so numbers and yes/no are text too
        return {"type": ["string", "number", "boolean"], "maxLength": self.limit, "description": self.doc}


@dataclass
class Choice(Field):
    choices: tuple[str, ...] = ()
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, f"one of {', '.join(self.choices)}")
        if scalar is None:
            return INVALID
        if scalar.value in self.choices:
            return scalar.value
        close = difflib.get_close_matches(scalar.value.lower(), self.choices, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else None
        return ctx.report("GB003", scalar, f"{_label(path)} is {_describe(scalar)}, "
                          f"but it can be {_or_list(self.choices)}", hint,
                          Fix.replace(scalar.value, close[0]) if close else None)

    def json_schema(self):
        return {"enum": list(self.choices), "description": self.doc}


def _or_list(items) -> str:
    items = [f"'{i}'" for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


@dataclass
class Number(Field):
    doc: str = ""
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None      # exclusive minimum
    integer: bool = False

    def convert(self, node, ctx, path):
        kind = "a whole number" if self.integer else "a number"
        scalar = self._scalar(node, ctx, path, kind)
        if scalar is None:
            return INVALID
        value = parse_number(scalar, integer=self.integer)
        if value is None:
            return ctx.report("GB003", scalar, f"{_label(path)} should be {kind}, not {_describe(scalar)}",
                              "write digits only, e.g. 3 or 2.5, without units or quotes")
        if too_large(value):
            return ctx.report("GB003", scalar, f"{_label(path)} is too large a number for goalbook "
                              f"(at most {as_written(MAX_NUMBER)} either way)", "check for a typo: a digit too many?")
        return self._check_range(value, scalar, ctx, path)

    def _check_range(self, value, scalar, ctx, path):
        if self.minimum is not None and value < self.minimum:
            return ctx.report("GB003", scalar, f"{_label(path)} is {as_written(value)}; it can't be below {as_written(self.minimum)}")
        if self.maximum is not None and value > self.maximum:
            return ctx.report("GB003", scalar, f"{_label(path)} is {as_written(value)}; it can't be above {as_written(self.maximum)}")
        if self.above is not None and value <= self.above:
            return ctx.report("GB003", scalar, f"{_label(path)} is {as_written(value)}; it needs to be more than {as_written(self.above)}")
        return value

    def json_schema(self):
        schema = {"type": "integer" if self.integer else "number", "description": self.doc}
        minimum = self.minimum if self.minimum is not None or self.above is not None else -FINITE
        maximum = self.maximum if self.maximum is not None else FINITE
        for key, value in (("minimum", minimum), ("maximum", maximum), ("exclusiveMinimum", self.above)):
            if value is not None:
                schema[key] = value
        return schema




def too_large(value: float | int) -> bool:
    if isinstance(value, int):          # a 400-digit int doesn't even convert to float
        return abs(value) > MAX_NUMBER
    return not math.isfinite(value) or abs(value) > MAX_NUMBER


def parse_number(scalar: Scalar, integer: bool = False) -> float | int | None:
    if not scalar.plain:
        return None
    text = scalar.value
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:      # more digits than Python converts (4300)
            return None
    if integer or not _FLOAT.match(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def parse_yes_no(scalar: Scalar) -> bool | None:
    lowered = scalar.value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    return None


def yes_no_schema() -> dict:
    """JSON Schema for the yes/no words `parse_yes_no` accepts, in any letter case."""
    words = sorted(_TRUE | _FALSE)
    either = "|".join("".join(f"[{c.upper()}{c}]" for c in word) for word in words)
    return {"type": "string", "pattern": f"^({either})$"}


def or_null(schema: dict) -> dict:
    """Also allow null: an empty field (`key:`) counts as not given. The
    description stays outside, where an editor's hover finds it."""
    inner = {key: value for key, value in schema.items() if key != "description"}
    return {"anyOf": [inner, EMPTY], "description": schema.get("description", "")}


@dataclass
class Bool(Field):
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "yes or no")
        if scalar is None:
            return INVALID
        value = parse_yes_no(scalar)
        if value is None:
            return ctx.report("GB003", scalar, f"{_label(path)} should be yes or no, not {_describe(scalar)}")
        return value

    def json_schema(self):
        return {"anyOf": [{"type": "boolean"}, yes_no_schema()], "description": self.doc}


@dataclass
class Date(Field):
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "a date (YYYY-MM-DD)")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if not _DATE.match(text):
            return ctx.report("GB003", scalar, f"{_label(path)} should be a date written YYYY-MM-DD, not {_describe(scalar)}",
                              "for example 2026-11-03 for 3 November 2026")
        try:
            return date.fromisoformat(text)
        except ValueError:
            return ctx.report("GB003", scalar, f"{_label(path)} is {text}, which is not a day in the calendar",
                              "check the day and the month")

    def json_schema(self):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN, "description": self.doc,
                "patternErrorMessage": DATE_MESSAGE}


@dataclass
class Value(Field):
    """A check-in value: a number, or yes/no counting as 1/0."""
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "a number or yes/no")
        if scalar is None:
            return INVALID
        number = parse_number(scalar)
        if number is not None:
            if too_large(number):
                return ctx.report("GB007", scalar, f"{_label(path)} is too large a number for goalbook "
                                  f"(at most {as_written(MAX_NUMBER)} either way)", "check for a typo: a digit too many?")
            return float(number)
        yes_no = parse_yes_no(scalar)
        if yes_no is not None:
            return YesNo(1.0 if yes_no else 0.0)
        return ctx.report("GB007", scalar, f"{_label(path)} should be a number or yes/no, not {_describe(scalar)}",
                          "write the count or rating as digits, e.g. 3, or yes/no for a habit")

    def json_schema(self):
        return {"anyOf": [{"type": "number", "minimum": -FINITE, "maximum": FINITE}, {"type": "boolean"},
                          yes_no_schema()], "description": self.doc}


@dataclass
class GoalRef(Field):
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "a goal id")
        if scalar is None:
            return INVALID
        return scalar.value

    def json_schema(self):
        return {"type": "string", "pattern": ID_PATTERN, "description": self.doc}


MAX_ID_LENGTH = 50


def is_valid_id(text: str) -> bool:
    return bool(_ID.match(text))


def slugify(title: str, limit: int = MAX_ID_LENGTH) -> str:
    """A goal id from a title: lowercase ASCII words joined by '-', cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit:
            break
        slug = longer
    return slug


@dataclass
class DateOrYesNo(Field):
    """A date (the day something was done) or yes/no (done, without a date)."""
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "a date (YYYY-MM-DD) or yes/no")
        if scalar is None:
            return INVALID
        yes_no = parse_yes_no(scalar)
        if yes_no is not None:
            return yes_no
        if _DATE.match(scalar.value.strip()):
            return Date().convert(scalar, ctx, path)
        return ctx.report("GB003", scalar, f"{_label(path)} should be the date it was done (YYYY-MM-DD) "
                          f"or yes/no, not {_describe(scalar)}", "for example 2026-11-20, or yes")

    def json_schema(self):
        return {"anyOf": [Date().json_schema(), {"type": "boolean"}, yes_no_schema()],
                "description": self.doc}


@dataclass
class TaskRef(Field):
    """A homework task named by its text, or by its 1-based number in the session's list."""
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "a task's text or its number")
        if scalar is None:
            return INVALID
        if scalar.plain and _INT.match(scalar.value):
            number = parse_number(scalar, integer=True)
            if number is None or number < 1:
                return ctx.report("GB003", scalar, f"{_label(path)} is {scalar.value}, but tasks are "
                                  "numbered from 1", "write the task's number in the session's list, or its text")
            return number
        return scalar.value

    def json_schema(self):
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}], "description": self.doc}
