"""Cut a goalbook file down to a few top-level fields, without parsing it.

The history reads four fields of thousands of old versions of goal files;
parsing every version whole would cost more than the rest of a build. When
the YAML is a plain block mapping (every unindented line a `key:` or a
comment, which is how goal files are written), a top-level field is its key
line and the indented lines below it, so it can be cut out as text and
parsed alone. Anything else (flow style, quoted keys, tabs, a byte-order
mark, a document marker) gets None: read the whole file then.
"""
from __future__ import annotations

import functools
import re

# An unindented line that isn't a top-level `key:` or a comment; the start of the next
# top-level line; the closing `---` of Markdown front matter.
_UNUSUAL_LINE = re.compile(rb"\n(?![ \r\n#]|[A-Za-z_][A-Za-z0-9_-]*[ \t]*:(?:[ \t\r\n]|$)|\Z)")
_NEXT_TOP_LINE = re.compile(rb"\n(?![ \r\n#])")
_CLOSING_FENCE = re.compile(rb"\n(?:---|\.\.\.)[ \t]*\r?(?:\n|$)")


def fields_region(data: bytes, markdown: bool, names: tuple[str, ...]) -> bytes | None:
    """The YAML of just the top-level fields `names` of a file (`markdown`: of its front
    matter), each with its indented lines; None unless the YAML is a plain block mapping."""
    start, end = 0, len(data)
    if markdown:
        first = data.find(b"\n")
        if first < 0 or not data.startswith(b"---") or data[3:first].strip():
            return None
        fence = _CLOSING_FENCE.search(data, first)
        if fence is None:
            return None
        start, end = first + 1, fence.start() + 1
    yaml = b"\n" + data[start:end]
    if _UNUSUAL_LINE.search(yaml):
        return None
    found = []
    for key in _keys_pattern(names).finditer(yaml):
        stop = _NEXT_TOP_LINE.search(yaml, key.end())
        found.append(yaml[key.start() + 1:stop.start() + 1 if stop else len(yaml)])
    return b"".join(found)


@functools.lru_cache(maxsize=8)
def _keys_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(rb"\n(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")[ \t]*:(?:[ \t\r\n]|$)")


