"""`goalbook build` end to end: what it writes, and what it never touches."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from goalbook.cli import main
from conftest import files_in as tree

TODAY = "2026-11-22"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["-C", str(root), "build", "--today", TODAY, *args])


@pytest.fixture
def built(example_book):
    result = run(example_book, "--no-pdf")
    assert result.exit_code == 0, result.output
    return example_book


def test_build_writes_every_page_of_the_example(built):
    files = tree(built / "output")
    goals = sorted(p.stem for p in (built / "content" / "goals").iterdir())
    for name in ["index.html", "timeline.html", "report.html", *[f"goals/{g}.html" for g in goals]]:
        assert name in files, name
    assert "report.pdf" not in files          # --no-pdf


def test_same_inputs_give_byte_identical_html(built, tmp_path):
    first = tree(built / "output")
    assert run(built, "--no-pdf", "-o", str(tmp_path / "again")).exit_code == 0
    second = tree(tmp_path / "again")
    html = [n for n in first if n.endswith((".html", ".css"))]
    assert html and all(first[n] == second[n] for n in html)


def test_build_with_errors_writes_nothing_and_keeps_previous_output(built):
    before = tree(built / "output")
    (built / "content" / "goals" / "broken.yaml").write_text("title: Walk\ndue: 2027-02-30\n")
    result = run(built, "--no-pdf")
    assert result.exit_code == 1
    assert "GB003" in result.output and "Nothing was written" in result.output
    assert tree(built / "output") == before


def test_strict_build_with_warnings_writes_nothing(built):
    goal = built / "content" / "goals" / "evening-walks.yaml"
    goal.write_text(goal.read_text().replace("  unit: walks\n", ""))
    assert run(built, "--no-pdf").exit_code == 0          # a warning alone is fine
    before = tree(built / "output")
    (built / "content" / "checkins" / "2026-11-22.yaml").write_text("date: 2026-11-22\nwin: new\n")
    result = run(built, "--no-pdf", "--strict")
    assert result.exit_code == 1 and "M204" in result.output
    assert tree(built / "output") == before


def test_a_template_that_raises_leaves_previous_output(built):
    before = tree(built / "output")
    (built / "templates").mkdir()
    (built / "templates" / "timeline.html").write_text("{% extends 'base.html' %}{% block main %}{{ no_such_thing.x }}{% endblock %}")
    result = run(built, "--no-pdf")
    assert result.exit_code == 1
    assert "template" in result.output and "Traceback" not in result.output
    assert tree(built / "output") == before


def test_a_template_with_a_syntax_error_is_reported_with_its_line(built):
    (built / "templates").mkdir()
    (built / "templates" / "index.html").write_text("line one\n{% if %}\n")
    result = run(built, "--no-pdf")
    assert result.exit_code == 1
    assert "index.html:2" in result.output


@pytest.mark.parametrize("delay", [0.3, 0.9, 1.6])
def test_build_killed_midway_leaves_old_or_new_output(built, delay):
    before = tree(built / "output")
    note = built / "content" / "checkins" / "2026-11-21.yaml"
    note.write_text(note.read_text().rstrip("\n") + "\nwin: Killed-build marker win\n")
    proc = subprocess.Popen([sys.executable, "-m", "goalbook", "-C", str(built), "build", "--no-pdf", "--today", TODAY],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    from goalbook.publish.output import recover
    recover(built / "output")
    after = tree(built / "output")
    if after == before:
        return
    assert b"Killed-build marker win" in after["timeline.html"]
    assert set(after) == set(before)


@pytest.mark.parametrize("target", ["content", "templates", ".", ".."])
def test_unsafe_output_paths_are_refused_with_exit_2(example_book, target):
    (example_book / "templates").mkdir(exist_ok=True)
    before = tree(example_book)
    result = run(example_book, "--no-pdf", "-o", str((example_book / target).resolve()))
    assert result.exit_code == 2
    assert "won't build" in result.output
    assert tree(example_book) == before


def test_a_folder_goalbook_did_not_write_is_refused(example_book, tmp_path):
    elsewhere = tmp_path / "my-documents"
    elsewhere.mkdir()
    (elsewhere / "letter.txt").write_text("dear")
    result = run(example_book, "--no-pdf", "-o", str(elsewhere))
    assert result.exit_code == 2
    assert tree(elsewhere) == {"letter.txt": b"dear"}


def test_no_pdf_build_never_imports_weasyprint(example_book):
    probe = ("import sys; from goalbook.cli import run; sys.argv=['goalbook','-C',sys.argv[1],'build','--no-pdf',"
             "'--today','2026-11-22'];\ntry: run()\nexcept SystemExit: pass\nprint('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, str(example_book)], capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr


def test_check_and_help_never_import_weasyprint(example_book):
    for args in (["--help"], ["-C", str(example_book), "check", "--today", TODAY]):
        probe = (f"import sys; from goalbook.cli import run; sys.argv=['goalbook', *{args!r}]\n"
                 "try: run()\nexcept SystemExit: pass\nprint('weasyprint' in sys.modules, 'jinja2' in sys.modules)")
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


def test_pdf_is_reused_when_the_report_did_not_change(example_book):
    from datetime import date

    from goalbook.app.build import BuildOptions, build

    first = build(example_book, BuildOptions(today=date(2026, 11, 22)))
    assert first.pdf == "rendered"
    pdf = (example_book / "output" / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    second = build(example_book, BuildOptions(today=date(2026, 11, 22)))
    assert second.pdf == "unchanged"
    assert (example_book / "output" / "report.pdf").read_bytes() == pdf


def test_a_period_that_ends_before_it_starts_is_a_usage_error(built):
    before = tree(built / "output")
    result = run(built, "--no-pdf", "--since", "2026-12-01")
    assert result.exit_code == 2
    assert "period" in result.output and "Traceback" not in result.output
    assert tree(built / "output") == before


def test_an_unreadable_since_is_a_usage_error(built):
    assert run(built, "--no-pdf", "--since", "last-tuesday").exit_code == 2


def test_a_build_with_nothing_changed_writes_nothing(built):
    output = built / "output"
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*")}
    result = run(built, "--no-pdf")
    assert result.exit_code == 0 and "up to date" in result.output
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*")} == before


def test_a_changed_input_or_a_damaged_output_is_rebuilt(built):
    note = built / "content" / "checkins" / "2026-11-21.yaml"
    note.write_text(note.read_text().rstrip("\n") + "\nwin: A brand new win\n")
    assert "up to date" not in run(built, "--no-pdf").output
    assert b"A brand new win" in (built / "output" / "timeline.html").read_bytes()
    (built / "output" / "timeline.html").write_text("damaged")
    assert "up to date" not in run(built, "--no-pdf").output
    assert b"A brand new win" in (built / "output" / "timeline.html").read_bytes()
    assert "up to date" not in run(built, "--no-pdf", "--today", "2026-11-23").output


def test_a_report_for_a_past_period_shows_the_book_as_it_stood_then(built):
    (built / "content" / "checkins" / "2026-11-20-late.yaml").write_text(
        "date: 2026-11-20\nprogress: {meeting-anxiety: 9}\nwin: A November win that came later\n")
    result = run(built, "--no-pdf", "--since", "2026-10-01", "--until", "2026-10-31")
    assert result.exit_code == 0, result.output
    report = (built / "output" / "report.html").read_text()
    assert "A November win that came later" not in report
    assert "9 points" not in report                     # the later reading isn't 'now' in October
    assert "22 Nov 2026" in report                      # but the report says when it was made
