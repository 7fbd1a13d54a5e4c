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
* Language: `make_environment(..., language)` installs the book's gettext
  catalog (`jinja2.ext.i18n`, newstyle: `{{ _("Dashboard") }}`,
  `{{ ngettext("%(num)d goal", "%(num)d goals", n) }}`, `{% trans %}`), and the
  filters and phrases speak through one `goalbook.vocabulary.Vocabulary`, also
  a global as `vocabulary` (`language` is the global for `<html lang>`).
* Globals: the chart helpers of `goalbook.render.figures` and the phrases
  of `goalbook.render.words`.
* Sandboxed: a project's templates may come with a client's folder, so they
  are rendered by Jinja's `ImmutableSandboxedEnvironment`: no attribute that
  starts with `_`, no function internals, no changing a list or dict. Such a
  step stops the render at once with a `SecurityError` (not a quiet empty
  value), which the build reports as "the template … tried something
  goalbook doesn't allow"; see `sandbox_problem`.
"""
from __future__ import annotations

import os
import sys
import types
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from goalbook.vocabulary import Vocabulary, first_upper
from goalbook.load.discover import inside
from goalbook.load.user_cache import cache_folder
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


class LinkOutside(SecurityError):
    """A project template that is a link leading out of the project."""


class ProjectLoader(jinja2.FileSystemLoader):
    """The project's templates/ folder; a template that is a link leading out of the
    project is refused, so a book can't pull another file of the machine into its site."""

    def __init__(self, project_root: Path):
        super().__init__(str(Path(project_root) / "templates"), encoding="utf-8")
        self.project_root = Path(project_root)

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not inside(self.project_root, Path(filename)):
            raise LinkOutside(f"templates/{template} is a link to outside the project; "
                              "goalbook doesn't follow it")
        return source, filename, uptodate


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs, each checked against its source and goalbook's
    version (so a template, goalbook or an environment setting that changed is compiled
    anew, never taken stale).

    goalbook's own templates are part of its code: like Python's .pyc files, their compiled
    code is kept next to them (in `__pycache__`, or under $PYTHONPYCACHEPREFIX), else in
    the cache folder (when goalbook's folder can't be written, or $PYTHONDONTWRITEBYTECODE
    is set). A project's own templates are the user's files: theirs is kept in goalbook's
    cache folder only (never in the project). The sandboxed environment's code is kept
    apart from any other: code compiled for a plain environment must never be loaded
    into this one."""

    KIND = f"jinja{jinja2.__version__}-sandboxed-i18n"

    def __init__(self):
        self._folders: dict[bool, jinja2.FileSystemBytecodeCache | None] = {}

    def get_bucket(self, environment, name, filename, source):
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        bucket.goalbooks_own = bool(filename) and filename.startswith("<goalbook>/")
        self.load_bytecode(bucket)
        return bucket

    def get_source_checksum(self, source: str) -> str:
        from goalbook.load.store import code_version

        return super().get_source_checksum(f"{code_version()}\n{source}")

    def load_bytecode(self, bucket) -> None:
        folder = self._folder(bucket.goalbooks_own)
        if folder is not None:
            folder.load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:
        folder = self._folder(bucket.goalbooks_own)
        if folder is not None:
            try:
                folder.dump_bytecode(bucket)
            except OSError:             # not kept: compiled again next time
                pass

    def _folder(self, own: bool) -> jinja2.FileSystemBytecodeCache | None:
        if own not in self._folders:
            where = _next_to_the_templates() if own else None
            where = where or cache_folder(f"templates-{self.KIND}")
            self._folders[own] = jinja2.FileSystemBytecodeCache(str(where)) if where is not None else None
        return self._folders[own]


def compiled_next_to_the_templates(pycache_prefix: str | None) -> Path:
    """Where goalbook's own templates' compiled code goes, as Python's bytecode for the
    templates folder would (under `pycache_prefix` when there is one)."""
    import goalbook.templates

    templates = Path(goalbook.templates.__file__).resolve().parent
    base = Path(pycache_prefix, *templates.parts[1:]) if pycache_prefix else templates / "__pycache__"
    return base / CompiledTemplates.KIND


def _next_to_the_templates() -> Path | None:
    """That folder, made, if it can be written."""
    if sys.dont_write_bytecode:         # PYTHONDONTWRITEBYTECODE: nothing next to the code
        return None
    folder = compiled_next_to_the_templates(sys.pycache_prefix)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


_getattr = getattr
_METHODS = (types.MethodType, types.BuiltinMethodType)
MAX_POWER_DIGITS = 1000      # `**` in a template: results up to about this many digits


class GoalbookSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, strict: an unsafe step fails where it is taken, even inside `{% set %}`."""

    intercepted_binops = frozenset({"**"})     # also keeps `9**9**9` from being folded at compile time

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj, attr, value):
        # Jinja's answer depends only on the object's type and the name (isinstance tests and
        # the name's form), and asking took a third of a ten-year site's build: it is
        # remembered per (type, name). An object whose __class__ isn't its type is asked anew.
        kind = type(obj)
        if obj.__class__ is not kind:
            return super().is_safe_attribute(obj, attr, value)
        key = (kind, attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj, attribute):
        # Jinja's own steps (safe? a str.format to wrap?) took a quarter of a ten-year site's
        # build; for a (type, name) already found safe, a value that isn't a method is given
        # at once. Everything else (methods, items, unsafe names, a lying __class__) is Jinja's.
        kind = type(obj)
        if self._safe_attributes.get((kind, attribute)) and obj.__class__ is kind:
            try:
                value = _getattr(obj, attribute)
            except AttributeError:
                return super().getattr(obj, attribute)
            if not isinstance(value, _METHODS):
                return value
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj, attribute):
        raise SecurityError(f"it reads '{attribute}' of a {type(obj).__name__}, which templates may not use")

    def call_binop(self, context, operator, left, right):
        if operator == "**" and _too_big_power(left, right):
            raise SecurityError(f"it raises {left} to the power {right}, a number far too large to show")
        return super().call_binop(context, operator, left, right)


def _too_big_power(base, exponent) -> bool:
    import math

    try:
        size = abs(float(exponent)) * math.log10(max(2.0, abs(float(base))))
    except (TypeError, ValueError, OverflowError):
        return False
    return size > MAX_POWER_DIGITS


def sandbox_problem(exc: SecurityError, project_root: Path | None) -> tuple[str, str]:
    """The message and hint for a template that tried something the sandbox forbids."""
    if isinstance(exc, LinkOutside):
        return str(exc), "copy the file into templates/ if it belongs to this book"
    where = _template_of(exc, project_root)
    return (f"the template {where} tried something goalbook doesn't allow: {exc}",
            "templates may show the book's data but not reach into Python; "
            "remove that part of the template, or the template itself to use the built-in one")


def _template_of(exc: BaseException, project_root: Path | None) -> str:
    """The template (and line) the error happened in, from Jinja's rewritten traceback."""
    own = Path(project_root).resolve() / "templates" if project_root is not None else None
    found = "in templates/"
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<goalbook>/templates/"):
            found = f"{name.removeprefix('<goalbook>/')}:{tb.tb_lineno} (built in)"
        elif own is not None and name.endswith((".html", ".css", ".svg")) and own in Path(name).parents:
            found = f"templates/{Path(name).relative_to(own).as_posix()}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def make_environment(project_root: Path | None = None, language: str = "en") -> jinja2.Environment:
    """The environment for the site and the report (user overrides first), in `language`."""
    loaders: list[jinja2.BaseLoader] = []
    if project_root is not None and (Path(project_root) / "templates").is_dir():
        loaders.append(ProjectLoader(Path(project_root)))
    loaders.append(BuiltinLoader())
    env = GoalbookSandbox(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                             bytecode_cache=CompiledTemplates(), extensions=["jinja2.ext.i18n"])
    vb = Vocabulary(language)
    env.install_gettext_translations(vb.translations, newstyle=True)
    env.filters.update(date=vb.long_date, day=vb.short_date, weekday=vb.weekday_date,
                       num=vb.num, pct=vb.pct, markdown=render_markdown,
                       standing=vb.standing_words, status=vb.status_words, signed=vb.signed, first_upper=first_upper)
    env.globals.update(figures.globals_for(vb))
    env.globals.update(words.globals_for(vb))
    env.globals.update(language=language, vocabulary=vb)
    return env


def read_asset(env: jinja2.Environment, name: str) -> bytes:
    """A static asset (e.g. `assets/site.css`) through the same override order, unrendered."""
    source, _, _ = env.loader.get_source(env, name)
    return source.encode("utf-8")
