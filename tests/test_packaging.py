"""The wheel must carry every subpackage and the built-in templates, fonts and CSS."""
from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

from conftest import REPO


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "goalbook").rglob("__init__.py")}
    assert found <= listed, found - listed


def test_wheel_contains_templates_assets_and_fonts(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True)
    wheel = next(tmp_path.glob("goalbook-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("base.html", "index.html", "goal.html", "timeline.html", "report.html", "_macros.html"):
        assert f"goalbook/templates/{template}" in names
    assert "goalbook/templates/assets/site.css" in names
    assert "goalbook/templates/assets/report.css" in names
    assert any(n.startswith("goalbook/templates/assets/fonts/") and n.endswith(".ttf") for n in names)
    assert {"goalbook/pdf/render.py", "goalbook/serve/server.py", "goalbook/commands/check.py"} <= names
