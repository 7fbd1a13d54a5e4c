"""Packaging a packager would accept: every subpackage found automatically, the
built-in templates in the wheel, an SPDX licence, and an sdist that carries the
tests, the example book and the docs, so the suite runs from it."""
from __future__ import annotations

import email
import subprocess
import sys
import tarfile
import zipfile

import pytest

from conftest import REPO


def _compile_a_template_next_to_the_templates():
    """What any build leaves in templates/__pycache__, which no package may carry."""
    from goalbook.render.environment import make_environment

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "pycache_prefix", None)
        patch.setattr(sys, "dont_write_bytecode", False)
        make_environment().get_template("base.html")
    assert any((REPO / "templates" / "__pycache__").rglob("__jinja2_*.cache"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    _compile_a_template_next_to_the_templates()
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                          "-w", str(out), str(REPO)], capture_output=True, text=True, check=True)
    return next(out.glob("goalbook-*.whl")), run.stdout + run.stderr


@pytest.fixture(scope="module")
def sdist(tmp_path_factory):
    _compile_a_template_next_to_the_templates()
    out = tmp_path_factory.mktemp("sdist")
    code = f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return out / run.stdout.strip().splitlines()[-1], run.stderr


def test_the_wheel_has_every_subpackage_found_automatically(wheel):
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())
    packages = {p.parent.relative_to(REPO).as_posix() for p in (REPO / "goalbook").rglob("__init__.py")
                if "__pycache__" not in p.parts}
    assert packages and all(f"{package}/__init__.py" in names for package in packages)
    assert "goalbook/py.typed" in names


def test_wheel_contains_templates_assets_and_fonts(wheel):
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    for template in ("base.html", "index.html", "goal.html", "timeline.html", "report.html", "_macros.html"):
        assert f"goalbook/templates/{template}" in names
    assert "goalbook/templates/assets/site.css" in names
    assert "goalbook/templates/assets/report.css" in names
    assert any(n.startswith("goalbook/templates/assets/fonts/") and n.endswith(".ttf") for n in names)
    assert not [n for n in names if "__pycache__" in n or "__jinja2_" in n]     # no compiled code


def test_building_prints_no_packaging_warnings(wheel, sdist):
    for output in (wheel[1], sdist[1]):
        assert "warning" not in output.lower(), output


def test_metadata_has_an_spdx_licence_classifiers_and_authors(wheel):
    with zipfile.ZipFile(wheel[0]) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(zf.read(meta_name))
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in zf.namelist())
    assert meta["License-Expression"] == "MIT"
    assert meta["Author"] or meta["Author-email"]
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3" in classifiers and "Typing :: Typed" in classifiers


def test_the_sdist_carries_tests_the_example_book_and_docs(sdist, tmp_path):
    with tarfile.open(sdist[0]) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
        tar.extractall(tmp_path, filter="data")
    for needed in ("tests/conftest.py", "tests/corpus/README.md", "content/goals/evening-walks.yaml",
                   "docs/check.md", "goalbook.yaml", "LICENSE", "requirements.lock", "templates/base.html"):
        assert needed in names, needed
    assert not [n for n in names if "__pycache__" in n or "__jinja2_" in n]     # no compiled code
    unpacked = next(tmp_path.iterdir())
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_clock.py"], cwd=unpacked, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_version_is_one_number(wheel):
    import tomllib

    from goalbook import __version__

    assert __version__ == tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert f"goalbook-{__version__}-" in wheel[0].name
def test_wheel_contains_the_translations(wheel):
    """language: de / es works from an installed wheel: the compiled catalogs ship."""
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    for lang in ("de", "es"):
        assert f"goalbook/locale/{lang}/LC_MESSAGES/goalbook.mo" in names
        assert f"goalbook/locale/{lang}/LC_MESSAGES/goalbook.po" in names
