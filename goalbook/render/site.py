"""The HTML site as bytes: dashboard, a page per goal, timeline, values and areas, stylesheet.

`render_site(snapshot, project_root)` returns ``{relative path: bytes}`` and
writes nothing; `goalbook.app.build` stages and publishes the files. Same
snapshot, same bytes: no timestamps, every list in a fixed order.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from goalbook.model.snapshot import Snapshot
from goalbook.render.environment import make_environment, read_asset

CSS = "assets/site.css"
PAGES = ("index.html", "timeline.html", "values.html")


def render_site(snapshot: Snapshot, project_root: Path | None = None, *,
                env: jinja2.Environment | None = None, links_report: bool = True,
                page_cache=None) -> dict[str, bytes]:
    """Every file of the site, by path relative to the output folder.

    `links_report`: whether the navigation links to `report.html` (the build
    writes it next to the site). `page_cache` (serve): a `PageCache` that
    skips goal pages whose inputs did not change. Template errors propagate.
    """
    env = env or make_environment(project_root, snapshot.settings.language)
    common = {"snapshot": snapshot, "today": snapshot.today, "links_report": links_report}
    files: dict[str, bytes] = {}
    files["index.html"] = _render(env, "index.html", common, root="", page="dashboard")
    for view in snapshot.goals:
        name = f"goals/{view.id}.html"
        render = lambda view=view: _render(env, "goal.html", common, root="../", page="goal", view=view)  # noqa: E731
        files[name] = page_cache.page(name, view, snapshot, render) if page_cache else render()
    months = _month_renderer(env, common, snapshot, page_cache)
    files["timeline.html"] = _render(env, "timeline.html", common, root="", page="timeline",
                                     timeline_month=months)
    files["values.html"] = _render(env, "values.html", common, root="", page="values")
    files[CSS] = read_asset(env, CSS)
    return files


def _month_renderer(env: jinja2.Environment, common: dict, snapshot: Snapshot, page_cache):
    """`timeline_month(month, items)` for timeline.html: one month's section as markup.

    A month shows its check-ins and sessions (their files) and the goals' titles
    and units, so those make its cache key in serve."""
    template = env.get_template("_timeline_month.html")
    goals = snapshot.by_id
    titles = tuple((gid, v.title, v.goal.measure.unit if v.goal.measure else None) for gid, v in goals.items())

    def render(month, items):
        def produce():
            return Markup(template.render(**common, root="", month=month, items=items, goals=goals))
        if page_cache is None:
            return produce()
        sources = {item.source for _, _, item in items}
        # A session's homework is ticked off by check-ins of other months: their state is an input.
        ticked = tuple(tuple((h.done, h.done_on) for h in snapshot.homework_of(i)) for _, k, i in items if k == "session")
        marks = tuple(tuple(snapshot.homework_done_by(i)) for _, k, i in items
                      if k == "checkin" and i.homework_done)
        return page_cache.fragment(f"timeline/{month.isoformat()}", snapshot, sources,
                                   (titles, tuple((w, k, getattr(i, "pos", None)) for w, k, i in items),
                                    ticked, marks),
                                   produce)

    return render


def _render(env: jinja2.Environment, name: str, common: dict, **extra) -> bytes:
    html = env.get_template(name).render(**common, **extra)
    return _tidy(html).encode("utf-8")


def _tidy(html: str) -> str:
    """Drop the blank lines template tags leave behind (text inside <pre> is kept)."""
    if "<pre" in html:
        return html
    return "\n".join(line for line in html.split("\n") if line.strip()) + "\n"
