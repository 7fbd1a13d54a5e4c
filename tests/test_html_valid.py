"""Every rendered page is valid HTML5 (the Nu Html Checker, vnu.jar), and the CSS valid CSS."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import GOOD_GOAL, REPO, require_tool, without_preload
from test_site import HOSTILE, render

pytestmark = pytest.mark.tools

DEFAULT_VNU = REPO / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RICH_NOTE = """\
---
date: 2026-11-21
goal: walks
value: 1
mood: 6
win: A "good" day & more
measures:
  phq9: [1, 1, 1, 1, 1, 1, 1, 1, 1]
---
# A heading in a note

| a | b |
|:--|--:|
| 1 | 2 |

```
code <b>block</b>
```

1. one
2. two

> quoted [link](../x.html) and [gone](javascript:x) <a title="t">placeholder</a>
"""


def vnu(*args: str) -> list[dict]:
    java = require_tool("java", "to run the Nu Html Checker")
    jar = os.environ.get("GOALBOOK_VNU") or str(DEFAULT_VNU)
    require_tool(jar, "to check the HTML ('npm install --prefix .tools vnu-jar')")
    run = subprocess.run([java, "-jar", jar, "--errors-only", "--format", "json", *args],
                         capture_output=True, text=True, timeout=300, env=without_preload())
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def write(files: dict[str, bytes], out: Path) -> list[str]:
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return [str(out / name) for name in sorted(files) if name.endswith(".html")]


def test_example_site_is_valid_html(example_book, book, tmp_path):
    pages = write(render(example_book)[0], tmp_path / "example")
    book.write("content/goals/walks.yaml", GOOD_GOAL + "private: true\nnotes: '*my* <script>x</script>'\n")
    book.write("content/checkins/hostile.md", HOSTILE)
    book.write("content/checkins/rich.md", RICH_NOTE)
    book.write("content/goals/empty.yaml", "title: Call one friend every weekend\n")
    book.write("content/sessions/s.md", "---\ndate: 2026-11-17\nhomework: [rest]\n---\nWe *talked*.\n")
    book.write("goalbook.yaml", "safety:\n  note: Call the crisis line.\n")
    pages += write(render(book.root)[0], tmp_path / "hand-made")
    assert len(pages) >= 10
    errors = vnu(*pages)
    assert errors == [], json.dumps(errors, indent=1)[:4000]


def test_stylesheet_is_valid_css(tmp_path):
    css = REPO / "templates" / "assets" / "site.css"
    errors = vnu("--css", str(css))
    assert errors == [], json.dumps(errors, indent=1)[:4000]
