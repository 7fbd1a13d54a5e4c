"""JSON Schema (draft 2020-12) of goalbook's files, for editors.

Generated from the same field tables the validator uses
(`goalbook.schema.definitions`), so what an editor flags while typing is what
`goalbook check` reports. The project keeps a generated copy in `.goalbook/`
that goal files point to with a `# yaml-language-server: $schema=...` line;
the path is relative, so nothing is ever fetched from another host.
"""
from __future__ import annotations

import json

from goalbook.model.measures import QUESTIONNAIRES
from goalbook.rules.registry import ALL_CODES
from goalbook.schema.definitions import CHECKIN, GOAL, SESSION, SETTINGS
from goalbook.schema.fields import EMPTY_DEF, NULL_ONLY, or_null

DRAFT = "https://json-schema.org/draft/2020-12/schema"   # an identifier; never fetched
KINDS = ("goal", "checkin", "session", "settings")
SCHEMA_DIR = ".goalbook"
MAIN_FILE = "schema.json"                # top level: a goal file; every kind under $defs

_TITLES = {
    "goal": "goalbook goal (content/goals/*.yaml)",
    "checkin": "goalbook check-in file (content/checkins/*.yaml): one check-in or a list of them",
    "session": "goalbook session (content/sessions/*.yaml)",
    "settings": "goalbook settings (goalbook.yaml)",
}


def _checkin_entry() -> dict:
    entry = CHECKIN.json_schema()
    entry["dependentRequired"] = {"value": ["goal"]}      # a value needs the goal it is for
    return entry


def kind_body(kind: str) -> dict:
    """The schema of one kind of file, without the `$schema` header."""
    if kind == "goal":
        body = GOAL.json_schema()
    elif kind == "checkin":
        entry = _checkin_entry()
        body = {"anyOf": [entry, {"type": "array", "items": entry, "minItems": 1}]}
    elif kind == "session":
        body = SESSION.json_schema()
    elif kind == "settings":
        body = SETTINGS.json_schema()
    else:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    body["title"] = _TITLES[kind]
    return _tidy(_sharpen(body))


def document(kind: str | None = None) -> dict:
    """The whole schema, or (with `kind`) the schema of one kind of file.

    The whole schema has every kind under `$defs`; its top level is the goal
    file, because goal files are the ones that point at it.
    """
    if kind is not None:
        return {"$schema": DRAFT, **kind_body(kind), "$defs": {EMPTY_DEF: NULL_ONLY}}
    return {
        "$schema": DRAFT,
        "title": "goalbook files",
        "description": "The top level describes a goal file; $defs has goal, checkin, session and settings "
                       "(and 'empty', what an empty field may be).",
        "$ref": "#/$defs/goal",
        "$defs": {**{name: kind_body(name) for name in KINDS}, EMPTY_DEF: NULL_ONLY},
    }


def schema_text(kind: str | None = None) -> str:
    return json.dumps(document(kind), indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """The generated files of `.goalbook/`, by name."""
    files = {MAIN_FILE: schema_text()}
    for kind in ("checkin", "session", "settings"):
        files[f"{kind}.schema.json"] = schema_text(kind)
    return files


def _sharpen(schema: dict) -> dict:
    """Say in the schema what goalbook checks beyond the field tables: the
    questionnaires' item counts and ranges, and the rule codes in `rules:`."""
    measures = or_null(CHECKIN.fields["measures"].json_schema())
    rules = or_null(SETTINGS.fields["rules"].json_schema())
    exact = {
        _key(measures): or_null({**measures, "type": "object", "additionalProperties": False, "properties": {
            name: _questionnaire(q) for name, q in QUESTIONNAIRES.items()}}),
        _key(rules): {**rules, "propertyNames": {"enum": list(ALL_CODES)}},
    }
    return _replace(schema, exact)


def _questionnaire(q) -> dict:
    item = {"type": "integer", "minimum": 0, "maximum": q.item_max}
    return {"description": f"{q.title}: the total (0-{q.total_max}) or the {q.items} item scores (0-{q.item_max} each)",
            "anyOf": [{"type": "integer", "minimum": 0, "maximum": q.total_max},
                      {"type": "array", "items": item, "minItems": q.items, "maxItems": q.items},
                      {"type": "null"}]}


def _key(schema) -> str:
    return json.dumps(schema, sort_keys=True)


def _replace(schema, exact: dict):
    if isinstance(schema, dict):
        if _key(schema) in exact:
            return exact[_key(schema)]
        return {k: _replace(v, exact) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_replace(v, exact) for v in schema]
    return schema


def _tidy(schema):
    """Drop empty descriptions, recursively."""
    if isinstance(schema, dict):
        return {k: _tidy(v) for k, v in schema.items() if not (k == "description" and not v)}
    if isinstance(schema, list):
        return [_tidy(v) for v in schema]
    return schema
