"""The notes that need all of Python-Markdown (lists, tables, code, headings…), as raw
HTML for `goalbook.render.markdown` to sanitise. Imported on first use: most notes
are plain paragraphs or simple enough for `goalbook.render.markdown_simple`, and
an unchanged build renders no note at all.
"""
from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown as _markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _ShiftHeadings(Treeprocessor):
    """A note's headings start at `base` and never skip a level going down.

    The first heading becomes h<base>; each next one moves by as many levels
    as in the source, but at most one deeper than the one before, and never
    above h<base> or below h6.
    """
    base = 3                # set by `convert` for each note (its `heading`)

    def run(self, root: Element) -> None:
        previous = None                                 # (source level, new level)
        for element in root.iter():
            if len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1] in "123456":
                level = int(element.tag[1])
                new = self.base if previous is None else previous[1] + level - previous[0]
                new = max(self.base, min(6, new, (previous[1] + 1) if previous else self.base))
                element.tag = f"h{new}"
                previous = (level, new)


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_SHIFT, "goalbook_shift_headings", 5)


_SHIFT = _ShiftHeadings()
_MD = _markdown.Markdown(extensions=["sane_lists", "tables", "fenced_code", _ShiftHeadingsExtension()],
                         output_format="html")


def convert(text: str, heading: int) -> str:
    """Unsanitised HTML, the note's first heading at h<heading>."""
    _MD.reset()
    _SHIFT.base = heading
    return _MD.convert(text)
