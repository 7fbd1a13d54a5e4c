"""`goalbook share PARTNER`: only what the allow-list lets through, in the HTML and the PDF.

The canary book gives every text a marker of its own (`zq…`); the test knows
which partner may see which marker, builds every partner's share, and reads
the HTML and the PDF's text back.
"""
from __future__ import annotations

import os
import re
import tempfile
from datetime import date, timedelta
from io import BytesIO
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PasswordType, PdfReader
from pypdf.errors import FileNotDecryptedError

from conftest import TODAY, Book, files_in
from goalbook.cli import main
from goalbook.errors import GoalbookError
from goalbook.model.snapshot import build_snapshot
from goalbook.app.check import check_project
from goalbook.render.share import SharedGoal, partner_slug, render_share_html, share_view

MARKER = re.compile(r"zq[a-z0-9]+")
MEASURE = """\
start: 2026-09-01
due: 2027-01-31
measure: {what: zqmeasurewhat, unit: times, per: week, baseline: 0, target: 3, min: 0, max: 10}
"""


def canary_book(root: Path) -> tuple[Book, dict[str, set[str]]]:
    """A book whose every text carries a marker; and who may see which marker."""
    b = Book(root)
    b.write("goalbook.yaml", """\
        title: zqbooktitle
        owner: zqowner
        therapist: zqtherapist
        values: [zqvalue]
        safety: {note: zqsafetynote}
        """)
    b.write("content/goals/walks.md", "---\n" + MEASURE + """\
title: Walk zqwalkstitle on three evenings a week
partner: Jo Lee
share: [wins, why, notes]
why: zqwalkswhy
area: zqwalksarea
values: [zqvalue]
steps:
  - {title: zqwalksstepdone, done: 2026-10-02}
  - {title: zqwalksstepopen, due: 2026-12-01}
revisions:
  - {date: 2026-10-20, change: zqwalksrevision, why: zqwalksrevisionwhy}
scale:
  0: {text: zqwalksscale}
checkins:
  - {date: 2026-11-02, value: 2, win: zqwalksinlinewin, note: zqwalksinlinenote, obstacle: zqwalksinlineobstacle, discuss: zqwalksinlinediscuss, mood: 3}
  - {date: 2026-11-04, value: 1, private: true, win: zqwalksprivatewin, note: zqwalksprivatenote}
---
zqwalksnotes, in **Markdown**.
""")
    b.write("content/goals/calls.yaml", MEASURE + """\
title: Call zqcallstitle every Sunday afternoon
partner: jo LEE
share: why
why: zqcallswhy
reflection: zqcallsreflection
notes: zqcallsnotes
status: dropped
checkins:
  - {date: 2026-10-11, value: 1, win: zqcallswin, note: zqcallsnote}
""")
    b.write("content/goals/secret.yaml", MEASURE + """\
title: Secret zqsecrettitle goal of mine
partner: Jo Lee
private: true
share: [wins, why, notes]
why: zqsecretwhy
notes: zqsecretnotes
steps: [{title: zqsecretstep, done: 2026-10-01}]
checkins:
  - {date: 2026-11-03, value: 1, win: zqsecretwin, note: zqsecretnote}
""")
    b.write("content/goals/choir.yaml", MEASURE + """\
title: Sing zqchoirtitle with the choir each week
partner: Ben
share: [wins, notes]
why: zqchoirwhy
notes: zqchoirnotes
checkins:
  - {date: 2026-11-05, value: 1, win: zqchoirwin, note: zqchoirnote}
""")
    b.write("content/goals/solo.yaml", MEASURE + "title: Read zqsolotitle for twenty minutes a day\n")
    b.write("content/checkins/2026-11-10.md", """\
        ---
        date: 2026-11-10
        goal: walks
        value: 3
        win: zqfilewin
        obstacle: zqfileobstacle
        discuss: zqfilediscuss
        mood: 8
        measures: {phq9: [1, 1, 1, 1, 1, 1, 1, 1, 2], gad7: 9}
        ---
        zqfilenote
        """)
    b.write("content/checkins/2026-11-12.yaml", """\
        - {date: 2026-11-12, progress: {walks: 1, secret: 1}, win: zqmixedprivatewin, note: zqmixedprivatenote}
        - {date: 2026-11-13, progress: {walks: 1, choir: 1}, win: zqmixedotherwin, note: zqmixedothernote}
        - {date: 2026-11-14, progress: {walks: 1, calls: 1}, win: zqmixedjowin, note: zqmixedjonote}
        - {date: 2026-11-15, progress: {walks: 1}, private: true, win: zqprivatefilewin, note: zqprivatefilenote, obstacle: zqprivatefileobstacle}
        - {date: 2026-11-16, mood: 2, note: zqjournalnote, measures: {phq9: 14}}
        """)
    b.write("content/sessions/2026-11-17.md", """\
        ---
        date: 2026-11-17
        with: zqsessionwith
        homework: [zqhomework]
        ---
        zqsessionnotes
        """)
    jo = {"zqwalkstitle", "zqwalkswhy", "zqwalksnotes", "zqwalksstepdone", "zqwalksinlinewin",
          "zqwalksinlinenote", "zqfilewin", "zqfilenote", "zqcallstitle", "zqcallswhy"}
    return b, {"Jo Lee": jo, "Ben": {"zqchoirtitle", "zqchoirwin", "zqchoirnote", "zqchoirnotes"}}


def share(root: Path, *args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(main, ["-C", str(root), "share", *args, "--today", TODAY.isoformat()],
                              env=env, input=input)


def html_and_pdf_text(root: Path, slug: str, password: str | None = None) -> tuple[str, str]:
    folder = root / "output" / "share" / slug
    reader = PdfReader(BytesIO((folder / f"{slug}.pdf").read_bytes()))
    if password is not None:
        reader.decrypt(password)
    text = " ".join(page.extract_text() for page in reader.pages)
    return (folder / "index.html").read_text(encoding="utf-8"), text


@pytest.fixture(scope="module")
def canary(tmp_path_factory):
    root = tmp_path_factory.mktemp("canary") / "book"
    book, allowed = canary_book(root)
    shares = {}
    for partner in allowed:
        result = share(root, partner)
        assert result.exit_code == 0, result.output
        shares[partner] = html_and_pdf_text(root, partner_slug(partner))
    return root, allowed, shares


@pytest.mark.parametrize("partner", ["Jo Lee", "Ben"])
@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_only_allowed_markers_reach_the_share(canary, partner, kind):
    root, allowed, shares = canary
    text = shares[partner][0 if kind == "html" else 1]
    assert set(MARKER.findall(text)) == allowed[partner]


@pytest.mark.parametrize("partner", ["Jo Lee", "Ben"])
def test_no_questionnaire_mood_or_safety_words(canary, partner):
    for text in canary[2][partner]:
        for word in ("PHQ", "GAD", "mood", "question 9", "crisis", "session", "homework", "obstacle",
                     "discuss", "reflection", "private"):
            assert word.lower() not in text.lower(), word


def test_the_share_says_where_each_goal_stands(canary):
    html, pdf = canary[2]["Jo Lee"]
    assert "Goals shared with Jo Lee" in html and "Goals shared with Jo Lee" in pdf
    assert "Set aside" in html                            # the dropped goal
    assert "Ahead of plan</strong> · target reached" in html
    assert "1 of 2 done" in html                          # steps: how many, and only the done one named
    assert "November 2026:</span> 2, 10, 12, 13, 14" in html     # check-in dates, not the private ones
    assert "<strong>Markdown</strong>" in html            # the goal's notes, as Markdown
    assert "<script" not in html and not re.search(r"(href|src)=", html)      # nothing to fetch


def test_the_share_has_its_own_folder_and_stylesheet(canary):
    root = canary[0]
    assert sorted(files_in(root / "output" / "share" / "jo-lee")) == [
        ".goalbook-manifest.json", ".goalbook-output", "index.html", "jo-lee.pdf"]
    html = (root / "output" / "share" / "jo-lee" / "index.html").read_text()
    assert "<style" in html and 'href="' not in html      # stands alone: no link to the site


def test_the_view_model_holds_only_allow_listed_fields(canary):
    root = canary[0]
    result = check_project(root, TODAY)
    view = share_view(build_snapshot(result.book, result.diagnostics, TODAY), "JO LEE")
    walks, calls = view.goals
    assert walks.key == "goal-1" and "'walks'" not in repr(view) and ".md" not in repr(view)   # no ids, no files
    assert {f.name for f in fields(SharedGoal)} == {
        "key", "title", "status", "standing", "progress", "chart", "steps_done", "steps_total",
        "checkin_dates", "why", "notes", "wins", "checkin_notes"}
    assert only_plain_values(view)            # copies, never the snapshot's own objects
    assert [w.text for w in walks.wins] == ["zqwalksinlinewin", "zqfilewin"]
    assert date(2026, 11, 4) not in walks.checkin_dates and date(2026, 11, 15) not in walks.checkin_dates
    assert calls.why == "zqcallswhy" and calls.notes is None and calls.wins == ()
    assert calls.standing == "dropped"


def only_plain_values(value) -> bool:
    if is_dataclass(value):
        return type(value).__module__ == "goalbook.render.share" and all(
            only_plain_values(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, tuple):
        return all(only_plain_values(v) for v in value)
    return value is None or isinstance(value, (str, int, float, date))


# -- a property: random small books --------------------------------------------------

PARTNERS = ["Ana", "ana", "Bo", None]


@st.composite
def books(draw):
    n = draw(st.integers(1, 4))
    goals = [{"partner": draw(st.sampled_from(PARTNERS)), "private": draw(st.booleans()),
              "share": draw(st.lists(st.sampled_from(["wins", "why", "notes"]), unique=True, max_size=3)),
              "status": draw(st.sampled_from(["active", "paused", "achieved", "dropped"]))} for _ in range(n)]
    checkins = [{"goals": draw(st.lists(st.integers(0, n - 1), unique=True, max_size=3)),
                 "private": draw(st.booleans()), "day": draw(st.integers(0, 60))}
                for _ in range(draw(st.integers(0, 6)))]
    return goals, checkins


def write_book(root: Path, goals, checkins) -> dict[str, set[str]]:
    """Write the book; return, per partner key, the markers its share must show."""
    b = Book(root)
    b.write("goalbook.yaml", "owner: zqowner\nsafety: {note: zqsafety}\n")
    expected: dict[str, set[str]] = {"ana": set(), "bo": set()}
    visible = {}
    for i, g in enumerate(goals):
        lines = [MEASURE.rstrip("\n"), f"title: Goal zqtitle{i} done each week", f"status: {g['status']}",
                 f"why: zqwhy{i}", f"notes: zqnotes{i}", f"reflection: zqreflection{i}",
                 f"private: {str(g['private']).lower()}", f"share: [{', '.join(g['share'])}]"]
        if g["partner"]:
            lines.append(f"partner: {g['partner']}")
        b.write(f"content/goals/g{i}.yaml", "\n".join(lines) + "\n")
        key = g["partner"].lower() if g["partner"] else None
        if key and not g["private"]:
            visible[i] = (key, set(g["share"]))
            expected[key] |= {f"zqtitle{i}"} | {f"zq{k}{i}" for k in ("why", "notes") if k in g["share"]}
    items = []
    for j, c in enumerate(checkins):
        day = date(2026, 9, 20) + timedelta(days=c["day"])
        progress = ", ".join(f"g{i}: 1" for i in c["goals"])
        items.append(f"- {{date: {day}, progress: {{{progress}}}, private: {str(c['private']).lower()}, "
                     f"win: zqwin{j}, note: zqnote{j}, obstacle: zqobstacle{j}, discuss: zqdiscuss{j}, "
                     f"mood: 5, measures: {{phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1]}}}}")
        if c["private"] or not c["goals"] or any(i not in visible for i in c["goals"]):
            continue                    # a private check-in, or one about a goal this share can't show
        owners = {visible[i][0] for i in c["goals"]}
        if len(owners) != 1:
            continue                    # about two partners' goals
        for kind, marker in (("wins", f"zqwin{j}"), ("notes", f"zqnote{j}")):
            if all(kind in visible[i][1] for i in c["goals"]):
                expected[next(iter(owners))].add(marker)
    if items:
        b.write("content/checkins/all.yaml", "\n".join(items) + "\n")
    b.write("content/sessions/s.yaml", "date: 2026-11-01\nwith: zqsession\nhomework: [zqhomework]\nnotes: zqsessionnotes\n")
    return expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_random_books_share_exactly_the_allowed_markers(book_spec):
    goals, checkins = book_spec
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "book"
        expected = write_book(root, goals, checkins)
        result = check_project(root, TODAY)
        assert result.errors == 0, [d.message for d in result.diagnostics if d.severity == "error"]
        snapshot = build_snapshot(result.book, result.diagnostics, TODAY)
        for partner, wanted in expected.items():
            asked = partner.upper() if partner == "ana" else partner
            if not any(m.startswith("zqtitle") for m in wanted):      # no goal to show
                with pytest.raises(GoalbookError) as err:
                    share_view(snapshot, asked)
                assert err.value.exit_status == 2
                continue
            html = render_share_html(share_view(snapshot, asked), root)
            assert set(MARKER.findall(html)) == wanted


# -- partners ------------------------------------------------------------------------

def test_an_unknown_partner_is_exit_2_with_the_names_that_exist(canary):
    result = share(canary[0], "Maya")
    assert result.exit_code == 2
    assert "no goal names 'Maya'" in result.output
    assert "'Ben', 'Jo Lee'" in result.output and "Traceback" not in result.output


def test_a_partner_of_private_goals_only_gets_nothing(tmp_path):
    b = Book(tmp_path / "book")
    b.write("content/goals/secret.yaml", MEASURE + "title: A goal zqsecret of mine each week\npartner: Kim\nprivate: true\n")
    result = share(b.root, "kim")
    assert result.exit_code == 2 and "private" in result.output
    assert not (b.root / "output").exists()


def test_the_partner_may_be_given_as_written_in_any_case_or_as_the_folder_name(tmp_path):
    b = Book(tmp_path / "book")
    b.write("content/goals/walks.yaml", MEASURE + "title: Walk every evening after work\npartner: Jo (my sister)\n")
    for given in ("jo (MY  sister)", "jo-my-sister"):
        result = share(b.root, given)
        assert result.exit_code == 0, result.output
        assert "Shared 1 goal with Jo (my sister) in output/share/jo-my-sister/" in result.output
    assert partner_slug("Zoë Ødegård") == "zoe-odegard" and partner_slug("Юля").startswith("partner-")


def test_a_book_with_errors_shares_nothing(tmp_path):
    b = Book(tmp_path / "book")
    b.write("content/goals/walks.yaml", MEASURE + "title: Walk every evening after work\npartner: Jo\nshare: [wins, mood]\n")
    result = share(b.root, "Jo")
    assert result.exit_code == 1
    assert "GB003" in result.output and "'wins', 'why' or 'notes'" in result.output
    assert not (b.root / "output").exists()


# -- encryption ----------------------------------------------------------------------

def encryption(pdf: bytes) -> PdfReader:
    reader = PdfReader(BytesIO(pdf))
    assert reader.is_encrypted
    enc = reader.trailer["/Encrypt"].get_object()
    assert (enc["/V"], enc["/R"]) == (5, 6)                 # AES-256
    return reader


@pytest.mark.parametrize("how", ["environment", "prompt"])
def test_password_encrypts_the_pdf_with_aes_256(canary, how, tmp_path):
    root = canary[0]
    if how == "environment":
        result = share(root, "Ben", env={"GOALBOOK_SHARE_PASSWORD": "tenor sax"})
    else:
        result = share(root, "Ben", "--password", input="tenor sax\ntenor sax\n")
    assert result.exit_code == 0, result.output
    assert "opens only with the password" in result.output
    pdf = (root / "output" / "share" / "ben" / "ben.pdf").read_bytes()
    reader = encryption(pdf)
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert PdfReader(BytesIO(pdf)).decrypt("wrong") == PasswordType.NOT_DECRYPTED
    assert PdfReader(BytesIO(pdf)).decrypt("tenor sax") == PasswordType.USER_PASSWORD
    assert "zqchoirtitle" not in pdf.decode("latin-1")
    html, text = html_and_pdf_text(root, "ben", password="tenor sax")
    assert set(MARKER.findall(text)) == canary[1]["Ben"]
    assert share(root, "Ben").exit_code == 0                # without a password again: plain
    assert not PdfReader(BytesIO((root / "output" / "share" / "ben" / "ben.pdf").read_bytes())).is_encrypted


def test_an_empty_password_is_refused(canary):
    before = files_in(canary[0] / "output" / "share")
    result = share(canary[0], "Ben", "--password", env={"GOALBOOK_SHARE_PASSWORD": ""})
    assert result.exit_code == 2 and "can't be empty" in result.output
    assert files_in(canary[0] / "output" / "share") == before


# -- publishing ----------------------------------------------------------------------

def build(root: Path):
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--no-pdf", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output


def test_a_later_build_keeps_the_share(tmp_path):
    root = tmp_path / "book"
    canary_book(root)
    build(root)
    assert share(root, "Ben").exit_code == 0
    kept = files_in(root / "output" / "share")
    (root / "content" / "checkins" / "2026-11-20.yaml").write_text("date: 2026-11-20\ngoal: walks\nvalue: 2\n")
    build(root)                                               # a real rebuild: the site changes
    assert files_in(root / "output" / "share") == kept
    site = (root / "output" / "index.html").read_text()
    assert "share/" not in site                               # the site never links to it


def test_a_share_before_any_build_lets_the_build_follow(tmp_path):
    root = tmp_path / "book"
    canary_book(root)
    assert share(root, "Ben").exit_code == 0
    build(root)
    assert (root / "output" / "index.html").is_file()
    assert (root / "output" / "share" / "ben" / "ben.pdf").is_file()


def test_a_share_replaces_its_previous_version_in_one_step(tmp_path):
    root = tmp_path / "book"
    canary_book(root)
    assert share(root, "Ben").exit_code == 0
    (root / "output" / "share" / "ben" / "my-own-note.txt").write_text("mine")
    path = root / "content" / "goals" / "choir.yaml"
    path.write_text(path.read_text().replace("zqchoirtitle", "zqchoirrenamed"))
    assert share(root, "Ben").exit_code == 0
    html = (root / "output" / "share" / "ben" / "index.html").read_text()
    assert "zqchoirrenamed" in html and "zqchoirtitle" not in html
    assert (root / "output" / "share" / "ben" / "my-own-note.txt").read_text() == "mine"
    assert not [p for p in (root / "output" / "share").iterdir() if p.name.startswith(".goalbook")]


def test_the_share_refuses_an_output_folder_goalbook_did_not_write(tmp_path):
    root = tmp_path / "book"
    canary_book(root)
    (root / "output").mkdir()
    (root / "output" / "thesis.docx").write_text("not goalbook's")
    result = share(root, "Ben")
    assert result.exit_code == 2 and "didn't write" in result.output
    assert sorted(p.name for p in (root / "output").iterdir()) == ["thesis.docx"]


def test_same_book_in_two_folders_gives_the_same_share(tmp_path):
    pages = []
    for name in ("one", "two"):
        root = tmp_path / name / "book"
        canary_book(root)
        assert share(root, "Ben").exit_code == 0
        pages.append(files_in(root / "output" / "share" / "ben"))
    assert pages[0]["index.html"] == pages[1]["index.html"]
    assert pages[0]["ben.pdf"] == pages[1]["ben.pdf"]


def test_a_template_of_ones_own_gets_only_the_share(tmp_path):
    root = tmp_path / "book"
    book, _ = canary_book(root)
    book.write("templates/share/index.html", "<p>{{ snapshot.settings.owner }}</p>\n")
    result = share(root, "Ben")
    assert result.exit_code == 1 and "template" in result.output and "Traceback" not in result.output
    assert not (root / "output" / "share").exists()
    book.write("templates/share/index.html", "<p>For {{ share.partner }}: {{ share.goals|length }}</p>\n")
    assert share(root, "Ben").exit_code == 0
    assert (root / "output" / "share" / "ben" / "index.html").read_text() == "<p>For Ben: 1</p>\n"
