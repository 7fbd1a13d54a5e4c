"""Positions in one document: goalbook's and the editor's.

goalbook reports 1-based lines and columns counted in code points, with lines
broken where YAML breaks them (\\n, \\r\\n, \\r, and also U+0085, U+2028 and
U+2029). The Language Server Protocol counts 0-based lines broken only at
\\n, \\r\\n and \\r, and columns in the code units of the position encoding the
client and server agreed on: UTF-16 unless the client offered UTF-8 or
UTF-32. Going through an offset into the text (in code points) keeps the two
apart, so an emoji (two UTF-16 units, four UTF-8 bytes) or a U+2028 inside a
value can't shift a diagnostic.
"""
from __future__ import annotations

import bisect
import re

from lsprotocol import types

_YAML_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_LSP_BREAK = re.compile(r"\r\n|[\n\r]")
_UNIT_BYTES = {types.PositionEncodingKind.Utf8: 1, types.PositionEncodingKind.Utf16: 2,
               types.PositionEncodingKind.Utf32: 4}
_CODECS = {1: "utf-8", 2: "utf-16-le", 4: "utf-32-le"}


def _line_starts(text: str, breaks: re.Pattern) -> list[int]:
    return [0] + [match.end() for match in breaks.finditer(text)]


class DocumentText:
    """A document's text with both ways of counting lines, and the agreed encoding."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.text = text
        self._unit = _UNIT_BYTES.get(encoding, 2)
        self._lsp = _line_starts(text, _LSP_BREAK)
        self._yaml = self._lsp if not re.search("[\x85\u2028\u2029]", text) else _line_starts(text, _YAML_BREAK)
        # goalbook reads the text without a byte order mark, so its columns on line 1 start after it
        self._bom = 1 if text.startswith("\ufeff") else 0

    # --- goalbook's positions ---

    def offset(self, line: int, column: int) -> int:
        """The offset (in code points) of goalbook's 1-based line and column, kept inside that line."""
        index = min(max(line, 1), len(self._yaml)) - 1
        start = self._yaml[index] + (self._bom if index == 0 else 0)
        return min(start + max(column, 1) - 1, self.line_end(start))

    def line_end(self, offset: int) -> int:
        """Where the line holding `offset` ends, before its line break."""
        match = _YAML_BREAK.search(self.text, offset)
        return match.start() if match else len(self.text)

    # --- the editor's positions ---

    def position(self, offset: int) -> types.Position:
        """The LSP position of an offset, in the agreed code units."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self._lsp, offset) - 1
        return types.Position(line=line, character=self._units(self.text[self._lsp[line]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset_at(self, position: types.Position) -> int:
        """The offset of an LSP position; a character past the end of its line means the line's end."""
        if position.line >= len(self._lsp):
            return len(self.text)
        start = self._lsp[position.line]
        match = _LSP_BREAK.search(self.text, start)
        end = match.start() if match else len(self.text)
        if self._unit == 4:
            return min(start + position.character, end)
        units = 0
        for offset in range(start, end):
            if units >= position.character:
                return offset
            units += self._units(self.text[offset])
        return end

    def _units(self, text: str) -> int:
        if self._unit == 4 or text.isascii():
            return len(text)
        return len(text.encode(_CODECS[self._unit], "surrogatepass")) // self._unit

    # --- lines as the editor counts them ---

    def lsp_lines(self) -> list[str]:
        """The text's lines, without their line breaks, as the editor numbers them."""
        return _LSP_BREAK.split(self.text)

    def row_column(self, offset: int) -> tuple[int, int]:
        """The 0-based line (as the editor counts) and code-point column of an offset."""
        line = bisect.bisect_right(self._lsp, offset) - 1
        return line, offset - self._lsp[line]

    def row_offset(self, row: int) -> int:
        """The offset where the editor's 0-based line `row` starts."""
        return self._lsp[min(row, len(self._lsp) - 1)]
