"""Validate a loaded file against its schema: data plus positions plus problems."""
from __future__ import annotations

from goalbook.diagnostics import Diagnostic

from dataclasses import dataclass, field, replace

from goalbook.load.source import SourceFile
from goalbook.load.yamltree import Sequence
from goalbook.schema.definitions import BODY_FIELD, CHECKIN, GOAL, SESSION, SETTINGS
from goalbook.schema.fields import INVALID, Context

SCHEMAS = {"goal": GOAL, "checkin": CHECKIN, "session": SESSION, "settings": SETTINGS}


@dataclass
class Record:
    """One validated mapping: a goal, a session, the settings, or one check-in."""
    data: dict
    positions: dict[str, tuple[int, int]]
    key_positions: dict[str, tuple[int, int]]
    invalid: set[str]                   # fields given but not usable: rules about them stay quiet
    line: int
    column: int


@dataclass
class Validated:
    source: SourceFile
    records: list[Record] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.problems) or bool(self.source.problems)


def validate(source: SourceFile) -> Validated:
    result = Validated(source)
    root = source.root
    if root is None:
        return result
    schema = SCHEMAS[source.kind]
    if source.kind == "checkin" and isinstance(root, Sequence):
        mappings = root.items
        if not mappings:
            result.problems.append(Diagnostic.problem("GB003", root.line, root.column, "this list of check-ins is empty",
                                    "add at least one check-in with a date"))
    else:
        mappings = [root]
    for node in mappings:
        _validate_one(node, schema, source, result)
    return result


def _validate_one(node, schema, source: SourceFile, result: Validated) -> None:
    ctx = Context()
    data = schema.convert(node, ctx, "")
    if data is not INVALID:
        _attach_body(data, ctx, source)
        ctx.positions.setdefault("", (node.line, node.column))
        result.records.append(Record(data, ctx.positions, ctx.key_positions, ctx.invalid, node.line, node.column))
    if source.kind == "settings":
        ctx.problems = [replace(p, code="GB008") if p.code in ("GB002", "GB003") else p for p in ctx.problems]
    result.problems.extend(ctx.problems)


def _attach_body(data: dict, ctx: Context, source: SourceFile) -> None:
    name = BODY_FIELD.get(source.kind)
    if name is None or source.body is None:
        return
    if name in data:
        line, column = ctx.key_positions[name]
        ctx.problems.append(Diagnostic.problem("GB003", line, column,
                             f"'{name}' is given both here and as the text below the front matter",
                             "keep one of them; the text below the '---' is usually easier to write"))
        return
    data[name] = source.body
    ctx.positions[name] = (source.body_line, 1)

