"""Keep validated files between builds of one `serve` session.

A file is read again only when its size or modification time changed, so a
rebuild after one saved check-in parses one file, not the whole book.
"""
from __future__ import annotations

from goalbook.load.files import ProjectFiles


class SourceCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[object, object]] = {}

    def get_or_load(self, files: ProjectFiles, rel_path: str, load):
        signature = files.signature(rel_path)
        if signature is None:
            return load()
        cached = self._entries.get(rel_path)
        if cached is not None and cached[0] == signature:
            return cached[1]
        value = load()
        self._entries[rel_path] = (signature, value)
        return value
