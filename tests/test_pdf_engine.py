"""goalbook.pdf: the WeasyPrint engine -- lazy import, fonts, metadata, paper, reproducibility."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, require_tool
from goalbook.pdf import assets_root
from goalbook.pdf.render import render_pdf

TODAY = date(2026, 11, 22)
TITLE = "Sam's goalbook — progress report"


def page_html(pages_of_text: int = 3, chart: bool = True) -> str:
    from goalbook.render.charts import progress_chart

    svg = ""
    if chart:
        points = [(date(2026, 10, 1) + timedelta(days=7 * i), i * 0.4) for i in range(8)]
        svg = progress_chart(points, start=date(2026, 10, 1), due=date(2027, 1, 31), baseline=0,
                             target=3, unit="walks", title="Evening walks", id_prefix="g1",
                             today=TODAY)
    filler = "<p>Walking after dinner helped me sleep; some evenings were harder than others.</p>" * 40
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>an HTML title that must not be the PDF's</title>"
            "<meta name='author' content='Sam Privateperson'>"
            "<meta name='description' content='depression and anxiety'>"
            "<meta name='keywords' content='panic'><meta name='x-custom' content='secret'>"
            "</head><body><section class='cover'><h1 class='book-title'>Sam's goalbook</h1>"
            "<p class='report-period'>25 Oct 2026 – 22 Nov 2026</p></section>"
            f"<h2>Evening walks ↑ ✓ café</h2><figure class='chart'>{svg}</figure>"
            + filler * pages_of_text + "</body></html>")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(page_html(), today=TODAY, title=TITLE)


def reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdftotext(tmp_path: Path, data: bytes, *args: str) -> str:
    tool = require_tool("pdftotext", "to read the report's PDF back")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, "-layout", *args, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_importing_the_engine_does_not_import_weasyprint():
    code = (
        "import sys\n"
        "import goalbook.pdf, goalbook.pdf.render, goalbook.cli\n"
        "assert 'weasyprint' not in sys.modules, 'imported too early'\n"
        "from datetime import date\n"
        "pdf = goalbook.pdf.render.render_pdf('<p>hi</p>', today=date(2026, 1, 2), title='t')\n"
        "assert pdf.startswith(b'%PDF-') and 'weasyprint' in sys.modules\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"  # and WeasyPrint printed nothing


def test_pdf_pages_text_and_running_header(pdf, tmp_path):
    pages = reader(pdf).pages
    assert len(pages) >= 3
    text = pdftotext(tmp_path, pdf)
    assert "Evening walks" in text and "café" in text
    assert f"page 1 of {len(pages)}" in text
    assert f"page {len(pages)} of {len(pages)}" in text
    second = pdftotext(tmp_path, pdf, "-f", "2", "-l", "2")
    assert "Sam's goalbook" in second  # the running header, set from the cover's title
    assert "25 Oct 2026 – 22 Nov 2026" in second


def test_fonts_are_goalbooks_own_and_embedded(pdf, tmp_path):
    tool = require_tool("pdffonts", "to list the fonts in the report's PDF")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    rows = subprocess.run([tool, str(path)], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    assert rows, "no fonts at all"
    names = [row.split()[0] for row in rows]
    for row in rows:
        emb = row.split()[-5]  # name type... encoding emb sub uni object ID
        assert emb == "yes", row
    # Body text, bold headings and the chart's SVG text all use the shipped DejaVu Sans.
    assert all("Goalbook-Sans" in name for name in names), names
    assert any(name.endswith("Goalbook-Sans-Bold") for name in names)


def test_shipped_fonts_and_licence():
    fonts = assets_root() / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (fonts / name).read_bytes()[:4] == b"\x00\x01\x00\x00"
        assert (fonts / name).stat().st_size < 250_000
    licence = (fonts / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Arev" in licence
    css = (assets_root() / "report.css").read_text(encoding="utf-8")
    assert 'url("fonts/DejaVuSans.ttf")' in css


def test_same_inputs_give_identical_bytes(pdf):
    again = render_pdf(page_html(), today=TODAY, title=TITLE)
    assert again == pdf
    other_day = render_pdf(page_html(), today=TODAY + timedelta(days=1), title=TITLE)
    assert other_day != pdf


def test_metadata_is_title_generator_and_dates_only(pdf):
    info = reader(pdf).metadata
    assert info.title == TITLE
    assert info["/Creator"].startswith("goalbook ")
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261122000000Z"
    assert set(info) <= {"/Title", "/Creator", "/Producer", "/CreationDate", "/ModDate"}
    for leaked in (b"Privateperson", b"depression", b"panic", b"secret", b"must not be"):
        assert leaked not in pdf
    assert "/ID" not in reader(pdf).trailer  # nothing random (and no costly content hash)


@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792)),
                                         ("Letter", (612, 792))])
def test_paper_sizes(paper, size):
    data = render_pdf("<p>one page</p>", today=TODAY, title="t", paper=paper)
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_is_an_error_before_weasyprint_runs():
    with pytest.raises(ValueError, match="report.paper"):
        render_pdf("<p>x</p>", today=TODAY, title="t", paper="a5")


def test_messages_are_collected_not_printed(capfd):
    log: list[str] = []
    render_pdf('<img src="http://127.0.0.1:9/x.png"><p>text</p>', today=TODAY, title="t", log=log)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert any("127.0.0.1:9" in message for message in log)


# -- the fetcher itself --------------------------------------------------------

@pytest.fixture
def fetcher():
    from goalbook.pdf.fetcher import AssetsOnlyFetcher

    return AssetsOnlyFetcher()


def test_fetcher_serves_assets_and_data(fetcher):
    from weasyprint.urls import URLFetcher

    assert isinstance(fetcher, URLFetcher)
    font = fetcher.root / "fonts" / "DejaVuSans.ttf"
    response = fetcher(font.as_uri())
    assert response.read()[:4] == b"\x00\x01\x00\x00"
    css = fetcher((fetcher.root / "report.css").as_uri())
    assert css.content_type == "text/css"
    data = fetcher("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://otherhost/etc/passwd",
    "http://127.0.0.1:9/x.png",
    "https://example.invalid/x.png",
    "ftp://127.0.0.1/x",
    "gopher://127.0.0.1/x",
    "javascript:alert(1)",
    "fonts/DejaVuSans.ttf",
])
def test_fetcher_refuses_everything_else(fetcher, url):
    from goalbook.pdf.fetcher import RefusedURL

    with pytest.raises(RefusedURL):
        fetcher(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_escapes_and_symlinks_out(tmp_path):
    from goalbook.pdf.fetcher import AssetsOnlyFetcher, RefusedURL

    root = tmp_path / "assets"
    (root / "fonts").mkdir(parents=True)
    (root / "fonts" / "ok.ttf").write_bytes(b"font")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0 secret")
    (root / "link.txt").symlink_to(secret)
    (root / "dirlink").symlink_to(tmp_path)
    fetcher = AssetsOnlyFetcher(root)
    assert fetcher((root / "fonts" / "ok.ttf").as_uri()).read() == b"font"
    for url in (root.as_uri() + "/fonts/../../secret.txt",
                root.as_uri() + "/fonts/%2E%2E/%2E%2E/secret.txt",
                (root / "link.txt").as_uri(),
                (root / "dirlink" / "secret.txt").as_uri(),
                root.as_uri() + "/",                        # a folder, not a file
                root.as_uri() + "/missing.ttf",
                root.as_uri() + "/fonts/ok.ttf%00.png"):
        with pytest.raises(RefusedURL):
            fetcher(url)


def test_render_key_tracks_every_input_without_importing_weasyprint():
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from goalbook.pdf import render_key\n"
        "k = render_key('<p>x</p>', today=date(2026, 1, 2), title='t')\n"
        "assert k == render_key('<p>x</p>', today=date(2026, 1, 2), title='t')\n"
        "others = {render_key('<p>y</p>', today=date(2026, 1, 2), title='t'),\n"
        "          render_key('<p>x</p>', today=date(2026, 1, 3), title='t'),\n"
        "          render_key('<p>x</p>', today=date(2026, 1, 2), title='u'),\n"
        "          render_key('<p>x</p>', today=date(2026, 1, 2), title='t', paper='letter'),\n"
        "          render_key('<p>x</p>', today=date(2026, 1, 2), title='t', stylesheet='p{}')}\n"
        "assert k not in others and len(others) == 5\n"
        "assert 'weasyprint' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_stylesheet_override_replaces_report_css(tmp_path):
    css = 'p::before { content: "from the override "; } @page { size: A5; }'
    data = render_pdf("<p>x</p>", today=TODAY, title="t", stylesheet=css)
    assert "from the override x" in pdftotext(tmp_path, data)
    box = reader(data).pages[0].mediabox
    assert round(float(box.width)) == 595  # the paper option still wins over the override
