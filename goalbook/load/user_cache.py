"""goalbook's own cache folder on this machine (never inside a project).

`$GOALBOOK_CACHE_DIR`, else `$XDG_CACHE_HOME/goalbook`, else `~/.cache/goalbook`.
It holds the files as read, the last findings, rendered notes, the compiled code of
a project's own templates and the goal history read from git; deleting it
is always safe. Folders are made private to the user (0700): the history
holds goal titles.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_folder(name: str) -> Path | None:
    """The writable folder `name` inside goalbook's cache, made if needed; None if it can't be."""
    base = os.environ.get("GOALBOOK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "goalbook")
    folder = Path(base) / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
