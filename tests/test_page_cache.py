"""serve's goal-page cache: unchanged pages are reused, and cached output is always
exactly what a fresh render gives."""
from __future__ import annotations

import os

from conftest import GOOD_GOAL, TODAY
from goalbook.model.snapshot import build_snapshot
from goalbook.render.environment import make_environment
from goalbook.render.page_cache import PageCache
from goalbook.render.site import render_site


def render(book, cache=None):
    result = book.check(TODAY)
    snapshot = build_snapshot(result.book, result.diagnostics, TODAY)
    return render_site(snapshot, book.root, env=make_environment(book.root), page_cache=cache)


def touch_later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_cached_pages_are_reused_and_always_equal_a_fresh_render(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/goals/calls.yaml", GOOD_GOAL.replace("evening walks", "calls to my sister"))
    book.write("content/checkins/2026-11-18.yaml", "date: 2026-11-18\nprogress: {walks: 1}\n")
    cache = PageCache(book.root)
    first = render(book, cache)
    again = render(book, cache)
    assert again["goals/walks.html"] is first["goals/walks.html"]          # not rendered again

    checkin = book.write("content/checkins/2026-11-18.yaml", "date: 2026-11-18\nprogress: {walks: 2}\nwin: Two!\n")
    touch_later(checkin)
    changed = render(book, cache)
    assert changed["goals/calls.html"] is first["goals/calls.html"]        # untouched goal reused
    assert changed == render(book)                                          # and all equal to no cache
    assert b"Two!" in changed["goals/walks.html"]

    book.write("content/checkins/2026-11-19.yaml", "date: 2026-11-19\nprogress: {calls: 1}\n")
    assert render(book, cache) == render(book)
    (book.root / "content/checkins/2026-11-18.yaml").unlink()
    assert render(book, cache) == render(book)


def test_a_project_with_its_own_templates_is_never_cached(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    (book.root / "templates").mkdir()
    cache = PageCache(book.root)
    first = render(book, cache)
    assert render(book, cache)["goals/walks.html"] is not first["goals/walks.html"]
