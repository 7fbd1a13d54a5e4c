"""Server-side inline SVG charts for the site and the PDF report.

Every function returns a string of SVG markup (well-formed XML, SVG 1.1
presentation attributes only, no script, no external reference).  Charts carry
``role="img"`` and ``aria-labelledby`` pointing at their ``<title>`` and
``<desc>`` (ids ``<id_prefix>-title`` / ``<id_prefix>-desc``); the ``<desc>``
holds a plain-text summary with the numbers, which :func:`text_summary` also
gives for a visible or visually-hidden text alternative.  Series differ by
dash pattern and marker as well as colour, so charts read in greyscale.
Point markers carry ``class="gb-point"``.  Output is byte-identical for the
same input.  Size charts responsively in CSS (``.gb-chart {max-width: 100%;
height: auto}``).
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from .svg import (AXIS, BAND_TINTS, GRID, INK, MUTED, SLATE, TEAL, TODAY, TRACK,
                  Scale, date_labels, date_ticks, day_label, el, esc, legend, line,
                  marker, nice_range, num, open_svg, polyline, text, text_width)

__all__ = ["progress_chart", "sparkline", "mood_chart", "bands_chart",
           "progress_bar", "text_summary"]

Points = list[tuple[date, float]]


def _finite(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _clean(points) -> Points:
    """Finite values only, sorted by date (stable for equal dates)."""
    out = [(d, f) for d, v in points if (f := _finite(v)) is not None]
    return sorted(out, key=lambda p: p[0])


def _long(d: date) -> str:
    return day_label(d, True)


def text_summary(points, unit: str | None = None, *, noun: str = "value") -> str:
    """Plain-text summary, e.g. "5 values from 6 Oct to 16 Nov 2026; latest 3
    walks; lowest 0, highest 4." (not escaped: escape it where it is used)."""
    pts = _clean(points)
    if not pts:
        return "No check-ins yet."
    from goalbook.vocabulary import with_unit

    if len(pts) == 1:
        return f"1 {noun} on {_long(pts[0][0])}: {with_unit(pts[0][1], unit)}."
    first, last = pts[0][0], pts[-1][0]
    when = (f"on {_long(last)}" if first == last else
            f"from {day_label(first, first.year != last.year)} to {_long(last)}")
    vals = [v for _, v in pts]
    return (f"{len(pts)} {noun}s {when}; latest {with_unit(vals[-1], unit)}; "
            f"lowest {num(min(vals))}, highest {num(max(vals))}.")


class _Plot:
    """Plot box, scales and the shared axis furniture (grid, ticks, dates)."""

    def __init__(self, width, height, *, left, right, top, bottom, d0, d1, y0, y1):
        self.width, self.height = width, height
        self.l, self.r, self.t, self.b = left, width - right, top, height - bottom
        self.xs = Scale(d0.toordinal(), d1.toordinal(), self.l, self.r)
        self.y = Scale(y0, y1, self.b, self.t)
        self.d0, self.d1 = d0, d1

    def x(self, d: date) -> float:
        return self.xs(d.toordinal())

    def axes(self, y_ticks: list[float]) -> str:
        out = []
        for t in y_ticks:
            y = self.y(t)
            out.append(line(self.l, y, self.r, y, stroke=GRID, stroke_width=1))
            out.append(text(self.l - 6, y + 4, num(t), text_anchor="end", fill=MUTED))
        out.append(line(self.l, self.b, self.r, self.b, stroke=AXIS, stroke_width=1))
        ticks = date_ticks(self.d0, self.d1, max(2, min(5, int((self.r - self.l) // 110) + 1)))
        for i, (d, label) in enumerate(zip(ticks, date_labels(ticks))):
            x = self.x(d)
            half = text_width(label) / 2
            anchor = ("start" if x - half < 2 or (x <= self.l and len(ticks) > 1) else
                      "end" if x + half > self.width - 2 or (x >= self.r and len(ticks) > 1)
                      else "middle")
            out.append(line(x, self.b, x, self.b + 4, stroke=AXIS, stroke_width=1))
            out.append(text(x, self.b + 16, label, text_anchor=anchor, fill=SLATE))
        return "".join(out)

    def today(self, today: date | None, avoid: float = 0) -> str:
        if today is None or not self.d0 <= today <= self.d1:
            return ""
        x = self.x(today)
        out = line(x, self.t, x, self.b, stroke=TODAY, stroke_width=1.5)
        if x - 14 > avoid:
            out += text(min(x, self.r - 14), self.t - 5, "today", text_anchor="middle",
                        fill=MUTED, font_size=10)
        return out

    def series(self, pts: Points, shape: str = "circle") -> str:
        xy = [(self.x(d), self.y(v)) for d, v in pts]
        r = 3.5 if len(xy) <= 40 else 2.5 if len(xy) <= 120 else 1.8
        out = []
        if len(xy) > 1:
            out.append(polyline(xy, stroke=TEAL, stroke_width=2, stroke_linejoin="round",
                                stroke_linecap="round"))
        if shape == "circle":       # the common case, written out: a chart can have 730 points
            radius = num(r)
            points = "".join(f'<circle cx="{num(x)}" cy="{num(y)}" r="{radius}" class="gb-point"/>'
                             for x, y in xy)
        else:
            points = "".join(marker(shape, x, y, r, class_="gb-point") for x, y in xy)
        out.append(el("g", points, fill=TEAL, stroke="#ffffff", stroke_width=1))
        return "".join(out)

    def message(self, msg: str) -> str:
        w, cx, cy = text_width(msg, 13) + 16, (self.l + self.r) / 2, (self.t + self.b) / 2
        return el("rect", x=cx - w / 2, y=cy - 11, width=w, height=22, rx=4, fill="#ffffff",
                  fill_opacity=0.9) + text(cx, cy + 4.5, msg, text_anchor="middle",
                                           fill=MUTED, font_size=13)


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
                   y_max: float | None = None, label: str = "check-ins") -> str:
    """Values as dots and a line; the expected path from `baseline` at `start`
    (default: the first point) to `target` at `due` dashed; the target as a
    dotted horizontal line; a faint "today" line; date and value axes."""
    pts = _clean(points)
    baseline, target = _finite(baseline), _finite(target)
    first = start or (pts[0][0] if pts else None)
    has_path = (None not in (first, due, baseline, target)) and due > first
    u = f" {unit}" if unit else ""
    desc = text_summary(pts, unit)
    if baseline is not None:
        desc += f" Started from {num(baseline)}{u}" + (f" on {_long(first)}." if first else ".")
    if target is not None:
        desc += f" Target {num(target)}{u}" + (f" by {_long(due)}." if due else ".")

    out = [open_svg(width, height, id_prefix, title, desc)]
    y0, y1, y_ticks = _y_domain([v for _, v in pts] + [v for v in (baseline, target)
                                                       if v is not None], y_min, y_max)
    target_label = f"target {num(target)}" if target is not None else ""
    right = 12 + text_width(target_label) if target_label else 16
    dom = _date_domain([d for d, _ in pts] + [d for d in (first, due) if d], today)
    if unit:
        out.append(text(4, 13, unit, fill=MUTED, font_size=10))
    if dom is None:
        dom = (today or date(2000, 1, 1),) * 2
        p = _Plot(width, height, left=16, right=16, top=22, bottom=40,
                  d0=dom[0], d1=dom[1], y0=y0, y1=y1)
        out.append(p.message("No check-ins yet"))
        return "".join(out) + "</svg>"
    p = _Plot(width, height, left=_left(y_ticks), right=right, top=22, bottom=40,
              d0=dom[0], d1=dom[1], y0=y0, y1=y1)
    out.append(p.axes(y_ticks))
    out.append(p.today(today, avoid=4 + text_width(unit or "", 10)))
    if target is not None:
        y = p.y(target)
        out.append(line(p.l, y, p.r, y, stroke=INK, stroke_width=1.5, stroke_dasharray="2 3",
                        class_="gb-target"))
        out.append(text(p.r + 6, y + 4, target_label, fill=INK))
    if has_path:
        out.append(line(p.x(first), p.y(baseline), p.x(due), p.y(target), stroke=MUTED,
                        stroke_width=1.5, stroke_dasharray="6 4", class_="gb-expected"))
    if pts:
        out.append(p.series(pts))
    else:
        out.append(p.message("No check-ins yet"))
    items = ([("solid", label)] if pts else []) + ([("dashed", "expected path")] if has_path
                                                   else []) + ([("dotted", "target")]
                                                               if target is not None else [])
    out.append(legend(items, p.l, height - 6))
    return "".join(out) + "</svg>"


def mood_chart(points, *, title: str, id_prefix: str, width: int = 640,
               height: int = 180) -> str:
    """Mood ratings on a fixed 0–10 scale, as dots and a line."""
    pts = _clean(points)
    desc = text_summary(pts, "out of 10", noun="mood rating")
    out = [open_svg(width, height, id_prefix, title, desc)]
    out.append(text(4, 13, "mood, 0–10", fill=MUTED, font_size=10))
    y0, y1, ticks = nice_range(0, 10, 5, fixed=True)
    dom = _date_domain([d for d, _ in pts], None)
    if dom is None:
        p = _Plot(width, height, left=16, right=16, top=22, bottom=24,
                  d0=date(2000, 1, 1), d1=date(2000, 1, 1), y0=y0, y1=y1)
        return "".join(out) + p.message("No check-ins yet") + "</svg>"
    p = _Plot(width, height, left=_left(ticks), right=16, top=22, bottom=24,
              d0=dom[0], d1=dom[1], y0=y0, y1=y1)
    return "".join(out) + p.axes(ticks) + p.series(pts) + "</svg>"


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
                title: str, id_prefix: str, width: int = 640, height: int = 200) -> str:
    """Questionnaire totals (0..max_value) over shaded, labelled band backgrounds."""
    pts = _clean(points)
    edges = _band_edges(bands, float(max_value))
    desc = text_summary(pts, None, noun="score")
    if pts:
        latest = next((lab for lo, hi, lab in sorted(bands, key=lambda b: b[0])
                       if lo <= pts[-1][1] <= hi), None)
        desc += f" Latest band: {latest}." if latest else ""
    if bands:
        desc += " Bands: " + ", ".join(f"{lab} {num(lo)}–{num(hi)}" for lo, hi, lab
                                       in sorted(bands, key=lambda b: b[0])) + "."
    out = [open_svg(width, height, id_prefix, title, desc)]
    ticks = sorted({float(lo) for lo, _, _ in bands if 0 <= lo <= max_value}
                   | {0.0, float(max_value)})
    right = 14 + max((text_width(lab, 10) for _, _, lab in edges), default=0)
    dom = _date_domain([d for d, _ in pts], None) or (date(2000, 1, 1),) * 2
    p = _Plot(width, height, left=_left(ticks), right=right, top=12, bottom=24,
              d0=dom[0], d1=dom[1], y0=0.0, y1=float(max_value))
    n = len(edges)
    for i, (lo, hi, lab) in enumerate(edges):
        tint = BAND_TINTS[round(i * (len(BAND_TINTS) - 1) / max(1, n - 1))]
        y_top, y_bot = p.y(hi), p.y(lo)
        out.append(el("rect", x=p.l, y=y_top, width=p.r - p.l, height=y_bot - y_top, fill=tint,
                      class_="gb-band"))
        out.append(line(p.l, y_top, p.r, y_top, stroke="#ffffff", stroke_width=1))
        if y_bot - y_top >= 11:
            out.append(text(p.r + 6, (y_top + y_bot) / 2 + 3.5, lab, fill=SLATE, font_size=10))
    if not pts:
        return "".join(out) + p.message("No scores yet") + "</svg>"
    for t in ticks:
        out.append(text(p.l - 6, p.y(t) + 4, num(t), text_anchor="end", fill=MUTED))
    axes = p.axes([])
    return "".join(out) + axes + p.series(pts) + "</svg>"


def sparkline(values, *, title: str, id_prefix: str, width: int = 120, height: int = 28,
              target: float | None = None) -> str:
    """A word-sized line of the values (in order), the latest marked, an optional
    dotted target line."""
    vals = [f for v in values if (f := _finite(v)) is not None]
    target = _finite(target)
    if vals:
        desc = (f"{len(vals)} value{'s' if len(vals) != 1 else ''}; latest {num(vals[-1])}"
                + (f"; lowest {num(min(vals))}, highest {num(max(vals))}" if len(vals) > 1
                   else "") + ".")
    else:
        desc = "No check-ins yet."
    if target is not None:
        desc += f" Target {num(target)}."
    out = [open_svg(width, height, id_prefix, title, desc, cls="gb-sparkline")]
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
    out.append(marker("circle", *xy[-1], 2.5, fill=TEAL, class_="gb-point"))
    return "".join(out) + "</svg>"


def progress_bar(share: float | None, *, label: str, width: int = 120,
                 height: int = 10) -> str:
    """A small bar of `share` (clamped to 0..1 for drawing; the aria-label and
    tooltip give the real percentage, or "no data")."""
    f = _finite(share)
    info = f"{label}: no data" if f is None else f"{label}: {round(f * 100)}%"
    fill = 0.0 if f is None else min(1.0, max(0.0, f)) * width
    r = height / 2
    bar = el("rect", x=0, y=0, width=fill, height=height, rx=r, fill=TEAL) if fill > 0 else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="gb-bar" width="{width}"'
            f' height="{height}" viewBox="0 0 {width} {height}" role="img"'
            f' aria-label="{esc(info)}"><title>{esc(info)}</title>'
            + el("rect", x=0, y=0, width=width, height=height, rx=r, fill=TRACK)
            + bar + "</svg>")
