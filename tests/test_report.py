"""The PDF report of the example book, read back from the real PDF (pypdf and poppler).

The example book's report is also rendered to PNG (pdftoppm -r 60) in
tests/artifacts/, to be looked at page by page.
"""
from __future__ import annotations

import re
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GOOD_GOAL, REPO, TODAY, require_tool
from goalbook.model.snapshot import build_snapshot
from goalbook.pdf.render import render_pdf
from goalbook.app.check import check_project
from goalbook.render.report import render_report_html, report_title, report_view

ARTIFACTS = REPO / "tests" / "artifacts"
SINCE = date(2026, 10, 20)          # the session before last: a month of check-ins
ACTIVE_TITLES = [
    "Practise box breathing before team meetings to bring my anxiety from 7 to 3",
    "Put my phone away by 22:30 every night",
    "Walk for 30 minutes on three evenings a week",
]
# Words only the private check-in of 4 Nov holds (its note, obstacle and discuss item).
PRIVATE_WORDS = ["Philippa", "Crown and Anchor", "bathroom floor", "old photos of Mum",
                 "whether I have to be the one"]


class Report:
    def __init__(self, root: Path, since=None, paper: str | None = None):
        result = check_project(root, TODAY)
        self.snapshot = build_snapshot(result.book, result.diagnostics, TODAY, since)
        self.html = render_report_html(self.snapshot, root)
        self.title = report_title(self.snapshot)
        self.pdf = render_pdf(self.html, today=TODAY, title=self.title,
                              paper=paper or self.snapshot.settings.report_paper)
        self.pages = len(PdfReader(BytesIO(self.pdf)).pages)

    def text(self, tmp_path: Path, first: int | None = None, last: int | None = None) -> str:
        """The PDF's text, whitespace folded (titles wrap in table cells)."""
        tool = require_tool("pdftotext", "to read the report's PDF back")
        path = tmp_path / "report.pdf"
        path.write_bytes(self.pdf)
        pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
        out = subprocess.run([tool, *pages, str(path), "-"], check=True, capture_output=True,
                             text=True).stdout
        return fold(out)


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Report:
    return Report(REPO, since=SINCE)


def test_example_report_content_and_order(example, tmp_path):
    assert example.pages <= 7                                      # a month of check-ins
    text = example.text(tmp_path)
    for title in ACTIVE_TITLES:
        assert title in text
    assert "20 Oct 2026 – 22 Nov 2026" in text                    # the period, cover and header
    view = report_view(example.snapshot)
    assert len(view.discuss) >= 3
    for _, item in view.discuss:                                  # every discuss item of the period
        assert fold(item) in text
    for item in example.snapshot.homework:                        # homework from the last session
        assert fold(item) in text
    for goal in ("choir-rehearsals", "morning-spin"):             # reflections, worded kindly
        reflection = example.snapshot.by_id[goal].goal.reflection
        assert fold(reflection)[:120] in text
    assert "set aside" in text and "failed" not in text.replace('"failed"', "")
    h2 = [fold(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2\b[^>]*>(.*?)</h2>", example.html)]
    assert h2 == ["Where things stand", *ACTIVE_TITLES, "From the check-ins",
                  "Mood", "Goals completed or set aside"]
    at = text.index("Where things stand")
    for heading in h2[1:]:                                        # the same order in the PDF
        at = text.index(heading, at + 1)
    assert "Goal Attainment Scaling: T-score" in text
    assert "PHQ-9 and GAD-7 were developed by" in text             # attribution line


def test_page_one_has_title_people_period_and_date_then_the_summary(example, tmp_path):
    first = example.text(tmp_path, 1, 1)
    for words in ("Sam's goalbook", "prepared by Sam for Maya Lindqvist",
                  "20 Oct 2026 – 22 Nov 2026", "made on 22 Nov 2026"):
        assert words in first
    assert "page 1 of" in first
    assert "Where things stand" in first                           # no cover: the summary is page 1
    second = example.text(tmp_path, 2, 2)
    assert second.startswith("Sam's goalbook 20 Oct 2026 – 22 Nov 2026")   # running header
    assert f"page 2 of {example.pages}" in second


def test_private_checkin_words_never_appear_but_its_values_count(example, tmp_path):
    text = example.text(tmp_path)
    for words in PRIVATE_WORDS:
        assert words not in text
        assert words not in example.html
        assert words.encode() not in example.pdf
    # Its mood (3 on 4 Nov) still counts: the mood chart's summary says lowest 3.
    assert (date(2026, 11, 4), 3.0) in report_view(example.snapshot).mood
    assert "lowest 3" in text


def test_fonts_embedded_and_metadata(example, tmp_path):
    tool = require_tool("pdffonts", "to list the fonts in the report's PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(example.pdf)
    rows = subprocess.run([tool, str(path)], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    assert rows and all("Goalbook-Sans" in row.split()[0] and row.split()[-5] == "yes"
                        for row in rows), rows
    info = PdfReader(BytesIO(example.pdf)).metadata
    assert info.title == "Sam's goalbook — progress report"
    assert set(info) <= {"/Title", "/Creator", "/Producer", "/CreationDate", "/ModDate"}


def test_same_inputs_same_pdf_bytes(example):
    again = Report(REPO, since=SINCE)
    assert again.html == example.html
    assert again.pdf == example.pdf


def test_example_pages_as_png_artifacts(example):
    tool = require_tool("pdftoppm", "to render the report's pages as pictures")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("report-example-*.png"):
        old.unlink()
    (ARTIFACTS / "report-example.pdf").write_bytes(example.pdf)
    subprocess.run([tool, "-r", "60", "-png", str(ARTIFACTS / "report-example.pdf"),
                    str(ARTIFACTS / "report-example")], check=True)
    pngs = sorted(ARTIFACTS.glob("report-example-*.png"))
    assert len(pngs) == example.pages
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_default_period_is_since_the_last_session(tmp_path):
    report = Report(REPO)
    text = report.text(tmp_path)
    assert "17 Nov 2026 – 22 Nov 2026" in text and "since the session on 17 Nov 2026" in text
    assert "Homework from the session on 17 Nov 2026" in text
    assert "week of 16 Nov (so far)" in text


def test_private_goal_left_out_entirely_and_item9_prompt(example_book, tmp_path):
    walks = example_book / "content" / "goals" / "evening-walks.yaml"
    walks.write_text(walks.read_text(encoding="utf-8") + "private: true\n", encoding="utf-8")
    (example_book / "content" / "checkins" / "2026-11-21-extra.yaml").write_text(
        "date: 2026-11-21\nmood: 5\nmeasures:\n  phq9: [1, 1, 1, 1, 0, 1, 1, 0, 1]\n"
        "discuss: The long evenings before the holidays.\n", encoding="utf-8")
    (example_book / "content" / "goals" / "be-more-active.yaml").write_text(
        GOOD_GOAL.replace("Walk for 30 minutes on three evenings a week", "Be more active")
        .replace("why: Walking clears my head.\n", ""), encoding="utf-8")
    (example_book / "goalbook.yaml").write_text(
        (example_book / "goalbook.yaml").read_text(encoding="utf-8").replace(
            "report:\n", "report:\n  suggestions: yes     # the appendix, in plain words\n"), encoding="utf-8")
    report = Report(example_book, paper="letter")
    text = report.text(tmp_path)
    for gone in ("Walk for 30 minutes on three evenings a week", "canal loop"):
        assert gone not in text and gone not in report.html
    assert ACTIVE_TITLES[0] in text and "Be more active" in text
    assert report_view(report.snapshot).gas.goals == 2              # GAS without the private goal
    cover = report.text(tmp_path, 1, 1)
    assert "question 9" in cover and "Maya Lindqvist" in cover       # the gentle prompt, up front
    phq = report.snapshot.changes["phq9"]                            # PHQ-9 change for the period
    assert f"{phq.first.total} → {phq.latest.total}" in text and "within the usual ups and downs" in text
    start = report.snapshot.since_start["phq9"]
    assert f"{start.first.total} → {start.latest.total}" in text     # and since the start
    assert "The long evenings before the holidays." in text
    assert "Appendix: things to look at together" in text            # asked for: report.suggestions
    assert "The title could be more specific" in text and "(S102)" in text
    assert "goalbook.yaml" not in text and "'why:'" not in text      # the client's words, no settings
    box = PdfReader(BytesIO(report.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_empty_sections_are_left_out(book, tmp_path):
    book.write("content/goals/evening-walks.yaml", GOOD_GOAL)
    report = Report(book.root)
    text = report.text(tmp_path)
    assert "Walk for 30 minutes on three evenings a week" in text
    for heading in ("From the check-ins", "To discuss", "Mood", "Goals completed or set aside",
                    "Questionnaires", "In this period", "Goal Attainment Scaling"):
        assert heading not in text, heading
    assert not report_view(report.snapshot).suggestions           # not asked for (report.suggestions)
    assert "Appendix" not in text


def test_the_web_view_links_to_the_pdf_but_the_pdf_never_shows_the_link(example_book):
    from click.testing import CliRunner

    from goalbook.cli import main

    assert CliRunner().invoke(main, ["-C", str(example_book), "build", "--today", "2026-11-22"]).exit_code == 0
    html = (example_book / "output" / "report.html").read_text()
    assert 'href="report.pdf"' in html
    pdftotext = require_tool("pdftotext", "to read the PDF report back")
    text = subprocess.run([pdftotext, str(example_book / "output" / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "as a PDF" not in text and "Dashboard" not in text


def test_an_active_goals_reflection_is_in_the_report(book):
    from goalbook.render.report import render_report_html

    book.write("content/goals/walks.yaml", GOOD_GOAL.replace("due: 2027-01-31", "due: 2026-11-01")
               + "reflection: The dark evenings came sooner than I planned for.\n")
    result = book.check(TODAY)
    html = render_report_html(build_snapshot(result.book, result.diagnostics, TODAY), book.root)
    assert "The dark evenings came sooner than I planned for." in html


def test_a_downgraded_file_check_never_names_a_private_goal_in_the_report(book):
    from goalbook.render.report import render_report_html

    book.write("goalbook.yaml", "rules: {GB007: warning}\n")
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/goals/secret-drinks.yaml", GOOD_GOAL.replace("evening walks", "drinks")
               .replace("min: 0", "min: 0\n  max: 5") + "private: yes\n")
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {walks: 2, secret-drinks: 7}\n")
    result = book.check(TODAY)
    assert any(d.code == "GB007" for d in result.diagnostics)
    html = render_report_html(build_snapshot(result.book, result.diagnostics, TODAY), book.root)
    assert "secret-drinks" not in html
