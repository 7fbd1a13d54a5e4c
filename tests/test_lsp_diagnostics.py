"""`goalbook lsp` diagnostics, over stdio: the unsaved text of every open goalbook
file gets what `goalbook check` says, per file, kept up to date across files,
cleared when fixed or closed, in the editor's position units."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
from conftest import GOOD_GOAL, REPO
from lsp_support import (WAIT_S, close_file, codes, edit, lsp, next_publish, open_file, position_of,  # noqa: F401
                         replace_text, start, uri_of)
from lsprotocol import types

GOAL = "content/goals/evening-walks.yaml"
CHECKIN = "content/checkins/2026-11-20.yaml"
QUIET = "rules: {T504: off}\n"     # GOOD_GOAL has no check-in yet; T504 would say so everywhere


def check_json(root) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "goalbook", "-C", str(root), "check", "--format", "json"],
                          capture_output=True, text=True, cwd=REPO)
    return json.loads(done.stdout)


@pytest.mark.asyncio
async def test_an_open_file_gets_exactly_what_check_says(lsp, book):
    book.write(GOAL, GOOD_GOAL.replace("title:", "titel:").replace("  baseline: 0\n", ""))
    book.write(CHECKIN, "date: 2026-11-20\nprogress: {evening-walk: 3}\nmood: 11\n")
    await start(lsp, book.root)
    goal_uri = open_file(lsp, book.root / GOAL)
    checkin_uri = open_file(lsp, book.root / CHECKIN)
    goal = await next_publish(lsp, goal_uri)
    checkin = await next_publish(lsp, checkin_uri)

    expected = check_json(book.root)
    for uri, diagnostics, path in ((goal_uri, goal, GOAL), (checkin_uri, checkin, CHECKIN)):
        want = [d for d in expected if d["path"] == path]
        assert len(diagnostics) == len(want) > 0
        for got, wanted in zip(sorted(diagnostics, key=lambda d: (d.range.start.line, d.range.start.character, d.code)),
                               want):
            assert got.code == wanted["code"]
            assert got.source == "goalbook"
            assert got.message.startswith(wanted["message"])
            assert got.range.start == types.Position(line=wanted["line"] - 1, character=wanted["column"] - 1)
            severity = types.DiagnosticSeverity.Error if wanted["severity"] == "error" else types.DiagnosticSeverity.Warning
            assert got.severity == severity
    titel = next(d for d in goal if d.code == "GB002")
    assert titel.range.end == types.Position(line=0, character=len("titel"))
    assert "did you mean 'title'?" in titel.message


@pytest.mark.asyncio
async def test_unsaved_text_is_checked_and_a_fix_clears_the_diagnostic(lsp, book):
    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL)
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / GOAL)
    assert await next_publish(lsp, uri) == []

    unsaved = GOOD_GOAL.replace("review: weekly\n", "") + "review: weekley\n"
    replace_text(lsp, uri, 2, unsaved)
    diagnostics = await next_publish(lsp, uri, version=2)
    assert codes(diagnostics) == ["GB003"]
    assert diagnostics[0].range.start == position_of(unsaved, "weekley")

    replace_text(lsp, uri, 3, GOOD_GOAL)
    assert await next_publish(lsp, uri, version=3) == []
    assert (book.root / GOAL).read_text() == GOOD_GOAL      # the server never writes


@pytest.mark.asyncio
async def test_a_burst_of_changes_ends_with_the_last_texts_diagnostics(lsp, book):
    """Typing fast: whatever was checked on the way, each publish says which version it is
    for and fits that version's text, and the last one is for the last text."""
    book.write("goalbook.yaml", QUIET)
    await start(lsp, book.root)
    texts = {1: "date: 2026-11-20\n"}
    uri = open_file(lsp, book.root / CHECKIN, texts[1])
    assert await next_publish(lsp, uri, version=1) == []
    mark = len(lsp.published)
    for version in range(2, 8):
        texts[version] = "date: 2026-11-20\n" + "".join(f"mood{n}: 1\n" for n in range(version - 1))
        replace_text(lsp, uri, version, texts[version])
    last = await next_publish(lsp, uri, after=mark, version=7)
    assert [d.range.start.line for d in last] == [1, 2, 3, 4, 5, 6]
    for params in lsp.published[mark:]:
        assert [d.range.start.line for d in params.diagnostics] == list(range(1, params.version))
        assert all(d.code == "GB002" for d in params.diagnostics)


@pytest.mark.asyncio
async def test_each_file_gets_its_own_diagnostics_and_a_goalbook_yaml_too(lsp, book):
    book.write(GOAL, GOOD_GOAL)
    book.write("goalbook.yaml", "title: Sam's goals\nlimits: {active_goals: 0}\nrulez: {}\n" + QUIET)
    await start(lsp, book.root)
    settings_uri = open_file(lsp, book.root / "goalbook.yaml")
    goal_uri = open_file(lsp, book.root / GOAL)
    settings = await next_publish(lsp, settings_uri, until=lambda d: len(d) > 0)
    assert codes(settings) == ["GB008", "GB008"]
    assert {d.range.start.line for d in settings} == {1, 2}
    assert await next_publish(lsp, goal_uri) == []


@pytest.mark.asyncio
async def test_a_check_in_follows_the_unsaved_goal_it_names(lsp, book):
    """Cross-file: GB006 goes when the goal it names is opened (not yet saved),
    comes back when that goal is closed unsaved; GB007 follows the goal's max."""
    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL.replace("  min: 0\n", "  min: 0\n  max: 5\n"))
    book.write(CHECKIN, "date: 2026-11-20\nprogress:\n  evening-walks: 7\n  reading: 2\n")
    await start(lsp, book.root)
    checkin_uri = open_file(lsp, book.root / CHECKIN)
    assert codes(await next_publish(lsp, checkin_uri)) == ["GB006", "GB007"]

    mark = len(lsp.published)
    reading = book.root / "content/goals/reading.yaml"
    reading_uri = open_file(lsp, reading, GOOD_GOAL.replace("evening walks", "chapters"))
    assert codes(await next_publish(lsp, checkin_uri, after=mark)) == ["GB007"]

    mark = len(lsp.published)
    goal_uri = open_file(lsp, book.root / GOAL)
    await next_publish(lsp, goal_uri, after=mark)
    mark = len(lsp.published)
    text = (book.root / GOAL).read_text()
    replace_text(lsp, goal_uri, 2, text.replace("max: 5", "max: 10"))
    assert await next_publish(lsp, checkin_uri, after=mark) == []

    mark = len(lsp.published)
    close_file(lsp, reading_uri)
    assert codes(await next_publish(lsp, checkin_uri, after=mark)) == ["GB006"]
    assert not reading.exists()


@pytest.mark.asyncio
async def test_files_saved_by_other_programs_count_at_the_next_check(lsp, book):
    """A goal written to disk by another program (not open in the editor), and then a
    change to it on disk, are seen by the check after the next edit."""
    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL)
    text = "date: 2026-11-20\nprogress:\n  reading: 12\n"
    book.write(CHECKIN, text)
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / CHECKIN)
    assert codes(await next_publish(lsp, uri)) == ["GB006"]
    book.write("content/goals/reading.yaml", GOOD_GOAL)
    replace_text(lsp, uri, 2, text + "mood: 5\n")
    assert await next_publish(lsp, uri, version=2) == []
    book.write("content/goals/reading.yaml", GOOD_GOAL.replace("  min: 0\n", "  min: 0\n  max: 10\n"))
    replace_text(lsp, uri, 3, text)
    assert codes(await next_publish(lsp, uri, version=3)) == ["GB007"]


@pytest.mark.asyncio
async def test_a_limit_in_goalbook_yaml_updates_every_open_goal(lsp, book):
    """Cross-file: A301 (more active goals than limits.active_goals) on the goals
    follows an unsaved edit of goalbook.yaml."""
    book.write("goalbook.yaml", "limits:\n  active_goals: 1\n" + QUIET)
    book.write(GOAL, GOOD_GOAL.replace("title:", "priority: 1\ntitle:"))
    second = "content/goals/call-my-sister.yaml"
    book.write(second, GOOD_GOAL.replace("evening walks", "calls").replace("title:", "priority: 2\ntitle:"))
    await start(lsp, book.root)
    settings_uri = open_file(lsp, book.root / "goalbook.yaml")
    second_uri = open_file(lsp, book.root / second)
    assert codes(await next_publish(lsp, second_uri)) == ["A301"]

    mark = len(lsp.published)
    replace_text(lsp, settings_uri, 2, "limits:\n  active_goals: 2\n" + QUIET)
    assert await next_publish(lsp, second_uri, after=mark) == []
    mark = len(lsp.published)
    edit(lsp, settings_uri, 3, (1, 16), (1, 17), "1")
    assert codes(await next_publish(lsp, second_uri, after=mark)) == ["A301"]


@pytest.mark.asyncio
async def test_closing_a_file_clears_its_diagnostics(lsp, book):
    book.write(CHECKIN, "date: 2026-11-20\nmod: 3\n")
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / CHECKIN)
    assert codes(await next_publish(lsp, uri)) == ["GB002"]
    mark = len(lsp.published)
    close_file(lsp, uri)
    assert await next_publish(lsp, uri, after=mark) == []


@pytest.mark.asyncio
async def test_files_goalbook_does_not_read_get_nothing(lsp, book):
    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL)
    draft = book.write("content/goals/_draft.yaml", "titel: not yet\n")
    other = book.write("notes/todo.yaml", "whatever: 1\n")
    await start(lsp, book.root)
    open_file(lsp, draft)
    open_file(lsp, other)
    goal_uri = open_file(lsp, book.root / GOAL)
    await next_publish(lsp, goal_uri)
    assert set(lsp.diagnostics) == {goal_uri}


@pytest.mark.asyncio
async def test_markdown_front_matter_positions(lsp, book):
    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL)
    path = book.root / "content/checkins/2026-11-21-review.md"
    text = "---\ndate: 2026-11-21\nprogress: {evening-walks: lots}\n---\nA good week.\n"
    book.write("content/checkins/2026-11-21-review.md", text)
    await start(lsp, book.root)
    diagnostics = await next_publish(lsp, open_file(lsp, path))
    assert codes(diagnostics) == ["GB007"]
    assert diagnostics[0].range.start == position_of(text, "lots")
    assert diagnostics[0].range.end == position_of(text, "lots", after=4)


@pytest.mark.asyncio
@pytest.mark.parametrize("encodings, expected", [
    (None, "utf-16"), (["utf-16"], "utf-16"), (["utf-8", "utf-16"], "utf-8"), (["utf-32"], "utf-32")])
async def test_positions_in_the_negotiated_encoding(lsp, book, encodings, expected):
    """Columns after astral characters (an emoji is 1 code point, 2 UTF-16 units, 4 UTF-8 bytes)."""
    text = GOOD_GOAL + 'steps: [{title: "🚶🌙 a first 🙂 loop", dew: 2026-12-01}]\n'

    book.write("goalbook.yaml", QUIET)
    book.write(GOAL, GOOD_GOAL)
    book.write(CHECKIN, "date: 2026-11-20\nwin: \"👣👣 two 🎉\" \nprogress: {🚶: 3, evening-walks: 4x}\n")
    result = await start(lsp, book.root, encodings=encodings)
    assert result.capabilities.position_encoding == expected
    goal_uri = open_file(lsp, book.root / GOAL, text)
    checkin_text = (book.root / CHECKIN).read_text()
    checkin_uri = open_file(lsp, book.root / CHECKIN)
    goal = await next_publish(lsp, goal_uri)
    checkin = await next_publish(lsp, checkin_uri)

    assert codes(goal) == ["GB002"]
    assert goal[0].range.start == position_of(text, "dew", expected)
    assert goal[0].range.end == position_of(text, "dew", expected, after=3)
    assert codes(checkin) == ["GB006", "GB007"]
    bad_id = next(d for d in checkin if d.code == "GB006")
    assert bad_id.range.start == position_of(checkin_text, "🚶", expected)
    value = next(d for d in checkin if d.code == "GB007")
    assert value.range.start == position_of(checkin_text, "4x", expected)
    assert value.range.end == position_of(checkin_text, "4x", expected, after=2)


@pytest.mark.asyncio
async def test_incremental_edits_after_an_emoji_in_utf16(lsp, book):
    """The editor's UTF-16 positions in an incremental change land where it means."""
    text = "date: 2026-11-20\nwin: 🎉🎉 done\nmood: 4\n"
    book.write(CHECKIN, text)
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / CHECKIN)
    assert await next_publish(lsp, uri) == []
    # replace "done" (after two emoji: character 5 + 2*2 + 1 = 10 in UTF-16) by "done\nmoood: 3"
    edit(lsp, uri, 2, (1, 10), (1, 14), "done\nmoood: 3")
    diagnostics = await next_publish(lsp, uri, version=2)
    assert codes(diagnostics) == ["GB002"]
    assert diagnostics[0].range.start == types.Position(line=2, character=0)


@pytest.mark.asyncio
async def test_today_comes_from_the_servers_clock(lsp, book):
    """T504 (no recent check-in) is judged on GOALBOOK_TODAY, which the suite sets to 2026-11-22."""
    book.write(GOAL, GOOD_GOAL)
    book.write("content/checkins/2026-10-01.yaml", "date: 2026-10-01\nprogress: {evening-walks: 2}\n")
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / GOAL)
    assert "T504" in codes(await next_publish(lsp, uri))


@pytest.mark.asyncio
async def test_a_file_that_cannot_be_read_gets_gb001_where_it_breaks(lsp, book):
    text = "title: Walk\nsteps: [unclosed\n"
    book.write(GOAL, text)
    await start(lsp, book.root)
    diagnostics = await next_publish(lsp, open_file(lsp, book.root / GOAL))
    assert codes(diagnostics) == ["GB001"]
    assert diagnostics[0].range.start.line >= 1


def _frames(data: bytes) -> list[dict]:
    """The JSON-RPC messages in a stdout capture; fails on any byte outside a frame."""
    messages = []
    while data:
        header, separator, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        assert separator and set(fields) <= {b"Content-Length", b"Content-Type"}, data[:80]
        length = int(fields[b"Content-Length"])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def _drain(stream, into: bytearray) -> None:
    while chunk := stream.read1(4096):
        into.extend(chunk)


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_a_stray_print_goes_to_stderr_not_into_the_protocol(book):
    """Even if goalbook code printed (to sys.stdout or straight to file descriptor 1),
    stdout would carry only protocol frames: the server moves both to stderr."""
    book.write(GOAL, GOOD_GOAL)
    uri = uri_of(book.root / GOAL)
    script = (
        "import os, sys, goalbook.lsp.projects as p\n"
        "real = p.check_project\n"
        "def noisy(*a, **k):\n"
        "    print('stray print'); sys.stdout.flush(); os.write(1, b'stray bytes\\n')\n"
        "    return real(*a, **k)\n"
        "p.check_project = noisy\n"
        "from goalbook.clock import Clock\n"
        "from goalbook.lsp.server import serve_stdio\n"
        "serve_stdio(Clock.from_environment())\n")
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": GOOD_GOAL.replace("title:", "titel:")}}},
    ]
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=REPO)
    for message in messages:
        proc.stdin.write(_frame(message))
    proc.stdin.flush()
    stdout, stderr = bytearray(), bytearray()
    readers = [threading.Thread(target=_drain, args=(stream, into), daemon=True)
               for stream, into in ((proc.stdout, stdout), (proc.stderr, stderr))]
    for reader in readers:
        reader.start()
    try:
        deadline = time.monotonic() + WAIT_S
        while b"publishDiagnostics" not in stdout and time.monotonic() < deadline:   # the check has run
            time.sleep(0.01)
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.close()
        assert proc.wait(timeout=WAIT_S) == 0
    finally:
        proc.kill()
    for reader in readers:
        reader.join(WAIT_S)
    frames = _frames(bytes(stdout))
    assert b"stray print" in stderr and b"stray bytes" in stderr
    assert [f.get("id") for f in frames if "id" in f] == [1, 2]
    published = [f for f in frames if f.get("method") == "textDocument/publishDiagnostics"]
    assert published and published[0]["params"]["diagnostics"][0]["code"] == "GB002"
