"""Find the files of a goalbook project, in a stable order."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIRS = (("goals", "goal"), ("checkins", "checkin"), ("sessions", "session"))
SUFFIXES = (".yaml", ".yml", ".md")


@dataclass(frozen=True)
class Found:
    abs_path: Path
    rel_path: str     # relative to the project root, forward slashes
    kind: str         # goal | checkin | session


def is_ignored(name: str) -> bool:
    return name.startswith((".", "_"))


def discover(root: Path) -> list[Found]:
    found: list[Found] = []
    for folder, kind in CONTENT_DIRS:
        base = root / "content" / folder
        if base.is_dir():
            prefix = f"content/{folder}/"
            found.extend(Found(Path(path), prefix + rel, kind) for path, rel in _walk(str(base), ""))
    return found


def _walk(folder: str, rel: str) -> list[tuple[str, str]]:
    """(path, path relative to the top folder) of every content file below `folder`, by name
    (os.scandir: the file type comes with the listing, so nothing is stat'ed twice)."""
    files: list[tuple[str, str]] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return files
    for entry in entries:
        if is_ignored(entry.name):
            continue
        if entry.is_dir():
            files.extend(_walk(entry.path, f"{rel}{entry.name}/"))
        elif os.path.splitext(entry.name)[1] in SUFFIXES and entry.is_file():
            files.append((entry.path, rel + entry.name))
    return files
