"""report.pdf is tagged by default; `report.pdf: pdf/a-3b` and `pdf/ua-1` add what those
standards identify themselves with. Read back with pikepdf from real builds.

What is checked here is the structure goalbook can see; conformance to PDF/A-3b or
PDF/UA-1 as a whole needs veraPDF (see docs/build.md: what is and isn't verified).
"""
from __future__ import annotations

import io
import re
import shutil

import pikepdf
import pytest
from click.testing import CliRunner

from books import write_rich_book
from conftest import TODAY
from goalbook.cli import main

KINDS = ["standard", "pdf/a-3b", "pdf/ua-1"]


def build_pdf(book, kind: str | None) -> bytes:
    settings = book.root.joinpath("goalbook.yaml").read_text(encoding="utf-8")
    settings = re.sub(r"\n  pdf: .*", "", settings)
    if kind is not None:
        settings = settings.replace("report:\n", f"report:\n  pdf: {kind}\n")
    book.write("goalbook.yaml", settings)
    shutil.rmtree(book.root / "output", ignore_errors=True)     # a real render each time, not the kept PDF
    run = CliRunner().invoke(main, ["-C", str(book.root), "build", "--today", TODAY.isoformat()])
    assert run.exit_code == 0, run.output
    return (book.root / "output" / "report.pdf").read_bytes()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, bytes]:
    from conftest import Book

    book = Book(tmp_path_factory.mktemp("tags") / "book")
    write_rich_book(book)
    out = {"default": build_pdf(book, None)}
    for kind in KINDS:
        out[kind] = build_pdf(book, kind)
        out[kind + " again"] = build_pdf(book, kind)
    return out


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def elements(pdf: pikepdf.Pdf):
    """Every structure element, depth first."""
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/Type") == "/StructElem":
                yield node
            kids = node.get("/K")
            if isinstance(kids, pikepdf.Array):
                stack.extend(reversed(list(kids)))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)


def xmp(pdf: pikepdf.Pdf) -> str:
    return pdf.Root.Metadata.read_bytes().decode("utf-8")


def test_the_default_is_the_standard_kind_and_tagged(pdfs):
    assert pdfs["default"] == pdfs["standard"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_tagged_with_structure_language_and_alt_text(pdfs, kind):
    pdf = open_pdf(pdfs[kind])
    root = pdf.Root
    assert root.StructTreeRoot.Type == "/StructTreeRoot"
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "en"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    tags = [str(e.S) for e in elements(pdf)]
    for tag in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure"):
        assert tag in tags, tag
    figures = [e for e in elements(pdf) if e.S == "/Figure"]
    alts = [str(f.get("/Alt", "")) for f in figures]
    assert len(figures) >= 4 and all(alts), alts                 # three goals' charts and the mood
    gym = next(a for a in alts if a.startswith("Go to the gym twice a week after work"))
    assert "values from" in gym and "Target 2 visits by 31 Jan 2027." in gym
    assert "Revised on 5 Oct 2026: target 4 → 2." in gym
    headers = [e for e in elements(pdf) if e.S == "/TH"]
    assert any(str(h.get("/ID", "")) for h in headers)             # cells point at their headers
    assert all(page.get("/StructParents") is not None for page in pdf.pages)


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(pdfs, kind):
    pdf = open_pdf(pdfs[kind])
    fonts = {}
    for page in pdf.pages:
        for name, font in page.Resources.get("/Font", {}).items():
            fonts[str(font.BaseFont)] = font
    assert fonts and all("Goalbook-Sans" in name for name in fonts), list(fonts)
    for name, font in fonts.items():
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0] if descendants else font).FontDescriptor
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name


@pytest.mark.parametrize("kind", KINDS)
def test_same_inputs_same_bytes(pdfs, kind):
    assert pdfs[kind] == pdfs[kind + " again"]


def test_pdf_a_3b_identifies_itself_with_an_output_intent_and_an_id(pdfs):
    pdf = open_pdf(pdfs["pdf/a-3b"])
    meta = xmp(pdf)
    assert 'pdfaid:part="3"' in meta and 'pdfaid:conformance="B"' in meta
    assert "Robin's goals — progress report" in meta                # dc:title, the same as /Title
    assert "<xmp:CreateDate>2026-11-22T00:00:00Z</xmp:CreateDate>" in meta
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and intent.Type == "/OutputIntent"
    assert int(intent.DestOutputProfile.N) == 3                     # an RGB (sRGB) ICC profile
    assert "/ID" in pdf.trailer                                      # PDF/A needs one: a content hash
    assert pdf.pdf_version == "1.7"
    assert not [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Filespec"]


def test_pdf_ua_1_identifies_itself(pdfs):
    pdf = open_pdf(pdfs["pdf/ua-1"])
    meta = xmp(pdf)
    assert 'pdfuaid:part="1"' in meta and "pdfaid" not in meta
    assert "Robin's goals — progress report" in meta
    assert "/OutputIntents" not in pdf.Root


def test_the_standard_kind_writes_no_id_and_no_xmp(pdfs):
    pdf = open_pdf(pdfs["standard"])
    assert "/ID" not in pdf.trailer and "/Metadata" not in pdf.Root and "/OutputIntents" not in pdf.Root


@pytest.mark.parametrize("kind", KINDS)
def test_metadata_says_nothing_private(pdfs, kind):
    pdf = open_pdf(pdfs[kind])
    assert set(pdf.docinfo.keys()) <= {"/Title", "/Creator", "/Producer", "/CreationDate", "/ModDate"}
    if "/Metadata" in pdf.Root:
        meta = xmp(pdf)
        assert "dc:creator" not in meta and "dc:description" not in meta and "Keywords" not in meta
    for secret in (b"zqsecretwhy", b"zqwinenote", b"zqprivatecheckin"):
        assert secret not in pdfs[kind]
