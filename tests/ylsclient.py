"""A small LSP client (pygls) for yaml-language-server: open documents, collect
the diagnostics the server publishes for each, and ask for one completion."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

WAIT_SECONDS = 30           # for a server's answer; a hung server fails the test, it doesn't hang it


@dataclass
class EditorView:
    diagnostics: dict[str, list[dict]]     # by document name: {"line", "character", "severity", "message"}
    completions: list[str]


async def run_editor(command: list[str], root: Path, documents: dict[str, tuple[Path, str]],
                     completion: tuple[Path, str], position: tuple[int, int], env: dict) -> EditorView:
    client = LanguageClient("goalbook-tests", "1")
    published: dict[str, asyncio.Future] = {}

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(ls, params: t.PublishDiagnosticsParams):
        future = published.get(params.uri)
        if future is not None and not future.done():
            future.set_result(params.diagnostics)

    @client.feature(t.WORKSPACE_CONFIGURATION)
    def on_configuration(ls, params: t.ConfigurationParams):
        # yaml-language-server asks for its settings: validate and complete, no schema store (offline)
        return [{"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}
                for _ in params.items]

    await client.start_io(*command, env=env, cwd=str(root))
    try:
        await asyncio.wait_for(client.initialize_async(t.InitializeParams(
            capabilities=t.ClientCapabilities(workspace=t.WorkspaceClientCapabilities(configuration=True)),
            root_uri=root.as_uri(), workspace_folders=[t.WorkspaceFolder(root.as_uri(), root.name)])), WAIT_SECONDS)
        client.initialized(t.InitializedParams())
        loop = asyncio.get_running_loop()
        diagnostics = {}
        for name, (path, text) in documents.items():
            uri = path.as_uri()
            published[uri] = loop.create_future()
            client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "yaml", 1, text)))
            found = await asyncio.wait_for(published[uri], WAIT_SECONDS)
            diagnostics[name] = [{"line": d.range.start.line, "character": d.range.start.character,
                                  "severity": int(d.severity or 1), "message": d.message} for d in found]
        path, text = completion
        client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(path.as_uri(), "yaml", 1, text)))
        answer = await asyncio.wait_for(client.text_document_completion_async(t.CompletionParams(
            t.TextDocumentIdentifier(path.as_uri()), t.Position(*position))), WAIT_SECONDS)
        items = answer.items if isinstance(answer, t.CompletionList) else (answer or [])
        await asyncio.wait_for(client.shutdown_async(None), WAIT_SECONDS)
        client.exit(None)
        return EditorView(diagnostics, [item.label for item in items])
    finally:
        await client.stop()
