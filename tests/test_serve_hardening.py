"""`serve`'s HTTP server against hostile requests: raw sockets to 127.0.0.1.

Each edge case gets the status a careful server gives (403, 400, 404) and
never a traceback, and the server keeps answering afterwards.
"""
from __future__ import annotations

import os
import signal
import socket

import pytest

from goalbook.serve.server import LISTEN_BACKLOG, SiteState, port_of, start

INDEX = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>home page</p></body></html>"
SECRET = b"the secret outside the site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    root = tmp_path / "site"
    (root / "goals").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_bytes(INDEX)
    (root / "goals" / "a.html").write_bytes(b"<html><body><p>goal a</p></body></html>")
    (root / "goals" / ".hidden.html").write_bytes(SECRET)
    (root / "assets" / "site.css").write_bytes(b"body { color: black }")
    (root / ".goalbook-manifest.json").write_bytes(b'{"files": {}, "secret": "the manifest"}')
    (root / ".goalbook-output").write_bytes(b"marker")
    (tmp_path / "outside.txt").write_bytes(SECRET)
    (tmp_path / "outside-folder").mkdir()
    (tmp_path / "outside-folder" / "page.html").write_bytes(SECRET)
    os.symlink(tmp_path / "outside.txt", root / "leak.txt")
    os.symlink(tmp_path / "outside-folder", root / "linked")
    os.symlink("a.html", root / "goals" / "alias.html")
    return root


@pytest.fixture(scope="module")
def server(site):
    running = start(SiteState(site), 0)
    yield running
    running.shutdown()
    running.server_close()


def raw(server, request: bytes) -> bytes:
    """Send bytes exactly as given; everything the server answers, until it closes."""
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=5) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def request(server, target: str | bytes, method: str = "GET", host: str | None = None) -> tuple[int, dict, bytes]:
    target = target.encode("latin-1") if isinstance(target, str) else target
    host = host or f"127.0.0.1:{port_of(server)}"
    answer = raw(server, method.encode() + b" " + target + b" HTTP/1.1\r\nHost: " + host.encode()
                 + b"\r\nConnection: close\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def still_answers(server) -> None:
    status, _, body = request(server, "/")
    assert status == 200 and b"home page" in body


def test_the_site_is_served(server):
    status, headers, body = request(server, "/")
    assert status == 200 and b"home page" in body and b"/__goalbook/reload.js" in body
    status, headers, body = request(server, "/assets/site.css")
    assert status == 200 and headers["content-type"] == "text/css" and body == b"body { color: black }"
    assert request(server, "/goals/a.html?from=index#top")[0] == 200


def test_head_obeys_the_host_check(server):
    for method in ("HEAD", "GET"):
        status, _, body = request(server, "/", method, host="evil.example")
        assert status == 403, method
        status, _, body = request(server, "/", method, host=f"rebound.example:{port_of(server)}")
        assert status == 403, method
        assert b"home page" not in body


def test_head_answers_headers_without_a_body(server):
    status, headers, body = request(server, "/", "HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) > len(INDEX)        # the page with the reload script


def test_a_request_without_a_host_is_refused(server):
    answer = raw(server, b"HEAD / HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 403")


BAD_PATHS = [
    "/assets/%00", "/%00", "/index.html%00.css", "/goals/a.html%00",
    "/a%01b", "/a%1bb", "/a%7fb",
    "/..", "/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E/outside.txt", "/goals/../index.html",
    "/goals/%2e%2e/%2e%2e/outside.txt", "/goals/..%2f..%2foutside.txt", "/./index.html",
    "/goals\\..\\index.html", "/goals%5c..%5cindex.html", "/goals//a.html",
    "/%ff", "/%c0%ae%c0%ae/outside.txt", "/%e2%82",
    "/" + "a" * 3000, "/?" + "q" * 3000,
    "http://127.0.0.1/index.html", "index.html", "*",
]


@pytest.mark.parametrize("target", BAD_PATHS, ids=[p[:40] for p in BAD_PATHS])
def test_bad_paths_get_400_and_no_traceback(server, target, capfd):
    status, _, body = request(server, target)
    assert status == 400, body
    assert SECRET not in body and b"Traceback" not in body
    still_answers(server)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and err == ""


def test_a_raw_nul_byte_in_the_request_line_gets_400(server, capfd):
    status, _, body = request(server, b"/assets/\x00x")
    assert status == 400 and b"Traceback" not in body
    assert "Traceback" not in capfd.readouterr().err
    still_answers(server)


@pytest.mark.parametrize("target", ["/goals/", "/goals", "/assets/", "/assets"])
def test_folders_are_never_listed(server, target):
    status, _, body = request(server, target)
    assert status == 404
    assert b"a.html" not in body and b"site.css" not in body


@pytest.mark.parametrize("target", ["/.goalbook-manifest.json", "/.goalbook-output", "/%2egoalbook-manifest.json",
                                    "/goals/.hidden.html"])
def test_dotfiles_are_never_served(server, target):
    for method in ("GET", "HEAD"):
        status, _, body = request(server, target, method)
        assert status == 404
        assert b"the manifest" not in body and SECRET not in body


@pytest.mark.parametrize("target", ["/leak.txt", "/linked/page.html", "/linked/", "/goals/alias.html"])
def test_symbolic_links_in_the_site_are_not_followed(server, target):
    status, _, body = request(server, target)
    assert status == 404
    assert SECRET not in body and b"goal a" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
def test_other_methods_are_not_supported(server, method):
    status, _, body = request(server, "/index.html", method)
    assert status == 501
    still_answers(server)


def test_it_binds_to_127_0_0_1_only(server):
    host, _ = server.socket.getsockname()
    assert host == "127.0.0.1" and server.socket.family == socket.AF_INET


def test_a_crowd_of_idle_connections_does_not_lock_others_out(server):
    assert server.request_queue_size >= 64 and LISTEN_BACKLOG >= 64
    crowd = [socket.create_connection(("127.0.0.1", port_of(server)), timeout=5) for _ in range(100)]
    try:
        still_answers(server)
    finally:
        for sock in crowd:
            sock.close()


def test_the_real_serve_answers_a_nul_with_400_and_prints_no_traceback(example_book):
    from test_serve import Server

    served = Server(example_book)
    try:
        with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
            sock.sendall(f"GET /assets/%00 HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n\r\n".encode())
            assert sock.recv(100).startswith(b"HTTP/1.0 400")
        assert served.get("/").startswith("<!DOCTYPE html>")
    finally:
        served.proc.send_signal(signal.SIGINT)
        served.proc.wait(timeout=10)
    lines = []
    while not served.lines.empty():
        lines.append(served.lines.get())
    assert not any("Traceback" in line for line in lines), lines
