"""The site in real headless Chromium, opened from file:// like a user would.

No console errors, no request to anything but file: and data:, no serious or
critical axe-core violations, and screenshots at laptop and phone widths in
tests/artifacts/ (look at them).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import GOOD_GOAL, REPO, require_tool, without_preload
from test_site import HOSTILE, render

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
SIZES = {"laptop": (1280, 900), "phone": (390, 844)}
ARTIFACTS = REPO / "tests" / "artifacts"
PAGES = ["index.html", "goals/evening-walks.html", "goals/meeting-anxiety.html",
         "goals/morning-spin.html", "timeline.html"]


def write(files: dict[str, bytes], out: Path) -> Path:
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return out


@pytest.fixture(scope="module")
def browser():
    executable = require_tool(CHROMIUM, "for the browser tests (Debian package 'chromium')")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=ARGS, env=without_preload())
        yield b
        b.close()


@pytest.fixture
def site(example_book, tmp_path) -> Path:
    return write(render(example_book)[0], tmp_path / "site")


def open_page(browser, url: str, size: tuple[int, int]):
    """A page at `url`, with what it logged and requested."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    seen = {"console": [], "requests": [], "errors": []}
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda d: (seen["errors"].append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(url, wait_until="load")
    return context, page, seen


def axe_serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", PAGES)
def test_page_in_chromium(browser, site, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        context, page, seen = open_page(browser, (site / name).as_uri(), size)
        try:
            problems = [t for kind, t in seen["console"] if kind in ("error", "warning")]
            assert problems == [] and seen["errors"] == [], problems + seen["errors"]
            assert all(u.startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]
            assert any(u.endswith("assets/site.css") for u in seen["requests"])
            # the stylesheet applied (so the CSP let it in)
            assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
            shot = ARTIFACTS / f"site-{name.replace('/', '-').removesuffix('.html')}-{label}.png"
            page.screenshot(path=str(shot), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size[0], f"{name} scrolls sideways at {size[0]}px ({width}px)"
            assert axe_serious(page) == []
        finally:
            context.close()


def test_hostile_notes_stay_inert_in_the_browser(browser, book, tmp_path):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/checkins/hostile.md", HOSTILE)
    site = write(render(book.root)[0], tmp_path / "site")
    for name in ("goals/walks.html", "timeline.html"):
        context, page, seen = open_page(browser, (site / name).as_uri(), SIZES["laptop"])
        try:
            assert seen["errors"] == []
            assert all(u.startswith(("file:", "data:")) for u in seen["requests"]), seen["requests"]
            page.hover("text=click")
            page.click("text=click")
            assert seen["errors"] == []                        # no alert() ever ran
            assert page.evaluate("document.querySelectorAll('script, iframe, img').length") == 0
            assert page.evaluate("getComputedStyle(document.body).display") == "block"
        finally:
            context.close()


def test_pages_need_no_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        page.click("text=Timeline")
        assert page.url.endswith("/timeline.html")
        page.click("text=Dashboard")
        page.click("a[href='goals/evening-walks.html']")
        assert page.url.endswith("/goals/evening-walks.html")
        assert page.locator("h1").inner_text() == "Walk for 30 minutes on three evenings a week"
    finally:
        context.close()
