"""`goalbook serve` as a user runs it: a real process on 127.0.0.1, real files changing."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import require_tool, without_preload

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


class Server:
    def __init__(self, root: Path, tmpdir: Path | None = None):
        self.root = root
        self.lines: queue.Queue[str] = queue.Queue()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if tmpdir is not None:          # a private temporary folder: nothing else writes there
            env["TMPDIR"] = str(tmpdir)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "goalbook", "-C", str(root), "serve", "--port", "0", "--today", "2026-11-22"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
        threading.Thread(target=self._read, daemon=True).start()
        self.port = self._wait_for_port()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line)

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                return int(match.group(1))
        raise AssertionError("goalbook serve did not start")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, predicate, seconds: float = 2.0) -> str:
        deadline = time.monotonic() + seconds
        page = ""
        while time.monotonic() < deadline:
            page = self.get(path)
            if predicate(page):
                return page
            time.sleep(0.05)
        raise AssertionError(f"{path} did not change in {seconds} s")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture
def served(example_book):
    server = Server(example_book)
    yield server
    server.stop()


def test_serve_rebuilds_on_change_and_shows_problems_in_the_page(served, example_book):
    assert "<html" in served.get("/index.html")
    assert not (example_book / "output").exists()      # serve never touches the user's output/

    checkin = example_book / "content" / "checkins" / "2026-11-22.yaml"
    checkin.write_text("date: 2026-11-22\ngoal: evening-walks\nvalue: 1\nwin: Saw a heron by the canal\n")
    served.wait_for("/timeline.html", lambda page: "Saw a heron by the canal" in page)

    broken = example_book / "content" / "goals" / "broken.yaml"
    broken.write_text("title: [unclosed\n")
    page = served.wait_for("/index.html", lambda page: "broken.yaml" in page)
    assert "A few things to look at" in page

    broken.unlink()
    served.wait_for("/index.html", lambda page: "broken.yaml" not in page and "A few things" not in page)
    assert not (example_book / "output").exists()


def test_serve_stops_cleanly_on_ctrl_c(example_book):
    server = Server(example_book)
    assert server.stop() == 0


def test_server_binds_to_loopback_and_moves_to_a_free_port_when_taken():
    import socket

    from goalbook.serve.server import bind

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = bind(busy)
        try:
            host, port = server.socket.getsockname()
            assert host == "127.0.0.1" and port != busy
        finally:
            server.server_close()


@pytest.mark.browser
def test_open_page_reloads_by_itself_in_chromium(served, example_book):
    chromium = require_tool("/usr/bin/chromium", "for the live-reload browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, env=without_preload())
        page = browser.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://127.0.0.1:{served.port}/timeline.html")
        assert "A quiet owl at dusk" not in page.content()
        (example_book / "content" / "checkins" / "2026-11-22.yaml").write_text(
            "date: 2026-11-22\ngoal: evening-walks\nvalue: 1\nwin: A quiet owl at dusk\n")
        page.get_by_text("A quiet owl at dusk").first.wait_for(timeout=5000)
        browser.close()
    assert errors == []


def test_the_pdf_is_made_when_it_is_asked_for(served):
    report = served.get("/report.html")
    assert 'href="report.pdf"' in report
    with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/report.pdf", timeout=60) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read().startswith(b"%PDF")


def test_a_burst_of_saves_is_one_rebuild(served, example_book):
    time.sleep(0.5)
    while not served.lines.empty():
        served.lines.get()
    for i in range(5):
        (example_book / "content" / "checkins" / f"2026-11-22-burst-{i}.yaml").write_text(
            f"date: 2026-11-22\nwin: burst {i}\n")
    served.wait_for("/timeline.html", lambda page: "burst 4" in page, seconds=5)
    time.sleep(0.5)
    rebuilds = [line for line in list(served.lines.queue) if "rebuilt in" in line]
    assert len(rebuilds) == 1, rebuilds


def test_requests_for_another_host_name_are_refused(served):
    """DNS rebinding: a page on another site pointing its name at 127.0.0.1 gets nothing."""
    request = urllib.request.Request(f"http://127.0.0.1:{served.port}/index.html",
                                     headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 403
    assert "<html" in served.get("/index.html")


def test_serve_stopped_with_sigterm_removes_its_temporary_site(example_book, tmp_path):
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    server = Server(example_book, private_tmp)
    assert list(private_tmp.glob("goalbook-serve-*"))          # the temporary site exists while it runs
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=10) == 0
    assert list(private_tmp.glob("goalbook-serve-*")) == []
