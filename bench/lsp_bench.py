"""Time from an edit to its diagnostics with `goalbook lsp`, on the one-year book.

Starts the real server (`python -m goalbook lsp`, over stdio), opens one
check-in of the synthetic book, then edits it several times (a full-text
didChange that adds a field goalbook doesn't know, then one that removes it)
and times each didChange → the publishDiagnostics for that version. The
figure includes the server's debounce, the check of the whole book (with
the files that didn't change taken from its cache) and both pipes. Between
edits it waits, so each edit is checked on its own, as when someone types a
word and looks up. Target: a median at or under 0.15 s.

    .venv/bin/python bench/lsp_bench.py [BOOK]   (default: the book bench/run.py writes)
"""
from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TARGET_S = 0.15
PAUSE_S = 0.3            # between edits: longer than the debounce, so no two edits share a check


async def _session(book: Path, today: date, edits: int) -> dict:
    client = LanguageClient("goalbook-bench", "1")
    seen: dict[int, float] = {}
    arrived = asyncio.Event()
    published: list[types.PublishDiagnosticsParams] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            seen.setdefault(params.version, time.perf_counter())
        published.append(params)
        arrived.set()

    book, finished = book.resolve(), False
    env = {**os.environ, "GOALBOOK_TODAY": today.isoformat()}
    await client.start_io(sys.executable, "-m", "goalbook", "lsp", env=env)
    try:
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=book.as_uri()))
        client.initialized(types.InitializedParams())
        path = sorted((book / "content" / "checkins").glob("*.yaml"))[-1]
        uri, text = path.resolve().as_uri(), path.read_text(encoding="utf-8")
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="yaml", version=1, text=text)))
        await _wait(seen, arrived, 1)
        opened = seen[1] - started
        times, cpu, findings = [], [], []
        for version in range(2, edits + 2):
            await asyncio.sleep(PAUSE_S)
            edited = text + (f"mooood: {version}\n" if version % 2 == 0 else "")
            cpu_before = _cpu_seconds(client)
            started = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
            await _wait(seen, arrived, version)
            times.append(seen[version] - started)
            cpu.append(_cpu_seconds(client) - cpu_before)
            findings.append(len(next(p for p in reversed(published) if p.version == version).diagnostics))
        await client.shutdown_async(None)
        client.exit(None)
        finished = True
    finally:
        if not finished and client._server is not None:   # the session broke off: end the server
            client._server.kill()
        await client.stop()
    if findings[0] == findings[1]:
        raise RuntimeError(f"the edits did not change the diagnostics ({findings}); the bench measures nothing")
    return {"lsp_open_to_diagnostics_s": round(opened, 3),
            "lsp_edits": edits,
            "lsp_edit_to_diagnostics_median_s": round(statistics.median(times), 3),
            "lsp_edit_to_diagnostics_max_s": round(max(times), 3),
            # the server's own CPU time per edit: hardly moves when other work shares the machine
            "lsp_edit_server_cpu_median_s": round(statistics.median(cpu), 3) if all(c >= 0 for c in cpu) else "n/a",
            "lsp_edit_target_s": TARGET_S}


def _cpu_seconds(client: LanguageClient) -> float:
    """User + system CPU time of the server process so far (Linux /proc; -1 elsewhere)."""
    try:
        fields = Path(f"/proc/{client._server.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, AttributeError, IndexError):
        return -1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _wait(seen: dict[int, float], arrived: asyncio.Event, version: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while version not in seen:
        arrived.clear()
        left = deadline - time.monotonic()
        if left <= 0:
            raise RuntimeError(f"no diagnostics for version {version} within {timeout} s")
        try:
            await asyncio.wait_for(arrived.wait(), left)
        except asyncio.TimeoutError:
            pass


def bench_lsp_edit(book: Path, today: date, edits: int = 10) -> dict:
    return asyncio.run(_session(book, today, edits))


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent))
    from bench.run import TODAY, WORK
    from bench import make_book

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else WORK / "book"
    if len(sys.argv) == 1:
        make_book.make_book(root, end=TODAY)
    for name, value in bench_lsp_edit(root, TODAY).items():
        print(f"{name}: {value}")
