"""A small HTTP server for the built site, bound to 127.0.0.1 only.

Live reload exists only here: HTML responses get a tiny script that asks
`/__goalbook/version` and reloads when a rebuild finished. The files in the
output folder never contain it, and their Content-Security-Policy is relaxed
in the response only as far as that script needs.
"""
from __future__ import annotations

import html
import re
import socket
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RELOAD_JS = b"""(function () {
  var seen = null;
  function poll() {
    fetch('/__goalbook/version', {cache: 'no-store'}).then(function (r) { return r.text(); })
      .then(function (v) { if (seen !== null && v !== seen) { location.reload(); } seen = v; })
      .catch(function () {}).finally(function () { setTimeout(poll, 300); });
  }
  poll();
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
        self.make_report = None             # make_report(pdf) before report.html/.pdf is served

    def update(self, problems: list[str]) -> None:
        with self.lock:
            self.problems = problems
            self.version += 1


class Handler(SimpleHTTPRequestHandler):
    state: SiteState

    def __init__(self, *args, state: SiteState, **kwargs):
        self.state = state
        super().__init__(*args, directory=str(state.root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the server stays quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._host_allowed():
            # A page elsewhere can point its own name at 127.0.0.1 (DNS rebinding);
            # only requests addressed to this machine by name or number are answered.
            return self.send_error(403, "goalbook serve answers only 127.0.0.1 and localhost")
        path = self.path.split("?", 1)[0]
        if path == "/__goalbook/version":
            return self._send(str(self.state.version).encode(), "text/plain")
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
        if path.endswith("/"):
            path += "index.html"
        if path.endswith(".html"):
            return self._send_html(path)
        return super().do_GET()

    def _host_allowed(self) -> bool:
        port = self.server.server_address[1]
        host = (self.headers.get("Host") or "").strip().lower()
        return host in {f"127.0.0.1:{port}", f"localhost:{port}", "127.0.0.1", "localhost"}

    def _send_html(self, path: str):
        if self.state.problems:
            return self._send(with_reload(problem_page(self.state.problems)), "text/html; charset=utf-8")
        file = (self.state.root / path.lstrip("/")).resolve()
        if self.state.root.resolve() not in file.parents or not file.is_file():
            return self.send_error(404, "No such page")
        return self._send(with_reload(file.read_bytes()), "text/html; charset=utf-8")

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


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


def bind(port: int) -> ThreadingHTTPServer:
    """A server on 127.0.0.1:port, or on a free port if that one is taken (port 0 = any)."""
    server_class = type("GoalbookServer", (ThreadingHTTPServer,), {"daemon_threads": True})
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
