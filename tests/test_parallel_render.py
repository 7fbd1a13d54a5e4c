"""Pages rendered by forked processes (`goalbook.render.parallel`) are the pages one
process renders: same bytes, errors raised in the build's own process, and the
Markdown notes they rendered handed back to the cache of rendered notes."""
from __future__ import annotations

import os
import pickle
import sys

import pytest

from conftest import TODAY
from goalbook.app.check import check_project
from goalbook.model.snapshot import build_snapshot
from goalbook.render import parallel
from goalbook.render.markdown import NOTES, render_markdown
from goalbook.render.site import render_site
from test_scale import make_book

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked rendering is Linux-only")


def pid_job(name: str):
    return name, lambda: f"{name} by {os.getpid()}".encode()


def test_the_pages_are_shared_between_processes_and_come_back_in_order():
    jobs = [pid_job(f"page-{n}.html") for n in range(parallel.MIN_JOBS + 6)]
    pages = parallel.render_all(jobs, workers=3)
    assert list(pages) == [name for name, _ in jobs]
    makers = {data.split(b" by ")[1] for data in pages.values()}
    assert len(makers) == 3 and str(os.getpid()).encode() in makers
    assert all(data.startswith(name.encode()) for name, data in pages.items())


def test_few_pages_or_one_worker_render_here():
    here = str(os.getpid()).encode()
    for jobs, workers in ([pid_job(f"p{n}") for n in range(parallel.MIN_JOBS - 1)], 2), \
                         ([pid_job(f"p{n}") for n in range(parallel.MIN_JOBS + 1)], 1):
        assert all(data.endswith(here) for data in parallel.render_all(jobs, workers).values())


def test_a_page_that_fails_in_a_child_raises_its_own_error_here(tmp_path):
    tried = tmp_path / "tried"

    def broken():
        with open(tried, "a") as handle:         # seen from both processes
            handle.write(f"{os.getpid()}\n")
        raise ValueError("the template broke on this page")

    jobs = [pid_job(f"p{n}") for n in range(parallel.MIN_JOBS)]
    jobs.insert(1, ("broken.html", broken))      # index 1: the child's share of two
    with pytest.raises(ValueError, match="the template broke"):
        parallel.render_all(jobs, workers=2)
    child, here = tried.read_text().split()
    assert child != str(os.getpid()) and here == str(os.getpid())


def test_the_first_error_in_the_pages_order_is_raised_as_with_one_process():
    def fails(n):
        def job():
            raise ValueError(f"page {n} broke")
        return job

    jobs = [pid_job(f"p{n}") for n in range(parallel.MIN_JOBS)]
    jobs[1], jobs[2] = ("one", fails(1)), ("two", fails(2))     # the child's, then the parent's
    with pytest.raises(ValueError, match="page 1 broke"):
        parallel.render_all(jobs, workers=2)


def test_a_stopped_build_leaves_no_child_behind(monkeypatch):
    import time

    from goalbook import workers

    forked = []
    fork = workers._fork
    monkeypatch.setattr(workers, "_fork", lambda *a: forked.append(fork(*a)) or forked[-1])

    def slow():
        time.sleep(30)
        return b""

    def interrupted():
        raise KeyboardInterrupt

    jobs = [pid_job(f"p{n}") for n in range(parallel.MIN_JOBS)]
    jobs[1], jobs[0] = ("slow", slow), ("stop", interrupted)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.render_all(jobs, workers=2)
    assert time.monotonic() - started < 10
    assert len(forked) == 1
    for pid, out in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)           # killed and reaped, not left running
        with pytest.raises(OSError):
            os.fstat(out)                         # and its answer file closed


def test_notes_rendered_by_a_child_reach_the_cache_of_rendered_notes():
    texts = [f"A note with *emphasis* number {n}." for n in range(parallel.MIN_JOBS * 2)]
    jobs = [(f"n{n}", lambda text=text: str(render_markdown(text)).encode()) for n, text in enumerate(texts)]
    before = len(NOTES.html)
    pages = parallel.render_all(jobs, workers=2)
    assert len(NOTES.html) - before == len(texts)
    assert pages["n1"] == b"<p>A note with <em>emphasis</em> number 1.</p>"


def test_a_site_rendered_by_two_processes_is_byte_identical(tmp_path):
    root = make_book(tmp_path / "book", days=3 * 365)
    check = check_project(root, TODAY)
    snapshot = build_snapshot(check.book, check.diagnostics, TODAY, progress=check.progress)
    NOTES.html.clear()
    shared = render_site(snapshot, root, workers=2)
    notes_shared = dict(NOTES.html)
    NOTES.html.clear()
    alone = render_site(snapshot, root, workers=1)
    assert len(alone) > parallel.MIN_JOBS + 10
    assert shared == alone
    assert notes_shared == NOTES.html and len(notes_shared) > 20     # the children's notes came back


def test_the_builds_other_files_are_rendered_with_the_pages_and_never_left_for_later(tmp_path):
    from goalbook.render.page_cache import PageCache

    root = make_book(tmp_path / "book", days=60)
    check = check_project(root, TODAY)
    snapshot = build_snapshot(check.book, check.diagnostics, TODAY, progress=check.progress)
    also = [("report.html", lambda: b"report"), ("calendar.ics", lambda: b"calendar", {"goalbook.yaml"}, ())]
    pages = PageCache(root)
    pages.use(None)
    shared = render_site(snapshot, root, workers=2, also=also, page_cache=pages)
    assert shared["calendar.ics"] == b"calendar" and shared["report.html"] == b"report"
    assert {name for name in shared if not name.endswith((".html", ".css"))} == {"calendar.ics"}
    assert "calendar.ics" in pages.keys and "report.html" not in pages.keys     # the report has no key
    again = render_site(snapshot, root, workers=2, also=also, page_cache=pages)
    assert again == shared and pages.rendered.count("calendar.ics") == 1        # the calendar reused
    later: dict = {}
    served = render_site(snapshot, root, workers=1, later=later, also=also)
    assert {"report.html", "calendar.ics"} <= set(served) and not {"report.html", "calendar.ics"} & set(later)
    assert "index.html" in later and "index.html" not in served


def test_a_check_parses_about_half_the_files_here_and_the_rest_in_a_child(tmp_path, monkeypatch):
    import goalbook.app.check as check_module
    from goalbook.load import cache as cache_module

    root = make_book(tmp_path / "book", days=2 * 365)
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(check_module, "workers_available", lambda: 2)
    parsed_here = []
    parse = check_module._parse_bytes
    monkeypatch.setattr(check_module, "_parse_bytes", lambda *a: parsed_here.append(a[1]) or parse(*a))
    cache_module._ON_DISK.clear()
    result = check_project(root, TODAY)
    files = result.files - 1                                         # goalbook.yaml isn't prefetched
    assert files > cache_module.PREFETCH_MIN
    assert files * 0.4 < len(parsed_here) < files * 0.6
    assert len(set(parsed_here)) == len(parsed_here)                  # none parsed twice here
    cache_module._ON_DISK.clear()
    assert [d.as_dict() for d in result.diagnostics] == [
        d.as_dict() for d in check_project(root, TODAY, files=check_module.DiskFiles(root)).diagnostics]


def test_goalbook_workers_sets_how_many_processes_share_the_work(monkeypatch):
    from goalbook import workers

    monkeypatch.setenv("GOALBOOK_WORKERS", "1")
    assert workers.workers_available() == 1
    monkeypatch.setenv("GOALBOOK_WORKERS", "3")
    assert workers.workers_available() == 3
    monkeypatch.setenv("GOALBOOK_WORKERS", "99")
    assert workers.workers_available() == workers.MAX_WORKERS
    for unusable in ("0", "-2", "many", ""):
        monkeypatch.setenv("GOALBOOK_WORKERS", unusable)
        assert 1 <= workers.workers_available() <= workers.MAX_WORKERS


def test_a_build_with_one_worker_forks_nothing(tmp_path, monkeypatch):
    from goalbook import workers
    from goalbook.app.build import BuildOptions, build

    root = make_book(tmp_path / "book", days=400)
    monkeypatch.setenv("GOALBOOK_WORKERS", "1")
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(workers.os, "fork", lambda: pytest.fail("forked with GOALBOOK_WORKERS=1"))
    assert build(root, BuildOptions(today=TODAY, pdf=False, output=tmp_path / "out")).ok


def test_a_check_writes_its_cache_from_a_child_the_same_as_it_would_here(tmp_path, monkeypatch):
    import goalbook.app.check as check_module
    from goalbook import workers
    from goalbook.load import cache as cache_module

    root = make_book(tmp_path / "book", days=2 * 365)
    forked = []
    fork = workers._fork
    monkeypatch.setattr(workers, "_fork", lambda jobs, *a: forked.append(len(jobs)) or fork(jobs, *a))
    written = {}
    for count in (2, 1):
        monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / f"cache-{count}"))
        monkeypatch.setattr(check_module, "workers_available", lambda count=count: count)
        cache_module._ON_DISK.clear()
        forked.clear()
        check_project(root, TODAY)
        written[count] = {p.name: sorted(map(repr, pickle.loads(p.read_bytes())[3].items()))
                          for p in (tmp_path / f"cache-{count}" / "sources").glob("*.pickle")}
        assert forked.count(1) == (1 if count == 2 else 0)      # the one job: writing the cache
    cache_module._ON_DISK.clear()
    assert sum("-values-" in name for name in written[2]) == cache_module.BUCKETS
    assert written[2] == written[1]       # the same values (pickled apart: some came from the child)


def test_what_changes_while_a_child_writes_the_cache_is_still_to_be_written(tmp_path, monkeypatch):
    from goalbook.load import cache as cache_module
    from goalbook.load.store import Store

    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    first, later = "content/checkins/a.yaml", "content/checkins/b.yaml"
    assert cache_module._bucket(first) != cache_module._bucket(later)
    cache = cache_module.SourceCache(Store("sources"), tmp_path)
    cache.values()[(first, "1", "checkin")] = "A"
    cache._dirty_buckets.add(cache_module._bucket(first))
    finish = cache.save_in_background(None, workers=2)
    cache.values()[(later, "2", "checkin")] = "B"          # read while the child writes
    cache._dirty_buckets.add(cache_module._bucket(later))
    finish()
    assert cache._dirty_buckets == {cache_module._bucket(later)}
    written = Store("sources").get(f"{cache._key}-values-{cache_module._bucket(first)}")
    assert written == {(first, "1", "checkin"): "A"}
