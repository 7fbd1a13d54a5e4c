"""The user's Markdown notes as safe HTML: Python-Markdown, then nh3.

What survives sanitising:

* text formatting, lists, quotes, code, tables, headings (moved down so a
  note's `# Heading` fits under the page's own headings, see `render_markdown`);
* links to ``http(s):``, ``mailto:`` and relative addresses, each with
  ``rel="noopener noreferrer"``; other schemes lose their ``href``;
* images only as ``data:image/(png|jpeg|gif|webp)`` URLs; any other image
  (remote, ``file:``, relative) is removed entirely, so nothing is fetched.
  A picture larger than `goalbook.render.images` allows (pixels or bytes,
  read from its header) is replaced by a visible note saying why.

Scripts, styles, iframes, objects, forms, event handlers and comments are
removed (script and style with their content).
"""
from __future__ import annotations

import hashlib
import html as html_module
import re
from contextlib import contextmanager
from pathlib import Path

import nh3
from markupsafe import Markup

from goalbook.load.store import Store, digest
from goalbook.render.images import data_image_problem
from goalbook.render.markdown_simple import NOT_PLAIN_LINE, PLAIN, is_plain, simple_html  # noqa: F401

TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small",
    "sub", "sup", "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "h2", "h3", "h4", "h5", "h6", "a", "img", "abbr", "span",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}
DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$", re.I)
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
IMG_WITHOUT_SRC = re.compile(r"""<img\b(?:[^>"'s]|s(?!rc=)|"[^"]*"|'[^']*')*>""")
IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""")
IMG_SRC = re.compile(r'\ssrc="([^"]*)"')
IMG_ALT = re.compile(r'\salt="([^"]*)"')
A_TAG = re.compile(r"""<a\b((?:[^>"']|"[^"]*"|'[^']*')*)>""")
EMPTY_P = re.compile(r"<p>\s*</p>")
DEFAULT_HEADING = 3          # a note's first heading becomes h3 (pages use h1 and h2)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if DATA_IMAGE.match(value) else None
    if tag == "a" and attr == "href":
        scheme = SCHEME.match(value)
        if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS, clean_content_tags={"script", "style"}, attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter, url_schemes=URL_SCHEMES, strip_comments=True,
    link_rel="noopener noreferrer")


def sanitize(html: str) -> str:
    """Clean HTML with goalbook's rules (also drops images that lost their source, and
    puts a note in place of a picture too large to show)."""
    cleaned = IMG_WITHOUT_SRC.sub("", _CLEANER.clean(html))
    if "<img" in cleaned:
        cleaned = IMG_TAG.sub(_picture_or_note, cleaned)
    return EMPTY_P.sub("", A_TAG.sub(_placeholder_link, cleaned))


def _picture_or_note(match: re.Match) -> str:
    """nh3 wrote the tag, so its attributes are double-quoted and escaped."""
    src = IMG_SRC.search(match.group(0))
    problem = data_image_problem(src.group(1)) if src else None
    if problem is None:
        return match.group(0)
    alt = IMG_ALT.search(match.group(0))
    alt_text = html_module.unescape(alt.group(1)).strip() if alt else ""   # text now, not an attribute
    name = f" “{html_module.escape(alt_text)}”" if alt_text else ""
    return f'<span class="gb-left-out">[picture{name} left out: {problem}]</span>'


def _placeholder_link(match: re.Match) -> str:
    """A link that lost its href keeps its text but no `rel` (HTML allows none there)."""
    attrs = match.group(1)
    if re.search(r'\shref="', attrs):
        return match.group(0)
    return "<a" + re.sub(r'\s+rel="[^"]*"', "", attrs) + ">"


class RenderedNotes:
    """Rendered notes by (sha256 of the source, heading level): a note shows on its goal's
    page, on the timeline and in the report, and most notes are the same from one build
    to the next. `kept(project)` also keeps them in goalbook's cache folder."""

    def __init__(self) -> None:
        self.html: dict[tuple[str, int], str] = {}
        self.used: set[tuple[str, int]] = set()
        self.added = False
        self.loaded: set[str] = set()

    def get(self, text: str, heading: int) -> str:
        key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), heading)
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = _convert(text, heading)
            self.added = True
        self.used.add(key)
        return html

    @contextmanager
    def kept(self, project: Path | None, texts=()):
        """Notes rendered by an earlier build of `project` are reused, and this build's are
        kept for the next one: those of the notes in `texts` (the book's)."""
        if project is None:
            yield
            return
        store, key = Store("markdown"), digest(Path(project).resolve())
        if key not in self.loaded:
            stored = store.get(key)
            if isinstance(stored, dict):
                for k, v in stored.items():
                    if isinstance(k, tuple) and isinstance(v, str):
                        self.html.setdefault(k, v)
            self.loaded.add(key)
        self.used, self.added = set(), False
        yield
        if self.added:
            book = {hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts if t}
            store.put(key, {k: v for k, v in self.html.items() if k[0] in book})


NOTES = RenderedNotes()


def _render(text: str, heading: int) -> str:
    return NOTES.get(text, heading)


def _convert(text: str, heading: int) -> str:
    if _is_plain(text):
        paragraphs = (p.strip() for p in re.split(r"\n[ \t]*\n", text.strip()))
        return "\n".join(f"<p>{p}</p>" for p in paragraphs if p)
    simple = simple_html(text)
    if simple is not None:
        return sanitize(simple).strip()
    from goalbook.render.markdown_full import convert    # Python-Markdown: most notes never need it

    return sanitize(convert(text, heading)).strip()


def _is_plain(text: str) -> bool:
    """Prose that Python-Markdown would only wrap in paragraphs (the common case, fast)."""
    lines = text.replace("\n", "")
    return is_plain(lines) and NOT_PLAIN_LINE.search(text) is None


def render_markdown(text: str | None, heading: int = DEFAULT_HEADING) -> Markup:
    """Markdown source to sanitised HTML, safe to insert into a page.

    `heading`: the level the note's first heading gets (2..6), so it fits
    under the page's own headings without skipping a level. Results are
    cached (a note shows on its goal's page and on the timeline).
    """
    if not text or not text.strip():
        return Markup("")
    return Markup(_render(text, max(2, min(6, int(heading)))))
