"""The project's `.gitignore`: what goalbook writes stays out of git.

`init` writes it, or adds the lines that are missing to the user's own one:
the user's lines are never removed, changed or reordered, and a file that
already covers everything is not written at all. (Each output folder also
carries its own `.gitignore` of `*`: see `goalbook.publish.output`.)
"""
from __future__ import annotations

import os
from pathlib import Path

from goalbook.publish.atomic import write_atomic, write_new_file

NAME = ".gitignore"
# (comment, pattern): what goalbook and its tools write inside a project.
ENTRIES = (
    ("goalbook writes the site and the report here; they can be rebuilt at any time", "output/"),
    ("a build stages its files next to the output folder, then swaps them in", ".goalbook-staging-*/"),
    (None, ".goalbook-old-*/"),
    ("a virtual environment, if goalbook is installed inside the project", ".venv/"),
    ("goalbook's caches live in ~/.cache/goalbook; this covers GOALBOOK_CACHE_DIR=.goalbook/cache",
     ".goalbook/cache/"),
)
KEEP_SCHEMA = ("# .goalbook/ itself is not ignored: it holds the schema your editor uses to complete\n"
               "# and check goal files, and is worth committing so it works after a clone.\n")
ADDED_HEADER = "# added by goalbook init: files goalbook writes, which don't belong in git\n"


def fresh_text() -> str:
    """The `.gitignore` of a new project."""
    lines = []
    for comment, pattern in ENTRIES:
        if comment:
            lines.append(f"# {comment}\n")
        lines.append(pattern + "\n")
    return "".join(lines) + KEEP_SCHEMA


def ensure_gitignore(root: Path) -> list[str] | None:
    """Make `root/.gitignore` ignore everything in ENTRIES.

    Returns None when the file was created, else the patterns added to the
    existing one (empty: it already had them all, and was left as it was).
    OSError if it can't be read or written. Bytes that aren't UTF-8 are kept as they are.
    """
    path = root / NAME
    if not path.exists() and not path.is_symlink():
        write_new_file(path, fresh_text())
        return None
    target = path.resolve()
    data = target.read_bytes()
    text = data.decode("utf-8", "surrogateescape")
    have = {_normal(line) for line in text.splitlines()}
    # A pattern already there, or one the user un-ignores on purpose (`!output/`), is left alone.
    missing = [pattern for _, pattern in ENTRIES if not {_normal(pattern), "!" + _normal(pattern)} & have]
    if not missing:
        return []
    newline = "\r\n" if "\r\n" in text else "\n"
    addition = ADDED_HEADER + "".join(p + "\n" for p in missing)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    joined = text + (newline if text.strip() else "") + addition.replace("\n", newline)
    mode = os.stat(target).st_mode & 0o7777
    write_atomic(target, joined.encode("utf-8", "surrogateescape"))
    os.chmod(target, mode)
    return missing


def _normal(line: str) -> str:
    """A pattern as it matters here: `/output/`, `output/` and `output` all keep output/ out."""
    line = line.strip()
    return "" if line.startswith("#") else line.strip("/")
