"""The Jinja2 environment every goalbook page is rendered with.

* `autoescape=True` always and `StrictUndefined`: a typo in a template is an
  error, not an empty string; user text is escaped unless it went through
  the Markdown sanitiser.
* Templates come first from the project's own `templates/` folder (a file
  there overrides the built-in one of the same name), then from the
  built-in templates shipped as the package `goalbook.templates`.
* Filters: `date` ("3 Nov 2026"), `day` ("3 Nov"), `weekday` ("Tue 3 Nov
  2026"), `num` ("2.5"), `pct` ("67%"), `markdown` (sanitised HTML),
  `standing` (kind words for a standing), `status` (kind words for a status),
  `signed` ("+3" / "−2").
* Globals: the chart helpers of `goalbook.render.figures` and the phrases
  of `goalbook.render.words`.
"""
from __future__ import annotations

import os

from importlib import resources
from pathlib import Path

import jinja2

from goalbook import vocabulary as vocab
from goalbook.load.store import cache_base
from goalbook.render import figures, words
from goalbook.render.markdown import render_markdown


class BuiltinLoader(jinja2.BaseLoader):
    """goalbook's own templates, read through importlib.resources (works from a wheel too)."""

    def __init__(self, package: str = "goalbook.templates"):
        self.package = package

    def get_source(self, environment, template):
        node = resources.files(self.package)
        for part in template.split("/"):
            if part in ("", ".", ".."):
                raise jinja2.TemplateNotFound(template)
            node = node.joinpath(part)
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        source = node.read_text(encoding="utf-8")
        return source, f"<goalbook>/templates/{template}", lambda: True


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (keyed by each template's source checksum),
    in goalbook's cache folder (`goalbook.load.store.cache_base`); none if it can't be written."""
    folder = cache_base() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def make_environment(project_root: Path | None = None) -> jinja2.Environment:
    """The environment for the site and the report (user overrides first)."""
    loaders: list[jinja2.BaseLoader] = []
    if project_root is not None and (Path(project_root) / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(str(Path(project_root) / "templates"), encoding="utf-8"))
    loaders.append(BuiltinLoader())
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                             bytecode_cache=_bytecode_cache())
    env.filters.update(date=vocab.long_date, day=vocab.short_date, weekday=vocab.weekday_date,
                       num=vocab.num, pct=vocab.pct, markdown=render_markdown,
                       standing=vocab.standing_words, status=vocab.status_words, signed=vocab.signed)
    env.globals.update(figures.GLOBALS)
    env.globals.update(words.GLOBALS)
    return env


def read_asset(env: jinja2.Environment, name: str) -> bytes:
    """A static asset (e.g. `assets/site.css`) through the same override order, unrendered."""
    source, _, _ = env.loader.get_source(env, name)
    return source.encode("utf-8")
