"""The report's first page is the therapist's two minutes; the rest is compact and each goal's
words stay under that goal. Read back from real PDFs (poppler) and report.html."""
from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from books import write_rich_book
from conftest import REPO, TODAY, require_tool
from goalbook.cli import main
from goalbook.render.report import report_view
from test_report import ACTIVE_TITLES, Report, fold
from test_site import parse

PAGE_BUDGET = 4          # the example book's default report, on A4


def build(root: Path, *args: str) -> Path:
    run = CliRunner().invoke(main, ["-C", str(root), "build", "--today", TODAY.isoformat(), *args])
    assert run.exit_code == 0, run.output
    return root / "output"


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    tool = require_tool("pdftotext", "to read the report's PDF back")
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return fold(subprocess.run([tool, *pages, str(path), "-"], check=True, capture_output=True,
                               text=True).stdout)


def pages(path: Path) -> int:
    return len(PdfReader(BytesIO(path.read_bytes())).pages)


@pytest.fixture(scope="module")
def example_default() -> Report:
    return Report(REPO)                     # since the last session, as `make demo` builds it


@pytest.fixture
def robin(book):
    write_rich_book(book)
    return book


def test_the_example_books_default_report_fits_the_page_budget(example_book):
    out = build(example_book)
    assert pages(out / "report.pdf") <= PAGE_BUDGET
    box = PdfReader(BytesIO((out / "report.pdf").read_bytes())).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)   # A4


def test_page_one_names_every_active_goal_with_where_it_stands(example_default, tmp_path):
    first = example_default.text(tmp_path, 1, 1)
    view = report_view(example_default.snapshot)
    assert [v.title for v in view.active] == ACTIVE_TITLES
    for v in view.active:
        assert v.title in first
    assert first.count("Ahead of plan") == len(view.active)                     # outlook(v), each row
    assert "moving toward the target" in first                                  # how it moved
    assert "4 points on 19 Nov" in first and "5 nights in the week of 9 Nov" in first   # current_text
    doc = parse(example_default.html)
    rows = doc.find("table", cls="goals-table").find_all("tr", **{"data-goal": "meeting-anxiety"})
    assert rows and rows[0].attrs["data-standing"] == view.active[0].progress.standing


def test_page_one_has_the_questionnaires_change_homework_and_what_to_discuss(example_default, tmp_path):
    first = example_default.text(tmp_path, 1, 1)
    snapshot = example_default.snapshot
    for name in ("phq9", "gad7"):
        change, start = snapshot.changes[name], snapshot.since_start[name]
        assert f"{change.first.total} → {change.latest.total} ({change.change:+d}".replace("-", "−") in first
        assert f"{start.first.total} → {start.latest.total}" in first
    assert "a reliable improvement" in first
    assert "Homework from the session on 17 Nov 2026 2 of 4 done" in first
    homework = {h.task: h for h in snapshot.homework_items}
    for task, h in homework.items():
        assert fold(task) in first
    assert "Write down three things I'd say to myself if the Q4 presentation goes well, and three if it " \
           "doesn't — done 19 Nov" in first
    assert "Tell the family group chat that I'm offline after 22:30 — not yet" in first
    assert "To discuss" in first


def test_page_one_of_a_book_of_its_own(robin, tmp_path):
    out = build(robin.root)
    first = pdf_text(out / "report.pdf", 1, 1)
    for title in ("Go to the gym twice a week after work", "Write three lines in my journal every evening",
                  "Rate my Sunday-evening worry about work, from 8 down to 4"):
        assert title in first
    assert "question 9" in first and "Dr Ada Okafor" in first                   # the safety prompt, up front
    assert "PHQ-9" in first and "12 → 7 (−5)" in first and "GAD-7" in first and "9 → 5 (−4)" in first
    assert "Pack the gym bag the night before — done 12 Nov" in first
    assert "Write the Sunday worry down before 8pm, then close the notebook — done 15 Nov" in first
    assert "Ask Sam about the weekend plan — not yet" in first
    assert "Whether the Sunday worry is really about work" in first             # to discuss
    text = pdf_text(out / "report.pdf")
    for secret in ("Cut down the evening wine", "zqsecretwhy", "zqwinenote", "zqprivatecheckin"):
        assert secret not in text and secret not in (out / "report.html").read_text()


def test_each_goal_section_holds_only_its_own_words(robin):
    html = (build(robin.root) / "report.html").read_text(encoding="utf-8")
    doc = parse(html)
    gym = doc.find("section", id="goal-gym").text()
    journal = doc.find("section", id="goal-journal").text()
    worry = doc.find("section", id="goal-worry").text()
    shared = doc.find("section", cls="journal").text()
    assert "Back at the gym twice!" in shared                                   # names two goals
    assert "Back at the gym twice!" not in gym + journal + worry
    assert "Legs day; the induction paid off." in gym
    assert "Legs day" not in journal + worry + shared
    assert "Three lines about the argument, and then I slept." in journal
    assert "Three lines" not in gym + worry + shared
    assert "Wrote the worry down at 7.30" in worry and "Wrote the worry down" not in gym + journal + shared


def test_every_revision_bullet_names_its_goal(tmp_path):
    from datetime import date

    month = Report(REPO, since=date(2026, 10, 20))
    first = month.text(tmp_path, 1, 1)
    assert ("“Walk for 30 minutes on three evenings a week” revised: Target lowered from 5 walks a week to 3"
            in first)


def test_the_appendix_is_out_unless_asked_for_and_speaks_to_the_client(robin):
    text = pdf_text(build(robin.root) / "report.pdf")
    assert "Appendix" not in text and "R402" not in text
    robin.write("goalbook.yaml", robin.root.joinpath("goalbook.yaml").read_text().replace(
        "report:\n", "report:\n  suggestions: yes\n"))
    text = pdf_text(build(robin.root) / "report.pdf")
    assert "Appendix: things to look at together" in text
    assert "“mental helth” isn't one of your life areas — perhaps “mental health” was meant?" in text
    assert "“reflection” isn't one of your values yet; if it is a new one, it can join the list." in text
    for settings_talk in ("goalbook.yaml", "'values:'", "'areas:'", "status: paused"):
        assert settings_talk not in text


@pytest.mark.parametrize("setting, words", [
    ("report:\n  suggestions: maybe\n", "'report.suggestions' should be yes or no"),
    ("report:\n  pdf: pdf/a-1b\n", "'report.pdf' is \"pdf/a-1b\", but it can be 'standard', 'pdf/a-3b' or 'pdf/ua-1'"),
])
def test_report_settings_are_checked(robin, setting, words):
    robin.write("goalbook.yaml", setting)
    found = [d for d in robin.check().diagnostics if d.path == "goalbook.yaml"]
    assert [(d.code, d.line) for d in found] == [("GB008", 2)]
    assert words in found[0].message
