"""A WeasyPrint URL fetcher that allows ``data:`` URLs and goalbook's own assets, nothing else.

Every other URL -- ``http(s):``, ``ftp:``, ``file:`` outside the assets folder
(``/etc/passwd``, a symlink out of it, a ``..`` escape), any other scheme -- is
refused at once, before any socket or file is opened.  The refusal is a
``ValueError``, which WeasyPrint 70 catches (``urls.fetch`` turns it into a
``URLFetchingError``) and answers by skipping that one resource.

This module imports WeasyPrint: import it only when a PDF is being made.
"""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from goalbook.pdf import assets_root

__all__ = ["AssetsOnlyFetcher", "RefusedURL"]

SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")
TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
         ".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png"}


class RefusedURL(ValueError):
    """goalbook's report reads no resource from outside its own assets folder."""


class AssetsOnlyFetcher(URLFetcher):
    """Serve ``data:`` URLs and regular files inside *root* (default: goalbook's assets).

    ``refused`` and ``served`` list the URLs asked for, in order, for tests and
    diagnostics.  Nothing is logged or printed.
    """

    def __init__(self, root: Path | None = None):
        # The parent's options matter only if something reaches its opener,
        # which fetch() below never lets happen; they are the strictest anyway.
        super().__init__(timeout=1, allowed_protocols=("data", "file"),
                         allow_redirects=False, fail_on_errors=False)
        self.root = Path(root).resolve(strict=True) if root else assets_root()
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        match = SCHEME.match(url) if isinstance(url, str) else None
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            response = self._data(url)
        elif scheme == "file":
            response = self._asset(url)
        else:
            response = None
        if response is None:
            self.refused.append(url if isinstance(url, str) else repr(url))
            raise RefusedURL(f"goalbook's report fetches no {scheme or 'relative'} URL "
                             "(only data: URLs and goalbook's own assets)")
        self.served.append(url if scheme == "file" else "data:")
        return response

    def open(self, url, data=None, timeout=None):
        return self.fetch(url.full_url if isinstance(url, Request) else url)

    def __call__(self, url):
        return self.fetch(url)

    # -- the two kinds of URL allowed -------------------------------------

    @staticmethod
    def _data(url: str):
        """Decode a data: URL in memory (urllib's DataHandler opens no socket)."""
        try:
            raw = DataHandler().data_open(Request(url))
        except (ValueError, TypeError):
            return None
        content_type = raw.headers.get("Content-Type", "text/plain;charset=US-ASCII")
        return URLFetcherResponse("data:", body=raw.read(), headers={"Content-Type": content_type})

    def _asset(self, url: str):
        path = self.asset_path(url)
        if path is None:
            return None
        try:
            body = path.read_bytes()
        except OSError:
            return None
        kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        return URLFetcherResponse(path.as_uri(), body=body,
                                  headers={"Content-Type": kind or "application/octet-stream"})

    def asset_path(self, url: str) -> Path | None:
        """The regular file a file: URL names, if it lies inside ``root``; else None."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        raw = url2pathname(parts.path)  # also %-decodes
        if "\x00" in raw or not raw.startswith("/") and not Path(raw).is_absolute():
            return None
        try:
            path = Path(raw).resolve(strict=True)  # follows symlinks, folds '..'
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path
