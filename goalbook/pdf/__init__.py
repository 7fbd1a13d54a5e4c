"""The PDF report engine: WeasyPrint behind a fetcher that reads nothing but goalbook's assets.

Importing this package is cheap: WeasyPrint (0.5-0.9 s to import) is imported
only inside :func:`render_pdf`, so ``goalbook check``, ``--help`` and
``build --no-pdf`` never pay for it.  ``goalbook.pdf.fetcher`` does import
WeasyPrint (its class derives from WeasyPrint's ``URLFetcher``); import it
only where a PDF is being made.
"""
from __future__ import annotations

import hashlib
from datetime import date
from importlib.resources import files
from pathlib import Path

__all__ = ["assets_root", "render_pdf", "render_key", "PAPERS"]

#: ``report.paper`` values and the CSS ``@page`` size each one means.
PAPERS = {"a4": "A4", "letter": "letter"}


def assets_root() -> Path:
    """goalbook's own assets folder (fonts, report.css), symlinks resolved."""
    return Path(str(files("goalbook.templates") / "assets")).resolve(strict=True)


def render_pdf(html: str, **kwargs) -> bytes:
    """See :func:`goalbook.pdf.render.render_pdf`."""
    from goalbook.pdf.render import render_pdf as _render_pdf

    return _render_pdf(html, **kwargs)


def render_key(html: str, *, today: date, title: str, paper: str = "a4",
               stylesheet: str | None = None, kind: str = "standard") -> str:
    """A hash of everything the PDF's bytes depend on, without importing WeasyPrint.

    The build can keep it in its manifest and skip rendering when it has not
    changed: the HTML, title, day, paper, kind (report.pdf) and stylesheet, the
    shipped fonts, and the versions of goalbook, WeasyPrint and pydyf.
    """
    digest = hashlib.sha256()
    root = assets_root()
    css = stylesheet if stylesheet is not None else "\n".join(
        (root / name).read_text(encoding="utf-8") for name in ("report.css", "report-print.css"))
    for part in (html, title, today.isoformat(), paper.strip().lower(), (kind or "standard").strip().lower(),
                 css, *_versions()):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    for font in sorted((root / "fonts").glob("*.ttf")):
        digest.update(font.name.encode() + b"\x00" + hashlib.sha256(font.read_bytes()).digest())
    return digest.hexdigest()


def _versions() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version    # slow to import: only here

    from goalbook import __version__

    out = [__version__]
    for package in ("weasyprint", "pydyf"):
        try:
            out.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            out.append(f"{package} ?")
    return out
