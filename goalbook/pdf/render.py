"""HTML to PDF with WeasyPrint: safe (assets-only fetcher, no attachments), reproducible, tagged.

``render_pdf`` is the one entry point.  WeasyPrint is imported inside it, never
at module level, so importing this module costs nothing.

Reproducible: the same HTML, title, paper, kind and *today* give the same
bytes -- the PDF's dates are *today* at 00:00 UTC, the standard and PDF/UA
files have no ``/ID`` (PDF/A needs one: WeasyPrint's is a hash of the
content, nothing random), fonts are goalbook's own (``assets/fonts``), and
WeasyPrint's subsetting and object order are deterministic.

Tagged (``report.pdf``, SPEC section 5): every kind carries WeasyPrint's
structure tree (``/StructTreeRoot``: headings, paragraphs, lists, tables with
their header cells, figures), ``/MarkInfo /Marked true``, the document's
``/Lang`` from ``<html lang>``, and the title shown as the window title.  A
chart (inline SVG) is a ``/Figure`` whose ``/Alt`` is its ``<title>``, which
goalbook's charts fill with the chart's summary.  ``pdf/a-3b`` adds the XMP
``pdfaid`` identification and an sRGB output intent; ``pdf/ua-1`` the XMP
``pdfuaid`` identification.

Private: the PDF's metadata is the title and the generator, nothing else (no
author, subject, keywords or custom ``<meta>``); nothing is fetched from
outside goalbook's assets; no file is ever embedded (``rel=attachment`` in a
``<link>`` or ``<a>`` is dropped, as is the ``attachments`` option).
"""
from __future__ import annotations

import logging
import re
from datetime import date
from functools import lru_cache

from goalbook import __version__
from goalbook.pdf import PAPERS, assets_root

__all__ = ["render_pdf", "report_css", "page_css", "pdf_options", "GENERATOR", "KINDS"]

#: ``report.pdf`` values and WeasyPrint's variant for each (``standard``: none, tagged).
KINDS = {"standard": None, "pdf/a-3b": "pdf/a-3b", "pdf/ua-1": "pdf/ua-1"}

GENERATOR = f"goalbook {__version__}"
FAMILY = "Goalbook Sans"
# WeasyPrint draws inline SVG text with the SVG's own font-family attribute
# (page CSS does not reach into it); a generic "sans-serif" there would be
# whatever the machine has, so it is pointed at goalbook's embedded font.
_SVG_GENERIC_FONT = re.compile(r'(<svg\b[^>]*?\sfont-family=")(?:sans-serif|system-ui)(")')


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report's stylesheets for print (assets/report.css and report-print.css), read once."""
    root = assets_root()
    return "\n".join((root / name).read_text(encoding="utf-8") for name in ("report.css", "report-print.css"))


def pdf_options(kind: str) -> dict:
    """WeasyPrint's PDF options for a ``report.pdf`` kind: always tagged; PDF/A also gets
    its /ID (a hash of the content) and the sRGB output intent."""
    key = (kind or "standard").strip().lower()
    if key not in KINDS:
        raise ValueError(f"report.pdf is '{kind}'; goalbook knows {', '.join(KINDS)}")
    variant = KINDS[key]
    archival = variant is not None and variant.startswith("pdf/a")
    return {"pdf_variant": variant, "pdf_tags": True, "pdf_version": "1.7",
            "pdf_identifier": True if archival else False,
            "output_intent": "srgb" if archival else None}


def page_css(paper: str) -> str:
    """The ``@page`` size for a ``report.paper`` value ('a4' or 'letter')."""
    key = (paper or "a4").strip().lower()
    if key not in PAPERS:
        raise ValueError(f"report.paper is '{paper}'; goalbook knows {', '.join(sorted(PAPERS))}")
    return f"@page {{ size: {PAPERS[key]}; }}\n"


class _Collect(logging.Handler):
    """Keeps WeasyPrint's messages (refused images and the like) off stdout and stderr."""

    def __init__(self, sink: list[str] | None):
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if self.sink is not None and record.levelno >= logging.WARNING:
            try:
                self.sink.append(record.getMessage())
            except Exception:  # a message that cannot be formatted is not worth a crash
                self.sink.append(str(record.msg))


def render_pdf(html: str, *, today: date, title: str, paper: str = "a4",
               stylesheet: str | None = None, log: list[str] | None = None,
               kind: str = "standard") -> bytes:
    """The PDF of *html*, printed with goalbook's report stylesheet on *paper*.

    *title* is the PDF's only descriptive metadata; *today* dates it. *kind* is
    ``report.pdf``: ``standard`` (tagged), ``pdf/a-3b`` or ``pdf/ua-1``.
    *stylesheet* replaces assets/report.css (e.g. a project's own override);
    its relative URLs, like those in *html*, resolve inside goalbook's assets
    folder, and any resource outside it is skipped.  WeasyPrint's messages go
    to *log* (when given), never to the terminal.
    """
    sizing = page_css(paper)
    options = pdf_options(kind)
    css = (report_css() if stylesheet is None else stylesheet) + sizing
    import weasyprint  # deliberately late: 0.5-0.9 s, only when a PDF is made
    from weasyprint.text.fonts import FontConfiguration

    from goalbook.pdf.fetcher import AssetsOnlyFetcher

    logger = logging.getLogger("weasyprint")
    handler, propagate = _Collect(log), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        fetcher = AssetsOnlyFetcher()
        base_url = fetcher.root.as_uri() + "/"
        fonts = FontConfiguration()
        sheet = weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher,
                               font_config=fonts)
        html = _SVG_GENERIC_FONT.sub(rf"\g<1>{FAMILY}\g<2>", html)
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=[sheet], attachments=None,
            presentational_hints=False, pdf_forms=False, **options)
        _scrub(document, title=title, today=today)
        # No /ID unless PDF/A asks for one (optional in PDF 1.7 without
        # encryption): pydyf re-serialises every object to hash it, ~10 % of the
        # render.  Nothing random is written either way.
        return document.write_pdf(uncompressed_pdf=False, custom_metadata=False, xmp_metadata=None,
                                  attachments=None, **options)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _scrub(document, *, title: str, today: date) -> None:
    """Metadata: title, generator and dates from *today*; no attachments, no file links."""
    meta = document.metadata
    stamp = f"{today.isoformat()}T00:00:00Z"
    meta.title = title
    meta.generator = GENERATOR
    meta.created = stamp
    meta.modified = stamp
    meta.authors = []
    meta.description = None
    meta.keywords = []
    meta.custom = {}
    meta.xmp_metadata = []
    meta.attachments = []  # <link rel=attachment>: never fetched, never embedded
    for page in document.pages:
        # <a rel=attachment> would become a /FileAttachment annotation; a
        # plain link to a local file is no use in a report either.
        page.links = [link for link in page.links
                      if link[0] != "attachment" and not _is_file_link(link)]


def _is_file_link(link) -> bool:
    kind, target = link[0], link[1]
    return kind == "external" and isinstance(target, str) and target[:5].lower() == "file:"
