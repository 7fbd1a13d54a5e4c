"""Simple notes written out without Python-Markdown: the same HTML, many times faster.

Most notes are prose, maybe with a tight list, some **bold** or *emphasis* and a
link. Python-Markdown takes about 2 ms a note, which is most of a ten-year
build. `simple_html(text)` writes such a note out directly and returns None
for anything else, which then goes through Python-Markdown as before. What it
accepts, block by block (blocks are separated by empty lines):

* a paragraph: lines of `PLAIN` text that don't start like a block of their own;
* a tight list: every line `- item` (a bullet list) or `N. item` starting at
  `1.` (a numbered one); a list next to another list is left to Python-Markdown
  (it would merge them into one loose list);
* inside: `**strong**` and `*emphasis*` between spaces or punctuation, and
  `[text](http(s)://…)` links with plain text and a plain address.

The caller sanitises the result exactly as Python-Markdown's output, so only
Python-Markdown's part needs to agree, and tests/test_markdown.py checks that it
does on generated notes.
"""
from __future__ import annotations

import re

# Plain prose: letters, digits, spaces and punctuation Markdown gives no meaning
# to; no line that starts with a space, "-" or "1." and none that ends in spaces.
PLAIN = re.compile(r"""(?:[^\W_]|[ .,;:'"?!()/%$@€£–—‘’“”…-])*""")
NOT_PLAIN_LINE = re.compile(r"^(?:[ \t]|-|\d+[.)](?:\s|$))|[ \t]$", re.M)
_PLAIN_ASCII = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'\"?!()/%$@-")
_PLAIN_OTHER = frozenset("€£–—‘’“”…")


def is_plain(text: str) -> bool:
    """`PLAIN.fullmatch(text)`, quicker: the ASCII characters are dropped in one pass, and what
    is left must be letters, digits or the typographic punctuation PLAIN allows."""
    rest = text.translate(_PLAIN_ASCII)
    return all(c in _PLAIN_OTHER or c.isalnum() for c in rest)

_TEXT = r"""(?:[^\W_]|[.,;:'"?!/%$@€£–—‘’“”…-])(?:(?:[^\W_]|[ .,;:'"?!/%$@€£–—‘’“”…-])*(?:[^\W_]|[.,;:'"?!/%$@€£–—‘’“”…-]))?"""
# Each alternative starts with its literal and looks behind it after: a pattern that starts
# with a literal is searched for by the regex engine's fast scan, not tried at every character.
_INLINE = re.compile(
    rf"\*\*(?<![\w*]\*\*)({_TEXT})\*\*(?![\w*])"                  # **strong**
    rf"|\*(?<![\w*]\*)({_TEXT})\*(?![\w*])"                         # *emphasis*
    rf"|\[(?<![\w\]!\\]\[)({_TEXT})\]\((https?://[A-Za-z0-9./_~-]+)\)(?![\w(])")   # [text](address)
_BULLET = re.compile(r"- (\S.*)")
_NUMBER_START = re.compile(r"\d+[.)](?:\s|$)")
_NUMBERED = re.compile(r"(\d{1,9})\. (\S.*)")


def simple_html(text: str) -> str | None:
    """The note as Python-Markdown writes it (before sanitising), or None if it isn't simple."""
    if "\t" in text or "\r" in text:
        return None
    blocks = re.split(r"\n{2,}", text.strip("\n"))
    out: list[str] = []
    previous_list = False
    for block in blocks:
        lines = block.split("\n")
        if any(not line or line.isspace() for line in lines):
            return None
        html = _list(lines)
        if html is not None:
            if previous_list:
                return None
            previous_list = True
        else:
            if not _plain_lines(lines):
                return None
            inline = _inline(block)
            if inline is None:
                return None
            html, previous_list = f"<p>{inline}</p>", False
        out.append(html)
    return "\n".join(out)


def _list(lines: list[str]) -> str | None:
    """A tight bullet or numbered list, or None."""
    if lines[0].startswith("- "):
        items = [_BULLET.fullmatch(line) for line in lines]
        if not all(items):
            return None
        texts, tag = [m.group(1) for m in items], "ul"
    else:
        items = [_NUMBERED.fullmatch(line) for line in lines]
        if not all(items) or items[0].group(1) != "1":
            return None
        texts, tag = [m.group(2) for m in items], "ol"
    inner = [_inline(t) for t in texts]
    if any(i is None for i in inner) or not _plain_lines(texts):
        return None
    return f"<{tag}>\n" + "\n".join(f"<li>{i}</li>" for i in inner) + f"\n</{tag}>"


def _plain_lines(lines: list[str]) -> bool:
    """`NOT_PLAIN_LINE.search` finds nothing in these non-empty lines (said line by line,
    which is quicker than the regex's search from every character)."""
    for line in lines:
        if line[0] in " \t-" or line[-1] in " \t" or (line[0].isdigit() and _NUMBER_START.match(line)):
            return False
    return True


def _inline(text: str) -> str | None:
    out, at = [], 0
    for match in _INLINE.finditer(text):
        out.append(text[at:match.start()])
        strong, em, label, href = match.groups()
        if strong is not None:
            out.append(f"<strong>{strong}</strong>")
        elif em is not None:
            out.append(f"<em>{em}</em>")
        else:
            out.append(f'<a href="{href}">{label}</a>')
        at = match.end()
    out.append(text[at:])
    if not all(is_plain(piece.replace("\n", "")) for piece in out[::2]):
        return None
    return "".join(out)
