"""Paths as the person at the terminal can open them.

Diagnostics carry paths relative to the project. When the project was found
above the current folder, or named with -C as a folder below it, the text and
GitHub formats show each path relative to where the user stands instead
(`../checkins/x.yaml`, `goals/content/goals/x.yaml`). A project elsewhere
(neither above nor below) keeps the project-relative paths of SPEC §6, since a
path full of `../..` helps nobody. JSON and SARIF keep project-relative paths.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path, PurePath

from goalbook.diagnostics import Diagnostic


def from_here(diagnostics: list[Diagnostic], root: Path, here: Path) -> list[Diagnostic]:
    """The diagnostics with paths relative to `here` (both folders absolute)."""
    if root == here or not (_within(root, here) or _within(here, root)):
        return diagnostics
    return [replace(d, path=shown_path(d.path, root, here)) for d in diagnostics]


def shown_path(rel_path: str, root: Path, here: Path) -> str:
    target = root / rel_path
    try:
        return PurePath(os.path.relpath(target, here)).as_posix()
    except ValueError:          # another drive on Windows: no relative path exists
        return target.as_posix()


def _within(inner: Path, outer: Path) -> bool:
    try:
        inner.relative_to(outer)
    except ValueError:
        return False
    return True
