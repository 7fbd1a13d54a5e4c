"""Driving the real `goalbook lsp` over stdio with pytest-lsp: the client, and
helpers to open, edit and wait for what the server publishes.

Each test gets its own server process (`python -m goalbook lsp`, with the
suite's GOALBOOK_TODAY) and a real project folder in tmp_path.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "goalbook", "lsp"]
WAIT_S = 30          # generous: a loaded machine may be slow; no test measures speed


def _client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics in order (with its version),
    and accepting what the server registers (as the real editors whose capabilities it
    claims do), kept in `registrations`."""
    client = LanguageClient()
    client.published = []
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def registered(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    def published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published})
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=_client))
async def lsp(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def start(client: LanguageClient, root: Path, encodings: list[str] | None = None,
                editor: str = "visual-studio-code", markdown: bool = True) -> types.InitializeResult:
    """Initialize with a real editor's capabilities (from pytest-lsp's recorded set),
    offering other position `encodings`, or hover without Markdown, if asked."""
    capabilities = client_capabilities(editor)
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    if not markdown:
        capabilities.text_document.hover.content_format = [types.MarkupKind.PlainText]
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def open_file(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown" if path.suffix == ".md" else "yaml", version=1,
        text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def replace_text(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def edit(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
         text: str) -> None:
    """An incremental change, positions as (line, character) in the agreed units."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=text)]))


def close_file(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


async def next_publish(client: LanguageClient, uri: str, after: int = 0, version: int | None = None,
                       until=None) -> list[types.Diagnostic]:
    """The diagnostics of the first publish for `uri` past index `after` (of the same
    `version`, if given, and for which `until(diagnostics)` holds, if given)."""
    async def wait():
        seen = after
        while True:
            for params in client.published[seen:]:
                if (params.uri == uri and (version is None or params.version == version)
                        and (until is None or until(params.diagnostics))):
                    return list(params.diagnostics)
            seen = len(client.published)
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(wait(), WAIT_S)


def codes(diagnostics) -> list[str]:
    return sorted(d.code for d in diagnostics)


def position_of(text: str, needle: str, encoding: str = "utf-16", after: int = 0) -> types.Position:
    """Where `needle` starts in `text`, as an LSP position in `encoding` units."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    before = text[text.rfind("\n", 0, offset) + 1: offset]
    units = len(before.encode(encoding.replace("utf-16", "utf-16-le").replace("utf-32", "utf-32-le")))
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    return types.Position(line=line, character=units // width + after)


async def completion_labels(client: LanguageClient, uri: str, text: str, marker: str = "|",
                            encoding: str = "utf-16") -> list[str]:
    """The labels offered at `marker` in `text` (the document's text with the marker left out)."""
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, marker, encoding)))
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return [item.label for item in items]


def without_marker(text: str, marker: str = "|") -> str:
    return text.replace(marker, "", 1)


def offset_of(text: str, position: types.Position, encoding: str = "utf-16") -> int:
    """The string index of an LSP position (lines broken at \\n), for applying edits in tests."""
    start = 0
    for _ in range(position.line):
        start = text.index("\n", start) + 1
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    line = text[start:].split("\n", 1)[0]
    encoded = line.encode(codec)[: position.character * width]
    return start + len(encoded.decode(codec))


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset_of(text, edit.range.start, encoding), offset_of(text, edit.range.end, encoding)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def quick_fixes(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix])))
    return list(result or [])
