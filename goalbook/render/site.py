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
from goalbook.render.words import by_month

CSS = "assets/site.css"
PAGES = ("index.html", "timeline.html", "values.html")
TIMELINE_FOLDER = "timeline"


def month_page(month) -> str:
    """The path of a month's timeline page, relative to the site's top folder."""
    return f"{TIMELINE_FOLDER}/{month.year:04d}-{month.month:02d}.html"


def render_site(snapshot: Snapshot, project_root: Path | None = None, *,
                env: jinja2.Environment | None = None, links_report: bool = True,
                page_cache=None) -> dict[str, bytes]:
    """Every file of the site, by path relative to the output folder.

    `links_report`: whether the navigation links to `report.html` (the build
    writes it next to the site). `page_cache`: a `PageCache` that reuses the
    pages whose inputs did not change. Template errors propagate.
    """
    env = env or make_environment(project_root, snapshot.settings.language)
    common = {"snapshot": snapshot, "today": snapshot.today, "links_report": links_report,
              "month_page": month_page}
    files: dict[str, bytes] = {}
    files["index.html"] = _render(env, "index.html", common, root="", page="dashboard")
    for view in snapshot.goals:
        name = f"goals/{view.id}.html"
        render = lambda view=view: _render(env, "goal.html", common, root="../", page="goal", view=view)  # noqa: E731
        files[name] = page_cache.page(name, view, snapshot, render) if page_cache else render()
    files.update(_timeline(env, common, snapshot, page_cache))
    files["values.html"] = _render(env, "values.html", common, root="", page="values")
    files[CSS] = read_asset(env, CSS)
    return files


def _timeline(env: jinja2.Environment, common: dict, snapshot: Snapshot, page_cache) -> dict[str, bytes]:
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
    files: dict[str, bytes] = {}
    for index, (month, items) in enumerate(months):
        newer = months[index - 1][0] if index > 0 else None
        older = months[index + 1][0] if index + 1 < len(months) else None

        def render(month=month, items=items, newer=newer, older=older):
            return _render(env, "timeline_month.html", common, root="../", page="timeline", month=month,
                           items=items, newer=newer, older=older,
                           timeline_month=lambda m, i: section(m, i, "../"))
        name = month_page(month)
        inputs = (titles, _positions(items), _homework(snapshot, items), newer, older, bool(snapshot.scores))
        files[name] = (page_cache.fragment(name, snapshot, _sources(items), inputs, render)
                       if page_cache else render())

    def render_index():
        return _render(env, "timeline.html", common, root="", page="timeline", recent_months=recent,
                       older_years=older_years, timeline_month=lambda m, i: section(m, i, ""))
    inputs = (titles, tuple((_positions(items), _homework(snapshot, items)) for _, items in recent),
              tuple(snapshot.recent_mood_history),
              tuple((year, tuple(ms)) for year, ms in older_years), bool(snapshot.scores))
    sources = {source for _, items in recent for source in _sources(items)}
    files["timeline.html"] = (page_cache.fragment("timeline.html", snapshot, sources, inputs, render_index)
                              if page_cache else render_index())
    return files


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
