"""Limits checked before the work: pictures in notes (pixels and bytes, from the
header only) and points drawn per chart. Two resource tests run a whole build
with its PDF in a child process and read the child's peak memory and CPU time."""
from __future__ import annotations

import base64
import io
import json
import re
import struct
import subprocess
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image

from conftest import TODAY
from goalbook.render.chart_points import MAX_CHART_POINTS, bounded
from goalbook.render.charts import progress_chart, sparkline
from goalbook.render.images import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE
from goalbook.render.markdown import render_markdown

MEMORY_LIMIT_MB = 600
CPU_LIMIT_SECONDS = 30


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A real, decodable RGBA PNG of transparent pixels: tiny on disk, huge once drawn.
    Written row by row, so making it never holds the pixels either."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + 4 * width)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))


def png_header(width: int, height: int) -> bytes:
    """Only the header of a PNG that size (its data would never decode)."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\0" * 16)) + _chunk(b"IEND", b""))


def picture(fmt: str, width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height)).save(out, fmt)
    return out.getvalue()


def data_url(data: bytes, kind: str = "png") -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


# --- pictures in notes --------------------------------------------------------------------------

FORMATS = [("PNG", "png"), ("JPEG", "jpeg"), ("GIF", "gif"), ("WEBP", "webp")]


@pytest.mark.parametrize("fmt, kind", FORMATS)
def test_a_picture_wider_than_the_limit_is_left_out_with_a_visible_note(fmt, kind):
    html = str(render_markdown(f"Look:\n\n![the sky]({data_url(picture(fmt, MAX_IMAGE_SIDE + 1, 3), kind)})"))
    assert "<img" not in html and "base64" not in html
    assert f"[picture “the sky” left out: it is {MAX_IMAGE_SIDE + 1:,} × 3 pixels" in html


@pytest.mark.parametrize("fmt, kind", FORMATS)
def test_a_picture_at_the_limit_is_kept(fmt, kind):
    url = data_url(picture(fmt, 3, MAX_IMAGE_SIDE), kind)
    html = str(render_markdown(f"![tall]({url})"))
    assert f'src="{url}"' in html and "left out" not in html


def test_the_size_comes_from_the_header_alone():
    html = str(render_markdown(f"![bomb]({data_url(png_header(12000, 12000))})"))
    assert "12,000 × 12,000 pixels, more than the 4,000 × 4,000 goalbook shows" in html


def test_a_picture_too_large_even_to_measure_is_left_out():
    html = str(render_markdown(f"![huge]({data_url(png_header(60000, 60000))})"))
    assert "<img" not in html and "far larger than the 4,000 × 4,000 pixels" in html


def test_a_picture_with_more_data_than_the_limit_is_left_out_before_it_is_decoded():
    too_much = "A" * (MAX_IMAGE_BYTES // 3 * 4 + 400)          # about 1 MB once decoded
    html = str(render_markdown(f"![big](data:image/png;base64,{too_much})"))
    assert "<img" not in html and "MB goalbook shows" in html


def test_raw_html_pictures_are_measured_too_and_their_alt_text_stays_text():
    url = data_url(png_header(9000, 10))
    html = str(render_markdown(f'<p>x</p>\n\n<img alt="a &lt;b&gt; &quot;c&quot; <script>" src="{url}">'))
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    assert "9,000 × 10 pixels" in html


def test_a_small_picture_beside_a_large_one_is_kept():
    small, large = data_url(picture("PNG", 40, 20)), data_url(png_header(5000, 5000))
    html = str(render_markdown(f"![a]({small}) and ![b]({large})"))
    assert html.count("<img") == 1 and f'src="{small}"' in html and "“b” left out" in html


# --- points on a chart --------------------------------------------------------------------------

def daily(start: date, days: int) -> list[tuple[date, float]]:
    return [(start + timedelta(days=i), float(i % 7)) for i in range(days)]


@pytest.mark.parametrize("points, how", [
    (daily(date(2026, 1, 1), MAX_CHART_POINTS), None),
    (daily(date(2024, 1, 1), 3 * 365), "weekly"),
    ([(date(2000, 1, 3) + timedelta(weeks=i), 1.0) for i in range(20 * 52)], "monthly"),
    (daily(date(1800, 1, 1), 100_000), "yearly"),
    ([(date(26, 11, 16) + timedelta(weeks=i), 0.0) for i in range(104_400)], "1,827-day"),
])
def test_a_long_series_is_averaged_to_at_most_the_limit(points, how):
    drawn, used = bounded(points)
    assert used == how and len(drawn) <= MAX_CHART_POINTS
    assert drawn[0][0] <= points[0][0] and drawn[-1][0] <= points[-1][0]
    assert [d for d, _ in drawn] == sorted({d for d, _ in drawn})


def test_weekly_averages_are_the_means_of_each_week():
    points = daily(date(2024, 1, 1), 3 * 365)            # 2024-01-01 is a Monday; values 0..6
    drawn, how = bounded(points)
    assert how == "weekly" and drawn[0] == (date(2024, 1, 1), 3.0)
    assert all(v == 3.0 for _, v in drawn[:-1])


def test_a_chart_of_a_hundred_thousand_weeks_draws_at_most_the_limit():
    weeks = [(date(26, 11, 16) + timedelta(weeks=i), float(i % 3)) for i in range(104_400)]
    svg = progress_chart(weeks, start=date(2026, 10, 1), due=date(2027, 1, 31), baseline=0, target=3,
                         unit="walks", title="Walks", id_prefix="w", today=TODAY)
    assert svg.count('class="gb-point"') <= MAX_CHART_POINTS
    assert len(svg) < 80_000
    assert "104400 values" in svg and "Drawn as 1,827-day averages." in svg
    assert "check-ins, 1,827-day averages" in svg


def test_a_sparkline_of_many_values_draws_at_most_the_limit():
    svg = sparkline([float(i % 5) for i in range(50_000)], title="t", id_prefix="s")
    points = re.search(r'points="([^"]*)"', svg).group(1).split()
    assert len(points) <= MAX_CHART_POINTS


# --- whole builds, measured -------------------------------------------------------------------

MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": proc.returncode, "max_rss_kb": usage.ru_maxrss,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "stderr": proc.stderr[-3000:]}))
"""


def measured_build(root: Path) -> dict:
    """`goalbook build` (with the PDF) as the only child of a small process that reports
    that child's peak memory and CPU time."""
    command = [sys.executable, "-m", "goalbook", "-C", str(root), "build", "--today", TODAY.isoformat()]
    proc = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["status"] == 0, result["stderr"]
    return result


def assert_within_limits(result: dict) -> None:
    assert result["max_rss_kb"] < MEMORY_LIMIT_MB * 1024, f"peak memory {result['max_rss_kb'] // 1024} MB"
    assert result["cpu_seconds"] < CPU_LIMIT_SECONDS, f"{result['cpu_seconds']:.1f} s of CPU"


def test_a_12000_pixel_png_in_a_note_keeps_the_build_small(example_book):
    bomb = data_url(png_bomb(12000, 12000))                # 576 MB of pixels once drawn
    (example_book / "content" / "checkins" / "2026-11-20-sky.md").write_text(
        f"---\ndate: 2026-11-20\nmood: 6\n---\nThe sky over the park.\n\n![the sky]({bomb})\n", encoding="utf-8")
    result = measured_build(example_book)
    assert_within_limits(result)
    report = (example_book / "output" / "report.html").read_text(encoding="utf-8")
    assert "base64" not in report or bomb not in report
    assert "[picture “the sky” left out: it is 12,000 × 12,000 pixels" in report
    assert (example_book / "output" / "report.pdf").stat().st_size > 10_000


def test_a_check_in_dated_year_26_keeps_the_charts_and_the_build_small(example_book):
    (example_book / "content" / "checkins" / "0026-11-21.yaml").write_text(
        "date: 0026-11-21\nprogress:\n  evening-walks: 1\n", encoding="utf-8")
    result = measured_build(example_book)
    assert_within_limits(result)
    page = (example_book / "output" / "goals" / "evening-walks.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg\b.*?</svg>", page, re.S)
    assert charts and all(c.count('class="gb-point"') <= MAX_CHART_POINTS for c in charts)
    assert "0026" not in "".join(charts) and "26 AD" not in page    # GB011 set the typo aside
    assert len(page) < 400_000


def test_a_long_series_is_drawn_as_averages(tmp_path):
    """Even without a typo, thousands of days are aggregated, not drawn point by point."""
    from goalbook.render.charts import progress_chart
    from datetime import date, timedelta

    series = [(date(2016, 1, 1) + timedelta(days=i), float(i % 5)) for i in range(3650)]
    svg = progress_chart(series, start=series[0][0], due=series[-1][0], baseline=0, target=4, unit="walks",
                         title="t", id_prefix="c", width=880, height=280, today=series[-1][0],
                         y_min=0, y_max=None, label="daily totals")
    assert svg.count('class="gb-point"') <= MAX_CHART_POINTS and "averages" in svg
