"""Daylio notes may hold basic HTML (bold, italics, line breaks, lists): turn
it into the Markdown that goalbook notes are written in. A note without tags
or entities is kept exactly as written."""
from __future__ import annotations

import re
from html.parser import HTMLParser

_HTML = re.compile(r"</?(?:b|i|u|s|em|strong|br|p|div|span|ul|ol|li|strike|del|a|h[1-6]|font|blockquote)\b[^>]*>"
                   r"|&(?:[a-z]+|#[0-9]+|#x[0-9a-f]+);", re.IGNORECASE)
_INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "strike": "~~", "del": "~~"}
_BLOCKS = {"p", "div", "blockquote", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
_QUIET = {"u", "span", "font"}          # formatting Markdown has no word for: the text stays, the tag goes


def note_to_markdown(text: str) -> str:
    if not _HTML.search(text):
        return text
    converter = _Converter()
    converter.feed(text)
    converter.close()
    return converter.markdown()


class _Converter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list[int]] = []       # one counter per open list; [0] marks a bulleted one
        self.link: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _INLINE:
            self.out.append(_INLINE[tag])
        elif tag == "br":
            self.out.append("\n")
        elif tag in ("ul", "ol"):
            self.out.append("\n\n")
            self.lists.append([1 if tag == "ol" else 0])
        elif tag == "li":
            counter = self.lists[-1] if self.lists else [0]
            self.out.append(f"\n{counter[0]}. " if counter[0] else "\n- ")
            if counter[0]:
                counter[0] += 1
        elif tag in _BLOCKS:
            self.out.append("\n\n" + ("**" if tag.startswith("h") else ""))
        elif tag == "a":
            self.link = dict(attrs).get("href")
        elif tag not in _QUIET:
            self.out.append(self.get_starttag_text() or "")     # not formatting: the user's own text

    def handle_endtag(self, tag):
        if tag in _INLINE:
            self.out.append(_INLINE[tag])
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.out.append("\n\n")
        elif tag in _BLOCKS:
            self.out.append(("**" if tag.startswith("h") else "") + "\n\n")
        elif tag == "a":
            if self.link:
                self.out.append(f" ({self.link})")
            self.link = None
        elif tag not in _QUIET | {"li", "br"}:
            self.out.append(f"</{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.out.append(data.replace("\xa0", " "))

    def markdown(self) -> str:
        text = "".join(self.out)
        lines = [line.rstrip() for line in text.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
