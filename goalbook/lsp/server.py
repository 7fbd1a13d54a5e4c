"""The language server: pygls wiring, open documents and debounced checks.

A change to an open goalbook file after a quiet moment is checked at once;
changes that follow each other within `DEBOUNCE_S` are checked together,
`DEBOUNCE_S` after the last of them. A check runs goalbook's own engine in
a worker thread over the unsaved texts of all the project's open files, and
then publishes diagnostics for every one of them, so a finding that depends
on another file (a check-in naming a goal, too many active goals) follows
that file's edits too. A check overtaken by newer edits publishes nothing;
the newer one will. When the editor can watch files for it
(`workspace/didChangeWatchedFiles`), a goalbook file changed on disk and not in
the editor (a `git checkout`, a file made or deleted in a terminal) checks its
project's open files again as well.

Nothing but the protocol goes to stdout: `serve_stdio` gives the protocol
its own copy of the stdout file descriptor and points descriptor 1 (and
`sys.stdout`) at stderr, so a stray print anywhere lands in the log.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from goalbook import __version__
from goalbook.clock import Clock
from goalbook.errors import GoalbookError
from goalbook.lsp import actions, completion, context, hover
from goalbook.lsp.diagnostics import to_lsp
from goalbook.lsp.positions import DocumentText
from goalbook.lsp.projects import Location, Project, Published, locate
from goalbook.app.check import ProjectError

# Coalesces a burst of changes (key repeat, an editor sending several at once) into one check;
# a change after a quiet moment doesn't wait for it (edit → diagnostics has 150 ms in all).
DEBOUNCE_S = 0.05
WATCHED = ("**/*.yaml", "**/*.yml", "**/*.md")     # changes outside a project's files are ignored
log = logging.getLogger("goalbook.lsp")


class GoalbookServer(LanguageServer):
    def __init__(self, clock: Clock, debounce: float = DEBOUNCE_S):
        super().__init__("goalbook", __version__)
        self.clock = clock
        self.debounce = debounce
        self.projects: dict[Path, Project] = {}     # kept when their files close: the cache makes reopening quick
        self._tasks: set[asyncio.Task] = set()

    # --- documents ---

    def where(self, uri: str) -> tuple[Project, Location] | None:
        """The project and place of an open goalbook document, or None for any other document."""
        for project in self.projects.values():
            if uri in project.open:
                return project, project.open[uri]
        return None

    def opened(self, uri: str) -> None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        location = locate(Path(path)) if path else None
        if location is None:
            return
        project = self.projects.setdefault(location.root, Project(location.root))
        project.open[uri] = location
        self.schedule(project, 0)

    def changed(self, uri: str) -> None:
        found = self.where(uri)
        if found is None:
            return
        project, now = found[0], asyncio.get_running_loop().time()
        quiet = now - project.last_change > self.debounce
        project.last_change = now
        self.schedule(project, 0 if quiet else self.debounce)

    def closed(self, uri: str) -> None:
        found = self.where(uri)
        if found is None:
            return
        project = found[0]
        del project.open[uri]
        project.published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.schedule(project, 0)        # the file on disk now counts again for the others

    def watch_files(self) -> None:
        """Ask the editor to say when goalbook's files change on disk, if it can."""
        workspace = self.client_capabilities.workspace
        watching = workspace.did_change_watched_files if workspace else None
        if not (watching and watching.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
        self.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="goalbook-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]),
            callback=lambda *_: None)

    def files_changed(self, uris: list[str]) -> None:
        """Files changed on disk: check again each project they belong to that has files open."""
        paths = [Path(to_fs_path(uri)).resolve() for uri in uris if uri.startswith("file:")]
        for project in self.projects.values():
            if project.open and any(path.is_relative_to(project.root) for path in paths):
                self.schedule(project, self.debounce)

    def text(self, uri: str) -> DocumentText:
        document = self.workspace.get_text_document(uri)
        return DocumentText(document.source, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    # --- checks ---

    def schedule(self, project: Project, delay: float) -> None:
        project.edits += 1
        if project.timer is not None:
            project.timer.cancel()
        project.timer = asyncio.get_running_loop().call_later(delay, self._start_check, project)

    def _start_check(self, project: Project) -> None:
        task = asyncio.get_running_loop().create_task(self.check(project))
        self._tasks.add(task)                 # the loop keeps only a weak reference
        task.add_done_callback(self._tasks.discard)

    async def check(self, project: Project) -> None:
        async with project.lock:
            edits = project.edits
            documents = {uri: self.workspace.get_text_document(uri) for uri in project.open}
            snapshot = {uri: (document.source, document.version) for uri, document in documents.items()}
            texts = {project.open[uri].rel_path: source for uri, (source, _) in snapshot.items()}
            try:
                result = await asyncio.to_thread(project.check, texts, self.clock.report_today())
            except (ProjectError, GoalbookError) as exc:
                log.warning("can't check %s: %s", project.root, exc)
                return
            except Exception:     # noqa: BLE001 - a bug must not take the editor's server down
                log.exception("checking %s failed", project.root)
                return
            if edits != project.edits:
                return            # newer edits (or a close) came in; their check publishes
            by_path: dict[str, list] = {}
            for diagnostic in result.diagnostics:
                by_path.setdefault(diagnostic.path, []).append(diagnostic)
            for uri, (source, version) in snapshot.items():
                try:
                    self.publish(project, uri, source, version, by_path.get(project.open[uri].rel_path, []))
                except Exception:     # noqa: BLE001 - one file's bad luck must not silence the others
                    log.exception("publishing the diagnostics of %s failed", uri)

    def publish(self, project: Project, uri: str, source: str, version, found) -> None:
        doc = DocumentText(source, self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        location = project.open[uri]
        published = Published(version)
        diagnostics = []
        for finding in found:
            diagnostic = to_lsp(finding, doc)
            diagnostics.append(diagnostic)
            fix = actions.quick_fix(finding, doc, location.rel_path, location.kind)
            if fix is not None:
                published.fixes.append((diagnostic, *fix))
        project.published[uri] = published
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    async def ready(self, project: Project) -> None:
        """Make sure the project has been checked once (completion needs its goals)."""
        if project.result is None:
            await self.check(project)


def create_server(clock: Clock, debounce: float = DEBOUNCE_S) -> GoalbookServer:
    server = GoalbookServer(clock, debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GoalbookServer, params: types.InitializedParams) -> None:
        ls.watch_files()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: GoalbookServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.files_changed([change.uri for change in params.changes])

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GoalbookServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.opened(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GoalbookServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GoalbookServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.closed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" "]))
    async def complete(ls: GoalbookServer, params: types.CompletionParams) -> types.CompletionList | None:
        found = await _ready_document(ls, params.text_document.uri)
        if found is None:
            return None
        project, location, doc = found
        offset = doc.offset_at(params.position)
        cursor = context.cursor_at(doc, offset, location.is_markdown)
        if cursor is None:
            return None
        facts = project.facts(_today(ls.clock))
        items = completion.complete(cursor, location.kind, facts, doc, offset)
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: GoalbookServer, params: types.HoverParams) -> types.Hover | None:
        found = await _ready_document(ls, params.text_document.uri)
        if found is None:
            return None
        project, location, doc = found
        shown = hover.hover_at(doc, doc.offset_at(params.position), location, project.facts(None))
        if shown is None:
            return None
        text, start, end = shown
        kind = _markup(ls)
        if kind == types.MarkupKind.PlainText:
            text = hover.plain(text)
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=doc.range(start, end))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: GoalbookServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        found = ls.where(params.text_document.uri)
        if found is None:
            return None
        published = found[0].published.get(params.text_document.uri)
        document = ls.workspace.get_text_document(params.text_document.uri)
        if published is None or published.version != document.version:
            return []            # the text changed since; fresh diagnostics (and fixes) are on their way
        return actions.actions_for(params.text_document.uri, published.fixes, params)

    return server


async def _ready_document(ls: GoalbookServer, uri: str):
    """(project, location, text document) once the project's first check is done; None for a
    file outside any goalbook project."""
    found = ls.where(uri)
    if found is None:
        return None
    project, location = found
    await ls.ready(project)
    return project, location, ls.text(uri)


def _today(clock: Clock):
    try:
        return clock.local_today()
    except GoalbookError:
        return None


def _markup(ls: GoalbookServer) -> types.MarkupKind:
    hover_caps = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    formats = (hover_caps.content_format if hover_caps else None) or [types.MarkupKind.PlainText]
    return types.MarkupKind.Markdown if types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText


def serve_stdio(clock: Clock) -> None:
    """Speak the protocol on stdin/stdout until the editor says exit."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="goalbook lsp: %(levelname)s: %(name)s: %(message)s")
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    create_server(clock).start_io(sys.stdin.buffer, protocol_out)
