"""report.html and values.html in the Nu Html Checker (no CSS exemption) and in real Chromium:
no serious axe violations at laptop and phone widths, and no sideways scrolling at 390 px."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from books import write_rich_book
from conftest import TODAY
from goalbook.cli import main
from test_browser import ARTIFACTS, SIZES, axe_serious, browser, open_page  # noqa: F401 (fixture)
from test_html_valid import vnu

PAGES = ("report.html", "values.html")


def built(root: Path) -> Path:
    run = CliRunner().invoke(main, ["-C", str(root), "build", "--today", TODAY.isoformat()])
    assert run.exit_code == 0, run.output
    return root / "output"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    import shutil

    from conftest import REPO, Book

    example = tmp_path_factory.mktemp("example") / "book"
    shutil.copytree(REPO / "content", example / "content")
    shutil.copy(REPO / "goalbook.yaml", example / "goalbook.yaml")
    robin = Book(tmp_path_factory.mktemp("robin") / "book")
    write_rich_book(robin)
    robin.write("goalbook.yaml", robin.root.joinpath("goalbook.yaml").read_text().replace(
        "report:\n", "report:\n  suggestions: yes\n"))                 # the appendix too
    return {"example": built(example), "robin": built(robin.root)}


@pytest.mark.tools
def test_report_and_values_pages_are_valid_html_with_valid_css(sites):
    pages = [str(out / name) for out in sites.values() for name in PAGES]
    errors = vnu(*pages)
    assert errors == [], json.dumps(errors, indent=1)[:4000]


def test_the_report_has_one_main_landmark_and_its_css_is_plain(sites):
    html = (sites["example"] / "report.html").read_text(encoding="utf-8")
    assert html.count("<main") == 1
    for print_only in ("string-set", "string(", "@page", "counter(pages)", "@font-face"):
        assert print_only not in html


@pytest.mark.browser
@pytest.mark.parametrize("book", ["example", "robin"])
@pytest.mark.parametrize("name", PAGES)
def test_in_chromium_at_laptop_and_phone_widths(browser, sites, book, name):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        context, page, seen = open_page(browser, (sites[book] / name).as_uri(), size)
        try:
            problems = [t for kind, t in seen["console"] if kind in ("error", "warning")]
            assert problems == [] and seen["errors"] == [], problems + seen["errors"]
            assert all(u.startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]
            page.screenshot(path=str(ARTIFACTS / f"{book}-{name.removesuffix('.html')}-{label}.png"),
                            full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size[0], f"{name} scrolls sideways at {size[0]}px ({width}px)"
            assert axe_serious(page) == []
            assert page.evaluate("document.querySelectorAll('main').length") == 1
        finally:
            context.close()
