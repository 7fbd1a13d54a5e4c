"""Where the cursor is in a goalbook file that may be half typed.

While someone types, the YAML is often not valid (`titl` has no `:` yet), so
this reads the lines by their indentation, as a person would: the keys and
list items (`-`) above the cursor that hold it, from the top of the file
down, make its path (`["measure"]`, `["steps", "-"]`). `field_at` then finds
the schema field for a path in the same tables `check` validates with.
Block style is read in full; a flow collection (`[a, b]`, `{a: 1}`) only on
the cursor's own line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from goalbook.lsp.positions import DocumentText
from goalbook.schema.containers import AnyOf, ListOf, MapOf, Struct
from goalbook.schema.definitions import CHECKIN, GOAL, SESSION, SETTINGS
from goalbook.schema.fields import Field

ROOTS = {"goal": GOAL, "checkin": CHECKIN, "session": SESSION, "settings": SETTINGS}
KEY, VALUE, ITEM = "key", "value", "item"

_LINE = re.compile(r"(?P<indent>[ ]*)(?P<dashes>(?:-(?:[ ]+|$))*)(?P<rest>.*)")
_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#:'"\[\]{},][^#:]*?)[ \t]*:(?:[ \t]+(?P<value>.*)|$)""")
_PARTIAL_KEY = re.compile(r"[^\s#:'\"\[\]{},]*")
_FENCE = re.compile(r"(---|\.\.\.)[ \t]*")


@dataclass
class Cursor:
    kind: str                     # KEY (typing a key), VALUE (a key's value) or ITEM (a list item)
    path: list[str]               # keys and "-" from the top of the file to what holds the cursor
    partial: str                  # what is typed so far of the key, value or item
    start: int                    # the offset where `partial` starts
    key: str | None = None        # for VALUE: the key whose value it is
    siblings: set[str] = field(default_factory=set)   # for KEY: keys already in the same mapping


@dataclass(frozen=True)
class _Node:
    column: int
    name: str                     # "-" for a list item, else a key
    end: int = 0                  # for a key: the column after its name


def _nodes(line: str, cut: int | None = None) -> list[_Node]:
    """The list items and the key that start on a line (up to column `cut`)."""
    line = line if cut is None else line[:cut]
    match = _LINE.fullmatch(line)
    if match is None:
        return []
    column = len(match["indent"])
    nodes = []
    for dash in re.finditer(r"-[ ]*", match["dashes"]):
        nodes.append(_Node(column + dash.start(), "-"))
    rest = match["rest"]
    key = _KEY.match(rest) if rest and not rest.startswith("#") else None
    if key:
        start = column + len(match["dashes"])
        nodes.append(_Node(start, _unquote(key["key"]), start + len(key["key"])))
    return nodes


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" else key


def yaml_rows(lines: list[str], is_markdown: bool) -> range:
    """The rows that hold YAML: all of them, or a Markdown file's front matter."""
    if not is_markdown:
        return range(len(lines))
    if not lines or not _FENCE.fullmatch(lines[0]) or lines[0].startswith("..."):
        return range(0)
    for row in range(1, len(lines)):
        if _FENCE.fullmatch(lines[row]):
            return range(1, row)
    return range(1, len(lines))


def ancestors(lines: list[str], first: int, row: int, held: list[_Node]) -> list[str]:
    """The path to `held` (the nodes already known to hold the cursor, leftmost first) from the top."""
    path = [node.name for node in reversed(held)]
    if not held:
        return []
    column, is_item = held[0].column, held[0].name == "-"
    for above in range(row - 1, first - 1, -1):
        nodes = _nodes(lines[above])
        holders = [n for n in nodes if n.column < column or (n.column == column and is_item and n.name != "-")]
        if not holders:
            continue
        outer = nodes[: nodes.index(holders[-1]) + 1]
        path.extend(node.name for node in reversed(outer))
        column, is_item = outer[0].column, outer[0].name == "-"
        if column == 0 and not is_item:
            break
    path.reverse()
    return path


def siblings(lines: list[str], rows: range, row: int, column: int) -> set[str]:
    """The keys written at `column` in the same mapping as the cursor's row."""
    found: set[str] = set()
    for step in (-1, 1):
        at = row + step
        while at in rows:
            nodes = _nodes(lines[at])
            found.update(n.name for n in nodes if n.column == column and n.name != "-")
            if any(n.column < column for n in nodes):
                break
            at += step
    return found


def cursor_at(doc: DocumentText, offset: int, is_markdown: bool) -> Cursor | None:
    """What the cursor at `offset` is typing, or None outside the YAML."""
    lines = doc.lsp_lines()
    row, col = doc.row_column(offset)
    rows = yaml_rows(lines, is_markdown)
    if row not in rows:
        return None
    prefix = lines[row][:col]
    match = _LINE.fullmatch(prefix)
    if match is None or _is_comment(prefix):
        return None
    column = len(match["indent"]) + len(match["dashes"])
    dashes = [n for n in _nodes(prefix) if n.name == "-"]
    rest = match["rest"]
    key = _KEY.match(rest)
    if key and key["value"] is not None:
        holder = dashes + [_Node(column, _unquote(key["key"]))]
        return _value_cursor(ancestors(lines, rows.start, row, holder), key["value"], offset)
    if _PARTIAL_KEY.fullmatch(rest):
        start = offset - len(rest)
        if dashes and not rest:      # `- |`: the list's path, without the item's "-"
            return Cursor(ITEM, ancestors(lines, rows.start, row, dashes)[:-1], "", start)
        path = ancestors(lines, rows.start, row, dashes) if dashes else _path_above(lines, rows.start, row, column)
        return Cursor(KEY, path, rest, start, siblings=siblings(lines, rows, row, column) - {rest})
    return None


def _is_comment(prefix: str) -> bool:
    return prefix.lstrip(" -").startswith("#") or " #" in prefix


def _path_above(lines: list[str], first: int, row: int, column: int) -> list[str]:
    """The path of the mapping a key typed at `column` on `row` belongs to."""
    probe = _Node(column, "")
    return ancestors(lines, first, row, [probe])[:-1]


def _value_cursor(path: list[str], value: str, offset: int) -> Cursor | None:
    """The cursor typing `value` (the text after `key: ` up to the cursor)."""
    key, path = path[-1], path[:-1]
    if " #" in value or value.startswith("#"):
        return None
    if value.startswith("["):                          # values: [health, ca|
        partial = re.split(r"[\[,]", value)[-1].lstrip()
        return Cursor(ITEM, path + [key], _unquoted(partial), offset - len(_unquoted(partial)))
    if value.startswith("{"):                          # progress: {walks: 3, re|
        *before, inner = re.split(r"[{,]", value)
        inner = inner.lstrip()
        pair = _KEY.match(inner)
        if pair and pair["value"] is not None:
            partial = _unquoted(pair["value"])
            return Cursor(VALUE, path + [key], partial, offset - len(partial), key=_unquote(pair["key"]))
        if _PARTIAL_KEY.fullmatch(inner):
            written = {_unquote(m["key"]) for part in before if (m := _KEY.match(part.strip()))}
            return Cursor(KEY, path + [key], inner, offset - len(inner), siblings=written)
        return None
    partial = _unquoted(value)
    return Cursor(VALUE, path, partial, offset - len(partial), key=key)


def _unquoted(text: str) -> str:
    return text[1:] if text[:1] in ("'", '"') else text


def field_at(kind: str, path: list[str]) -> Field | None:
    """The schema field at a path (keys and "-"), or None where the schema has nothing."""
    spec: Field | None = ROOTS.get(kind)
    for index, step in enumerate(path):
        if spec is None:
            return None
        if step == "-":
            if index == 0 and kind == "checkin" and isinstance(spec, Struct):
                continue                               # a check-in file may be a list of check-ins
            spec = _item(spec)
        elif isinstance(spec, Struct):
            spec = spec.fields.get(step)
        elif isinstance(spec, MapOf):
            spec = spec.value
        else:
            return None
    return spec


def _item(spec: Field) -> Field | None:
    if isinstance(spec, ListOf):
        return spec.item
    if isinstance(spec, AnyOf) and isinstance(spec.sequence, ListOf):
        return spec.sequence.item
    return None


def key_at(doc: DocumentText, offset: int, is_markdown: bool) -> tuple[list[str], int, int] | None:
    """The path of the key under `offset` (ending with the key), and its offsets, if there is one."""
    lines = doc.lsp_lines()
    row, col = doc.row_column(offset)
    rows = yaml_rows(lines, is_markdown)
    if row not in rows:
        return None
    nodes = _nodes(lines[row])
    line_start = doc.row_offset(row)
    for index, node in enumerate(nodes):
        if node.name != "-" and node.column <= col <= node.end:
            return ancestors(lines, rows.start, row, nodes[: index + 1]), line_start + node.column, line_start + node.end
    last = nodes[-1].end if nodes and nodes[-1].name != "-" else (nodes[-1].column + 1 if nodes else 0)
    if last < col:                                      # in a flow collection after the line's key or `-`?
        found = _flow_key_at(lines[row], last, col)
        if found:
            inner, start, end = found
            return ancestors(lines, rows.start, row, nodes) + inner, line_start + start, line_start + end
    return None


_FLOW_KEY = re.compile(r"""[ \t]*("[^"]*"|'[^']*'|[^\s#:'"\[\]{},][^#:,\[\]{}]*?)[ \t]*:(?=[ \t]|$)""")


def _flow_key_at(line: str, start: int, col: int) -> tuple[list[str], int, int] | None:
    """The path inside a flow collection (`{a: [{b: …}]}`) to the key under `col`, and its columns."""
    stack: list[str | None] = []     # "-" per open `[`, the current key per open `{`
    at, quote = start, None
    while at < len(line):
        char = line[at]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and line[at - 1] in " \t":
            return None
        elif char == "[":
            stack.append("-")
        elif char == "]" or char == "}":
            if stack:
                stack.pop()
        elif char == "{" or (char == "," and stack and stack[-1] != "-"):
            if char == "{":
                stack.append(None)
            key = _FLOW_KEY.match(line, at + 1)
            if key:
                name = _unquote(key[1])
                stack[-1] = name
                if key.start(1) <= col <= key.end(1):
                    return [entry for entry in stack if entry is not None], key.start(1), key.end(1)
                at = key.end() - 1
        at += 1
    return None
