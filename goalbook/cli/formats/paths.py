"""Paths as the person at the terminal can open them.

Diagnostics carry paths relative to the project. When the project was found
above the current folder, or named with -C, the text and GitHub formats show
each path relative to where the user stands instead (`../checkins/x.yaml`).
JSON and SARIF keep project-relative paths.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path, PurePath

from goalbook.diagnostics import Diagnostic


def from_here(diagnostics: list[Diagnostic], root: Path, here: Path) -> list[Diagnostic]:
    """The diagnostics with paths relative to `here` (both folders absolute)."""
    if root == here:
        return diagnostics
    return [replace(d, path=shown_path(d.path, root, here)) for d in diagnostics]


def shown_path(rel_path: str, root: Path, here: Path) -> str:
    target = root / rel_path
    try:
        return PurePath(os.path.relpath(target, here)).as_posix()
    except ValueError:          # another drive on Windows: no relative path exists
        return target.as_posix()
