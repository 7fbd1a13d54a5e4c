"""The HTML site: rendered from the example book and hand-made books, parsed, checked."""
from __future__ import annotations

import posixpath
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from goalbook.model.snapshot import build_snapshot
from goalbook.app.check import check_project
from goalbook.render.environment import make_environment
from goalbook.render.site import render_site

from conftest import GOOD_GOAL, TODAY

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
ATTRIBUTION = ("PHQ-9 and GAD-7 were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
               "Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. "
               "No permission required to reproduce, translate, display or distribute.")


# --------------------------------------------------------------- parsing

class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, string: str | None = None,
                 **attrs) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (cls is None or cls in (n.attrs.get("class") or "").split())
                and (string is None or n.text() == string)
                and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def find(self, *args, **kw) -> "Node":
        found = self.find_all(*args, **kw)
        assert found, f"nothing matches {args} {kw}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: bytes | str) -> Node:
    builder = TreeBuilder()
    builder.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


# --------------------------------------------------------------- helpers

def render(root: Path, today: date = TODAY, **kw) -> tuple[dict[str, bytes], object]:
    result = check_project(root, today)
    snapshot = build_snapshot(result.book, result.diagnostics, today, **kw)
    return render_site(snapshot, root), snapshot


@pytest.fixture
def example_site(example_book):
    return render(example_book)


def links(doc: Node) -> list[tuple[str, str]]:
    return [(n.tag, n.attrs[a]) for n in doc.iter() for a in ("href", "src")
            if a in n.attrs and n.attrs[a] is not None]


def resolve(page: str, href: str) -> str:
    path = href.split("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page


def html_pages(files) -> dict[str, Node]:
    return {name: parse(data) for name, data in files.items() if name.endswith(".html")}


# ------------------------------------------------------- the example book

def test_every_goal_has_a_page(example_site):
    files, snapshot = example_site
    assert {"index.html", "timeline.html", "assets/site.css"} <= set(files)
    for view in snapshot.goals:
        doc = parse(files[f"goals/{view.id}.html"])
        assert doc.find("h1").text() == view.title
    assert len([f for f in files if f.startswith("goals/")]) == len(snapshot.goals) == 5


def test_all_links_are_relative_and_resolve(example_site):
    files, _ = example_site
    outside = {"report.html"}                               # written by the build next to the site
    for name, doc in html_pages(files).items():
        for tag, target in links(doc):
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I), (name, target)
            assert not target.startswith("/"), (name, target)
            path = resolve(name, target)
            assert path in files or path in outside, f"{name}: {target} -> {path}"
            if not target.startswith("#") and tag == "a":
                assert target.split("#")[0].endswith(".html"), target
        ids = {n.attrs["id"] for n in doc.iter() if "id" in n.attrs}
        for _, target in links(doc):
            if target.startswith("#"):
                assert target[1:] in ids


def test_no_external_urls_anywhere(example_site):
    files, _ = example_site
    for name, data in files.items():
        text = data.decode("utf-8")
        urls = set(re.findall(r"(?:https?:)?//[\w.-]+", text))
        assert urls <= {"http://www.w3.org"}, (name, urls)  # the SVG namespace only
        assert "<script" not in text and "@import" not in text and "url(" not in text


def test_page_head_is_safe_and_complete(example_site):
    files, _ = example_site
    for name, doc in html_pages(files).items():
        assert doc.find("html").attrs["lang"] == "en"
        assert doc.find("meta", charset="utf-8")
        csp = doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
        for directive in ("default-src 'none'", "base-uri 'none'", "form-action 'none'",
                          "img-src 'self' data:"):
            assert directive in csp
        assert "http" not in csp
        assert doc.find("meta", name="viewport")
        css = doc.find("link", rel="stylesheet").attrs["href"]
        assert resolve(name, css) == "assets/site.css"
        skip = doc.find("a", cls="skip-link")
        assert doc.find(id=skip.attrs["href"][1:]).tag == "main"
        nav = [a.text() for a in doc.find("nav").find_all("a")]
        assert nav == ["Dashboard", "Timeline", "Values", "Report"]


def test_dashboard_goals_in_priority_order_with_their_numbers(example_site):
    files, snapshot = example_site
    doc = parse(files["index.html"])
    rows = doc.find("ol", cls="goal-list").find_all("li", cls="goal-row")
    assert [r.find("a").attrs["href"] for r in rows] == [
        "goals/meeting-anxiety.html", "goals/phone-away.html", "goals/evening-walks.html"]
    words = {"ahead": "ahead", "on-track": "on track", "behind": "a little behind"}
    for row, view in zip(rows, snapshot.active):
        assert row.find("span", cls="badge").text() == words[view.standing]
        assert row.find("span", cls="pct").text() == f"{round(view.progress.progress * 100)}%"
        assert row.find("svg", cls="gb-sparkline")
        assert row.find("svg", cls="gb-bar")
    walks = rows[2].text()
    assert "3 walks in the week of 9 Nov" in walks and "target 3 walks a week" in walks
    assert "due 20 Dec 2026" in walks
    assert "4 points on 19 Nov" in rows[0].text()            # a level: the latest reading


def test_dashboard_gas_areas_and_since_last_session(example_site):
    files, snapshot = example_site
    doc = parse(files["index.html"])
    gas = doc.find("div", cls="gas")
    assert gas.find("span", cls="value").text() == "44.01"
    assert snapshot.gas.t_score == pytest.approx(44.01, abs=0.005)
    assert "outcomes you expected by their due dates (50)" in gas.text()
    areas = {r.find("th").text(): [td.text() for td in r.find_all("td")]
             for r in doc.find("table", cls="areas").find("tbody").find_all("tr")}
    assert areas == {"work/school": ["1", "1"], "mental health": ["1", "1"],
                     "physical health": ["1", "2"], "leisure": ["0", "1"]}
    since = doc.find("section", aria_labelledby="since-heading").text()
    assert "Session on 17 Nov 2026 with Maya Lindqvist" in since
    assert "5 check-ins, 8 values recorded" in since
    assert "Tell the family group chat" in since             # homework
    others = doc.find("ul", cls="other-goals").text()
    assert "achieved" in others and "set aside" in others


def test_questionnaires_with_attribution_wherever_scores_are_shown(example_site):
    files, _ = example_site
    index, timeline = parse(files["index.html"]), parse(files["timeline.html"])
    caption = index.find("figure", cls="q-card").find("figcaption").text()
    assert caption.startswith("GAD-7: latest 6 of 21 on 17 Nov 2026, mild")
    for doc in (index, timeline):
        assert doc.find("p", cls="attribution").text() == ATTRIBUTION
    assert "PHQ-9 6" in timeline.text()
    for name, doc in html_pages(files).items():
        if doc.find_all("p", cls="scores") or doc.find_all("figure", cls="q-card"):
            assert doc.find_all("p", cls="attribution"), name


def test_goal_page_card_chart_ladder_steps_and_checkins(example_site):
    files, snapshot = example_site
    doc = parse(files["goals/evening-walks.html"])
    card = {div.find("dt").text(): div.find("dd").text() for div in doc.find("dl", cls="smart").find_all("div")}
    assert card["Baseline → target"] == "0 walks → 3 walks a week"
    assert card["Start → due"] == "14 Sep 2026 → 20 Dec 2026"
    assert card["Partner"] == "Jo (my sister)" and card["Values"] == "health, calm"
    assert card["Review"] == "weekly" and card["Area"] == "physical health"
    chart = doc.find("figure", cls="chart")
    svgs = chart.find_all("svg", cls="gb-chart")
    assert len(svgs) == 2                                    # a wide and a narrow drawing
    assert svgs[0].find_all(cls="gb-expected") and svgs[0].find_all(cls="gb-target")
    ladder = doc.find("ol", cls="ladder").find_all("li")
    assert [li.find("span", cls="ladder-level").text() for li in ladder] == ["+2", "+1", "0", "-1", "-2"]
    assert [li.attrs.get("aria-current") for li in ladder] == [None, None, "true", None, None]
    steps = doc.find("ul", cls="steps").find_all("li")
    assert len(steps) == 4 and "done 16 Sep 2026" in steps[0].text()
    assert doc.find("ul", cls="revisions").text().startswith("20 Oct 2026 Target lowered")
    checkins = doc.find("ol", cls="checkins").find_all("li", cls="checkin")
    assert len(checkins) == len(snapshot.by_id["evening-walks"].checkins)
    assert checkins[0].find("span", cls="when").text() == "Fri 20 Nov 2026"
    notes = doc.find("section", aria_labelledby="notes-heading")
    assert notes.find("strong").text() == "Canal loop"       # Markdown rendered


def test_history_goals_are_kindly_worded(example_site):
    files, _ = example_site
    spin = parse(files["goals/morning-spin.html"])
    assert spin.find("span", cls="badge").text() == "set aside"
    assert "Set aside" in spin.find("p", cls="history-note").text()
    assert "wrong goal for this season" in spin.find("section", cls="reflection").text()
    assert not spin.find_all(string="Consistency")
    choir = parse(files["goals/choir-rehearsals.html"])
    assert choir.find("span", cls="badge").text() == "achieved"


def test_never_failed(book):
    """goalbook's own words never say "failed", whatever the state of the goals."""
    past_due = GOOD_GOAL.replace("due: 2027-01-31", "due: 2026-11-01")
    book.write("content/goals/dropped.yaml", GOOD_GOAL + "status: dropped\n")
    book.write("content/goals/missed.yaml", past_due + "status: achieved\n")
    book.write("content/goals/paused.yaml", GOOD_GOAL + "status: paused\n")
    files, snapshot = hand_made(book, past_due, **{"content__checkins__c.yaml": "".join(
        f"- {{date: 2026-{d}, progress: {{walks: 0, dropped: 0, missed: 0, paused: 0}}}}\n"
        for d in ("10-05", "10-12", "10-19", "11-02"))})
    assert snapshot.by_id["walks"].standing == "behind"
    for name, data in files.items():
        assert not re.search(r"fail", data.decode(), re.I), name
    page = parse(files["goals/walks.html"])
    assert page.find("span", cls="badge").text() == "behind plan"
    assert "not reached yet" in page.find("p", cls="history-note").text()
    assert "Paused" in parse(files["goals/paused.html"]).find("p", cls="history-note").text()


def test_same_input_gives_identical_bytes(example_book):
    first, _ = render(example_book)
    second, _ = render(example_book)
    assert first == second


# ------------------------------------------------------- hand-made books

HOSTILE = """\
---
date: 2026-11-20
goal: walks
value: 2
---
Hello <script>alert(1)</script> there <img src=x onerror=alert(1)>
<iframe src="https://evil.example/"></iframe>
![tracker](https://evil.example/pixel.png) ![local](file:///etc/passwd)
[a safe link](https://example.org/a) and [bad](javascript:alert(2))
<a href="#" onclick="alert(3)">click</a> <style>body{display:none}</style>
"""


def hand_made(book, goal=GOOD_GOAL, **files):
    book.write("content/goals/walks.yaml", goal)
    for name, text in files.items():
        book.write(name.replace("__", "/"), text)
    return render(book.root)


def test_hostile_note_comes_out_inert(book):
    files, _ = hand_made(book, **{"content__checkins__hostile.md": HOSTILE})
    for name in ("goals/walks.html", "timeline.html"):
        text = files[name].decode()
        doc = parse(text)
        assert not doc.find_all("script") and not doc.find_all("iframe") and not doc.find_all("img")
        assert not any(k.startswith("on") for n in doc.iter() for k in n.attrs), name
        assert "javascript:" not in text and "evil.example" not in text and "file:///" not in text
        note = doc.find("div", cls="note")
        assert "Hello" in note.text() and "there" in note.text() and "alert(1)" not in note.text()
        safe = note.find("a", href="https://example.org/a")
        assert safe.attrs["rel"] == "noopener noreferrer"
        external = [t for _, t in links(doc) if t.startswith("http")]
        assert external == ["https://example.org/a"]         # the sanitised user link only


def test_user_text_is_escaped_everywhere(book):
    goal = GOOD_GOAL.replace("Walk for 30 minutes", "Walk <b>for</b> 30 minutes") \
        .replace("why: Walking clears my head.", "why: \"<script>alert('why')</script>\"")
    files, _ = hand_made(book, goal, **{"content__checkins__c.yaml": (
        "date: 2026-11-20\ngoal: walks\nvalue: 1\nwin: <img src=x onerror=alert(1)>\n")})
    for name in ("index.html", "goals/walks.html", "timeline.html"):
        text = files[name].decode()
        assert "<b>for</b>" not in text and "<script>" not in text and "<img" not in text
    doc = parse(files["goals/walks.html"])
    assert doc.find("h1").text() == "Walk <b>for</b> 30 minutes on three evenings a week"
    assert "<img src=x onerror=alert(1)>" in doc.find("p", cls="win").text()


def test_private_goal_and_checkin_are_marked(book):
    goal = GOOD_GOAL + "private: true\n"
    files, _ = hand_made(book, goal, **{"content__checkins__c.yaml": (
        "date: 2026-11-20\ngoal: walks\nvalue: 1\nprivate: true\nnote: just for me\n")})
    page = parse(files["goals/walks.html"])
    marks = page.find_all("span", cls="private-mark")
    assert len(marks) == 2 and marks[0].text() == "private — not in the report"
    assert parse(files["index.html"]).find("li", cls="goal-row").find("span", cls="private-mark")
    assert parse(files["timeline.html"]).find("span", cls="private-mark")
    assert "just for me" in page.text()                      # the site shows everything


def test_item9_prompt_with_safety_note(book):
    files, _ = hand_made(book, **{
        "goalbook.yaml": "therapist: Maya\nsafety:\n  note: Call Sam's crisis line on 0800 123.\n",
        "content__checkins__q.yaml": "date: 2026-11-20\nmeasures:\n  phq9: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"})
    notice = parse(files["index.html"]).find("section", cls="notice-safety")
    assert "question 9" in notice.text() and "Maya" in notice.text()
    assert notice.find("p", cls="safety-note").text() == "Call Sam's crisis line on 0800 123."
    assert parse(files["index.html"]).find("p", cls="attribution").text() == ATTRIBUTION


def test_no_alert_without_item9(book):
    files, _ = hand_made(book, **{
        "content__checkins__q.yaml": "date: 2026-11-20\nmeasures:\n  phq9: 9\n  gad7: 3\n"})
    doc = parse(files["index.html"])
    assert not doc.find_all("section", cls="notice-safety")
    assert doc.find("p", cls="attribution")


def test_suggestions_on_their_goal_and_the_rest_on_the_dashboard(book):
    from goalbook.diagnostics import Diagnostic

    book.write("content/goals/walks.yaml", GOOD_GOAL.replace("why: Walking clears my head.\n", "")
               .replace("values: [health]\n", ""))
    result = book.check()
    extra = Diagnostic("content/checkins/x.yaml", 4, 2, "warning", "T504", "a <b>book</b> note", "a hint")
    snapshot = build_snapshot(result.book, result.diagnostics + [extra], TODAY)
    files = render_site(snapshot, book.root)
    page = parse(files["goals/walks.html"]).find("section", cls="suggestions")
    assert "R401" in page.text() and "book</b> note" not in page.text()
    index = parse(files["index.html"]).find("section", cls="suggestions")
    assert "a <b>book</b> note" in index.text() and "content/checkins/x.yaml:4" in index.text()
    assert "R401" not in index.text()


def test_goal_without_checkins_or_measure(book):
    goal = "title: Call one friend every weekend to catch up\narea: relationships\n"
    files, snapshot = hand_made(book, goal)
    doc = parse(files["goals/walks.html"])
    assert "No check-ins yet" in doc.find("section", aria_labelledby="checkins-heading").text()
    assert not doc.find_all("svg", cls="gb-chart")
    row = parse(files["index.html"]).find("li", cls="goal-row")
    assert "no measure yet" in row.text() and "not enough data yet" in row.text()
    assert "Nothing here yet" in parse(files["timeline.html"]).find("main").text()


def test_empty_book_renders(book):
    files, _ = render(book.root)
    doc = parse(files["index.html"])
    assert "No active goals right now" in doc.text()
    assert set(files) == {"index.html", "timeline.html", "values.html", "assets/site.css"}


def test_timeline_is_newest_first_with_sessions(example_site):
    files, snapshot = example_site
    doc = parse(files["timeline.html"])
    # timeline.html shows the two most recent months in full; every month has a page of its own.
    pages = [parse(files[f"timeline/2026-{m}.html"]) for m in ("11", "10", "09")]
    items = [i for page in pages for i in page.find_all("li", cls="tl-item")]
    assert len(items) == len(snapshot.checkins) + len(snapshot.sessions)
    heads = [i.find("span", cls="when").text() for i in items]
    assert heads[0] == "Sat 21 Nov 2026" and heads[-1] == "Sun 20 Sep 2026"
    recent = [i.find("span", cls="when").text() for i in doc.find_all("li", cls="tl-item")]
    assert recent == [h for h in heads if not h.endswith("Sep 2026")]
    months = [h.text() for h in doc.find_all("h2") if h.text() not in ("Mood", "Earlier months")]
    assert months == ["November 2026", "October 2026"]
    earlier = doc.find("ul", cls="month-links").find("a")
    assert earlier.text() == "September 2026" and earlier.attrs["href"] == "timeline/2026-09.html"
    session = doc.find("li", cls="tl-session")
    assert "Session with Maya Lindqvist" in session.find("h3").text()
    assert session.find("ul", cls="homework")


# ------------------------------------------------------------ templates

def test_user_template_overrides_builtin(book):
    book.write("templates/timeline.html", "{% extends 'base.html' %}{% block main %}<p id=mine>"
               "{{ snapshot.settings.title }}</p>{% endblock %}")
    book.write("templates/assets/site.css", "body { color: black; }\n")
    files, _ = hand_made(book)
    assert parse(files["timeline.html"]).find("p", id="mine").text() == "My goalbook"
    assert files["assets/site.css"] == b"body { color: black; }\n"
    assert parse(files["index.html"]).find("ol", cls="goal-list")   # the others are built in


def test_strict_undefined_in_a_user_template(book):
    book.write("templates/index.html", "{{ snapshot.no_such_thing }}")
    with pytest.raises(jinja2.UndefinedError):
        hand_made(book)


def test_environment_escapes_and_formats():
    env = make_environment(None)
    out = env.from_string("{{ x }}|{{ d|date }}|{{ d|weekday }}|{{ 2.50|num }}|{{ 0.666|pct }}|"
                          "{{ none|pct }}|{{ 'on-track'|standing }}|{{ 'dropped'|status }}|{{ -2|signed }}").render(
        x="<b>", d=date(2026, 11, 3))
    assert out == "&lt;b&gt;|3 Nov 2026|Tue 3 Nov 2026|2.5|67%|–|on track|set aside|−2"
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined


def test_build_command_writes_the_same_site(example_book):
    """Through the lead's pipeline: `goalbook build --no-pdf` publishes exactly these pages."""
    from click.testing import CliRunner

    from goalbook.cli import main

    run = CliRunner().invoke(main, ["-C", str(example_book), "build", "--no-pdf",
                                    "--today", TODAY.isoformat()])
    assert run.exit_code == 0, run.output
    files, _ = render(example_book)
    out = example_book / "output"
    for name, data in files.items():
        assert (out / name).read_bytes() == data, name
    index = parse((out / "index.html").read_bytes())
    assert resolve("index.html", index.find("a", string="Report").attrs["href"]) == "report.html"
    assert (out / "report.html").is_file()


@pytest.mark.parametrize("value, unit, text", [
    (1, "walks", "1 walk"), (2, "walks", "2 walks"), (1, "glasses", "1 glass"),
    (1, "minutes", "1 minute"), (1, "km", "1 km"), (1.5, "hours", "1.5 hours"),
    (1, "status", "1 status"), (3, None, "3"), (None, "walks", "–"), (1, "times a day", "1 times a day"),
])
def test_values_with_units(value, unit, text):
    from goalbook.vocabulary import with_unit

    assert with_unit(value, unit) == text


def test_a_goal_set_aside_without_reflection_gets_a_gentle_invitation(book):
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.site import render_site

    book.write("content/goals/spin.yaml", "title: Go to the spin class three mornings a week\nstatus: dropped\n")
    book.write("content/goals/walks.yaml", "title: Walk three evenings a week\nstatus: dropped\n"
               "reflection: Evenings were too full this autumn.\n")
    result = book.check(TODAY)
    pages = render_site(build_snapshot(result.book, result.diagnostics, TODAY), book.root)
    assert b"what this goal taught you" in pages["goals/spin.html"]
    assert b"what this goal taught you" not in pages["goals/walks.html"]
    assert b"Evenings were too full" in pages["goals/walks.html"]
    assert not [d for d in result.diagnostics if d.path.endswith("spin.yaml")]   # a hint, never a diagnostic


def test_timeline_lines_of_a_checkin(book):
    """Each value and level is one line: the goal's title linked (its id, unlinked, for a goal
    the book doesn't have), the value with its unit, and the note written for that goal."""
    files, _ = hand_made(book, **{"content__checkins__c.yaml": (
        "date: 2026-11-20\nprogress:\n  walks: {value: 1, note: by the <river>}\n  swims: 2.5\n"
        "levels:\n  calmer: -1\nmood: 6\n")})
    month = parse(files["timeline/2026-11.html"])
    lines = [li for li in month.find("ul", cls="values").find_all("li")]
    assert [li.text() for li in lines] == [
        "Walk for 30 minutes on three evenings a week: 1 walk — by the <river>",
        "swims: 2.5", "calmer: level -1", "Mood 6 out of 10"]
    assert lines[0].find("a").attrs["href"] == "../goals/walks.html"
    assert not lines[1].find_all("a") and not lines[2].find_all("a")
    assert lines[0].find("span", cls="goal-note").text() == "— by the <river>"
    assert b"\xe2\x80\x94 by the &lt;river&gt;</span>" in files["timeline/2026-11.html"]
