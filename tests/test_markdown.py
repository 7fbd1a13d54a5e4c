"""Markdown notes: Python-Markdown, then nh3 with goalbook's rules."""
from __future__ import annotations

import pytest

from goalbook.render.markdown import render_markdown

from test_site import parse


@pytest.mark.parametrize("source, absent", [
    ("<script>alert(1)</script>x", ["<script", "alert"]),
    ("<img src=x onerror=alert(1)>", ["<img", "onerror"]),
    ("![a](https://evil.example/p.png)", ["<img", "evil"]),
    ("![a](file:///etc/passwd)", ["<img", "passwd"]),
    ("![a](relative.png)", ["<img"]),
    ('<iframe src="https://x.example"></iframe>', ["iframe", "x.example"]),
    ("<object data=x></object><embed src=y>", ["object", "embed"]),
    ("<style>p{}</style>x", ["style"]),
    ("[x](javascript:alert(1))", ["javascript", "href"]),
    ("[x](data:text/html,hi)", ["data:", "href"]),
    ("[x](file:///etc/passwd)", ["file:", "href"]),
    ('<a href="https://ok.example" onmouseover="x()">x</a>', ["onmouseover"]),
    ('<p style="color:red">x</p>', ["style"]),
    ("<form action=x><input></form>", ["<form", "<input"]),
    ("<!-- secret -->", ["secret"]),
])
def test_markdown_sanitising(source, absent):
    out = str(render_markdown(source))
    for word in absent:
        assert word not in out


def test_markdown_keeps_what_is_safe():
    png = "data:image/png;base64,iVBORw0KGgo="
    out = str(render_markdown(f"# Title\n\n**bold** [site](https://example.org) [mail](mailto:a@b.c) "
                              f"[page](../goals/x.html) ![dot]({png})\n\n- one\n- two"))
    doc = parse(out)
    assert doc.find("h3").text() == "Title"                 # moved below the page's headings
    assert doc.find("strong").text() == "bold"
    for href in ("https://example.org", "mailto:a@b.c", "../goals/x.html"):
        assert doc.find("a", href=href).attrs["rel"] == "noopener noreferrer"
    assert doc.find("img").attrs["src"] == png
    assert len(doc.find_all("li")) == 2
    assert str(render_markdown(None)) == "" and str(render_markdown("  ")) == ""


@pytest.mark.parametrize("source, base, levels", [
    ("# a\n\n### b\n\n###### c\n\n## d\n\n# e", 3, [3, 4, 5, 3, 3]),
    ("### x\n\n# y\n\n## z", 4, [4, 4, 5]),
    ("# a\n\n## b\n\n### c\n\n#### d\n\n##### e", 4, [4, 5, 6, 6, 6]),
])
def test_markdown_headings_fit_under_the_page(source, base, levels):
    doc = parse(str(render_markdown(source, base)))
    assert [int(n.tag[1]) for n in doc.iter()] == levels


PLAIN_NOTES = [
    "Quiet Saturday. Made soup out of Mr Okoro's marrow at last; it was \"better\" than\nit had any right to be.",
    "One paragraph.\n\nAnother one, with 3 numbers: 1, 2 and 3 (and a dash - here).\n\n\nA third.",
    "Ça va — très bien… “quoted” and ‘single’ 50% £4 a@b.c 10/10!",
]
NOT_PLAIN = ["*em*", "_em_", "a  \nb", " code", "- item", "1. item", "a\n---", "# h", "a <b>",
             "x & y", "[l](u)", "a\n===", "`c`", "a|b", "x\\y"]


@pytest.mark.parametrize("text", PLAIN_NOTES + NOT_PLAIN)
def test_markdown_fast_path_matches_python_markdown(text):
    from goalbook.render import markdown as md

    assert md._is_plain(text) == (text in PLAIN_NOTES)
    assert str(render_markdown(text)) == _python_markdown(text)


# ------------------------------------------------- simple notes, written out without Python-Markdown

from hypothesis import given, settings, strategies as st  # noqa: E402

_WORD = st.sampled_from(["walk", "Calm", "tea", "3", "é", "Ça", "x", "it's", "(soon)", "“so”", "50%", "a/b",
                         "ok.", "yes!", "no?", "–", "end:", "**bold**", "*em*", "**two words**",
                         "[the sheet](https://example.org/s/1)", "*", "**", "_", "`", "<b>", "&", "#", "\\",
                         "[x]", "(x)", "a*b*c", "![i](https://example.org/i.png)", "!", "\\*x*", "**a *b* c**", "***", "*a**b*", "[l](javascript:x)"])
_LINE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_LINES = st.lists(_LINE, min_size=1, max_size=3)
_BLOCK = st.one_of(
    _LINES.map("\n".join),
    _LINES.map(lambda ls: "\n".join(f"- {line}" for line in ls)),
    _LINES.map(lambda ls: "\n".join(f"{i}. {line}" for i, line in enumerate(ls, 1))),
    st.sampled_from(["# Heading", "> quote", "    code", "a  ", "---", "1) x", "2. x", "-  x", " x", "| a |"]),
)
_NOTE = st.lists(_BLOCK, min_size=1, max_size=5).flatmap(
    lambda blocks: st.sampled_from(["\n\n", "\n\n\n", "\n"]).map(lambda gap: gap.join(blocks)))


def _python_markdown(text: str) -> str:
    from goalbook.render import markdown as md
    from goalbook.render.markdown_full import convert

    return md.sanitize(convert(text, 3)).strip()


@settings(max_examples=400, deadline=None)
@given(_NOTE)
def test_simple_notes_render_exactly_as_python_markdown_renders_them(text):
    from goalbook.render.markdown import _convert

    assert _convert(text, 3) == _python_markdown(text)


def test_the_simple_path_takes_the_common_notes():
    from goalbook.render.markdown_simple import simple_html

    note = ("Tired **but** calm; a *small* step.\nAnother line.\n\n- one\n- two *three*\n\n"
            "Some prose.\n\n1. first\n2. second\n\n**Next week:** read [the sheet](https://example.org/s/2).")
    assert simple_html(note) is not None
    assert simple_html("- a\n\n- b") is None                # a loose list: Python-Markdown's
    assert simple_html("# Heading") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text(alphabet="ab _*-.é€—#\n\t", max_size=20))
def test_the_quick_plain_test_is_the_plain_pattern(text):
    from goalbook.render.markdown_simple import PLAIN, is_plain

    assert is_plain(text) == (PLAIN.fullmatch(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="a1² -.)\t*", min_size=1, max_size=6), min_size=1, max_size=4))
def test_the_line_by_line_plain_test_is_the_not_plain_pattern(lines):
    from goalbook.render.markdown_simple import NOT_PLAIN_LINE, _plain_lines

    assert _plain_lines(lines) == (NOT_PLAIN_LINE.search("\n".join(lines)) is None)
