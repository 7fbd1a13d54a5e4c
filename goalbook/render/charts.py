"""Server-side inline SVG charts for the site and the PDF report.

Every function returns a string of SVG markup (well-formed XML, SVG 1.1
presentation attributes only, no script, no external reference).  Charts carry
``role="img"``, and an ``aria-label`` and ``<title>`` holding the chart's title
and a plain-text summary with the numbers (:func:`text_summary`), which the
tagged PDF takes as the figure's alternative text.  Series differ by dash
pattern and marker as well as colour, so charts read in greyscale.

Light to draw: a series is one line path, its values one path of dots (while
they are few enough to tell apart: ``class="gb-points"``, one ``M x y h0`` per
value) and one marker on the latest value (``class="gb-point gb-last"``); grid,
ticks and labels share paths and groups.  Revisions get a marker of their own
(``class="gb-revision"``, with their words as its title) and the target line
steps at each one that moved the target.  Output is byte-identical for the
same input.  Size charts responsively in CSS (``.gb-chart {max-width: 100%;
height: auto}``).
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from goalbook.vocabulary import ENGLISH, N_, Vocabulary

from .chart_points import bounded, chunk_means
from .svg import (AXIS, BAND_TINTS, FONT, GRID, INK, MUTED, SLATE, TEAL, TODAY, TRACK,
                  Scale, bare_text, date_labels, date_ticks, day_label, el, esc, legend, line,
                  marker, move, nice_range, num, open_svg, polyline, text, text_width, to)

__all__ = ["progress_chart", "sparkline", "mood_chart", "bands_chart",
           "progress_bar", "text_summary"]

Points = list[tuple[date, float]]
DOTS_UP_TO = 120        # more values than this are a line only (dots would merge into one)


def _finite(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


_HOW = {"weekly": N_(" Drawn as weekly averages."), "monthly": N_(" Drawn as monthly averages.")}
_HOW_LABEL = {"weekly": N_("{label}, weekly averages"), "monthly": N_("{label}, monthly averages")}


def _averaged(how: str | None, vb: Vocabulary = ENGLISH) -> str:
    if not how:
        return ""
    return vb.gettext(_HOW[how]) if how in _HOW else f" Drawn as {how} averages."


def _clean(points) -> Points:
    """Finite values only, sorted by date (stable for equal dates)."""
    out = [(d, f) for d, v in points if (f := _finite(v)) is not None]
    return sorted(out, key=lambda p: p[0])


def _long(d: date, vb: Vocabulary = ENGLISH) -> str:
    return day_label(d, True) if vb.english else vb.long_date(d)


# What a summary counts, singular and plural ("{n}" is the count).
NOUNS = {"value": (N_("1 value"), N_("{n} values")), "mood rating": (N_("1 mood rating"), N_("{n} mood ratings")),
         "score": (N_("1 score"), N_("{n} scores"))}


def text_summary(points, unit: str | None = None, *, noun: str = "value", vb: Vocabulary = ENGLISH) -> str:
    """Plain-text summary, e.g. "5 values from 6 Oct to 16 Nov 2026; latest 3
    walks; lowest 0, highest 4." (not escaped: escape it where it is used)."""
    pts = _clean(points)
    if not pts:
        return vb.gettext("No check-ins yet.")
    one, many = NOUNS.get(noun, (f"1 {noun}", f"{{n}} {noun}s"))
    if len(pts) == 1:
        return vb.gettext("{count} on {day}: {value}.").format(
            count=vb.gettext(one), day=_long(pts[0][0], vb), value=vb.with_unit(pts[0][1], unit))
    first, last = pts[0][0], pts[-1][0]
    if first == last:
        when = vb.gettext("on {day}").format(day=_long(last, vb))
    else:
        start = (day_label(first, first.year != last.year) if vb.english else
                 vb.long_date(first) if first.year != last.year else vb.short_date(first))
        when = vb.gettext("from {first} to {last}").format(first=start, last=_long(last, vb))
    vals = [v for _, v in pts]
    return vb.gettext("{count} {when}; latest {latest}; lowest {low}, highest {high}.").format(
        count=vb.gettext(many).format(n=len(pts)), when=when, latest=vb.with_unit(vals[-1], unit),
        low=vb.num(min(vals)), high=vb.num(max(vals)))


class _Plot:
    """Plot box, scales and the shared axis furniture (grid, ticks, dates).

    Drawn with few nodes: the grid is one path, the ticks another, and the
    labels share their font and colour on a group (WeasyPrint draws every
    node and attribute it is given, so fewer of them make a faster PDF)."""

    def __init__(self, width, height, *, left, right, top, bottom, d0, d1, y0, y1, vb=ENGLISH):
        self.vb = vb
        self.width, self.height = width, height
        self.l, self.r, self.t, self.b = left, width - right, top, height - bottom
        self.xs = Scale(d0.toordinal(), d1.toordinal(), self.l, self.r)
        self.y = Scale(y0, y1, self.b, self.t)
        self.d0, self.d1 = d0, d1

    def x(self, d: date) -> float:
        return self.xs(d.toordinal())

    def axes(self, y_ticks: list[float], grid: bool = True) -> str:
        out = []
        if y_ticks and grid:
            out.append(el("path", d="".join(f"{move(self.l, self.y(t))}H{num(self.r)}" for t in y_ticks),
                          stroke=GRID, stroke_width=1, fill="none"))
        if y_ticks:
            out.append(el("g", "".join(bare_text(self.l - 6, self.y(t) + 4, self.vb.num(t)) for t in y_ticks),
                          font_size=FONT, fill=MUTED, text_anchor="end"))
        ticks = date_ticks(self.d0, self.d1, max(2, min(5, int((self.r - self.l) // 110) + 1)))
        marks = [f"{move(self.l, self.b)}H{num(self.r)}"]
        labels = []
        for d, label in zip(ticks, date_labels(ticks, self.vb)):
            x = self.x(d)
            half = text_width(label) / 2
            anchor = ("start" if x - half < 2 or (x <= self.l and len(ticks) > 1) else
                      "end" if x + half > self.width - 2 or (x >= self.r and len(ticks) > 1)
                      else None)
            marks.append(f"{move(x, self.b)}V{num(self.b + 4)}")
            labels.append(bare_text(x, self.b + 16, label, text_anchor=anchor))
        out.append(el("path", d="".join(marks), stroke=AXIS, stroke_width=1, fill="none"))
        out.append(el("g", "".join(labels), font_size=FONT, fill=SLATE, text_anchor="middle"))
        return "".join(out)

    def today(self, today: date | None, avoid: float = 0) -> str:
        if today is None or not self.d0 <= today <= self.d1:
            return ""
        x = self.x(today)
        out = line(x, self.t, x, self.b, stroke=TODAY, stroke_width=1.5)
        if x - 14 > avoid:
            out += text(min(x, self.r - 14), self.t - 5, self.vb.gettext("today"), text_anchor="middle",
                        fill=MUTED, font_size=10)
        return out

    def series(self, pts: Points) -> str:
        """The values as one line, a dot at each value (one path of zero-length, round-capped
        strokes) while they are few enough to tell apart, and the latest value marked."""
        xy = [(self.x(d), self.y(v)) for d, v in pts]
        out = []
        if len(xy) > 1:
            out.append(el("path", d=move(*xy[0]) + "".join(to(x, y) for x, y in xy[1:]), fill="none",
                          stroke=TEAL, stroke_width=2, stroke_linejoin="round", stroke_linecap="round",
                          class_="gb-line"))
        if 1 < len(xy) <= DOTS_UP_TO:
            out.append(el("path", d="".join(f"{move(x, y)}h0" for x, y in xy[:-1]), fill="none",
                          stroke=TEAL, stroke_width=5 if len(xy) <= 40 else 3.5,
                          stroke_linecap="round", class_="gb-points"))
        x, y = xy[-1]
        out.append(marker("circle", x, y, 4, fill=TEAL, stroke="#ffffff", stroke_width=1.5,
                          class_="gb-point gb-last"))
        return "".join(out)

    def message(self, msg: str) -> str:
        w, cx, cy = text_width(msg, 13) + 16, (self.l + self.r) / 2, (self.t + self.b) / 2
        return el("rect", x=cx - w / 2, y=cy - 11, width=w, height=22, rx=4, fill="#ffffff") + text(
            cx, cy + 4.5, msg, text_anchor="middle", fill=MUTED, font_size=13)


def _date_domain(dates: list[date], today: date | None) -> tuple[date, date] | None:
    if not dates:
        return None
    d0, d1 = min(dates), max(dates)
    if today is not None and d0 <= today <= d1 + timedelta(days=max(14, (d1 - d0).days // 2)):
        d1 = max(d1, today)
    if d0 == d1:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    return d0, d1


def _y_domain(values: list[float], y_min, y_max) -> tuple[float, float, list[float]]:
    if not values:
        return 0.0, 1.0, []
    lo, hi = min(values), max(values)
    lo = lo if y_min is None else min(lo, y_min)
    hi = hi if y_max is None else max(hi, y_max)
    fixed = y_min is not None and y_max is not None
    if not fixed and y_min is None and lo >= 0 and (lo <= hi * 0.5 or lo == hi):
        lo = 0.0    # counts and ratings read honestly from zero
    if not fixed and y_max is None and hi <= 0 and (hi >= lo * 0.5 or lo == hi):
        hi = 0.0
    return nice_range(lo, hi, 5, fixed=fixed)


def _left(ticks: list[float]) -> float:
    return max(28.0, 12 + max((text_width(num(t)) for t in ticks), default=0))


def progress_chart(points, *, start: date | None, due: date | None,
                   baseline: float | None, target: float | None, unit: str | None,
                   title: str, id_prefix: str, width: int = 640, height: int = 240,
                   today: date | None = None, y_min: float | None = None,
                   y_max: float | None = None, label: str = "check-ins",
                   revisions=None, empty: str = "No check-ins yet", key: bool = True,
                   since: date | None = None, vb: Vocabulary = ENGLISH) -> str:
    """Values as a line (dots while there are few, the latest marked); the expected
    path from `baseline` at `start` (default: the first point) to `target` at `due`
    dashed; the target as a dotted line; a faint "today" line; date and value axes.

    `revisions`: the goal's revisions in date order, each with `date`, `change`
    and the target `before` and `after` it where known (see
    `goalbook.model.revisions.TargetStep`). Each is marked on the chart with its
    words as the marker's title, and where it moved the target, the target line
    steps there, so the old target stays visible before it."""
    pts = _clean(points)
    baseline, target = _finite(baseline), _finite(target)
    revisions = [r for r in (revisions or []) if getattr(r, "date", None) is not None]
    steps = [r for r in revisions if _finite(r.before) is not None and _finite(r.after) is not None]
    # `since`: the series was cut to its recent window; the chart starts there, not at the start
    first = start or (pts[0][0] if pts else None)
    has_path = (None not in (first, due, baseline, target)) and due > first
    u = f" {unit}" if unit else ""
    desc = text_summary(pts, unit, vb=vb) if pts else f"{empty.rstrip('.')}."
    if baseline is not None:
        amount = f"{vb.num(baseline)}{u}"
        desc += (vb.gettext(" Started from {amount} on {day}.").format(amount=amount, day=_long(first, vb)) if first
                 else vb.gettext(" Started from {amount}.").format(amount=amount))
    if target is not None:
        amount = f"{vb.num(target)}{u}"
        desc += (vb.gettext(" Target {amount} by {day}.").format(amount=amount, day=_long(due, vb)) if due
                 else vb.gettext(" Target {amount}.").format(amount=amount))
    for r in revisions:
        desc += vb.gettext(" Revised on {day}: {change}.").format(day=_long(r.date, vb),
                                                                   change=str(r.change).rstrip('. '))
    drawn, how = bounded(pts)
    desc += _averaged(how, vb)

    out = [open_svg(width, height, id_prefix, title, desc)]
    y0, y1, y_ticks = _y_domain([v for _, v in pts] + [v for v in (baseline, target) if v is not None]
                                + [_finite(r.before) for r in steps], y_min, y_max)
    target_label = vb.gettext("target {amount}").format(amount=vb.num(target)) if target is not None else ""
    right = 12 + text_width(target_label) if target_label else 16
    dom = _date_domain([d for d, _ in pts] + [d for d in (since or first, due) if d], today)
    if unit:
        out.append(text(4, 13, unit, fill=MUTED, font_size=10))
    if dom is None:
        dom = (today or date(2000, 1, 1),) * 2
        p = _Plot(width, height, left=16, right=16, top=22, bottom=40,
                  d0=dom[0], d1=dom[1], y0=y0, y1=y1, vb=vb)
        out.append(p.message(empty))
        return "".join(out) + "</svg>"
    p = _Plot(width, height, left=_left(y_ticks), right=right, top=22, bottom=40 if key else 22,
              d0=dom[0], d1=dom[1], y0=y0, y1=y1, vb=vb)
    out.append(p.axes(y_ticks))
    shown = [r for r in revisions if p.d0 <= r.date <= p.d1]
    today_x = p.x(today) if today is not None and p.d0 <= today <= p.d1 else None
    out.append(p.today(today, avoid=4 + text_width(unit or "", 10)))
    if target is not None:
        out.append(_target_line(p, target, [r for r in steps if p.d0 <= r.date <= p.d1]))
        out.append(text(p.r + 6, p.y(target) + 4, target_label, fill=INK))
    has_path = has_path and due > p.d0           # a path that ended before the chart's first day isn't drawn
    if has_path:
        path_from, path_value = first, baseline
        if first < p.d0:                    # the path as it crosses the chart's first day
            path_from = p.d0
            path_value = baseline + (target - baseline) * (p.d0 - first).days / (due - first).days
        out.append(line(p.x(path_from), p.y(path_value), p.x(due), p.y(target), stroke=MUTED,
                        stroke_width=1.5, stroke_dasharray="6 4", class_="gb-expected"))
    out.extend(_revision_mark(p, r, today_x) for r in shown)
    if pts:
        out.append(p.series(drawn))
    else:
        out.append(p.message(empty))
    if how:
        label = vb.gettext(_HOW_LABEL[how]).format(label=label) if how in _HOW_LABEL else f"{label}, {how} averages"
    items = ([("solid", label)] if pts else []) + ([("dashed", vb.gettext("expected path"))] if has_path
                                                   else []) + ([("dotted", vb.gettext("target"))]
                                                               if target is not None else [])
    if key:
        out.append(legend(items, p.l, height - 6))
    return "".join(out) + "</svg>"


def _target_line(p: _Plot, target: float, steps) -> str:
    """The target as one dotted path: flat, or stepping at each revision that moved it."""
    if not steps:
        y = p.y(target)
        return el("path", d=f"{move(p.l, y)}H{num(p.r)}", stroke=INK, stroke_width=1.5,
                  stroke_dasharray="2 3", fill="none", class_="gb-target")
    d = move(p.l, p.y(_finite(steps[0].before)))
    for r in steps:
        d += f"H{num(p.x(r.date))}V{num(p.y(_finite(r.after)))}"
    d += f"H{num(p.r)}"
    out = el("path", d=d, stroke=INK, stroke_width=1.5, stroke_dasharray="2 3", fill="none",
             class_="gb-target")
    old = p.vb.gettext("earlier target {amount}").format(amount=p.vb.num(_finite(steps[0].before)))
    room = p.x(steps[0].date) - p.l
    if room > text_width(old, 10) + 8:
        y_old = p.y(_finite(steps[0].before))
        out += text(p.l + 4, y_old - 5 if y_old - 5 > p.t + 8 else y_old + 13, old, fill=MUTED, font_size=10)
    return out


def _revision_mark(p: _Plot, revision, today_x: float | None) -> str:
    """A revision's marker: a faint line at its date, a diamond on the target it set (or at
    the top), "revised" above; its words are the group's title (a tooltip, and read aloud)."""
    x = p.x(revision.date)
    after = _finite(getattr(revision, "after", None))
    y = p.y(after) if after is not None else p.t
    said = p.vb.gettext("Revised on {day}: {change}").format(day=_long(revision.date, p.vb), change=revision.change)
    parts = [f"<title>{esc(said)}</title>",
             line(x, p.t, x, p.b, stroke=SLATE, stroke_width=1, stroke_dasharray="1 3"),
             marker("diamond", x, y, 4, fill="#ffffff", stroke=INK, stroke_width=1.5)]
    if today_x is None or abs(today_x - x) > 44:
        parts.append(text(x, p.t - 5, p.vb.gettext("revised"), text_anchor="middle", fill=SLATE, font_size=10))
    return el("g", "".join(parts), class_="gb-revision")


def mood_chart(points, *, title: str, id_prefix: str, width: int = 640,
               height: int = 180, vb: Vocabulary = ENGLISH) -> str:
    """Mood ratings on a fixed 0–10 scale, as dots and a line."""
    pts = _clean(points)
    drawn, how = bounded(pts)
    desc = text_summary(pts, vb.gettext("out of 10"), noun="mood rating", vb=vb) + _averaged(how, vb)
    out = [open_svg(width, height, id_prefix, title, desc)]
    out.append(text(4, 13, vb.gettext("mood, 0–10"), fill=MUTED, font_size=10))
    y0, y1, ticks = nice_range(0, 10, 5, fixed=True)
    dom = _date_domain([d for d, _ in pts], None)
    if dom is None:
        p = _Plot(width, height, left=16, right=16, top=22, bottom=24,
                  d0=date(2000, 1, 1), d1=date(2000, 1, 1), y0=y0, y1=y1, vb=vb)
        return "".join(out) + p.message(vb.gettext("No check-ins yet")) + "</svg>"
    p = _Plot(width, height, left=_left(ticks), right=16, top=22, bottom=24,
              d0=dom[0], d1=dom[1], y0=y0, y1=y1, vb=vb)
    return "".join(out) + p.axes(ticks) + p.series(drawn) + "</svg>"


def _band_edges(bands, max_value: float) -> list[tuple[float, float, str]]:
    """Band (low, high, label) to drawn edges, splitting integer gaps (4|5 → 4.5)."""
    bs = sorted(((float(lo), float(hi), str(lab)) for lo, hi, lab in bands), key=lambda b: b[0])
    out = []
    for i, (lo, hi, lab) in enumerate(bs):
        bottom = max(0.0, lo) if i == 0 else (bs[i - 1][1] + lo) / 2
        top = min(max_value, hi) if i == len(bs) - 1 else (hi + bs[i + 1][0]) / 2
        out.append((max(0.0, bottom), min(max_value, top), lab))
    return out


def bands_chart(points, *, bands: list[tuple[float, float, str]], max_value: float,
                title: str, id_prefix: str, width: int = 640, height: int = 200,
                vb: Vocabulary = ENGLISH) -> str:
    """Questionnaire totals (0..max_value) over shaded, labelled band backgrounds.
    The band labels are the instrument's own (English) words, never translated."""
    pts = _clean(points)
    edges = _band_edges(bands, float(max_value))
    drawn, how = bounded(pts)
    desc = text_summary(pts, None, noun="score", vb=vb) + _averaged(how, vb)
    if pts:
        latest = next((lab for lo, hi, lab in sorted(bands, key=lambda b: b[0])
                       if lo <= pts[-1][1] <= hi), None)
        desc += vb.gettext(" Latest band: {band}.").format(band=latest) if latest else ""
    if bands:
        desc += vb.gettext(" Bands: {bands}.").format(bands=", ".join(
            f"{lab} {num(lo)}–{num(hi)}" for lo, hi, lab in sorted(bands, key=lambda b: b[0])))
    out = [open_svg(width, height, id_prefix, title, desc)]
    ticks = sorted({float(lo) for lo, _, _ in bands if 0 <= lo <= max_value}
                   | {0.0, float(max_value)})
    right = 14 + max((text_width(lab, 10) for _, _, lab in edges), default=0)
    dom = _date_domain([d for d, _ in pts], None) or (date(2000, 1, 1),) * 2
    p = _Plot(width, height, left=_left(ticks), right=right, top=12, bottom=24,
              d0=dom[0], d1=dom[1], y0=0.0, y1=float(max_value), vb=vb)
    n = len(edges)
    seams, labels = [], []
    for i, (lo, hi, lab) in enumerate(edges):
        tint = BAND_TINTS[round(i * (len(BAND_TINTS) - 1) / max(1, n - 1))]
        y_top, y_bot = p.y(hi), p.y(lo)
        out.append(el("rect", x=p.l, y=y_top, width=p.r - p.l, height=y_bot - y_top, fill=tint,
                      class_="gb-band"))
        seams.append(f"{move(p.l, y_top)}H{num(p.r)}")
        if y_bot - y_top >= 11:
            labels.append(bare_text(p.r + 6, (y_top + y_bot) / 2 + 3.5, lab))
    out.append(el("path", d="".join(seams), stroke="#ffffff", stroke_width=1, fill="none"))
    out.append(el("g", "".join(labels), font_size=10, fill=SLATE))
    if not pts:
        return "".join(out) + p.message(vb.gettext("No scores yet")) + "</svg>"
    out.append(el("g", "".join(bare_text(p.l - 6, p.y(t) + 4, num(t)) for t in ticks),
                  font_size=FONT, fill=MUTED, text_anchor="end"))
    axes = p.axes([])
    return "".join(out) + axes + p.series(drawn) + "</svg>"


def sparkline(values, *, title: str, id_prefix: str, width: int = 120, height: int = 28,
              target: float | None = None, vb: Vocabulary = ENGLISH) -> str:
    """A word-sized line of the values (in order), the latest marked, an optional
    dotted target line."""
    vals = [f for v in values if (f := _finite(v)) is not None]
    target = _finite(target)
    if len(vals) == 1:
        desc = vb.gettext("1 value; latest {latest}.").format(latest=vb.num(vals[-1]))
    elif vals:
        desc = vb.gettext("{n} values; latest {latest}; lowest {low}, highest {high}.").format(
            n=len(vals), latest=vb.num(vals[-1]), low=vb.num(min(vals)), high=vb.num(max(vals)))
    else:
        desc = vb.gettext("No check-ins yet.")
    if target is not None:
        desc += vb.gettext(" Target {amount}.").format(amount=vb.num(target))
    out = [open_svg(width, height, id_prefix, title, desc, cls="gb-sparkline")]
    vals = chunk_means(vals)
    pad = 3.5
    if not vals:
        out.append(line(pad, height / 2, width - pad, height / 2, stroke=GRID, stroke_width=1.5))
        return "".join(out) + "</svg>"
    allv = vals + ([target] if target is not None else [])
    ys = Scale(min(allv), max(allv), height - pad, pad)
    xs = Scale(0, max(1, len(vals) - 1), pad, width - pad)
    if target is not None:
        out.append(line(pad, ys(target), width - pad, ys(target), stroke=MUTED,
                        stroke_width=1, stroke_dasharray="2 2", class_="gb-target"))
    xy = [(xs(i) if len(vals) > 1 else width / 2, ys(v)) for i, v in enumerate(vals)]
    if len(xy) > 1:
        out.append(polyline(xy, stroke=TEAL, stroke_width=1.5, stroke_linejoin="round",
                            stroke_linecap="round"))
    out.append(marker("circle", *xy[-1], 2.5, fill=TEAL, class_="gb-point gb-last"))
    return "".join(out) + "</svg>"


def progress_bar(share: float | None, *, label: str, width: int = 120,
                 height: int = 10, vb: Vocabulary = ENGLISH) -> str:
    """A small bar of `share` (clamped to 0..1 for drawing; the aria-label and
    tooltip give the real percentage, or "no data")."""
    f = _finite(share)
    info = f"{label}: " + (vb.gettext("no data") if f is None else vb.pct(f))
    fill = 0.0 if f is None else min(1.0, max(0.0, f)) * width
    r = height / 2
    bar = el("rect", x=0, y=0, width=fill, height=height, rx=r, fill=TEAL) if fill > 0 else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="gb-bar" width="{width}"'
            f' height="{height}" viewBox="0 0 {width} {height}" role="img"'
            f' aria-label="{esc(info)}"><title>{esc(info)}</title>'
            + el("rect", x=0, y=0, width=width, height=height, rx=r, fill=TRACK)
            + bar + "</svg>")
