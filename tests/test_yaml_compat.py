"""goalbook's own limits, not libyaml's: deep nesting, long values and large files
give goalbook's located message under PyYAML 6.0.3 and 6.0.4 alike (6.0.4's
libyaml stops flow nesting at 1000 with a message of its own).

`make test` installs PyYAML 6.0.3 into .tools/pyyaml-6.0.3 (from
requirements-compat.lock) and names it in GOALBOOK_COMPAT_YAML."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import GOOD_GOAL, REPO, require_tool

COMPAT = os.environ.get("GOALBOOK_COMPAT_YAML") or str(REPO / ".tools" / "pyyaml-6.0.3")

CASES = {
    "flow-nesting": ("content/goals/evening-walks.yaml",
                     "title: Walk for 30 minutes on three evenings a week\nvalues: " + "[" * 2000 + "]" * 2000 + "\n"),
    "flow-mappings": ("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: " + "{a: " * 1500 + "1" + "}" * 1500),
    "block-nesting": ("content/goals/evening-walks.yaml", "".join("  " * i + "-\n" for i in range(300))),
    "long-value": ("content/goals/evening-walks.yaml", "why: " + "w" * 600_000 + "\n" + GOOD_GOAL),
    "large-file": ("content/goals/evening-walks.yaml", GOOD_GOAL + "#" * 2_100_000 + "\n"),
}


def check(root, pythonpath: str | None) -> tuple[str, list[dict]]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    code = "import sys, yaml; from goalbook.cli import run; print(yaml.__version__, file=sys.stderr); run()"
    proc = subprocess.run([sys.executable, "-c", code, "-C", str(root), "check", "--format", "json",
                           "--today", "2026-11-22"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stderr.splitlines()[0], json.loads(proc.stdout)


@pytest.fixture(scope="module")
def compat_path():
    return require_tool(os.path.join(COMPAT, "yaml", "__init__.py"),
                        "to test goalbook's YAML limits with PyYAML 6.0.3 (make test installs it)")


@pytest.mark.parametrize("case", sorted(CASES))
def test_limits_read_the_same_under_both_pyyaml_releases(case, book, compat_path):
    path, text = CASES[case]
    book.write(path, text)
    old_version, old = check(book.root, os.path.dirname(os.path.dirname(compat_path)))
    new_version, new = check(book.root, None)
    assert old_version == "6.0.3" and new_version != old_version
    assert old == new
    gb001 = [d for d in new if d["code"] == "GB001"]
    assert len(gb001) == 1 and gb001[0]["path"] == path
    message = gb001[0]["message"]
    assert any(word in message for word in ("nested more than 64", "characters long", "too large"))
    assert "libyaml" not in message and "exceeded maximum" not in message
