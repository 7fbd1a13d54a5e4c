"""Years of history: the cache changes nothing but the time, an edit re-renders only the
pages it reaches, an unchanged book is answered from the files' signatures, and no page
grows with the years. On a generated three-year book with tiny notes."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import TODAY, files_in
from goalbook.app.build import BuildOptions, build
from goalbook.app.check import CheckSummary, check_project, quick_check
from goalbook.load.files import DiskFiles
from goalbook.load.store import Store
import goalbook.render.page_cache as page_cache_module
from goalbook.render.page_cache import PageCache

GOALS = {
    "walks": ("Walk for 30 minutes on three evenings a week", "walks", "per: week\n  baseline: 0\n  target: 3"),
    "water": ("Drink six glasses of water a day at work", "glasses", "per: day\n  baseline: 2\n  target: 6"),
    "worry": ("Bring my worry before meetings from 7 to 3", "points", "baseline: 7\n  target: 3"),
}
MANIFEST = ".goalbook-manifest.json"


def make_book(root: Path, days: int, end: date = TODAY) -> Path:
    """Three goals, a check-in every other day (a note now and then), a session a month."""
    start = end - timedelta(days=days - 1)
    (root / "content" / "goals").mkdir(parents=True)
    (root / "content" / "checkins").mkdir(parents=True)
    (root / "content" / "sessions").mkdir(parents=True)
    (root / "goalbook.yaml").write_text("title: Years\nowner: Sam\n", encoding="utf-8")
    for gid, (title, unit, measure) in GOALS.items():
        (root / "content" / "goals" / f"{gid}.yaml").write_text(
            f"title: {title}\nwhy: it matters to me\nstart: {start}\ndue: {end + timedelta(days=90)}\n"
            f"review: daily\nmeasure:\n  what: {unit}\n  unit: {unit}\n  {measure}\n  min: 0\n  max: 12\n",
            encoding="utf-8")
    for offset in range(0, days, 2):
        day = start + timedelta(days=offset)
        note = f"note: |\n  Day *{offset}*, a small step.\n" if offset % 10 == 0 else ""
        (root / "content" / "checkins" / f"{day}.yaml").write_text(
            f"date: {day}\nprogress:\n  walks: {offset % 2 + 1}\n  water: {offset % 5 + 2}\n"
            f"  worry: {7 - offset * 4 // days}\nmood: {offset % 7 + 3}\n{note}", encoding="utf-8")
        if day.day == 1:
            (root / "content" / "sessions" / f"{day}-session.md").write_text(
                f"---\ndate: {day}\nwith: Maya\n---\nWe talked about **month {day:%m}**.\n", encoding="utf-8")
    return root


def settle(root: Path) -> None:
    """Date every file back a minute: files written just now are always re-read (racy-clean)."""
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 60_000_000_000))


def gb(root: Path, *args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOALBOOK_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "goalbook", "-C", str(root), *args, "--today", TODAY.isoformat()],
                          capture_output=True, text=True, env=env)


def site(folder: Path, manifest: bool = True) -> dict[str, bytes]:
    return {name: data for name, data in files_in(folder).items() if manifest or name != MANIFEST}


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> Path:
    root = make_book(tmp_path_factory.mktemp("years") / "book", days=3 * 365)
    settle(root)
    return root


# --------------------------------------------------------------- the cache is an optimisation only

def test_the_cache_changes_nothing_but_the_time(years, tmp_path):
    cache = tmp_path / "cache"
    first = gb(years, "build", "--no-pdf", "-o", str(tmp_path / "a"), cache=cache)
    assert first.returncode == 0, first.stderr
    expected = site(tmp_path / "a")
    again = gb(years, "build", "--no-pdf", "-o", str(tmp_path / "a"), cache=cache)
    assert "Nothing changed since the last build" in again.stderr
    assert site(tmp_path / "a") == expected

    def build_into(name: str) -> dict[str, bytes]:
        run = gb(years, "build", "--no-pdf", "-o", str(tmp_path / name), cache=cache)
        assert run.returncode == 0, run.stderr
        return site(tmp_path / name)

    assert build_into("warm") == expected                 # every file of the book from the cache
    for path in cache.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x80\x05garbage" + os.urandom(64))
    assert build_into("garbage") == expected
    import shutil
    shutil.rmtree(cache)
    assert build_into("deleted") == expected
    assert any(cache.rglob("*.pickle"))                    # and it was written again


def test_a_cache_written_by_another_version_is_not_used(years, tmp_path, monkeypatch):
    import goalbook
    from goalbook.load import store

    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    assert build(years, BuildOptions(today=TODAY, pdf=False, output=tmp_path / "a")).ok
    monkeypatch.setattr(goalbook, "__version__", "0.0.0-another")
    assert store.code_version().startswith("0.0.0-another+")
    Store("probe", version=store.code_version()).put("k", "mine")
    assert Store("probe", version="0.1.0+elsewhere").get("k") is None
    result = build(years, BuildOptions(today=TODAY, pdf=False, output=tmp_path / "b"))
    assert result.ok and not result.up_to_date
    assert site(tmp_path / "b", manifest=False) == site(tmp_path / "a", manifest=False)


def test_a_foreign_or_damaged_entry_is_ignored(tmp_path):
    store = Store("probe", base=tmp_path, version="1")
    store.put("key", {"a": 1})
    assert store.get("key") == {"a": 1}
    import pickle
    store.path("key").write_bytes(pickle.dumps(("goalbook-cache-1", "1", "other-key", {"a": 2})))
    assert store.get("key") is None                        # written for another key
    store.path("key").write_bytes(pickle.dumps({"a": 3}))
    assert store.get("key") is None                        # not goalbook's
    store.path("key").write_bytes(pickle.dumps(("goalbook-cache-1", "1", "key", {"a": 4}))[:-5])
    assert store.get("key") is None                        # cut short
    assert Store("probe", base=tmp_path / "missing", version="1").get("key") is None


# --------------------------------------------------------------- in proportion to what changed

@pytest.mark.realtime     # file times vs the clock: a clock set behind the files never settles them
def test_an_unchanged_book_is_answered_from_signatures_without_reading(years, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    options = BuildOptions(today=TODAY, pdf=False, output=tmp_path / "out")
    assert build(years, options).ok
    full = check_project(years, TODAY)

    def refuse(self, rel_path):
        raise AssertionError(f"{rel_path} was read")

    monkeypatch.setattr(DiskFiles, "read", refuse)
    summary = quick_check(years, TODAY)
    assert isinstance(summary, CheckSummary)
    assert summary.diagnostics == full.diagnostics and summary.files == full.files
    again = build(years, options)
    assert again.up_to_date and isinstance(again.check, CheckSummary)
    assert not isinstance(quick_check(years, TODAY + timedelta(days=1)), CheckSummary)   # another day


@pytest.mark.realtime     # file times vs the clock: a clock set behind the files never settles them
def test_a_file_added_or_removed_later_is_noticed(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    root = make_book(tmp_path / "book", days=60)
    settle(root)
    folder = root / "content" / "checkins"

    def age(path: Path) -> None:       # as if written a minute ago: trusted by its signature
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 60_000_000_000))

    age(folder)
    first = check_project(root, TODAY)
    assert isinstance(quick_check(root, TODAY), CheckSummary)
    added = folder / f"{TODAY}-extra.yaml"
    added.write_text(f"date: {TODAY}\nprogress: {{nope: 1}}\n", encoding="utf-8")
    age(added)
    age(folder)
    found = quick_check(root, TODAY)
    assert not isinstance(found, CheckSummary) and found.files == first.files + 1
    assert any(d.code == "GB006" and d.path.endswith("-extra.yaml") for d in found.diagnostics)
    assert isinstance(quick_check(root, TODAY), CheckSummary)
    added.unlink()
    age(folder)
    assert quick_check(root, TODAY).files == first.files


def test_a_touched_file_is_hashed_not_rebuilt(years, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    options = BuildOptions(today=TODAY, pdf=False, output=tmp_path / "out")
    assert build(years, options).ok
    path = sorted((years / "content" / "checkins").iterdir())[10]
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))   # same bytes
    try:
        assert build(years, options).up_to_date
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def rendered_by_build(monkeypatch, root: Path, out: Path) -> list[str]:
    """Build `root` into `out` (no PDF); the pages the build had to render."""
    made: list[PageCache] = []

    class Recording(PageCache):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(page_cache_module, "PageCache", Recording)
    assert build(root, BuildOptions(today=TODAY, pdf=False, output=out)).ok
    monkeypatch.setattr(page_cache_module, "PageCache", PageCache)
    assert len(made) == 1
    return made[0].rendered


def test_an_edit_re_renders_only_the_pages_it_reaches(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    root = make_book(tmp_path / "book", days=3 * 365)
    settle(root)
    out = tmp_path / "out"
    rendered_by_build(monkeypatch, root, out)
    before = {name: (out / name).stat().st_ino for name in site(out)}

    old = sorted((root / "content" / "checkins").glob("2024-05-*.yaml"))[0]    # before the charts' two years
    old.write_text(old.read_text().replace("water: ", "water: 1"), encoding="utf-8")
    rendered = rendered_by_build(monkeypatch, root, out)
    # The file's goals (it gives all three a value) and its month; no other month, not the timeline.
    assert sorted(rendered) == ["goals/walks.html", "goals/water.html", "goals/worry.html",
                                      "timeline/2024-05.html"]
    after = site(out)
    changed = sorted(name for name in after if (out / name).stat().st_ino != before.get(name))
    # Pages that were reused, or came out the same, are the last build's files (linked, not written).
    assert set(changed) <= {"goals/water.html", "timeline/2024-05.html", "index.html", "calendar.ics",
                            "report.html", MANIFEST, ".goalbook-output"}

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "other-cache"))
    assert build(root, BuildOptions(today=TODAY, pdf=False, output=fresh)).ok
    assert site(fresh) == after                            # byte for byte what no cache gives

    recent = sorted((root / "content" / "checkins").glob("*.yaml"))[-1]
    recent.write_text(re.sub(r"mood: \d+", "mood: 10", recent.read_text()), encoding="utf-8")
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    rendered = rendered_by_build(monkeypatch, root, out)
    month = f"timeline/{TODAY:%Y-%m}.html"
    assert sorted(rendered) == sorted(["goals/walks.html", "goals/water.html", "goals/worry.html",
                                             month, "timeline.html"])


def test_goal_template_and_settings_edits_reach_every_page_they_show_on(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    root = make_book(tmp_path / "book", days=200)
    settle(root)
    out, fresh = tmp_path / "out", tmp_path / "fresh"

    def both_ways():
        assert build(root, BuildOptions(today=TODAY, pdf=False, output=out)).ok
        monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "no-cache"))
        import shutil
        shutil.rmtree(tmp_path / "no-cache", ignore_errors=True)
        shutil.rmtree(fresh, ignore_errors=True)
        assert build(root, BuildOptions(today=TODAY, pdf=False, output=fresh)).ok
        monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
        assert site(out) == site(fresh)

    both_ways()
    goal = root / "content" / "goals" / "walks.yaml"
    goal.write_text(goal.read_text().replace("Walk for 30 minutes", "Walk for 40 minutes"), encoding="utf-8")
    both_ways()
    assert b"Walk for 40 minutes" in (out / f"timeline/{TODAY:%Y-%m}.html").read_bytes()
    (root / "goalbook.yaml").write_text("title: Years, renamed\n", encoding="utf-8")
    both_ways()
    (root / "templates").mkdir()
    (root / "templates" / "goal.html").write_text("{{ view.title }} of {{ snapshot.settings.title }}\n")
    both_ways()
    assert (out / "goals" / "walks.html").read_bytes() == \
        b"Walk for 40 minutes on three evenings a week of Years, renamed\n"


def test_more_notes_than_the_old_lru_cache_held_are_rendered_once(monkeypatch):
    from goalbook.render import markdown

    converted = []
    real = markdown._convert
    monkeypatch.setattr(markdown, "_convert", lambda text, heading: converted.append(text) or real(text, heading))
    notes = [f"Note **{i}**" for i in range(5000)]
    first = [markdown.render_markdown(n) for n in notes]
    again = [markdown.render_markdown(n) for n in notes]
    assert first == again and len(converted) == 5000


# --------------------------------------------------------------- pages of bounded size

def test_no_page_grows_with_the_years(years, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    young = make_book(tmp_path / "young", days=735)     # just over the charts' two years
    assert build(years, BuildOptions(today=TODAY, pdf=False, output=tmp_path / "old")).ok
    assert build(young, BuildOptions(today=TODAY, pdf=False, output=tmp_path / "new")).ok
    old, new = site(tmp_path / "old"), site(tmp_path / "new")
    months = len([n for n in old if n.startswith("timeline/")])
    young_months = len([n for n in new if n.startswith("timeline/")])
    assert (months, young_months) == (37, 25)             # Nov 2023 – Nov 2026; Nov 2024 – Nov 2026
    # The third year adds a line per month (a table row, a link), never the months' check-ins.
    for name in ("timeline.html", "index.html", "goals/walks.html", "goals/water.html", "goals/worry.html"):
        assert len(old[name]) <= len(new[name]) + 400 * (months - young_months), name
    biggest_month = max(len(data) for name, data in old.items() if name.startswith("timeline/"))
    assert biggest_month < 40_000
    timeline = old["timeline.html"].decode()
    shown = re.findall(r'<span class="when">\w+ \d+ (\w+ \d{4})</span>', timeline)
    assert set(shown) == {TODAY.strftime("%b %Y"), (TODAY.replace(day=1) - timedelta(days=1)).strftime("%b %Y")}
    assert timeline.count('href="timeline/') == months - 2   # every earlier month, linked


def test_every_link_is_relative_and_leads_to_a_page(years, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert build(years, BuildOptions(today=TODAY, pdf=False, output=out)).ok
    for name, data in site(out).items():
        if not name.endswith(".html"):
            continue
        for href in re.findall(r'(?:href|src)="([^"]+)"', data.decode()):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto", "data") or href.startswith("#"):
                continue
            assert not parts.scheme and not href.startswith("/"), (name, href)
            target = (out / name).parent / unquote(parts.path)
            assert target.resolve().is_file(), (name, href)


@pytest.mark.tools
def test_the_pages_of_years_are_valid_html(years, tmp_path, monkeypatch):
    from test_html_valid import vnu

    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"
    assert build(years, BuildOptions(today=TODAY, pdf=False, output=out)).ok
    pages = [out / "timeline.html", out / "goals" / "water.html", out / "goals" / "worry.html",
             out / "timeline" / "2024-05.html", out / "timeline" / f"{TODAY:%Y-%m}.html"]
    assert vnu(*map(str, pages)) == []
