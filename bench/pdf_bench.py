"""PDF render bench: goalbook's render_pdf against bare WeasyPrint on the same HTML.

    .venv/bin/python bench/pdf_bench.py [REPORT.html]

With no file it renders a synthetic report (or bench/make_book.py's one-year
book when that is there).  Prints ``name: figure`` lines; ``bench/run.py``
calls :func:`bench_pdf` (or :func:`run`) and prints the same lines.

Figures (seconds, median of N runs, all in one process after one warm-up):

- ``weasyprint_import_s``: ``import weasyprint`` in a fresh interpreter
  (median of 3 subprocesses; the one-off cost a no-PDF build avoids).
- ``pdf_render_s``: ``goalbook.pdf.render.render_pdf(html, ...)``.
- ``pdf_bare_styled_s``: ``weasyprint.HTML(string=html).write_pdf()`` with the
  same stylesheets (report.css and report-print.css: same fonts, same pages),
  untagged: the baseline ``pdf_ratio`` divides by (target <= 1.05), so the
  ratio includes the cost of goalbook's tagged PDF (WeasyPrint's structure
  tree, a few per cent).
- ``pdf_bare_tagged_s``: the same with ``pdf_tags=True``; ``pdf_ratio_tagged``
  divides by it (what goalbook's own wrapper costs: fetcher, metadata, fonts).
- ``pdf_ratio_best``: the fastest of goalbook's runs over the fastest bare styled
  one (steadier than the medians when other work shares the machine).
- ``pdf_bare_s``: plain ``weasyprint.HTML(string=html).write_pdf()``, no
  stylesheet and no base URL (so fewer pages, system fonts), for reference.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TODAY = date(2026, 11, 22)
TARGET_RATIO = 1.05


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time(repeat: int = 3) -> float:
    """Median wall time of ``import weasyprint`` in a fresh interpreter."""
    code = ("import time; t = time.perf_counter(); import weasyprint; "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, text=True,
                                 capture_output=True).stdout.strip()) for _ in range(repeat)]
    return statistics.median(runs)


def bench_pdf(html: str, *, repeat: int = 5, title: str = "Progress report",
              paper: str = "a4", today: date = TODAY, with_import: bool = True) -> dict:
    """Time goalbook's render_pdf and bare WeasyPrint on *html*; print and return the figures."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from goalbook.pdf import assets_root
    from goalbook.pdf.render import page_css, render_pdf, report_css

    base = assets_root().as_uri() + "/"
    css = report_css() + page_css(paper)

    def ours():
        return render_pdf(html, today=today, title=title, paper=paper)

    def bare_styled(tags: bool = False):
        fonts = FontConfiguration()
        sheet = weasyprint.CSS(string=css, base_url=base, font_config=fonts)
        return weasyprint.HTML(string=html, base_url=base).write_pdf(
            stylesheets=[sheet], font_config=fonts, pdf_tags=tags)

    def bare():
        return weasyprint.HTML(string=html).write_pdf()

    pdf = ours()  # warm-up: caches, lazy imports, fontconfig
    bare_styled()
    bare_styled(True)
    bare()
    # Interleave the runs so drift (CPU frequency, other load) hits all alike.
    t_ours, t_styled, t_tagged, t_bare = [], [], [], []
    for _ in range(repeat):
        t_ours.append(_median_time(ours, 1))
        t_styled.append(_median_time(bare_styled, 1))
        t_tagged.append(_median_time(lambda: bare_styled(True), 1))
        t_bare.append(_median_time(bare, 1))
    figures = {
        "pdf_pages": _page_count(pdf),
        "pdf_bytes": len(pdf),
        "pdf_render_s": round(statistics.median(t_ours), 4),
        "pdf_bare_styled_s": round(statistics.median(t_styled), 4),
        "pdf_bare_tagged_s": round(statistics.median(t_tagged), 4),
        "pdf_bare_s": round(statistics.median(t_bare), 4),
    }
    figures["pdf_ratio"] = round(figures["pdf_render_s"] / figures["pdf_bare_styled_s"], 3)
    figures["pdf_ratio_tagged"] = round(figures["pdf_render_s"] / figures["pdf_bare_tagged_s"], 3)
    # The fastest runs, which other load on a shared machine disturbs least.
    figures["pdf_ratio_best"] = round(min(t_ours) / min(t_styled), 3)
    figures["pdf_ratio_target"] = TARGET_RATIO
    if with_import:
        figures["weasyprint_import_s"] = round(import_time(), 4)
    for name, value in figures.items():
        print(f"{name}: {value}")
    return figures


def _page_count(pdf: bytes) -> int:
    try:
        from io import BytesIO

        from pypdf import PdfReader
    except ImportError:
        return pdf.count(b"/Type /Page\n") or -1
    return len(PdfReader(BytesIO(pdf)).pages)


def sample_html() -> tuple[str, str]:
    """(source, report HTML): bench/make_book.py's one-year book when it is there,
    else the example book over a month, else a synthetic report-shaped page."""
    for name, make in (("one-year book", _book_report_html), ("example book", _example_report_html),
                       ("synthetic", synthetic_html)):
        try:
            return name, make()
        except Exception as exc:  # not there (yet): say so and try the next
            print(f"pdf_source_skipped: {name} ({type(exc).__name__}: {exc})", file=sys.stderr)
    raise RuntimeError("no report HTML to bench")


def _book_report_html() -> str:
    """The report of bench/make_book.py's synthetic one-year book (its engineer owns the module)."""
    import tempfile

    from bench import make_book
    from goalbook.app.build import report_html_for_project

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "book"
        make_book.make_book(root, end=TODAY)
        return report_html_for_project(root, today=TODAY)


def _example_report_html() -> str:
    from goalbook.app.build import report_html_for_project

    return report_html_for_project(REPO, today=TODAY, since=date(2026, 10, 20))


def synthetic_html(goals: int = 6, entries: int = 40) -> str:
    """A report-shaped page: cover, summary table, goal sections with charts and notes."""
    from datetime import timedelta

    from goalbook.render.charts import progress_chart

    start = date(2025, 11, 22)
    parts = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>'
             '</head><body><section class="cover"><h1 class="book-title">Bench book</h1>'
             '<p class="report-period">22 Oct 2026 – 22 Nov 2026</p></section>'
             '<h2>Summary</h2><table><thead><tr><th>Goal</th><th>Status</th><th>Progress</th>'
             '</tr></thead><tbody>']
    parts += [f"<tr><td>Goal {g}</td><td>on track</td><td>{g * 10}%</td></tr>" for g in range(goals)]
    parts.append("</tbody></table>")
    for g in range(goals):
        points = [(start + timedelta(days=7 * i), (i * 0.3 + g) % 7) for i in range(52)]
        svg = progress_chart(points, start=start, due=date(2026, 12, 31), baseline=0, target=7,
                             unit="times", title=f"Goal {g}", id_prefix=f"g{g}", today=TODAY)
        notes = "".join(f"<li><span class='entry-date'>{(start + timedelta(days=i)).isoformat()}"
                        f"</span>A short note about how the week went, number {i}.</li>"
                        for i in range(entries))
        parts.append(f'<section class="goal"><h2>Goal {g}</h2><div class="smart-card"><dl>'
                     f"<dt>Specific</dt><dd>Do the thing {g}</dd></dl></div>"
                     f'<figure class="chart">{svg}</figure><ul class="notes">{notes}</ul></section>')
    parts.append("</body></html>")
    return "".join(parts)


def run(html: str | None = None, repeat: int = 5) -> dict:
    """What bench/run.py calls: the figures for *html* (default: see :func:`sample_html`)."""
    source = "given"
    if html is None:
        source, html = sample_html()
    print(f"pdf_source: {source}")
    figures = bench_pdf(html, repeat=repeat)
    figures["pdf_source"] = source
    return figures


if __name__ == "__main__":
    source = Path(sys.argv[1]).read_text(encoding="utf-8") if len(sys.argv) > 1 else None
    result = run(source)
    sys.exit(0 if result["pdf_ratio"] <= TARGET_RATIO else 1)
