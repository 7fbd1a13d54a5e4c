"""HTML to PDF with WeasyPrint: safe (assets-only fetcher, no attachments) and reproducible.

``render_pdf`` is the one entry point.  WeasyPrint is imported inside it, never
at module level, so importing this module costs nothing.

Reproducible: the same HTML, title, paper and *today* give the same bytes --
the PDF's dates are *today* at 00:00 UTC, it has no (random or other) ``/ID``,
fonts are goalbook's own (``assets/fonts``), and WeasyPrint's subsetting and
object order are deterministic.

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

__all__ = ["render_pdf", "report_css", "page_css", "GENERATOR"]

GENERATOR = f"goalbook {__version__}"
FAMILY = "Goalbook Sans"
# WeasyPrint draws inline SVG text with the SVG's own font-family attribute
# (page CSS does not reach into it); a generic "sans-serif" there would be
# whatever the machine has, so it is pointed at goalbook's embedded font.
_SVG_GENERIC_FONT = re.compile(r'(<svg\b[^>]*?\sfont-family=")(?:sans-serif|system-ui)(")')


@lru_cache(maxsize=1)
def report_css() -> str:
    """The print stylesheet (assets/report.css), read once."""
    return (assets_root() / "report.css").read_text(encoding="utf-8")


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
               stylesheet: str | None = None, log: list[str] | None = None) -> bytes:
    """The PDF of *html*, printed with goalbook's report stylesheet on *paper*.

    *title* is the PDF's only descriptive metadata; *today* dates it.
    *stylesheet* replaces assets/report.css (e.g. a project's own override);
    its relative URLs, like those in *html*, resolve inside goalbook's assets
    folder, and any resource outside it is skipped.  WeasyPrint's messages go
    to *log* (when given), never to the terminal.
    """
    sizing = page_css(paper)
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
            presentational_hints=False, pdf_forms=False)
        _scrub(document, title=title, today=today)
        return document.write_pdf(
            # No /ID (optional in PDF 1.7 without encryption): pydyf would
            # re-serialise and re-compress every object to hash it, ~10 % of
            # the render.  Nothing random is written either way.
            pdf_identifier=False,
            pdf_version="1.7", pdf_variant=None, uncompressed_pdf=False,
            custom_metadata=False, xmp_metadata=None, attachments=None)
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
