"""Find the project a command works on, the way git finds a repository: the
folder it starts in, or the nearest one above it that has goalbook.yaml or a
content/ folder."""
from __future__ import annotations

from pathlib import Path

from goalbook.errors import GoalbookError
from goalbook.load.files import SETTINGS_FILE


def is_project(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).is_file() or (folder / "content").is_dir()


def find_project(start: Path) -> Path | None:
    """The project folder at or above `start` (absolute, resolved), or None."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return None


def locate_project(start: Path) -> Path:
    """Like find_project, but a kind GoalbookError (exit 2) when there is none."""
    if not start.is_dir():
        raise GoalbookError(f"there is no folder {start}", "check the path given to -C")
    found = find_project(start)
    if found is None:
        raise GoalbookError(
            f"{start.resolve()} isn't in a goalbook project: neither it nor any folder above it "
            "has goalbook.yaml or a content/ folder",
            "run 'goalbook init' to start one, or use -C to point at your project")
    return found
