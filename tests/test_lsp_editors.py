"""The whole round trip with the capabilities each documented editor really sends
(pytest-lsp's recorded sets for VS Code, Neovim 0.11 and Emacs 29's eglot): the
position encoding it gets, diagnostics, completion, hover and a quick fix applied."""
from __future__ import annotations

import pytest
from conftest import GOOD_GOAL
from lsp_support import (apply_edits, codes, completion_labels, lsp, next_publish, open_file, quick_fixes,  # noqa: F401
                         replace_text, start, without_marker)
from lsprotocol import types

EDITORS = [("visual-studio-code", "utf-16"), ("neovim@v0.11.0", "utf-8"), ("emacs@v29.1", "utf-32")]


@pytest.mark.asyncio
@pytest.mark.parametrize("editor, encoding", EDITORS)
async def test_round_trip(lsp, book, editor, encoding):
    book.write("goalbook.yaml", "rules: {T504: off}\n")
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    result = await start(lsp, book.root, editor=editor)
    assert result.capabilities.position_encoding == encoding
    assert result.capabilities.completion_provider and result.capabilities.hover_provider
    assert result.capabilities.code_action_provider

    text = 'date: 2026-11-20\nwin: "🎉 walked"\nprogress: {evening-walk: 3}\n'
    path = book.root / "content/checkins/2026-11-20.yaml"
    uri = open_file(lsp, path, text)
    found = await next_publish(lsp, uri)
    assert codes(found) == ["GB006"]

    (action,) = await quick_fixes(lsp, uri, found[0])
    fixed = apply_edits(text, action.edit.changes[uri], encoding)
    assert fixed == text.replace("evening-walk:", "evening-walks:")
    replace_text(lsp, uri, 2, fixed)
    assert await next_publish(lsp, uri, version=2) == []

    typing = fixed + "mo|"
    replace_text(lsp, uri, 3, without_marker(typing))
    assert "mood" in await completion_labels(lsp, uri, typing, encoding=encoding)
    shown = await lsp.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1)))
    assert "the day of the check-in" in shown.contents.value.lower()
