"""`goalbook export`: the SPEC's shape, and the same numbers the pages and the PDF print."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from html.parser import HTMLParser

from click.testing import CliRunner

from conftest import require_tool
from goalbook.cli import main

TODAY = "2026-11-22"


def export(root, *args):
    result = CliRunner().invoke(main, ["-C", str(root), "export", "--today", TODAY, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


class Stats(HTMLParser):
    """Collects label → value pairs of `stat-label`/`stat-value` and the GAS big number."""

    def __init__(self):
        super().__init__()
        self.stats, self.t_score = {}, None
        self._class, self._label = None, None

    def handle_starttag(self, tag, attrs):
        self._class = dict(attrs).get("class")

    def handle_data(self, data):
        text = data.strip()
        if not text:
            return
        if self._class == "stat-label":
            self._label = text.lower()
        elif self._class == "stat-value" and self._label:
            self.stats[self._label] = text
            self._label = None
        elif self._class == "value" and self.t_score is None:
            self.t_score = text
        self._class = None


def parse(path) -> Stats:
    parser = Stats()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_json_has_exactly_the_spec_shape(example_book):
    data = json.loads(export(example_book))
    assert set(data) == {"today", "period", "goals", "gas", "questionnaires", "changes", "since_start"}
    assert data["today"] == TODAY and set(data["period"]) == {"since", "until"}
    for goal in data["goals"]:
        assert set(goal) == {"id", "title", "status", "standing", "current", "progress", "level"}
        assert goal["standing"] in {"ahead", "on-track", "behind", "no-data", "achieved", "dropped", "paused"}
    assert set(data["gas"]) == {"t_score", "goals"}
    for score in data["questionnaires"]:
        assert set(score) == {"name", "date", "total", "band"}
    for change in data["changes"].values():
        assert set(change) == {"from", "to", "change", "reliable"}
        assert change["reliable"] in {"improved", "deteriorated", "none"}


def test_csv_has_one_row_per_checkin_value(example_book):
    rows = list(csv.reader(io.StringIO(export(example_book, "--format", "csv"))))
    assert rows[0] == ["date", "goal", "value"]
    data = json.loads(export(example_book))
    goals = {g["id"] for g in data["goals"]}
    assert len(rows) > 50 and all(r[1] in goals and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[0]) for r in rows[1:])
    assert rows[1:] == sorted(rows[1:])


def test_export_agrees_with_the_pages_and_the_pdf(example_book):
    data = json.loads(export(example_book))
    built = CliRunner().invoke(main, ["-C", str(example_book), "build", "--today", TODAY])
    assert built.exit_code == 0, built.output
    out = example_book / "output"
    index = parse(out / "index.html")
    assert index.t_score == f"{data['gas']['t_score']:.2f}"
    for goal in data["goals"]:
        if goal["progress"] is None or goal["status"] != "active":
            continue
        page = parse(out / "goals" / f"{goal['id']}.html")
        assert page.stats["of the way"] == f"{round(goal['progress'] * 100)}%", goal["id"]
    pdftotext = require_tool("pdftotext", "to read the PDF report back")
    text = subprocess.run([pdftotext, "-layout", str(out / "report.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(rf"T-score\s+{re.escape(format(data['gas']['t_score'], '.2f'))}", text)
    for name, change in data["changes"].items():
        assert f"{change['from']}" in text and f"{change['to']}" in text


def test_export_with_errors_prints_nothing_and_exits_1(example_book):
    (example_book / "content" / "goals" / "oops.yaml").write_text("title: [\n")
    result = CliRunner().invoke(main, ["-C", str(example_book), "export", "--today", TODAY])
    assert result.exit_code == 1
    assert result.stdout == ""
