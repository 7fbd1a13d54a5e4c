"""Keep validated files between builds of one `serve` session.

A file is read again only when its size or modification time changed, so a
rebuild after one saved check-in parses one file, not the whole book.
"""
from __future__ import annotations

import os
from pathlib import Path


class SourceCache:
    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], object]] = {}

    def get_or_load(self, path: Path, load):
        try:
            stat = os.stat(path)
        except OSError:
            return load()
        signature = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == signature:
            return cached[1]
        value = load()
        self._entries[path] = (signature, value)
        return value
