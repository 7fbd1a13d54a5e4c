"""Compiled templates are kept between runs: goalbook's own next to them (as Python keeps
its .pyc files), a project's own in goalbook's cache folder and never in the project, and
neither is ever used once its source or goalbook changed."""
from __future__ import annotations

import sys

import jinja2
import pytest

import goalbook
from goalbook.render.environment import make_environment


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("GOALBOOK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    root = tmp_path / "book"
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "mine.html").write_text("{{ 1 + 1 }} for Sam", encoding="utf-8")
    return root


def compiled(folder):
    return sorted(p.name for p in folder.rglob("__jinja2_*.cache"))


def compiles(monkeypatch) -> list[str]:
    seen: list[str] = []
    compile_ = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, filename=None, *a, **k:
                        seen.append(filename) or compile_(self, source, name, filename, *a, **k))
    return seen


def test_own_templates_are_kept_like_bytecode_and_a_projects_in_the_cache_folder(project, tmp_path, monkeypatch):
    env = make_environment(project)
    assert env.get_template("mine.html").render() == "2 for Sam"
    env.get_template("base.html")
    assert len(compiled(tmp_path / "pycache")) == 1          # base.html, under $PYTHONPYCACHEPREFIX
    assert len(compiled(tmp_path / "cache")) == 1            # mine.html
    assert not compiled(project) and sorted(p.name for p in project.rglob("*")) == ["mine.html", "templates"]
    seen = compiles(monkeypatch)
    again = make_environment(project)
    assert again.get_template("mine.html").render() == "2 for Sam"
    again.get_template("base.html")
    assert seen == []                                         # both loaded, not compiled


def test_compiled_code_from_another_source_or_version_is_never_used(project, monkeypatch):
    make_environment(project).get_template("mine.html")
    make_environment(project).get_template("base.html")
    (project / "templates" / "mine.html").write_text("{{ 2 + 2 }} for Sam", encoding="utf-8")
    assert make_environment(project).get_template("mine.html").render() == "4 for Sam"
    seen = compiles(monkeypatch)
    make_environment(project).get_template("base.html")
    assert seen == []
    monkeypatch.setattr(goalbook, "__version__", "0.0.0-another")     # an upgrade: compiled anew
    make_environment(project).get_template("base.html")
    assert seen == ["<goalbook>/templates/base.html"]


def test_with_pythondontwritebytecode_nothing_is_written_next_to_goalbook(project, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    make_environment(project).get_template("base.html")
    assert not compiled(tmp_path / "pycache") and len(compiled(tmp_path / "cache")) == 1
