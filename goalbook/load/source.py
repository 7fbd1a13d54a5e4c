"""Read one file of a goalbook project: bytes → text → front matter → YAML tree."""
from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field

from goalbook.diagnostics import Diagnostic
from goalbook.load.files import MAX_FILE_BYTES, ProjectFiles, Refused, TooLarge
from goalbook.load.yamltree import Node, parse

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class SourceFile:
    path: str                 # relative to the project, forward slashes
    kind: str                 # "goal" | "checkin" | "session" | "settings"
    root: Node | None = None
    body: str | None = None   # Markdown body of a .md file (None for .yaml)
    body_line: int = 0        # 1-based line where the body starts
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(p.code == "GB001" for p in self.problems)

    def __getstate__(self) -> dict:
        # Pickled for goalbook's cache, which keeps what validation made of the tree,
        # not the tree itself (half the size, twice as fast to store).
        return {**self.__dict__, "root": None}


def read_source(files: ProjectFiles, rel_path: str, kind: str) -> SourceFile:
    """Read one file from wherever the project's files come from, and parse it."""
    try:
        data = files.read(rel_path)
    except TooLarge as exc:
        return _refused(rel_path, kind, Diagnostic.problem(
            "GB001", 1, 1, f"this file is {_megabytes(exc.size)}, too large for a goalbook file "
            f"(the limit is {_megabytes(MAX_FILE_BYTES)})",
            "goal and check-in files are usually a few kilobytes; split it up"))
    except Refused as exc:
        return _refused(rel_path, kind, Diagnostic.problem("GB001", 1, 1, exc.message, exc.hint))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _refused(rel_path, kind, Diagnostic.problem(
                "GB001", 1, 1, "this file is a link that leads round in a loop, never to a file",
                "point the link at a real file, or remove it"))
        return _refused(rel_path, kind, Diagnostic.problem(
            "GB001", 1, 1, f"this file can't be opened ({exc.strerror or exc})"))
    return parse_source(data, rel_path, kind)


def _refused(rel_path: str, kind: str, problem: Diagnostic) -> SourceFile:
    source = SourceFile(rel_path, kind)
    source.problems.append(problem)
    return source


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def parse_source(data: bytes, rel_path: str, kind: str) -> SourceFile:
    """Parse a file's bytes: UTF-8 text, front matter for .md, then the YAML tree."""
    source = SourceFile(rel_path, kind)
    text = _decode(data, source)
    if text is None:
        return source
    if rel_path.endswith(".md"):
        text = _split_front_matter(text, source)
        if text is None:
            return source
        line_offset = 1
    else:
        line_offset = 0
    if not text.strip():
        if kind == "settings":      # every setting is optional: an empty goalbook.yaml means the defaults
            return source
        source.problems.append(Diagnostic.problem(
            "GB001", 1, 1, "this file is empty", _EMPTY_HINT.get(kind, "add the fields it needs")))
        return source
    source.root, problems = parse(text, line_offset)
    source.problems.extend(problems)
    if source.root is None and not problems and kind != "settings":   # only comments
        source.problems.append(Diagnostic.problem(
            "GB001", 1, 1, "this file has only comments, no fields", _EMPTY_HINT.get(kind, "add the fields it needs")))
    return source


_EMPTY_HINT = {
    "goal": "start with 'title:' — the goal in one sentence",
    "checkin": "start with 'date: YYYY-MM-DD'",
    "session": "start with 'date: YYYY-MM-DD'",
}


def _decode(data: bytes, source: SourceFile) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col(data[: exc.start].decode("utf-8", "replace"))
        source.problems.append(Diagnostic.problem(
            "GB001", line, column, "this file is not UTF-8 text",
            "save it as UTF-8 in your editor (often under 'Save with encoding')"))
        return None
    text = text.removeprefix("\ufeff")
    bad = _CONTROL.search(text)
    if bad:
        line, column = _line_col(text[: bad.start()])
        source.problems.append(Diagnostic.problem(
            "GB001", line, column,
            f"this file contains a control character (U+{ord(bad.group()):04X}); it may not be a text file",
            "goalbook reads plain UTF-8 text files"))
        return None
    return text.replace("\r\n", "\n")


def _split_front_matter(text: str, source: SourceFile) -> str | None:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        source.problems.append(Diagnostic.problem(
            "GB001", 1, 1, "this Markdown file has no front matter",
            "start it with a line '---', the fields (e.g. 'date: 2026-11-02'), then another '---'"))
        return None
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]):
            source.body = "\n".join(lines[index + 1:]).strip("\n") or None
            source.body_line = index + 2
            return "\n".join(lines[1:index])
    source.problems.append(Diagnostic.problem(
        "GB001", 1, 1, "the front matter that starts on line 1 is never closed",
        "add a line '---' after the last field"))
    return None


def _line_col(prefix: str) -> tuple[int, int]:
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1
