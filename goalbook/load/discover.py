"""Find the files of a goalbook project, in a stable order."""
from __future__ import annotations

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
            found.extend(Found(p, p.relative_to(root).as_posix(), kind) for p in _walk(base))
    return found


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if is_ignored(entry.name):
            continue
        if entry.is_dir():
            files.extend(_walk(entry))
        elif entry.suffix in SUFFIXES and entry.is_file():
            files.append(entry)
    return files
