"""Field types of goalbook's files: each turns a positioned YAML node into a
Python value (or reports why it can't) and describes itself as JSON Schema.

Scalars arrive as the text the user wrote (see `goalbook.load.yamltree`), so
each field type decides what the text means. This is where YAML 1.1's
surprises are closed off: `no` is only a boolean where a yes/no is expected.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field as dc_field
from datetime import date

from goalbook.load.yamltree import Mapping, Node, Scalar, Sequence

INVALID = object()   # a value that was reported and must not be used

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TRUE = {"true", "yes", "on", "y"}
_FALSE = {"false", "no", "off", "n"}
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)


class Context:
    """Collects problems and the position of every field while converting."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, int, int, str, str | None]] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}

    def report(self, code: str, node, message: str, hint: str | None = None) -> object:
        self.problems.append((code, node.line, node.column, message, hint))
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

    def convert(self, node, ctx, path):
        scalar = self._scalar(node, ctx, path, "text")
        return INVALID if scalar is None else scalar.value

    def json_schema(self):
        # any scalar is read as text (`why: 42` is the text "42"), so numbers and yes/no are text too
        return {"type": ["string", "number", "boolean"], "description": self.doc}


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
                          f"but it can be {_or_list(self.choices)}", hint)

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
        return self._check_range(value, scalar, ctx, path)

    def _check_range(self, value, scalar, ctx, path):
        if self.minimum is not None and value < self.minimum:
            return ctx.report("GB003", scalar, f"{_label(path)} is {_fmt(value)}; it can't be below {_fmt(self.minimum)}")
        if self.maximum is not None and value > self.maximum:
            return ctx.report("GB003", scalar, f"{_label(path)} is {_fmt(value)}; it can't be above {_fmt(self.maximum)}")
        if self.above is not None and value <= self.above:
            return ctx.report("GB003", scalar, f"{_label(path)} is {_fmt(value)}; it must be more than {_fmt(self.above)}")
        return value

    def json_schema(self):
        schema = {"type": "integer" if self.integer else "number", "description": self.doc}
        for key, value in (("minimum", self.minimum), ("maximum", self.maximum),
                           ("exclusiveMinimum", self.above)):
            if value is not None:
                schema[key] = value
        return schema


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


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
    """Also allow null: an empty field (`key:`) counts as not given."""
    kind = schema.get("type")
    if kind is not None:
        return {**schema, "type": (kind if isinstance(kind, list) else [kind]) + ["null"]}
    if "enum" in schema:
        return {**schema, "enum": schema["enum"] + [None]}
    return {"anyOf": [schema, {"type": "null"}], "description": schema.get("description", "")}


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
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
                "description": self.doc}


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
            return float(number)
        yes_no = parse_yes_no(scalar)
        if yes_no is not None:
            return 1.0 if yes_no else 0.0
        return ctx.report("GB007", scalar, f"{_label(path)} should be a number or yes/no, not {_describe(scalar)}",
                          "write the count or rating as digits, e.g. 3, or yes/no for a habit")

    def json_schema(self):
        return {"anyOf": [{"type": "number"}, {"type": "boolean"}, yes_no_schema()],
                "description": self.doc}


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


def is_valid_id(text: str) -> bool:
    return bool(_ID.match(text))


@dataclass
class ListOf(Field):
    item: Field = None  # type: ignore[assignment]
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        if not isinstance(node, Sequence):
            if isinstance(self.item, (Text, Choice)) and isinstance(node, Scalar):
                return [self.item.convert(node, ctx, path)]   # `values: honesty` means one value
            return ctx.report("GB003", node, f"{_label(path)} should be a list, not {_describe(node)}",
                              "write each item on its own line starting with '- '")
        out = []
        for index, item in enumerate(node.items):
            item_path = f"{path}.{index}"
            ctx.positions[item_path] = (item.line, item.column)
            if isinstance(item, Scalar) and item.is_null:
                continue
            value = self.item.convert(item, ctx, item_path)
            if value is not INVALID:
                if len(out) != index:   # items were skipped: keep `path.N` pointing at out[N]
                    _move_positions(ctx, item_path, f"{path}.{len(out)}")
                out.append(value)
        return out

    def json_schema(self):
        schema = {"type": "array", "items": or_null(self.item.json_schema()), "description": self.doc}
        if isinstance(self.item, (Text, Choice)):     # `values: honesty` means one value
            return {"anyOf": [schema, self.item.json_schema()], "description": self.doc}
        return schema


@dataclass
class Struct(Field):
    fields: dict[str, Field] = dc_field(default_factory=dict)
    doc: str = ""
    required: bool = False
    unknown_code: str = "GB002"

    def convert(self, node, ctx, path):
        if not isinstance(node, Mapping):
            return ctx.report("GB003", node, f"{_label(path)} should be {self._what()}, not {_describe(node)}",
                              "write 'field: value' pairs, one per line")
        out: dict = {}
        empty: dict[str, Scalar] = {}
        for key, value_node in node.pairs:
            name = key.value
            sub = f"{path}.{name}" if path else name
            spec = self.fields.get(name)
            if spec is None:
                ctx.report(self.unknown_code, key, f"'{name}' is not a field goalbook knows here",
                           _suggest(name, self.fields))
                continue
            ctx.key_positions[sub] = (key.line, key.column)
            ctx.positions[sub] = (value_node.line, value_node.column)
            if isinstance(value_node, Scalar) and value_node.is_null:
                empty[name] = key
                continue        # an empty field counts as not given
            value = spec.convert(value_node, ctx, sub)
            if value is not INVALID:
                out[name] = value
        missing = [name for name, spec in self.fields.items() if spec.required and name not in out]
        for name in missing:
            if name in empty:
                ctx.report("GB003", empty[name], f"'{path + '.' if path else ''}{name}' is empty, but it is needed",
                           self.fields[name].doc or None)
            elif not _reported_at(ctx, path, name):
                ctx.report("GB003", node, f"{_label(path)} needs a '{name}' field", self.fields[name].doc or None)
        return INVALID if missing else out     # callers may rely on required fields being there

    def _what(self) -> str:
        return "a mapping of fields"

    def json_schema(self):
        return {
            "type": "object",
            "description": self.doc,
            "properties": {name: spec.json_schema() if spec.required else or_null(spec.json_schema())
                           for name, spec in self.fields.items()},
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


def _move_positions(ctx: Context, old: str, new: str) -> None:
    for table in (ctx.positions, ctx.key_positions):
        for key in [k for k in table if k == old or k.startswith(old + ".")]:
            table[new + key[len(old):]] = table[key]


def _reported_at(ctx: Context, path: str, name: str) -> bool:
    sub = f"{path}.{name}" if path else name
    return sub in ctx.positions


def _suggest(name: str, known) -> str | None:
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "the fields are: " + ", ".join(known)


@dataclass
class MapOf(Field):
    """A mapping whose keys are data (goal ids, levels), not field names."""
    key: Field = None    # type: ignore[assignment]
    value: Field = None  # type: ignore[assignment]
    doc: str = ""
    required: bool = False
    key_pattern: str | None = None

    def convert(self, node, ctx, path):
        if not isinstance(node, Mapping):
            return ctx.report("GB003", node, f"{_label(path)} should be a mapping, not {_describe(node)}",
                              "write 'key: value' pairs, one per line, indented under it")
        out = {}
        for key_node, value_node in node.pairs:
            sub = f"{path}.{key_node.value}"
            key = self.key.convert(key_node, ctx, f"{path} key")
            ctx.key_positions[sub] = (key_node.line, key_node.column)
            ctx.positions[sub] = (value_node.line, value_node.column)
            if key is INVALID:
                continue
            if isinstance(value_node, Scalar) and value_node.is_null:
                continue
            value = self.value.convert(value_node, ctx, sub)
            if value is not INVALID:
                out[key] = value
        return out

    def json_schema(self):
        schema = {"type": "object", "additionalProperties": or_null(self.value.json_schema()), "description": self.doc}
        if self.key_pattern:
            schema["propertyNames"] = {"pattern": self.key_pattern}
        elif isinstance(self.key, Choice):
            schema["propertyNames"] = {"enum": list(self.key.choices)}
        return schema


@dataclass
class AnyOf(Field):
    """The first alternative whose shape fits the node (scalar vs list)."""
    scalar: Field = None     # type: ignore[assignment]
    sequence: Field = None   # type: ignore[assignment]
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        if isinstance(node, Sequence):
            return self.sequence.convert(node, ctx, path)
        return self.scalar.convert(node, ctx, path)

    def json_schema(self):
        return {"anyOf": [self.scalar.json_schema(), self.sequence.json_schema()], "description": self.doc}
