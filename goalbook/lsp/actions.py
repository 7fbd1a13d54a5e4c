"""Quick fixes: a finding's `Fix` (goalbook.diagnostics) as an edit of the document.

A replacement ("did you mean 'title'?") changes the text written at the
finding's position, inside its quotes if it has them, and only if that text
is still what the finding was about. Adding a field (`baseline:` for M202,
`unit:` for M204) writes an empty field into the mapping that starts at the
finding's position: before the first field the schema lists after it, else
after the mapping's last field, in the mapping's own style (block or flow).
"""
from __future__ import annotations

from lsprotocol import types

from goalbook.diagnostics import ADD_FIELD, REPLACE, Diagnostic, Fix
from goalbook.load.source import parse_source
from goalbook.load.yamltree import Mapping, Node, Sequence
from goalbook.lsp.context import field_at
from goalbook.lsp.positions import DocumentText
from goalbook.schema.containers import Struct


def quick_fix(diagnostic: Diagnostic, doc: DocumentText, rel_path: str, kind: str) -> tuple[str, types.TextEdit] | None:
    """The title and the edit of the diagnostic's fix, or None if it no longer applies."""
    fix = diagnostic.fix
    if fix is None:
        return None
    start = doc.offset(diagnostic.line, diagnostic.column)
    if fix.kind == REPLACE:
        return _replace(fix, doc, start)
    if fix.kind == ADD_FIELD:
        return _add_field(fix.new, diagnostic, doc, start, rel_path, kind)
    return None


def _replace(fix: Fix, doc: DocumentText, start: int):
    text, old = doc.text, fix.old
    if not old:
        return None
    if text.startswith(old, start):
        span = (start, start + len(old))
    elif text[start:start + 1] in ("'", '"') and text.startswith(old + text[start], start + 1):
        span = (start + 1, start + 1 + len(old))
    else:
        return None
    return f"Change '{old}' to '{fix.new}'", types.TextEdit(range=doc.range(*span), new_text=fix.new)


def _add_field(name: str, diagnostic: Diagnostic, doc: DocumentText, start: int, rel_path: str, kind: str):
    found = _mapping_at(parse_source(doc.text.encode("utf-8"), rel_path, kind).root,
                        (diagnostic.line, diagnostic.column), [])
    if found is None:
        return None
    mapping, path = found
    if mapping.get(name) is not None:
        return None
    spec = field_at(kind, path)
    order = list(spec.fields) if isinstance(spec, Struct) else []
    later = [key for key, _ in mapping.pairs if key.value in order and name in order
             and order.index(key.value) > order.index(name)]
    title = f"Add '{name}:' to {path[-1] if path else 'this mapping'}"
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    if doc.text[start:start + 1] == "{":     # flow style: `measure: {what: walks, target: 3}`
        at = doc.offset(later[0].line, later[0].column) if later else start + 1
        return title, _insert(doc, at, f"{name}: , " if mapping.pairs else f"{name}: ")
    return title, _insert_block_line(doc, mapping, later, name, newline)


def _insert(doc: DocumentText, offset: int, text: str) -> types.TextEdit:
    return types.TextEdit(range=doc.range(offset, offset), new_text=text)


def _insert_block_line(doc: DocumentText, mapping: Mapping, later, name: str, newline: str) -> types.TextEdit:
    lines = doc.lsp_lines()
    indent = " " * (mapping.column - 1)
    if later:
        row, _ = doc.row_column(doc.offset(later[0].line, later[0].column))
        if lines[row].startswith(indent) and not lines[row][:len(indent)].strip():
            return _insert(doc, doc.row_offset(row), f"{indent}{name}:{newline}")
    last_key = mapping.pairs[-1][0]
    row, _ = doc.row_column(doc.offset(last_key.line, last_key.column))
    end_row = _last_row_of(lines, row, len(indent))
    if end_row + 1 < len(lines):
        return _insert(doc, doc.row_offset(end_row + 1), f"{indent}{name}:{newline}")
    return _insert(doc, len(doc.text), f"{newline}{indent}{name}:")


def _last_row_of(lines: list[str], row: int, column: int) -> int:
    """The last line that belongs to the field on `row` (whose key is at `column`)."""
    last = row
    for at in range(row + 1, len(lines)):
        line = lines[at]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip(" ")) <= column:
            break
        last = at
    return last


def _mapping_at(node: Node | None, where: tuple[int, int], path: list[str]):
    """The mapping that starts at `where`, and its path of keys and "-"."""
    if isinstance(node, Mapping):
        if (node.line, node.column) == where:
            return node, path
        for key, value in node.pairs:
            found = _mapping_at(value, where, path + [key.value])
            if found:
                return found
    elif isinstance(node, Sequence):
        for item in node.items:
            found = _mapping_at(item, where, path + ["-"])
            if found:
                return found
    return None


def actions_for(uri: str, fixes: list[tuple[types.Diagnostic, str, types.TextEdit]],
                params: types.CodeActionParams) -> list[types.CodeAction]:
    """The quick fixes for the diagnostics the editor names (or, if it names none, for
    those touching the range it asks about)."""
    if params.context.only and types.CodeActionKind.QuickFix not in params.context.only:
        return []
    named = {(d.code, _key(d.range.start), _key(d.range.end)) for d in params.context.diagnostics}
    return [types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                             is_preferred=True, edit=types.WorkspaceEdit(changes={uri: [edit]}))
            for diagnostic, title, edit in fixes
            if ((diagnostic.code, _key(diagnostic.range.start), _key(diagnostic.range.end)) in named if named
                else _touches(diagnostic.range, params.range))]


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _touches(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)

