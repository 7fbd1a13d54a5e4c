"""Completion: field names, choices, goal ids, declared values and areas.

Field names and choices come from the schema tables (`goalbook.schema`),
the same ones `check` validates with and `goalbook schema` prints; goal ids,
values and areas from the project as the last check read it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lsprotocol import types

from goalbook.lsp.context import ITEM, KEY, VALUE, Cursor, field_at
from goalbook.lsp.hover import kind_of
from goalbook.lsp.positions import DocumentText
from goalbook.rules.registry import ALL_CODES, SUMMARIES
from goalbook.schema.containers import AnyOf, ListOf, MapOf, Struct
from goalbook.schema.definitions import GOAL, SETTINGS
from goalbook.schema.fields import Bool, Choice, Date, Field, GoalRef, Text

_SCALAR_KINDS = (Text, Choice, GoalRef, Date, Bool)


@dataclass
class Facts:
    """What completion needs to know about the project."""
    goals: dict[str, str] = field(default_factory=dict)     # goal id → title
    scaled: set[str] = field(default_factory=set)           # goals with a Goal Attainment Scale
    values: list[str] = field(default_factory=list)         # declared in goalbook.yaml
    areas: list[str] = field(default_factory=list)          # declared, or the default ones
    today: date | None = None


def complete(cursor: Cursor, kind: str, facts: Facts, doc: DocumentText, end: int) -> list[types.CompletionItem]:
    edit_range = doc.range(cursor.start, end)
    if cursor.kind == KEY and cursor.path[-1:] == ["-"] and not _holds_keys(field_at(kind, cursor.path)):
        cursor = Cursor(ITEM, cursor.path[:-1], cursor.partial, cursor.start)   # `- hea|` in a list of words
    if cursor.kind == KEY:
        candidates = _keys(field_at(kind, cursor.path), cursor, facts)
    elif cursor.kind == VALUE:
        candidates = _values(field_at(kind, cursor.path + [cursor.key]), facts)
    else:
        candidates = _items(field_at(kind, cursor.path), kind, cursor.path, facts)
    return [_item(label, detail, docs, item_kind, insert, edit_range)
            for label, detail, docs, item_kind, insert in candidates]


def _holds_keys(spec: Field | None) -> bool:
    return isinstance(spec, (Struct, MapOf))


def _item(label, detail, docs, kind, insert, edit_range) -> types.CompletionItem:
    return types.CompletionItem(label=label, kind=kind, detail=detail, documentation=docs or None,
                                text_edit=types.TextEdit(range=edit_range, new_text=insert),
                                filter_text=label)


def _keys(spec: Field | None, cursor: Cursor, facts: Facts):
    if isinstance(spec, Struct):
        return [(name, kind_of(sub), sub.doc, types.CompletionItemKind.Field,
                 f"{name}: " if isinstance(sub, _SCALAR_KINDS) else f"{name}:")
                for name, sub in spec.fields.items() if name not in cursor.siblings]
    if isinstance(spec, MapOf):
        return _map_keys(spec, cursor, facts)
    return []


def _map_keys(spec: MapOf, cursor: Cursor, facts: Facts):
    if isinstance(spec.key, GoalRef):
        scaled_only = cursor.path[-1:] == ["levels"]
        return [(goal_id, title, None, types.CompletionItemKind.Reference, f"{goal_id}: ")
                for goal_id, title in sorted(facts.goals.items())
                if (goal_id in facts.scaled or not scaled_only) and goal_id not in cursor.siblings]
    if isinstance(spec.key, Choice):
        return [(name, spec.doc, None, types.CompletionItemKind.EnumMember, f"{name}: ")
                for name in spec.key.choices if name not in cursor.siblings]
    if spec is GOAL.fields["scale"]:
        return [(level, spec.value.doc, None, types.CompletionItemKind.EnumMember, f"{level}:")
                for level in ("-2", "-1", "0", "1", "2") if level not in cursor.siblings]
    if spec is SETTINGS.fields["rules"]:
        return [(code, SUMMARIES[code], None, types.CompletionItemKind.EnumMember, f"{code}: ")
                for code in ALL_CODES if code not in cursor.siblings]
    return []


def _values(spec: Field | None, facts: Facts):
    if spec is GOAL.fields["area"]:
        return _words(facts.areas, "a declared area")
    if spec is GOAL.fields["values"]:
        return _words(facts.values, "a declared value")
    if isinstance(spec, Choice):
        return [(choice, None, None, types.CompletionItemKind.EnumMember, choice) for choice in spec.choices]
    if isinstance(spec, Bool):
        return [(word, None, None, types.CompletionItemKind.Value, word) for word in ("yes", "no")]
    if isinstance(spec, GoalRef):
        return [(goal_id, title, None, types.CompletionItemKind.Reference, goal_id)
                for goal_id, title in sorted(facts.goals.items())]
    if isinstance(spec, Date) and facts.today is not None:
        return [(facts.today.isoformat(), "today", None, types.CompletionItemKind.Value, facts.today.isoformat())]
    return []


def _items(spec: Field | None, kind: str, path: list[str], facts: Facts):
    """A new list item: a declared value, or the first field of a mapping."""
    if spec is GOAL.fields["values"]:
        return _words(facts.values, "a declared value")
    if isinstance(spec, Struct) and kind == "checkin" and not path:     # a file that is a list of check-ins
        return _keys(spec, Cursor(KEY, ["-"], "", 0), facts)
    item = spec.item if isinstance(spec, ListOf) else None
    if isinstance(item, Struct):
        return _keys(item, Cursor(KEY, path + ["-"], "", 0), facts)
    if isinstance(spec, AnyOf) or item is None:
        return []
    return _values(item, facts)


def _words(words: list[str], detail: str):
    return [(word, detail, None, types.CompletionItemKind.Value, word) for word in words]

