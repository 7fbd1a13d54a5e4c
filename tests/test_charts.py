"""Tests for the server-side SVG charts (goalbook.render.charts)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from goalbook.render.charts import (bands_chart, mood_chart, progress_bar, progress_chart,
                                    sparkline, text_summary)
from goalbook.render.svg import date_ticks, nice_range, num

NS = "{http://www.w3.org/2000/svg}"
D = date
WALKS = [(D(2026, 10, 6), 1), (D(2026, 10, 13), 0), (D(2026, 10, 20), 2),
         (D(2026, 10, 27), 3), (D(2026, 11, 16), 3), (D(2026, 11, 3), 4)]
PHQ_BANDS = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"),
             (15, 19, "moderately severe"), (20, 27, "severe")]


def progress(points=WALKS, **kw):
    args = dict(start=D(2026, 10, 1), due=D(2026, 12, 31), baseline=0, target=5,
                unit="walks", title="Evening walks", id_prefix="g-walks",
                today=D(2026, 11, 20))
    args.update(kw)
    return progress_chart(points, **args)


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == NS + "svg"
    return root


PAIR = re.compile(r"[ML](-?[\d.]+) (-?[\d.]+)")


def points_of(root) -> list[tuple[float, float]]:
    """Every value drawn: the dots of the one `gb-points` path and the marker on the latest."""
    out = []
    for e in root.iter():
        classes = (e.get("class") or "").split()
        if "gb-points" in classes:
            out += [(float(x), float(y)) for x, y in re.findall(r"M(-?[\d.]+) (-?[\d.]+)h0", e.get("d"))]
        if "gb-last" in classes:
            out.append((float(e.get("cx")), float(e.get("cy"))))
    return out


def summary_of(root) -> str:
    """The chart's summary: its text alternative after the title."""
    return re.split(r"[:.] ", root.find(NS + "title").text, maxsplit=1)[1]


def check_accessible(root, prefix, title):
    assert root.get("role") == "img"
    t = root.find(NS + "title")
    assert t is not None and t.text == root.get("aria-label")
    assert t.text.startswith(title + ": ")
    assert summary_of(root).strip()


def target_y(root) -> float:
    (target,) = [e for e in root.iter() if e.get("class") == "gb-target"]
    return float(PAIR.match(target.get("d")).group(2))


def check_in_viewbox(root):
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    for e in root.iter():
        for a in ("x", "x1", "x2", "cx"):
            if e.get(a) is not None:
                assert -0.01 <= float(e.get(a)) <= w + 0.01, (e.tag, a, e.get(a))
        for a in ("y", "y1", "y2", "cy"):
            if e.get(a) is not None:
                assert -0.01 <= float(e.get(a)) <= h + 0.01, (e.tag, a, e.get(a))
        for x, y in PAIR.findall(e.get("d") or ""):
            assert -0.01 <= float(x) <= w + 0.01 and -0.01 <= float(y) <= h + 0.01, (e.tag, x, y)
        if e.get("points"):
            for pair in e.get("points").split():
                x, y = (float(v) for v in pair.split(","))
                assert -0.01 <= x <= w + 0.01 and -0.01 <= y <= h + 0.01, pair
        if e.tag == NS + "rect":
            assert float(e.get("x")) + float(e.get("width")) <= w + 0.01
            assert float(e.get("y")) + float(e.get("height")) <= h + 0.01


def all_samples():
    return {
        "progress": progress(),
        "progress_empty": progress([]),
        "progress_one": progress_chart([(D(2026, 11, 2), 3)], start=None, due=None,
                                       baseline=None, target=None, unit=None,
                                       title="One", id_prefix="one"),
        "progress_years": progress([(D(2025, 11, 1) + timedelta(days=30 * i), 8 - i * 0.37)
                                    for i in range(16)], start=D(2025, 11, 1),
                                   due=D(2027, 3, 1), baseline=8, target=2, unit="0–10",
                                   y_min=0, y_max=10, today=D(2027, 1, 10)),
        "mood": mood_chart([(D(2026, 10, 1) + timedelta(days=3 * i), v)
                            for i, v in enumerate([5, 6, 4, 6, 7, 6, 8, 7.5])],
                           title="Mood", id_prefix="mood"),
        "bands": bands_chart([(D(2026, 9, 1), 16), (D(2026, 9, 15), 14), (D(2026, 10, 1), 11),
                              (D(2026, 10, 15), 9), (D(2026, 11, 1), 7)], bands=PHQ_BANDS,
                             max_value=27, title="PHQ-9", id_prefix="phq9"),
        "sparkline": sparkline([1, 0, 2, 3, 2, 4, 3], title="Walks", id_prefix="sp", target=5),
        "bar": progress_bar(0.6, label="Evening walks"),
    }


# --- progress chart -------------------------------------------------------------------

def test_progress_chart_structure():
    root = parse(progress())
    check_accessible(root, "g-walks", "Evening walks")
    assert len(points_of(root)) == len(WALKS)
    assert [e for e in root.iter() if e.get("class") == "gb-expected"]
    assert [e for e in root.iter() if e.get("class") == "gb-target"]
    texts = [e.text for e in root.iter(NS + "text")]
    assert "today" in texts and "target 5" in texts and "walks" in texts
    assert any(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?", t or "") for t in texts)
    desc = summary_of(root)
    assert desc.startswith("6 values from 6 Oct to 16 Nov 2026; latest 3 walks;")
    assert "Target 5 walks by 31 Dec 2026." in desc
    check_in_viewbox(root)


def test_points_drawn_in_date_order():
    root = parse(progress())
    xs = [x for x, _ in points_of(root)]
    assert xs == sorted(xs) and len(set(xs)) == len(WALKS)


def test_expected_path_needs_baseline_target_and_due():
    for missing in ("baseline", "target", "due"):
        root = parse(progress(**{missing: None}))
        assert not [e for e in root.iter() if e.get("class") == "gb-expected"], missing
        check_in_viewbox(root)
    # start defaults to the first check-in
    root = parse(progress(start=None))
    (path,) = [e for e in root.iter() if e.get("class") == "gb-expected"]
    first = points_of(root)[0]
    assert float(path.get("x1")) == first[0]


def test_expected_path_goes_from_baseline_to_target():
    root = parse(progress(baseline=1, target=4))
    (path,) = [e for e in root.iter() if e.get("class") == "gb-expected"]
    assert float(path.get("y2")) == target_y(root)       # ends on the target line
    assert float(path.get("y1")) > float(path.get("y2"))  # more is better: rises


def test_a_chart_cut_to_its_window_starts_there_not_at_the_goals_start():
    """Years of values: the chart draws the last two years, across the whole width, and the
    expected path enters at the window's first day at the height it has there."""
    from goalbook.model.windows import chart_since, chart_window

    start = date(2020, 1, 1)
    series = [(start + timedelta(days=7 * i), float(i % 5)) for i in range(300)]
    since = chart_since(series)
    root = parse(progress_chart(chart_window(series), start=start, due=date(2026, 6, 1), baseline=0,
                                target=4, unit="walks", title="t", id_prefix="w", today=series[-1][0],
                                since=since))
    labels = [e.text for e in root.iter(NS + "text") if e.text and re.search(r" (19|20)\d\d$", e.text)]
    assert labels[0] == f"{since.day} Sep 2023" and not any("2020" in t for t in labels)
    (path,) = [e for e in root.iter() if e.get("class") == "gb-expected"]
    assert float(path.get("y1")) > float(path.get("y2"))
    xs = sorted(float(x) for x, _ in points_of(root))
    assert float(path.get("x1")) <= xs[0] and xs[-1] - xs[0] > 400       # the values fill the width
    check_in_viewbox(root)
    assert chart_since(series[:50]) is None                            # under two years: from the start


def test_empty_progress_chart():
    root = parse(progress([]))
    assert not points_of(root)
    assert "No check-ins yet" in [e.text for e in root.iter(NS + "text")]
    assert summary_of(root).startswith("No check-ins yet.")
    check_in_viewbox(root)
    bare = parse(progress_chart([], start=None, due=None, baseline=None, target=None,
                                unit=None, title="t", id_prefix="p"))
    assert "No check-ins yet" in [e.text for e in bare.iter(NS + "text")]
    check_in_viewbox(bare)


def test_single_point_and_equal_values():
    root = parse(all_samples()["progress_one"])
    assert len(points_of(root)) == 1
    assert not [e for e in root.iter() if e.get("class") == "gb-line"]
    check_in_viewbox(root)
    same = [(D(2026, 11, 1) + timedelta(days=i), 3) for i in range(4)]
    root = parse(progress_chart(same, start=None, due=None, baseline=None, target=None,
                                unit=None, title="t", id_prefix="p"))
    assert len(points_of(root)) == 4
    assert len({y for _, y in points_of(root)}) == 1
    check_in_viewbox(root)
    zeros = parse(progress_chart([(D(2026, 1, 1), 0), (D(2026, 1, 2), 0)], start=None,
                                 due=None, baseline=None, target=None, unit=None,
                                 title="t", id_prefix="p"))
    check_in_viewbox(zeros)


def test_same_day_points_and_bad_values():
    pts = [(D(2026, 5, 1), 2), (D(2026, 5, 1), 3), (D(2026, 5, 2), float("nan")),
           (D(2026, 5, 3), True)]
    root = parse(progress(pts, start=None, due=None))
    assert len(points_of(root)) == 3
    check_in_viewbox(root)


def test_dates_spanning_years_and_fixed_range():
    root = parse(all_samples()["progress_years"])
    texts = [e.text for e in root.iter(NS + "text")]
    assert any("2025" in t for t in texts) and any("2027" in t for t in texts)
    assert {"0", "10"} <= set(texts)
    assert len(points_of(root)) == 16
    check_in_viewbox(root)


def test_values_outside_fixed_range_still_fit():
    root = parse(progress([(D(2026, 1, 1), -3), (D(2026, 2, 1), 14)], y_min=0, y_max=10))
    check_in_viewbox(root)


def test_less_is_better_and_negative_values():
    root = parse(progress([(D(2026, 1, 1), -5), (D(2026, 1, 20), -2)], start=D(2026, 1, 1),
                          due=D(2026, 3, 1), baseline=-6, target=-1))
    assert len(points_of(root)) == 2
    check_in_viewbox(root)


def test_many_points_and_small_size():
    pts = [(D(2026, 1, 1) + timedelta(days=i), (i * 7) % 11) for i in range(400)]
    root = parse(progress(pts, width=320, height=160, today=D(2027, 1, 1)))
    (series,) = [e for e in root.iter() if e.get("class") == "gb-line"]
    assert len(PAIR.findall(series.get("d"))) == 400     # one path through every value
    assert len(points_of(root)) == 1                     # too many to dot: the latest is marked
    check_in_viewbox(root)


# --- other charts ---------------------------------------------------------------------

def test_mood_chart():
    root = parse(all_samples()["mood"])
    check_accessible(root, "mood", "Mood")
    assert len(points_of(root)) == 8
    assert {"0", "5", "10"} <= {e.text for e in root.iter(NS + "text")}
    check_in_viewbox(root)
    empty = parse(mood_chart([], title="Mood", id_prefix="m0"))
    assert not points_of(empty)
    assert "No check-ins yet" in [e.text for e in empty.iter(NS + "text")]


def test_bands_chart():
    root = parse(all_samples()["bands"])
    check_accessible(root, "phq9", "PHQ-9")
    assert len(points_of(root)) == 5
    bands = [e for e in root.iter() if e.get("class") == "gb-band"]
    assert len(bands) == 5
    fills = [b.get("fill").lower() for b in bands]
    assert len(set(fills)) == 5 and not any(f in ("red", "#ff0000") for f in fills)
    texts = {e.text for e in root.iter(NS + "text")}
    assert {"minimal", "mild", "moderate", "moderately severe", "severe"} <= texts
    desc = summary_of(root)
    assert "latest 7" in desc and "Latest band: mild." in desc
    check_in_viewbox(root)
    empty = parse(bands_chart([], bands=PHQ_BANDS, max_value=27, title="t", id_prefix="e"))
    assert len([e for e in empty.iter() if e.get("class") == "gb-band"]) == 5
    check_in_viewbox(empty)


def test_sparkline():
    root = parse(all_samples()["sparkline"])
    check_accessible(root, "sp", "Walks")
    assert len(points_of(root)) == 1                       # the latest value
    assert summary_of(root) == "7 values; latest 3; lowest 0, highest 4. Target 5."
    check_in_viewbox(root)
    for vals in ([], [2], [2, 2, 2]):
        r = parse(sparkline(vals, title="s", id_prefix="s"))
        check_in_viewbox(r)


@pytest.mark.parametrize("share,width,label", [
    (0.6, 72, "Walks: 60%"), (None, 0, "Walks: no data"), (1.4, 120, "Walks: 140%"),
    (-0.2, 0, "Walks: -20%"), (0.0, 0, "Walks: 0%")])
def test_progress_bar(share, width, label):
    root = parse(progress_bar(share, label="Walks"))
    assert root.get("role") == "img" and root.get("aria-label") == label
    rects = root.findall(NS + "rect")
    drawn = float(rects[1].get("width")) if len(rects) > 1 else 0
    assert drawn == width
    check_in_viewbox(root)


# --- cross-cutting --------------------------------------------------------------------

def test_text_is_escaped():
    evil = '<script>alert("x")</script> & co'
    svg = progress(title=evil, unit="<b>walks</b>", id_prefix='x" onload="y')
    assert "<script>" not in svg and "<b>" not in svg and "onload=" not in svg
    root = parse(svg)
    assert root.find(NS + "title").text.startswith(evil + ": ")
    assert "<b>walks</b>" in [e.text for e in root.iter(NS + "text")]
    for svg in (bands_chart([(D(2026, 1, 1), 3)], bands=[(0, 27, "<i>x</i>")], max_value=27,
                            title=evil, id_prefix="b"),
                sparkline([1], title=evil, id_prefix="s"), mood_chart([], title=evil,
                                                                      id_prefix="m"),
                progress_bar(0.5, label=evil)):
        assert "<script>" not in svg and "<i>" not in svg
        parse(svg)


def test_byte_identical_output():
    assert all_samples() == all_samples()


def test_no_external_urls_or_scripts():
    for name, svg in all_samples().items():
        rest = svg.replace("http://www.w3.org/2000/svg", "")
        assert "http" not in rest and "url(" not in rest, name
        assert "<script" not in svg and "<foreignObject" not in svg and "<style" not in svg
        assert "var(" not in svg, name


def test_numbers_have_at_most_two_decimals():
    for svg in all_samples().values():
        assert not re.search(r"\d\.\d{3}", svg)


def test_text_summary():
    assert text_summary(WALKS, "walks") == (
        "6 values from 6 Oct to 16 Nov 2026; latest 3 walks; lowest 0, highest 4.")
    assert text_summary([], "walks") == "No check-ins yet."
    assert text_summary([(D(2026, 10, 6), 2.5)], None) == "1 value on 6 Oct 2026: 2.5."
    assert text_summary([(D(2025, 12, 30), 1), (D(2026, 1, 2), 1.333)], "km") == (
        "2 values from 30 Dec 2025 to 2 Jan 2026; latest 1.33 km; lowest 1, highest 1.33.")


def test_helpers():
    assert [num(v) for v in (3, 2.5, 1 / 3, -0.001, 1e6)] == ["3", "2.5", "0.33", "0", "1000000"]
    lo, hi, ticks = nice_range(0, 4.2)
    assert lo == 0 and hi >= 4.2 and 3 <= len(ticks) <= 5
    assert ticks[0] == lo and ticks[-1] == hi
    assert nice_range(0, 10, fixed=True)[2] == [0, 5, 10]
    ticks = date_ticks(D(2026, 10, 30), D(2026, 11, 5))
    gaps = {(b - a).days for a, b in zip(ticks, ticks[1:])}
    assert len(gaps) == 1 and 3 <= len(ticks) <= 5
    assert 3 <= len(date_ticks(D(2026, 1, 1), D(2028, 6, 1))) <= 5


def test_write_samples():
    """Render one sample of each kind to /tmp/charts for a visual check."""
    out = Path("/tmp/charts")
    out.mkdir(parents=True, exist_ok=True)
    samples = all_samples()
    for name, svg in samples.items():
        (out / f"{name}.svg").write_text(svg, encoding="utf-8")
    (out / "page.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>charts</title><style>"
        "body{font-family:sans-serif;margin:20px;color:#334155}"
        ".gb-chart{max-width:100%;height:auto;display:block;margin-bottom:16px}"
        "</style></head><body>" + "".join(
            f"<h2>{name}</h2>{svg}" for name, svg in samples.items()) + "</body></html>",
        encoding="utf-8")


# --- revisions ------------------------------------------------------------------------

def test_a_revision_steps_the_target_line_and_is_marked_with_its_words():
    from goalbook.model.revisions import TargetStep

    revision = TargetStep(D(2026, 10, 20), "Target lowered from 5 walks a week to 3", "too many", 5.0, 3.0)
    root = parse(progress(target=3, revisions=[revision]))
    (target,) = [e for e in root.iter() if e.get("class") == "gb-target"]
    xs = [float(x) for x in re.findall(r"H(-?[\d.]+)", target.get("d"))]
    ys = [float(y) for y in re.findall(r"V(-?[\d.]+)", target.get("d"))]
    start_y = float(PAIR.match(target.get("d")).group(2))
    assert len(xs) == 2 and len(ys) == 1                  # along at 5, down at the revision, on at 3
    assert start_y < ys[0]                                # 5 is drawn above 3
    (mark,) = [e for e in root.iter() if e.get("class") == "gb-revision"]
    assert mark.find(NS + "title").text == "Revised on 20 Oct 2026: Target lowered from 5 walks a week to 3"
    assert float(mark.find(NS + "line").get("x1")) == xs[0]         # the marker sits on the step
    texts = [e.text for e in root.iter(NS + "text")]
    assert "earlier target 5" in texts and "target 3" in texts and "revised" in texts
    assert "Revised on 20 Oct 2026: Target lowered from 5 walks a week to 3." in summary_of(root)
    check_in_viewbox(root)


def test_a_revision_that_does_not_say_how_the_target_moved_is_only_marked():
    from goalbook.model.revisions import TargetStep

    revision = TargetStep(D(2026, 10, 20), "5 x 2h → 3 x 1h", None, None, None)
    root = parse(progress(revisions=[revision]))
    assert "H" in target_d(root) and "V" not in target_d(root)      # a flat target line
    (mark,) = [e for e in root.iter() if e.get("class") == "gb-revision"]
    assert mark.find(NS + "title").text.endswith("5 x 2h → 3 x 1h")


def target_d(root) -> str:
    (target,) = [e for e in root.iter() if e.get("class") == "gb-target"]
    return target.get("d")


@pytest.mark.parametrize("text, moved", [
    ("target 4 → 3", (4.0, 3.0)),
    ("Target lowered from 5 walks a week to 3", (5.0, 3.0)),
    ("target: 5 -> 3", (5.0, 3.0)),
    ("Raised the target from 2,5 to 3.5 points", (2.5, 3.5)),
    ("Changed the due date to 2027-02-01 and the target to 4", (None, 4.0)),
    ("5 x 2h → 3 x 1h", None),
    ("due date 20 Dec → 31 Jan", None),
    ("target 3 walks by 20 Dec", None),
])
def test_revision_texts_that_say_how_the_target_moved(text, moved):
    from goalbook.model.revisions import parse_target_change

    assert parse_target_change(text) == moved


def test_target_history_ends_at_the_goals_own_target():
    from goalbook.model.entities import Goal, Measure, Revision
    from goalbook.model.revisions import target_history

    goal = Goal("walks", "walks.yaml", measure=Measure(baseline=0, target=2),
                revisions=[Revision(D(2026, 11, 1), "target now 2"), Revision(D(2026, 10, 1), "target 5 → 3"),
                           Revision(D(2026, 10, 15), "moved the walks to evenings")])
    steps = target_history(goal)
    assert [(s.date, s.before, s.after) for s in steps] == [
        (D(2026, 10, 1), 5.0, 3.0), (D(2026, 10, 15), None, None), (D(2026, 11, 1), 3.0, 2.0)]
    assert [s.moves_target for s in steps] == [True, False, True]


def test_an_empty_chart_says_why():
    root = parse(progress([], empty="The first week isn't over yet"))
    assert "The first week isn't over yet" in [e.text for e in root.iter(NS + "text")]
    assert summary_of(root).startswith("The first week isn't over yet.")
