"""A project's own templates are sandboxed: the known ways out of Jinja stop the
build with a clear message, and run nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY, files_in as tree
from goalbook.cli import main

ESCAPES = {
    "shell through cycler's globals": "{{ cycler.__init__.__globals__.os.popen('touch RAN').read() }}",
    "every class through str's MRO": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "the template's own context": "{{ self._TemplateReference__context }}",
    "lipsum's globals": "{{ lipsum.__globals__['os'].popen('touch RAN') }}",
    "an object's __dict__ in a set": "{% set x = snapshot.__dict__ %}{{ x }}",
    "an unused unsafe set": "{% set x = snapshot.__dict__ %}quiet",
    "a class by subscript": "{{ snapshot['__class__'] }}",
    "a format string": "{{ '{0.__class__.__init__.__globals__}'.format(snapshot) }}",
    "changing a list": "{{ snapshot.goals.append(1) }}",
    "changing a dict": "{{ snapshot.by_id.clear() }}",
    "namespace of a function": "{{ goal_chart.__globals__ }}",
    "an enormous power": "{{ 7 ** 100000000 }}",
}


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "build", "--no-pdf", "--today", TODAY.isoformat(), *args])


@pytest.fixture
def built(example_book):
    assert run(example_book).exit_code == 0
    return example_book


@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_escape_stops_the_build_with_a_clear_message(built, payload, monkeypatch):
    monkeypatch.chdir(built)                       # where `touch RAN` would land
    before = tree(built / "output")
    (built / "templates").mkdir()
    (built / "templates" / "base.html").write_text(f"<!DOCTYPE html>\n<p>hello</p>\n{payload}\n")
    result = run(built)
    assert result.exit_code == 1, result.output
    assert "the template templates/base.html:3 tried something goalbook doesn't allow" in result.output
    assert "hint:" in result.output and "Traceback" not in result.output
    assert not (built / "RAN").exists()
    assert tree(built / "output") == before


def test_the_message_names_the_template_and_line_the_escape_is_in(built):
    (built / "templates" / "partials").mkdir(parents=True)
    (built / "templates" / "timeline.html").write_text(
        "{% extends 'base.html' %}{% block main %}\n{% include 'partials/x.html' %}{% endblock %}")
    (built / "templates" / "partials" / "x.html").write_text("one\ntwo\n{{ lipsum.__globals__ }}\n")
    result = run(built)
    assert result.exit_code == 1
    assert "templates/partials/x.html:3 tried something" in result.output
    assert "'__globals__'" in result.output


def test_a_template_may_still_call_the_models_own_methods_and_helpers(built):
    (built / "templates").mkdir()
    (built / "templates" / "index.html").write_text(
        "{% extends 'base.html' %}{% block main %}"
        "{% for g in snapshot.goals|sort(attribute='id') %}<p>{{ g.title|upper }} {{ g.id.replace('-', ' ') }}"
        " {{ '{:>4}'.format(g.id) }} {{ goal_bar(g) }}</p>{% endfor %}"
        "{% set ns = namespace(n=0) %}{% for g in snapshot.goals %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "<p id='count'>{{ ns.n }} {{ 2 ** 10 }}</p>{% endblock %}")
    result = run(built)
    assert result.exit_code == 0, result.output
    page = (built / "output" / "index.html").read_text()
    assert "EVENING" in page.upper() and "<svg" in page and "1024</p>" in page


@pytest.mark.parametrize("name", ["base.html", "assets/site.css"])
def test_a_template_that_links_out_of_the_project_is_refused(built, tmp_path, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("the therapist's private notes")
    before = tree(built / "output")
    link = built / "templates" / name
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    result = run(built)
    assert result.exit_code == 1, result.output
    assert f"templates/{name} is a link to outside the project" in result.output
    assert "Traceback" not in result.output
    assert tree(built / "output") == before


def test_remembered_attribute_answers_are_jinjas_own():
    """goalbook remembers the sandbox's answer per (type, name); it must be Jinja's answer
    for every object of the type, asked first or again, and an object whose __class__
    lies is asked anew."""
    from collections import deque
    from datetime import date

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from goalbook.model.entities import Settings
    from goalbook.render.environment import make_environment

    class Lying:
        title = "x"

        @property
        def __class__(self):
            return list

    ours, jinjas = make_environment(), ImmutableSandboxedEnvironment()
    cases = [([], "append"), ([1], "index"), ({}, "clear"), ({"a": 1}, "keys"), (set(), "add"),
             (deque(), "pop"), ("x", "upper"), ("x", "__class__"), (str, "mro"), (run, "__globals__"),
             (run, "__name__"), (date(2026, 1, 1), "year"), (Settings(), "title"), (Settings(), "_x"),
             (Lying(), "title"), (Lying(), "append")]
    for _ in range(2):
        for obj, name in cases:
            value = getattr(obj, name, None)
            assert ours.is_safe_attribute(obj, name, value) == jinjas.is_safe_attribute(obj, name, value), (obj, name)
    assert not ours.is_safe_attribute(Lying(), "append", None)


def test_attributes_found_quickly_are_what_jinja_gives():
    """The sandbox gives an attribute already found safe at once (`GoalbookSandbox.getattr`):
    it must be what Jinja's own steps give, first time and again, a wrapped str.format, an
    item of a dict and an unsafe name included."""
    from datetime import date
    from types import SimpleNamespace

    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    from goalbook.model.entities import Settings
    from goalbook.render.environment import make_environment

    class Holder:
        title = "x"
        formatter = "{0}".format          # a str.format under another name: still wrapped

    ours, jinjas = make_environment(), ImmutableSandboxedEnvironment()
    cases = [(Settings(), "title"), (date(2026, 1, 1), "year"), ({"a": 1}, "a"), ({"a": 1}, "b"),
             ("{0}", "format"), (Holder(), "title"), (Holder(), "formatter"), (SimpleNamespace(x=[1]), "x"),
             ([1, 2], "index")]
    import jinja2

    for _ in range(3):
        for obj, name in cases:
            theirs = jinjas.getattr(obj, name)
            mine = ours.getattr(obj, name)
            if isinstance(theirs, jinja2.Undefined):
                assert isinstance(mine, jinja2.Undefined), (obj, name)
            elif callable(theirs):
                assert type(mine) is type(theirs) and mine(1) == theirs(1), (obj, name)
            else:
                assert type(mine) is type(theirs) and mine == theirs, (obj, name)
    for _ in range(2):
        with pytest.raises(SecurityError):
            ours.getattr([], "append")
