"""A small HTTP server for the built site, bound to 127.0.0.1 only.

Live reload exists only here: HTML responses get a tiny script that asks
`/__goalbook/version?after=N`, which answers as soon as a rebuild after
version N finished (or after `WAIT_SECONDS` with N itself: then it asks
again), and reloads the page. At most `MAX_WAITING` requests wait at once;
with more tabs open, the others are answered at once and their pages ask
again every 300 ms, so a browser's few connections per host stay free for
loading pages. Waiting for the answer costs nothing while
nothing changes, and the page reloads the moment its rebuild is done (MkDocs'
live reload works this way). The files in the
output folder never contain it, and their Content-Security-Policy is relaxed
in the response only as far as that script needs.
"""
from __future__ import annotations

import html
import mimetypes
import os
import re
import socket
import stat
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

LISTEN_BACKLOG = 128      # connections the kernel queues before accept (socketserver's default is 5)
MAX_PATH = 2048           # characters in a request's address; the site's own are far shorter
IDLE_SECONDS = 30         # a connection that sends nothing for this long is closed
WAIT_SECONDS = 25         # the longest a version request waits for a rebuild
MAX_WAITING = 4           # version requests held at once: a browser opens about six connections
                          # per host, and the other tabs' pages must still load
_BAD_CHARACTER = re.compile(r"[\x00-\x1f\x7f\\]")

RELOAD_JS = b"""(function () {
  var seen = null;
  function ask() {
    var address = '/__goalbook/version' + (seen === null ? '' : '?after=' + encodeURIComponent(seen));
    fetch(address, {cache: 'no-store'}).then(function (r) { return r.text(); })
      .then(function (v) {
        if (seen !== null && v !== seen) { location.reload(); return; }
        seen = v;
        setTimeout(ask, 300);     // answered without waiting (many tabs open): ask again soon
      })
      .catch(function () { setTimeout(ask, 1000); });
  }
  ask();
})();
"""
_CSP = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.I)


class SiteState:
    """What the server shows: the site folder, a version that changes per rebuild, and problems."""

    def __init__(self, root: Path):
        self.root = root
        self.version = 0
        self.problems: list[str] = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.waiting = 0                    # version requests held until a rebuild
        self.make_report = None             # make_report(pdf) before report.html/.pdf is served
        self.make_page = None               # make_page(relative path) before a page is served

    def update(self, problems: list[str]) -> None:
        with self.lock:
            self.problems = problems
            self.version += 1
            self.changed.notify_all()

    def version_after(self, seen: str | None, seconds: float = WAIT_SECONDS) -> int:
        """The version, once it is no longer `seen` (at most `seconds` later); at once
        without `seen`, or when MAX_WAITING requests are waiting already (the page then
        asks again a moment later)."""
        with self.changed:
            if seen is not None and self.waiting < MAX_WAITING:
                self.waiting += 1
                try:
                    self.changed.wait_for(lambda: str(self.version) != seen, timeout=seconds)
                finally:
                    self.waiting -= 1
            return self.version


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the site folder, and nothing else.

    Every request names a plain file inside the site by a clean path: a
    request for another host name gets 403; an address with an encoded NUL or
    other control character, a backslash, a `.` or `..` segment, bad
    percent-encoding or more than `MAX_PATH` characters gets 400; folders
    (no listings), dotfiles (the manifest, the marker) and anything reached
    through a symbolic link get 404.
    """
    state: SiteState
    server_version = "goalbook"
    sys_version = ""
    timeout = IDLE_SECONDS

    def __init__(self, *args, state: SiteState, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the server stays quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._answer(with_body=True)

    def do_HEAD(self):  # noqa: N802
        self._answer(with_body=False)

    def _answer(self, with_body: bool):
        self.with_body = with_body
        if not self._host_allowed():
            # A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding);
            # only requests addressed to this machine by name or number are answered.
            return self.send_error(403, "goalbook serve answers only 127.0.0.1 and localhost")
        path = clean_path(self.path)
        if path is None:
            return self.send_error(400, "goalbook serve can't read that address")
        if path == "/__goalbook/version":
            seen = parse_qs(urlsplit(self.path).query).get("after", [None])[0]
            return self._send(str(self.state.version_after(seen)).encode(), "text/plain")
        if path == "/__goalbook/reload.js":
            return self._send(RELOAD_JS, "text/javascript")
        if path == "/favicon.ico":          # browsers ask for it; the site has none
            self.send_response(204)
            self.end_headers()
            return None
        if path in ("/report.html", "/report.pdf") and self.state.make_report is not None:
            self.state.make_report(path.endswith(".pdf"))
            if self.state.problems:
                return self._send(with_reload(problem_page(self.state.problems)), "text/html; charset=utf-8")
        if path.endswith(("/", ".html")) and self.state.make_page is not None and not self.state.problems:
            self.state.make_page(site_name(path))
        if path.endswith(("/", ".html")) and self.state.problems:
            return self._send(with_reload(problem_page(self.state.problems)), "text/html; charset=utf-8")
        body = read_site_file(self.state.root, path)
        if body is None:
            return self.send_error(404, "No such page")
        if path.endswith(("/", ".html")):
            return self._send(with_reload(body), "text/html; charset=utf-8")
        return self._send(body, mimetypes.guess_type(path)[0] or "application/octet-stream")

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        return host in {f"127.0.0.1:{port}", f"localhost:{port}", "127.0.0.1", "localhost"}

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.with_body:
            self.wfile.write(body)


def clean_path(target: str) -> str | None:
    """The decoded path of a request target, or None if it isn't a clean one."""
    if len(target) > MAX_PATH or not target.startswith("/"):
        return None
    raw = target.split("?", 1)[0].split("#", 1)[0]
    try:
        path = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if _BAD_CHARACTER.search(path):
        return None
    segments = path.split("/")[1:]
    if any(s in (".", "..") for s in segments) or "" in segments[:-1]:
        return None
    return path


def site_name(path: str) -> str:
    """A clean request path as the site's relative file name ('/' is 'index.html')."""
    name = path[1:]
    return name + "index.html" if name == "" or name.endswith("/") else name


def read_site_file(root: Path, path: str) -> bytes | None:
    """The bytes of a plain file in the site, reached without any link; None otherwise."""
    parts = site_name(path).split("/")
    if any(part.startswith(".") for part in parts):
        return None
    current = root
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(info.st_mode):
            return None
    if not stat.S_ISREG(info.st_mode):
        return None                           # a folder: no listings
    try:
        fd = os.open(current, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with open(fd, "rb") as handle:
        return handle.read()


def with_reload(page: bytes) -> bytes:
    page = _CSP.sub(lambda m: m.group(1) + _relax(m.group(2)) + m.group(3), page, count=1)
    tag = b'<script src="/__goalbook/reload.js"></script>'
    return page.replace(b"</body>", tag + b"</body>", 1) if b"</body>" in page else page + tag


def _relax(policy: bytes) -> bytes:
    return policy + b"; script-src 'self'; connect-src 'self'"


def problem_page(problems: list[str]) -> bytes:
    items = "\n".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>goalbook: a few things to look at</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1f2d3a}}
pre{{white-space:pre-wrap;background:#f3f6f8;padding:.6rem;border-radius:6px}}</style></head>
<body><main><h1>A few things to look at before the site can update</h1>
<p>goalbook read your files and found these. The page updates by itself once they are saved.</p>
<ul>{items}</ul></main></body></html>""".encode()


class GoalbookServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def handle_error(self, request, client_address):
        pass        # a request that went wrong (a browser gone mid-answer) is not the user's problem


def bind(port: int) -> ThreadingHTTPServer:
    """A server on 127.0.0.1:port, or on a free port if that one is taken (port 0 = any)."""
    server_class = GoalbookServer
    try:
        return server_class(("127.0.0.1", port), None)
    except OSError:
        return server_class(("127.0.0.1", 0), None)


def start(state: SiteState, port: int) -> ThreadingHTTPServer:
    server = bind(port)
    server.RequestHandlerClass = partial(Handler, state=state)
    threading.Thread(target=server.serve_forever, daemon=True, name="goalbook-http").start()
    return server


def port_of(server: ThreadingHTTPServer) -> int:
    return server.socket.getsockname()[1]


__all__ = ["SiteState", "start", "port_of", "socket"]
