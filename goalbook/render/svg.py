"""Helpers for small, deterministic, hand-written SVG markup.

Only plain SVG 1.1 is produced (presentation attributes, no CSS, no scripts,
no external references), so the same markup works inline in the HTML site and
in WeasyPrint's PDF renderer.  Every number goes through :func:`num`, so the
same input always gives byte-identical output.
"""
from __future__ import annotations

import html
import math
import re
from datetime import date, timedelta

from goalbook import vocabulary
from goalbook.vocabulary import day_label

SVG_NS = "http://www.w3.org/2000/svg"

# A calm teal/slate palette; series differ by dash pattern and marker too.
TEAL = "#0f766e"
SLATE = "#475569"
INK = "#334155"        # text
MUTED = "#64748b"      # secondary text, expected path
GRID = "#e2e8f0"
AXIS = "#94a3b8"
TODAY = "#cbd5e1"
TRACK = "#e2e8f0"
BAND_TINTS = ("#f7f9fb", "#eff3f6", "#e7ecf1", "#dfe5ec", "#d7dfe7", "#cfd8e2")
FONT = 11


def esc(value: object) -> str:
    """Escape text for element content and attribute values."""
    return html.escape(str(value), quote=True)


def num(value: float) -> str:
    """A number with at most two decimals and no trailing zeros ("3", "2.5"); "0" if not finite."""
    return vocabulary.num(value, empty="0")


def text_width(text: str, size: float = FONT) -> float:
    """A rough width estimate for layout (average glyph ≈ 0.62 em)."""
    return len(text) * size * 0.62


def safe_id(prefix: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", str(prefix)) or "chart"


def _attrs(kw: dict) -> str:
    out = []
    for key, value in kw.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        out.append(f'{name}="{num(value) if isinstance(value, (int, float)) else esc(value)}"')
    return (" " + " ".join(out)) if out else ""


def el(tag: str, content: str | None = None, **kw) -> str:
    if content is None:
        return f"<{tag}{_attrs(kw)}/>"
    return f"<{tag}{_attrs(kw)}>{content}</{tag}>"


def text(x: float, y: float, content: str, **kw) -> str:
    kw.setdefault("font_size", FONT)
    kw.setdefault("fill", INK)
    return el("text", esc(content), x=x, y=y, **kw)


def bare_text(x: float, y: float, content: str, **kw) -> str:
    """A text node that takes its font size and colour from its group."""
    return el("text", esc(content), x=x, y=y, **kw)


def line(x1: float, y1: float, x2: float, y2: float, **kw) -> str:
    return el("line", x1=x1, y1=y1, x2=x2, y2=y2, **kw)


def polyline(points: list[tuple[float, float]], **kw) -> str:
    return el("polyline", points=" ".join(f"{num(x)},{num(y)}" for x, y in points),
              fill="none", **kw)


def marker(shape: str, x: float, y: float, r: float, **kw) -> str:
    """A point marker: circle, square, diamond or triangle centred on (x, y)."""
    if shape == "circle":
        return el("circle", cx=x, cy=y, r=r, **kw)
    if shape == "square":
        return el("rect", x=x - r, y=y - r, width=2 * r, height=2 * r, **kw)
    if shape == "diamond":
        pts = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
    else:  # triangle
        pts = [(x, y - r * 1.3), (x + r * 1.2, y + r), (x - r * 1.2, y + r)]
    return el("polygon", points=" ".join(f"{num(a)},{num(b)}" for a, b in pts), **kw)


def chart_label(title: str, desc: str) -> str:
    """A chart's text alternative: its title and the plain summary of its numbers."""
    title, desc = str(title).strip(), str(desc).strip()
    if not desc:
        return title
    if title.endswith((".", ":", "?", "!")):
        return f"{title} {desc}"
    return f"{title}{'.' if ':' in title else ':'} {desc}"


def open_svg(width: int, height: int, id_prefix: str, title: str, desc: str,
             cls: str = "gb-chart") -> str:
    """The chart's opening tag and its text alternative: ``role="img"``, an
    ``aria-label`` and a ``<title>`` holding the title and the summary (a browser's
    screen reader reads the label; WeasyPrint makes the ``<title>`` the tagged PDF's
    /Alt text of the figure)."""
    label = esc(chart_label(title, desc))
    return (f'<svg xmlns="{SVG_NS}" class="{esc(cls)}" width="{width}"'
            f' height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{label}"'
            f' font-family="sans-serif"><title>{label}</title>')


def move(x: float, y: float) -> str:
    return f"M{num(x)} {num(y)}"


def to(x: float, y: float) -> str:
    return f"L{num(x)} {num(y)}"


class Scale:
    """Linear map from a data domain onto a pixel range, clamped to the range."""

    def __init__(self, d0: float, d1: float, r0: float, r1: float):
        if d1 == d0:
            d0, d1 = d0 - 1, d1 + 1
        self.d0, self.d1, self.r0, self.r1 = d0, d1, r0, r1

    def __call__(self, v: float) -> float:
        r = self.r0 + (v - self.d0) * (self.r1 - self.r0) / (self.d1 - self.d0)
        return min(max(r, min(self.r0, self.r1)), max(self.r0, self.r1))


def _steps(span: float, max_ticks: int):
    mag = 10 ** math.floor(math.log10(span / max(1, max_ticks - 1)))
    for m in (1, 2, 5, 10, 20, 50, 100):
        yield m * mag


def nice_range(lo: float, hi: float, max_ticks: int = 5,
               fixed: bool = False) -> tuple[float, float, list[float]]:
    """Round [lo, hi] out to nice tick steps; with `fixed`, keep the ends and
    return only the nice ticks inside them."""
    if hi - lo < 1e-9:
        lo, hi = (lo, lo + 1) if lo == 0 else (lo - abs(lo) * 0.5, hi + abs(hi) * 0.5)
    for step in _steps(hi - lo, max_ticks):
        a = math.floor(lo / step + 1e-9) * step
        b = math.ceil(hi / step - 1e-9) * step
        if fixed:
            a, b = math.ceil(lo / step - 1e-9) * step, math.floor(hi / step + 1e-9) * step
        n = round((b - a) / step) + 1
        if n <= max_ticks:
            ticks = [round(a + i * step, 9) for i in range(n)]
            return (lo, hi, ticks) if fixed else (a, b, ticks)
    return lo, hi, [lo, hi]


def date_ticks(d0: date, d1: date, max_ticks: int = 5) -> list[date]:
    """Up to `max_ticks` evenly spread dates from d0 to d1 inclusive."""
    span = (d1 - d0).days
    if span <= 0:
        return [d0]
    n = max(2, min(max_ticks, span + 1))
    if span < 8 * (n - 1):   # short spans: whole-day steps, evenly spaced
        step = math.ceil(span / (n - 1))
        return [d0 + timedelta(days=i * step) for i in range(span // step + 1)]
    return sorted({d0 + timedelta(days=round(i * span / (n - 1))) for i in range(n)})


def date_labels(ticks: list[date], vb=None) -> list[str]:
    """Day and month; the year on the first label and wherever it changes (`vb`: the
    book's `Vocabulary`, English when none)."""
    if vb is None or vb.english:
        return [day_label(d, i == 0 or d.year != ticks[i - 1].year) for i, d in enumerate(ticks)]
    return [vb.long_date(d) if i == 0 or d.year != ticks[i - 1].year else vb.short_date(d)
            for i, d in enumerate(ticks)]


def legend(items: list[tuple[str, str]], x: float, y: float) -> str:
    """A one-row legend; item kinds: solid, dashed, dotted, band."""
    out = []
    for kind, label in items:
        if kind == "band":
            out.append(el("rect", x=x, y=y - 8, width=14, height=10, fill=BAND_TINTS[2],
                          stroke=AXIS, stroke_width=0.5))
            x += 20
        else:
            style = {"solid": dict(stroke=TEAL, stroke_width=2),
                     "dashed": dict(stroke=MUTED, stroke_width=1.5, stroke_dasharray="6 4"),
                     "dotted": dict(stroke=INK, stroke_width=1.5, stroke_dasharray="2 3")}[kind]
            out.append(line(x, y - 3, x + 24, y - 3, **style))
            if kind == "solid":
                out.append(marker("circle", x + 12, y - 3, 3, fill=TEAL, stroke="#ffffff"))
            x += 30
        out.append(text(x, y, label, fill=SLATE, font_size=10))
        x += text_width(label, 10) + 18
    return "".join(out)
