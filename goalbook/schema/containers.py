"""Field types that hold other fields: lists, mappings of fields, mappings keyed
by data (goal ids, levels), and a choice between a scalar and a list."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field as dc_field

from goalbook.diagnostics import Fix
from goalbook.load.yamltree import Mapping, Scalar, Sequence
from goalbook.schema.fields import INVALID, Choice, Context, Field, Text, _describe, _label, or_null


@dataclass
class ListOf(Field):
    item: Field = None  # type: ignore[assignment]
    doc: str = ""
    required: bool = False

    def convert(self, node, ctx, path):
        if not isinstance(node, Sequence):
            if _takes_text(self.item) and isinstance(node, Scalar):
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
        if _takes_text(self.item):     # `values: honesty` means one value
            one = self.item.scalar if isinstance(self.item, AnyOf) else self.item
            return {"anyOf": [schema, one.json_schema()], "description": self.doc}
        return schema


def _takes_text(item: Field) -> bool:
    """Whether a lone scalar may stand for a one-item list of `item`."""
    if isinstance(item, AnyOf):
        item = item.scalar
    return isinstance(item, (Text, Choice))


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
                close = _closest(name, self.fields)
                ctx.report(self.unknown_code, key, f"'{name}' is not a field goalbook knows here",
                           f"did you mean '{close}'?" if close else "the fields are: " + ", ".join(self.fields),
                           Fix.replace(name, close) if close else None)
                meant = difflib.get_close_matches(name, list(self.fields), n=1, cutoff=0.75)
                if meant:       # 'titel:' is a title given wrongly: rules about the title stay quiet
                    ctx.invalid.add(f"{path}.{meant[0]}" if path else meant[0])
                continue
            ctx.key_positions[sub] = (key.line, key.column)
            ctx.positions[sub] = (value_node.line, value_node.column)
            if isinstance(value_node, Scalar) and value_node.is_null:
                empty[name] = key
                continue        # an empty field counts as not given
            value = spec.convert(value_node, ctx, sub)
            if value is INVALID:
                ctx.invalid.add(sub)
            else:
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


def _closest(name: str, known) -> str | None:
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
    return close[0] if close else None


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
    """The alternative whose shape fits the node: a scalar, a list or a mapping.

    A node of a shape with no alternative goes to `scalar`, which says what it expected."""
    scalar: Field = None     # type: ignore[assignment]
    sequence: Field | None = None
    doc: str = ""
    required: bool = False
    mapping: Field | None = None

    def convert(self, node, ctx, path):
        if isinstance(node, Sequence) and self.sequence is not None:
            return self.sequence.convert(node, ctx, path)
        if isinstance(node, Mapping) and self.mapping is not None:
            return self.mapping.convert(node, ctx, path)
        return self.scalar.convert(node, ctx, path)

    def json_schema(self):
        shapes = [f.json_schema() for f in (self.scalar, self.sequence, self.mapping) if f is not None]
        return {"anyOf": shapes, "description": self.doc}
