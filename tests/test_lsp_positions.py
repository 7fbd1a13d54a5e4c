"""goalbook's positions (1-based, code points, YAML's line breaks) in the editor's
units (0-based, UTF-16 / UTF-8 / UTF-32 code units, LSP's line breaks)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol.types import Position

from goalbook.load.yamltree import parse
from goalbook.lsp.positions import DocumentText

ENCODINGS = ("utf-8", "utf-16", "utf-32")


def test_an_emoji_counts_one_two_or_four():
    text = 'win: "🎉🎉" x\n'
    x = text.index("x")        # goalbook's column of x: 11 (1-based code points)
    expected = {"utf-32": 10, "utf-16": 12, "utf-8": 16}
    for encoding, character in expected.items():
        doc = DocumentText(text, encoding)
        assert doc.offset(1, 11) == x
        assert doc.position(x) == Position(line=0, character=character)
        assert doc.offset_at(Position(line=0, character=character)) == x


def test_yaml_breaks_lines_where_the_editor_does_not():
    """U+2028 ends a line for YAML (goalbook's line 2), not for the editor (still line 0)."""
    text = "a: x\u2028y\nb: [1, 2]\n"
    root, problems = parse(text)
    assert problems and problems[0].line == 3 or root is None
    doc = DocumentText(text, "utf-16")
    assert doc.position(doc.offset(3, 4)) == Position(line=1, character=3)
    assert doc.offset(2, 1) == text.index("y")
    assert doc.position(doc.offset(2, 1)) == Position(line=0, character=5)


def test_crlf_and_a_byte_order_mark():
    text = "\ufefftitle: a\r\ndue: x\r\n"
    doc = DocumentText(text, "utf-16")
    assert doc.offset(1, 1) == 1                     # goalbook reads the text without the mark
    assert doc.position(doc.offset(2, 6)) == Position(line=1, character=5)
    assert doc.line_end(doc.offset(1, 1)) == text.index("\r")


def test_positions_past_the_end_stay_inside():
    doc = DocumentText("a: 1\nb: 2", "utf-16")
    assert doc.offset(9, 1) == doc.offset(2, 1)
    assert doc.offset(1, 99) == 4
    assert doc.offset_at(Position(line=0, character=99)) == 4
    assert doc.offset_at(Position(line=7, character=0)) == len("a: 1\nb: 2")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "é", "中", "🎉", "\u2028"]), max_size=30),
       st.sampled_from(ENCODINGS), st.data())
def test_offset_and_position_round_trip(text, encoding, data):
    doc = DocumentText(text, encoding)
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1                                   # inside a \r\n is not a position
    assert doc.offset_at(doc.position(offset)) == offset


def test_a_diagnostic_covers_the_key_or_value_as_written():
    from goalbook.lsp.diagnostics import token_end

    cases = [
        ("titel: Walk\n", "titel"),                           # a key, up to its ':'
        ("why: Walk, talk and rest  # why\n", "Walk, talk and rest"),   # block text keeps its commas
        ("progress: {walk: lots, x: 1}\n", "lots"),           # in a flow mapping, up to ','
        ("win: 'it''s done' # yes\n", "'it''s done'"),        # quoted, with its quotes
        ('win: "a \\" b" x\n', '"a \\" b"'),
        ("measure: {what: x}\n", "{what: x}"),                # a flow mapping as a whole
        ("due:\n", "due"),
    ]
    for text, token in cases:
        doc = DocumentText(text)
        start = text.index(token)
        assert text[start:token_end(doc, start)] == token, text
    doc = DocumentText("a: 1\n")
    assert token_end(doc, 4) == 4                             # at the end of a line: empty
