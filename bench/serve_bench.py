"""Time from saving a check-in to the rebuilt HTML being served, with `goalbook serve`.

Runs the real `goalbook serve` on the synthetic one-year book (127.0.0.1,
a free port), saves a new check-in file, asks the version endpoint as the open
page does (the answer comes when the rebuild is done), then fetches the
timeline and checks the check-in's words are in it. Reported: the median over a few saves, and the
share of that spent in the rebuild itself (from serve's own log line).
Target: under 0.2 s.
"""
from __future__ import annotations

import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path


def _serve(book: Path, today: date, env: dict | None = None):
    from bench.scale_bench import goalbook_command

    proc = subprocess.Popen([*goalbook_command(), "-C", str(book), "serve", "--port", "0",
                             "--today", today.isoformat()], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            match = re.search(r"127\.0\.0\.1:(\d+)/", lines.get(timeout=1))
        except queue.Empty:
            continue
        if match:
            return proc, int(match.group(1)), lines
    proc.kill()
    raise RuntimeError("goalbook serve did not start")


def _fetch(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.read().decode("utf-8")


def bench_serve_rebuild(book: Path, today: date, saves: int = 5, env: dict | None = None) -> dict:
    """`env`: the environment of `goalbook serve` (its cache folder, say); default this one's."""
    proc, port, lines = _serve(book, today, env)
    waits, rebuilds = [], []
    try:
        for i in range(saves):
            marker = f"bench-marker-{i}-{time.time_ns()}"
            path = book / "content" / "checkins" / f"{today.isoformat()}-bench-{i}.yaml"
            version = _fetch(port, "/__goalbook/version")
            started = time.perf_counter()
            path.write_text(f"date: {today.isoformat()}\nwin: {marker}\n")
            # Ask as the open page does (answered when the rebuild is done), then fetch the page.
            while _fetch(port, f"/__goalbook/version?after={version}") == version:
                if time.perf_counter() - started > 30:
                    raise RuntimeError("no rebuild happened")
            if marker not in _fetch(port, "/timeline.html"):
                raise RuntimeError("the rebuilt timeline does not show the new check-in")
            waits.append(time.perf_counter() - started)
            time.sleep(0.3)
            while not lines.empty():
                found = re.search(r"rebuilt in ([0-9.]+) s", lines.get())
                if found:
                    rebuilds.append(float(found.group(1)))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        for stale in (book / "content" / "checkins").glob("*-bench-*.yaml"):
            stale.unlink()
    return {"serve_save_to_html_median_s": round(statistics.median(waits), 3),
            "serve_rebuild_median_s": round(statistics.median(rebuilds), 3) if rebuilds else None}
