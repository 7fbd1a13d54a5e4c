"""The layers: every module imports on its own in a fresh interpreter (no import
cycles hide behind a lucky order), and import-linter's contracts hold."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO

MODULES = sorted(
    ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for p in (REPO / "goalbook").rglob("*.py") if "__pycache__" not in p.parts and p.name != "__main__.py")


def test_every_module_imports_alone_in_a_fresh_interpreter():
    # One interpreter per module would take a minute; a fresh one for each batch of
    # modules, each imported with sys.modules reset to what the interpreter started with.
    code = """
import importlib, sys
base = set(sys.modules)
failed = []
for name in sys.argv[1:]:
    for loaded in set(sys.modules) - base:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""
    run = subprocess.run([sys.executable, "-c", code, *MODULES], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "", run.stdout


@pytest.mark.parametrize("name", ["goalbook.cli.check", "goalbook.cli.checkin", "goalbook.app.build",
                                  "goalbook.model.assemble", "goalbook.render.report"])
def test_the_modules_once_caught_in_cycles_import_in_their_own_process(name):
    run = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_import_linter_contracts_hold():
    lint = REPO / ".venv" / "bin" / "lint-imports"
    binary = str(lint) if lint.exists() else "lint-imports"
    run = subprocess.run([binary, "--no-cache"], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout
