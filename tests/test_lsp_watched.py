"""`goalbook lsp` and files changed on disk, not in the editor (a git checkout, a goal
file made or deleted in a terminal): when the editor can watch files, the server asks
it to, and checks the open files of the project again when one changes."""
from __future__ import annotations

import pytest
from conftest import GOOD_GOAL, TODAY
from lsp_support import codes, lsp, next_publish, open_file, start, uri_of  # noqa: F401
from lsprotocol import types

CHECKIN = "content/checkins/2026-11-20.yaml"
GOAL = "content/goals/reading.yaml"


def changed_on_disk(client, path, kind: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri_of(path), type=kind)]))


@pytest.mark.asyncio
async def test_the_server_asks_the_editor_to_watch_goalbook_files(lsp, book):
    book.write("goalbook.yaml", "rules: {T504: off}\n")
    await start(lsp, book.root)
    uri = open_file(lsp, book.root / "goalbook.yaml")
    await next_publish(lsp, uri)
    (registration,) = lsp.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = sorted(w["globPattern"] for w in registration.register_options["watchers"])
    assert globs == ["**/*.md", "**/*.yaml", "**/*.yml"]


@pytest.mark.asyncio
async def test_a_goal_file_made_and_deleted_outside_the_editor_is_seen(lsp, book):
    book.write("goalbook.yaml", "rules: {T504: off}\n")
    book.write(CHECKIN, "date: 2026-11-20\nprogress:\n  reading: 2\n")
    await start(lsp, book.root)
    checkin = open_file(lsp, book.root / CHECKIN)
    assert codes(await next_publish(lsp, checkin)) == ["GB006"]

    mark = len(lsp.published)
    goal = book.write(GOAL, GOOD_GOAL.replace("evening walks", "chapters"))
    changed_on_disk(lsp, goal, types.FileChangeType.Created)
    assert await next_publish(lsp, checkin, after=mark) == []

    mark = len(lsp.published)
    goal.unlink()
    changed_on_disk(lsp, goal, types.FileChangeType.Deleted)
    assert codes(await next_publish(lsp, checkin, after=mark)) == ["GB006"]


def test_only_projects_with_open_files_that_hold_the_changed_file_are_checked_again(tmp_path):
    from goalbook.clock import Clock
    from goalbook.lsp.projects import Project
    from goalbook.lsp.server import GoalbookServer

    server = GoalbookServer(Clock.fixed(TODAY))
    one, two, idle = (tmp_path / name for name in ("one", "two", "idle"))
    for root in (one, two, idle):
        server.projects[root] = Project(root)
    server.projects[one].open["file:///one"] = None
    server.projects[two].open["file:///two"] = None
    scheduled = []
    server.schedule = lambda project, delay: scheduled.append(project.root)
    server.files_changed([uri_of(one / "content/goals/a.yaml"), uri_of(tmp_path / "elsewhere.md"),
                          uri_of(idle / "content/goals/b.yaml"), "untitled:Untitled-1"])
    assert scheduled == [one]
