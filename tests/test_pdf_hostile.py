"""Hostile HTML in notes: nothing outside goalbook's assets is read, nothing is embedded, no wait.

The never-answering server listens on 127.0.0.1 only, accepts and holds any
connection without replying, and counts them; the PDF engine must never even
connect to it.
"""
from __future__ import annotations

import re
import socket
import statistics
import subprocess
import threading
import time
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from conftest import require_tool
from goalbook.pdf.render import render_pdf

TODAY = date(2026, 11, 22)
PASSWD = Path("/etc/passwd")


class NeverAnswers:
    """A TCP listener on 127.0.0.1 that accepts, holds the connection, and never replies."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)  # never read, never answered

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        for conn in self.held:
            conn.close()
        self.sock.close()


@pytest.fixture
def silent_server():
    server = NeverAnswers()
    yield server
    server.close()


@pytest.fixture
def secret_file(tmp_path) -> tuple[Path, str]:
    token = "root:x:0:0:GOALBOOK-SECRET-7f3a"
    path = tmp_path / "secret.txt"
    path.write_text(token + "\n")
    return path, token


def page(notes: str, head: str = "") -> str:
    body = "".join(f"<p>Check-in note {i}: a steady week, one walk in the rain.</p>" for i in range(60))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
            f"<h1 class='book-title'>Hostile book</h1><section class='goal'>{notes}</section>"
            f"{body}</body></html>")


def hostile_notes(port: int, secret: Path) -> tuple[str, str]:
    http = f"http://127.0.0.1:{port}"
    head = (f"<link rel='attachment' href='file:///etc/passwd' title='passwd'>"
            f"<link rel='attachment' href='{secret.as_uri()}'>"
            f"<link rel='attachment' href='data:text/plain,embedded-by-data-url'>"
            f"<link rel='stylesheet' href='{http}/sheet.css'>"
            f"<link rel='stylesheet' href='file:///etc/passwd'>"
            f"<style>@import url({http}/x.css); @import url('{secret.as_uri()}');"
            f"@font-face {{ font-family: Evil; src: url({http}/f.ttf), local('DejaVu Sans'); }}"
            f"p {{ font-family: Evil, 'Goalbook Sans'; }}"
            f".goal {{ background-image: url({http}/bg.png); }}</style>")
    notes = (f"<img src='file:///etc/passwd' alt='passwd'>"
             f"<img src='{secret.as_uri()}'>"
             f"<img src='../../../../../../etc/passwd'>"
             f"<img src='{http}/x.png' alt='remote image'>"
             f"<img src='https://127.0.0.1:{port}/y.png'>"
             f"<img src='ftp://127.0.0.1:{port}/z.png'>"
             f"<object data='file:///etc/passwd'></object>"
             f"<embed src='{http}/e.svg'>"
             f"<a rel='attachment' href='file:///etc/passwd'>x</a> "
             f"<a rel='attachment' href='data:text/plain,embedded-by-link'>y</a> "
             f"<a href='file:///etc/passwd'>a file link</a> "
             f"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'"
             f" width='20' height='20'><image href='file:///etc/passwd' width='10' height='10'/>"
             f"<image xlink:href='{http}/s.png' width='10' height='10'/></svg>"
             f"<p style=\"background: url('{http}/inline.png')\">Hostile note</p>")
    return head, notes


def timed(html: str, log: list | None = None) -> tuple[bytes, float]:
    start = time.perf_counter()
    pdf = render_pdf(html, today=TODAY, title="Hostile book", log=log)
    return pdf, time.perf_counter() - start


def all_bytes(pdf: bytes) -> bytes:
    """The PDF's raw bytes plus every stream decoded, to search for leaked content."""
    reader = PdfReader(BytesIO(pdf))
    chunks = [pdf]
    numbers = set(reader.xref_objStm)
    for generation, table in reader.xref.items():
        numbers.update((number, generation) for number in table)
    for number in sorted(numbers, key=str):
        number, generation = number if isinstance(number, tuple) else (number, 0)
        try:
            obj = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:
            continue
        if isinstance(obj, StreamObject):
            try:
                chunks.append(obj.get_data())
            except Exception:
                pass
    return b"\n".join(chunks)


def test_hostile_notes_read_nothing_embed_nothing_and_do_not_wait(silent_server, secret_file, tmp_path):
    secret, token = secret_file
    head, notes = hostile_notes(silent_server.port, secret)
    clean = page("<p>Hostile note</p>")
    hostile = page(notes, head)

    timed(clean)  # warm-up: WeasyPrint import, fontconfig
    log: list[str] = []
    clean_times, hostile_times = [], []
    for _ in range(3):
        clean_pdf, t_clean = timed(clean)
        hostile_pdf, t_hostile = timed(hostile, log)
        clean_times.append(t_clean)
        hostile_times.append(t_hostile)

    # No wait: no slower than the clean render, give or take half a second.
    assert statistics.median(hostile_times) <= statistics.median(clean_times) + 0.5
    assert max(hostile_times) < 5  # and nothing near a socket timeout
    # Not even a connection was attempted to the address that never answers.
    time.sleep(0.2)
    assert silent_server.accepted == 0

    # Nothing of the files outside the assets folder, anywhere in the PDF.
    haystack = all_bytes(hostile_pdf)
    leaks = [token.encode(), b"GOALBOOK-SECRET", b"embedded-by-data-url", b"embedded-by-link"]
    if PASSWD.exists():
        first_line = PASSWD.read_text(errors="replace").splitlines()[0].encode()
        leaks += [b"root:x:0:0", first_line]
    for leak in leaks:
        assert leak not in haystack, leak

    # No embedded files, no file-attachment annotations, no link to a local file.
    reader = PdfReader(BytesIO(hostile_pdf))
    names = reader.trailer["/Root"].get("/Names")
    assert names is None or "/EmbeddedFiles" not in names.get_object()
    assert b"/EmbeddedFiles" not in haystack and b"/FileAttachment" not in haystack
    assert b"/EmbeddedFile" not in haystack and b"/Filespec" not in haystack
    for pdf_page in reader.pages:
        for annot in pdf_page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot.get("/Subtype") != "/FileAttachment"
            uri = annot.get("/A", {}).get("/URI", "")
            assert not str(uri).lower().startswith("file:"), uri
    assert b"file:///etc/passwd" not in haystack

    # The note's own words are still there, and WeasyPrint's complaints stayed in the log.
    text = pdftotext(tmp_path, hostile_pdf)
    assert "Hostile note" in text and "Check-in note 59" in text
    assert "root:x:0:0" not in text
    assert any("127.0.0.1" in message for message in log)


def test_hostile_render_prints_nothing(silent_server, secret_file, capfd):
    head, notes = hostile_notes(silent_server.port, secret_file[0])
    render_pdf(page(notes, head), today=TODAY, title="t")
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert silent_server.accepted == 0


def test_hostile_pdf_is_reproducible(silent_server, secret_file):
    head, notes = hostile_notes(silent_server.port, secret_file[0])
    html = page(notes, head)
    assert render_pdf(html, today=TODAY, title="t") == render_pdf(html, today=TODAY, title="t")


def test_base_element_cannot_point_outside(silent_server, secret_file, tmp_path):
    secret, token = secret_file
    html = (f"<html><head><base href='{secret.parent.as_uri()}/'></head><body>"
            f"<img src='secret.txt'><link rel='attachment' href='secret.txt'>"
            f"<img src='http://127.0.0.1:{silent_server.port}/b.png'><p>based</p></body></html>")
    pdf, _ = timed(html)
    assert token.encode() not in all_bytes(pdf)
    assert b"/EmbeddedFiles" not in all_bytes(pdf)
    assert silent_server.accepted == 0


def pdftotext(tmp_path: Path, data: bytes) -> str:
    tool = require_tool("pdftotext", "to read the report's PDF back")
    path = tmp_path / "hostile.pdf"
    path.write_bytes(data)
    text = subprocess.run([tool, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"[ \t]+", " ", text)
