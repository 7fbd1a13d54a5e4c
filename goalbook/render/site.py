"""The HTML site as bytes: dashboard, a page per goal, the timeline, values and areas, stylesheet.

`render_site(snapshot, project_root)` returns ``{relative path: bytes}`` and
writes nothing; `goalbook.app.build` stages and publishes the files. Same
snapshot, same bytes: no timestamps, every list in a fixed order.

The timeline is `timeline.html` (the recent months in full, the mood chart
and links to every earlier month) plus one page per month,
`timeline/YYYY-MM.html`, so no page grows with the years (see
`goalbook.model.windows`).
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from goalbook.model.windows import TIMELINE_RECENT_MONTHS, recent_since
from goalbook.model.snapshot import Snapshot
from goalbook.render.environment import make_environment, read_asset
from goalbook.render.page_cache import PageCache
from goalbook.render.parallel import render_all
from goalbook.render.words import by_month

CSS = "assets/site.css"
PAGES = ("index.html", "timeline.html", "values.html")
TIMELINE_FOLDER = "timeline"


def month_page(month) -> str:
    """The path of a month's timeline page, relative to the site's top folder."""
    return f"{TIMELINE_FOLDER}/{month.year:04d}-{month.month:02d}.html"


def render_site(snapshot: Snapshot, project_root: Path | None = None, *,
                env: jinja2.Environment | None = None, links_report: bool = True,
                page_cache=None, workers: int = 1, later: dict | None = None,
                also=()) -> dict[str, bytes]:
    """Every file of the site, by path relative to the output folder.

    `links_report`: whether the navigation links to `report.html` (the build
    writes it next to the site). `page_cache`: a `PageCache` that reuses the
    pages whose inputs did not change. `workers`: how many processes may render
    the pages (`goalbook.render.parallel`). `later`: when given (`serve`), the pages
    that must be rendered are not rendered now but put in it, by path, as a function
    that renders one and returns its bytes. `also`: other files of the build, rendered
    with the pages (in the same processes) and never later, each `(name, render)` or
    `(name, render, sources, inputs)` for the page cache. Template errors propagate.
    """
    env = env or make_environment(project_root, snapshot.settings.language)
    common = {"snapshot": snapshot, "today": snapshot.today, "links_report": links_report,
              "month_page": month_page}
    pages = _Pages(snapshot, page_cache)
    pages.add("index.html", lambda: _render(env, "index.html", common, root="", page="dashboard"))
    for view in snapshot.goals:
        pages.add(f"goals/{view.id}.html",
                  lambda view=view: _render(env, "goal.html", common, root="../", page="goal", view=view),
                  *PageCache.page_inputs(view, snapshot))
    _timeline(pages, env, common, snapshot)
    pages.add("values.html", lambda: _render(env, "values.html", common, root="", page="values"))
    for name, render, *keyed in also:
        pages.add(name, render, *keyed, now=True)
    files = pages.render(workers, later)
    files[CSS] = read_asset(env, CSS)
    return files


class _Pages:
    """The site's pages in order: those the page cache still has are taken as they are,
    and the others are rendered together (by several processes, when allowed)."""

    def __init__(self, snapshot: Snapshot, page_cache):
        self.snapshot, self.cache = snapshot, page_cache
        self.names: list[str] = []
        self.ready: dict[str, bytes] = {}
        self.keys: dict[str, str | None] = {}
        self.todo: list = []
        self.now: set[str] = set()

    def add(self, name: str, render, sources=None, inputs: tuple = (), now: bool = False) -> None:
        """A page; with `sources` (and `inputs`) the page cache may already have it. A page
        added `now` is never left for later."""
        self.names.append(name)
        if now:
            self.now.add(name)
        if self.cache is not None and sources is not None:
            key, data = self.cache.lookup(name, self.snapshot, sources, inputs)
            if data is not None:
                self.ready[name] = data
                return
            self.keys[name] = key
        self.todo.append((name, render))

    def render(self, workers: int, later: dict | None = None) -> dict[str, bytes]:
        todo = self.todo
        if later is not None:
            later.update((name, self._later(name, render)) for name, render in todo if name not in self.now)
            todo = [(name, render) for name, render in todo if name in self.now]
        done = render_all(todo, workers)
        for name, key in self.keys.items():
            if name in done:
                self.cache.keep(name, key, done[name])
        done.update(self.ready)
        return {name: done[name] for name in self.names if name in done}

    def _later(self, name: str, render):
        def render_and_keep() -> bytes:
            data = render()
            return self.cache.keep(name, self.keys[name], data) if name in self.keys else data

        return render_and_keep


def _timeline(pages: _Pages, env: jinja2.Environment, common: dict, snapshot: Snapshot) -> None:
    """timeline.html and a page per month."""
    months = by_month(snapshot.timeline)
    since = recent_since(months[0][0] if months else None, TIMELINE_RECENT_MONTHS)
    recent = [(month, items) for month, items in months if month >= since]
    older_years: list[tuple[int, list]] = []
    for month, items in months[len(recent):]:
        if not older_years or older_years[-1][0] != month.year:
            older_years.append((month.year, []))
        older_years[-1][1].append((month, len(items)))
    titles = tuple((gid, v.title, v.goal.measure.unit if v.goal.measure else None)
                   for gid, v in snapshot.by_id.items())
    section = _month_section(env, common, snapshot)
    for index, (month, items) in enumerate(months):
        newer = months[index - 1][0] if index > 0 else None
        older = months[index + 1][0] if index + 1 < len(months) else None

        def render(month=month, items=items, newer=newer, older=older):
            return _render(env, "timeline_month.html", common, root="../", page="timeline", month=month,
                           items=items, newer=newer, older=older,
                           timeline_month=lambda m, i: section(m, i, "../"))
        inputs = (titles, _positions(items), _homework(snapshot, items), newer, older, bool(snapshot.scores))
        pages.add(month_page(month), render, _sources(items), inputs)

    def render_index():
        return _render(env, "timeline.html", common, root="", page="timeline", recent_months=recent,
                       older_years=older_years, timeline_month=lambda m, i: section(m, i, ""))
    inputs = (titles, tuple((_positions(items), _homework(snapshot, items)) for _, items in recent),
              tuple(snapshot.recent_mood_history),
              tuple((year, tuple(ms)) for year, ms in older_years), bool(snapshot.scores))
    sources = {source for _, items in recent for source in _sources(items)}
    pages.add("timeline.html", render_index, sources, inputs)


def _sources(items) -> set[str]:
    return {item.source for _, _, item in items}


def _positions(items) -> tuple:
    return tuple((when, kind, item.source, getattr(item, "pos", None)) for when, kind, item in items)


def _homework(snapshot: Snapshot, items) -> tuple:
    """A session's homework is ticked off by check-ins of other months: their state is an input."""
    ticked = tuple(tuple((h.done, h.done_on) for h in snapshot.homework_of(i)) for _, k, i in items if k == "session")
    marks = tuple(tuple(snapshot.homework_done_by(i)) for _, k, i in items if k == "checkin" and i.homework_done)
    return ticked, marks


def _month_section(env: jinja2.Environment, common: dict, snapshot: Snapshot):
    """`section(month, items, root)`: one month of the timeline as markup."""
    template = env.get_template("_timeline_month.html")
    goals = snapshot.by_id

    def section(month, items, root):
        return Markup(template.render(**common, root=root, month=month, items=items, goals=goals))

    return section


def _render(env: jinja2.Environment, name: str, common: dict, **extra) -> bytes:
    html = env.get_template(name).render(**common, **extra)
    return _tidy(html).encode("utf-8")


def _tidy(html: str) -> str:
    """Drop the blank lines template tags leave behind (text inside <pre> is kept)."""
    if "<pre" in html:
        return html
    return "\n".join(line for line in html.split("\n") if line.strip()) + "\n"
