"""Hover: what a field means (from the schema's descriptions) and what a rule
code checks (from the rule registry and each rule module's own description)."""
from __future__ import annotations

from goalbook.vocabulary import as_written

import inspect
import re

from goalbook.lsp.context import field_at, key_at
from goalbook.rules.catalogue import rule_info
from goalbook.rules.registry import SMART_RULES, SUMMARIES
from goalbook.schema.containers import AnyOf, ListOf, MapOf, Struct
from goalbook.schema.fields import Bool, Choice, Date, Field, GoalRef, Number, Text, Value

RULE_CODE = re.compile(r"\b(?:GB\d{3}|[SMART]\d{3})\b")
_RULE_MODULES = {rule.CODE: rule for rule in SMART_RULES}


def kind_of(spec: Field) -> str:
    """What a field holds, in a few words."""
    if isinstance(spec, Choice):
        return "one of " + ", ".join(spec.choices)
    if isinstance(spec, Number):
        return _number(spec)
    if isinstance(spec, ListOf):
        return "a list of " + (_fields(spec.item) if isinstance(spec.item, Struct) else kind_of(spec.item))
    if isinstance(spec, Struct):
        return "a mapping with " + ", ".join(spec.fields)
    if isinstance(spec, MapOf):
        return f"{_key_kind(spec)} → {kind_of(spec.value)}"
    if isinstance(spec, AnyOf):
        return f"{kind_of(spec.scalar)}, or {kind_of(spec.sequence)}"
    simple = {Date: "a date, YYYY-MM-DD", Bool: "yes or no", Value: "a number, or yes/no",
              GoalRef: "a goal id (the goal file's name without .yaml or .md)", Text: "text"}
    return next((text for cls, text in simple.items() if isinstance(spec, cls)), "")


def _fields(spec: Struct) -> str:
    return "mappings with " + ", ".join(spec.fields)


def _key_kind(spec: MapOf) -> str:
    if isinstance(spec.key, GoalRef):
        return "goal id"
    if isinstance(spec.key, Choice):
        return " or ".join(spec.key.choices)
    if isinstance(spec.key, Number):
        return "level"
    return "rule code"


def _number(spec: Number) -> str:
    text = "a whole number" if spec.integer else "a number"
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        return f"{text} from {as_written(low)} to {as_written(high)}"
    if low is not None:
        return f"{text}, at least {as_written(low)}"
    if spec.above is not None:
        return f"{text} above {as_written(spec.above)}"
    return text




def field_hover(path: list[str], spec: Field) -> str:
    """Markdown for a field: its name in the file, what it means and what it holds."""
    name = ".".join("N" if step == "-" else step for step in path)
    lines = [f"**{name}**" + (" (required)" if spec.required else "")]
    if spec.doc:
        lines.append(spec.doc[0].upper() + spec.doc[1:] + ("" if spec.doc.endswith(".") else "."))
    kind = kind_of(spec)
    if kind:
        lines.append(f"*{kind}*")
    return "\n\n".join(lines)


def rule_hover(code: str) -> str | None:
    """Markdown for a rule code: from the rule catalogue (summary, default severity, how to
    answer it), and for a SMART rule any further explanation in its module's description."""
    if code not in SUMMARIES:
        return None
    info = rule_info(code)
    lines = [f"**{code}** ({info.severity} by default)", info.help]
    module = _RULE_MODULES.get(code)
    if module is not None and module.__doc__:
        more = inspect.cleandoc(module.__doc__).split("\n\n", 1)[1:]   # past the module's one-line title
        lines += [" ".join(more[0].split())] if more else []
    lines.append(f"Change its severity in goalbook.yaml: `rules: {{{code}: warning}}` (error, warning or off).")
    return "\n\n".join(lines)


def plain(markdown: str) -> str:
    """The hover text for a client that shows no Markdown: without its emphasis and code marks."""
    return re.sub(r"\*\*|`|(?<![\w*])\*|\*(?![\w*])", "", markdown)


def goal_hover(goal_id: str, title: str | None) -> str:
    return f"**{goal_id}**" + (f": {title}" if title else "")


def hover_at(doc, offset: int, location, facts) -> tuple[str, int, int] | None:
    """What to show for the cursor at `offset`: (Markdown, start, end), or None."""
    code = _rule_code_at(doc, offset)
    if code is not None:
        text = rule_hover(code[0])
        return (text, code[1], code[2]) if text else None
    found = key_at(doc, offset, location.is_markdown)
    if found is None:
        return None
    path, start, end = found
    holder = field_at(location.kind, path[:-1])
    if isinstance(holder, MapOf) and isinstance(holder.key, GoalRef):
        goal_id = path[-1]      # a goal id under progress: or levels: (GB006 speaks of unknown ones)
        return (goal_hover(goal_id, facts.goals[goal_id]), start, end) if goal_id in facts.goals else None
    spec = field_at(location.kind, path)
    return (field_hover(path, spec), start, end) if spec is not None else None


def _rule_code_at(doc, offset: int) -> tuple[str, int, int] | None:
    row, column = doc.row_column(offset)
    line = doc.lsp_lines()[row]
    for match in RULE_CODE.finditer(line):
        if match.start() <= column <= match.end():
            line_start = doc.row_offset(row)
            return match.group(), line_start + match.start(), line_start + match.end()
    return None
