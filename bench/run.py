"""goalbook's benchmarks: `make bench` (or `.venv/bin/python bench/run.py`).

    bench/run.py [--runs N] [--only NAME ...] [--list]

Each benchmark is a function in BENCHES taking a `Bench` context; it prints
`name: figure` lines through `ctx.report()` and may return a failure message
when a figure misses its target. To add one, write `def bench_something(ctx)`
here (or import it from its own bench/*.py module) and append it to BENCHES.

The synthetic book (bench/make_book.py: 20 goals, a year of daily check-ins,
weekly Markdown reviews, two sessions a month) is written once per run into
bench/.work/book; `ctx.book()` returns its path. `scale` writes the ten-year
book (`make_book.py --days 3652`) into bench/.work/scale.

goalbook keeps a cache (goalbook.load.store); every timed process here uses
the bench's own cache folder, bench/.work/cache, never the user's.

Exit status: 0 when every benchmark met its target, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TODAY = date(2026, 11, 22)
CHECK_TARGET_S = 0.5


@dataclass
class Bench:
    runs: int = 10
    figures: dict[str, object] = field(default_factory=dict)
    _book: Path | None = None

    def report(self, name: str, figure) -> None:
        self.figures[name] = figure
        print(f"{name}: {figure}", flush=True)

    def book(self) -> Path:
        """The synthetic one-year book, written on first use."""
        if self._book is None:
            from bench import make_book

            root = WORK / "book"
            counts = make_book.make_book(root, end=TODAY)
            self.report("book_files", sum(counts.values()))
            self._book = root
        return self._book


def goalbook_command() -> list[str]:
    """The installed `goalbook` next to this Python (the venv's), else `python -m goalbook`."""
    script = Path(sys.executable).parent / "goalbook"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "goalbook"]


def process_env(bytecode: bool = True) -> dict[str, str]:
    """The environment for a timed `goalbook`.

    With `bytecode` (the default) compiled modules are cached, as on a user's
    machine; the cache goes to bench/.work/pycache so the source tree stays
    clean even when PYTHONDONTWRITEBYTECODE is set (as in some sandboxes).
    Without it every goalbook module is compiled from source on every run.
    """
    env = {**os.environ, "NO_COLOR": "1", "GOALBOOK_CACHE_DIR": str(WORK / "cache")}
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def time_process(cmd: list[str], runs: int, ok=(0,), cpu: list[float] | None = None,
                 env: dict[str, str] | None = None) -> list[float]:
    """Wall times of `runs` runs of `cmd`; the CPU time (user + system) of each goes to `cpu`.

    CPU time hardly moves when other work shares the machine, wall time does:
    report both when the figure matters.
    """
    env = env or process_env()
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode not in ok:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return times


# --- benchmarks ---------------------------------------------------------------

def bench_check(ctx: Bench) -> str | None:
    """`goalbook check` on the one-year book, as a whole process (start-up included)."""
    root = ctx.book()
    cmd = goalbook_command() + ["-C", str(root), "check", "--today", TODAY.isoformat()]
    time_process(cmd, 1)                               # warm the OS cache and .pyc files
    cpu: list[float] = []
    times = time_process(cmd, ctx.runs, cpu=cpu)
    ctx.report("check_runs", ctx.runs)
    ctx.report("check_min_s", round(min(times), 3))
    ctx.report("check_median_s", round(statistics.median(times), 3))
    ctx.report("check_cpu_median_s", round(statistics.median(cpu), 3))
    ctx.report("load_average_1min", round(os.getloadavg()[0], 2))
    ctx.report("check_target_s", CHECK_TARGET_S)
    uncached = time_process(cmd, max(3, ctx.runs // 2), env=process_env(bytecode=False))
    ctx.report("check_without_bytecode_cache_median_s", round(statistics.median(uncached), 3))
    cold = []
    for _ in range(max(3, ctx.runs // 2)):            # goalbook's own cache folder empty each time
        shutil.rmtree(WORK / "cache", ignore_errors=True)
        cold += time_process(cmd, 1)
    ctx.report("check_cold_cache_median_s", round(statistics.median(cold), 3))
    if statistics.median(times) > CHECK_TARGET_S:
        return f"goalbook check took {statistics.median(times):.3f}s (median), target {CHECK_TARGET_S}s"
    return None


def bench_check_in_process(ctx: Bench) -> None:
    """`check_project` alone, in this process: the work without interpreter start-up and imports."""
    from goalbook.app.check import check_project

    root = ctx.book()
    result = check_project(root, TODAY)
    times = []
    for _ in range(ctx.runs):
        started = time.perf_counter()
        check_project(root, TODAY)
        times.append(time.perf_counter() - started)
    ctx.report("check_in_process_files", result.files)
    ctx.report("check_in_process_errors", result.errors)
    ctx.report("check_in_process_median_s", round(statistics.median(times), 3))


def bench_startup(ctx: Bench) -> None:
    """`goalbook --version`: interpreter start-up plus the CLI's imports, the floor under every command."""
    cpu: list[float] = []
    times = time_process(goalbook_command() + ["--version"], ctx.runs, cpu=cpu)
    ctx.report("startup_median_s", round(statistics.median(times), 3))
    ctx.report("startup_cpu_median_s", round(statistics.median(cpu), 3))


def bench_help(ctx: Bench) -> str | None:
    """`goalbook --help`: what a user waits for before reading the options; target under 0.15 s."""
    times = time_process(goalbook_command() + ["--help"], ctx.runs)
    median = round(statistics.median(times), 3)
    ctx.report("help_median_s", median)
    return f"--help {median} s above 0.15 s" if median > 0.15 else None


def bench_rebuild_unchanged(ctx: Bench) -> str | None:
    """`goalbook build` with PDF when nothing changed since the last build: the PDF is
    reused from the manifest without importing WeasyPrint; target under 0.5 s."""
    book = ctx.book()
    out = WORK / "rebuild-out"
    cmd = goalbook_command() + ["-C", str(book), "build", "--today", TODAY.isoformat(), "-o", str(out)]
    time_process(cmd, 1)                                   # the first build renders the PDF
    times = time_process(cmd, ctx.runs)
    probe = ("import sys, runpy; sys.argv = sys.argv[1:]\ntry: runpy.run_module('goalbook', run_name='__main__')\n"
             "except SystemExit: pass\nprint('weasyprint' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, "goalbook", "-C", str(book), "build", "--today",
                           TODAY.isoformat(), "-o", str(out)], capture_output=True, text=True, env=process_env())
    imported = proc.stderr.strip().splitlines()[-1]
    median = round(statistics.median(times), 3)
    ctx.report("rebuild_unchanged_median_s", median)
    ctx.report("rebuild_unchanged_imports_weasyprint", imported)
    if imported != "False":
        return "an unchanged rebuild imported WeasyPrint"
    return f"unchanged rebuild {median} s above 0.5 s" if median > 0.5 else None


def bench_pdf(ctx: Bench) -> str | None:
    """The PDF renderer against bare WeasyPrint (bench/pdf_bench.py prints its own figures)."""
    from bench import pdf_bench

    figures = pdf_bench.run(repeat=max(3, ctx.runs // 2))
    ctx.figures.update(figures)
    if figures.get("pdf_ratio", 0) > pdf_bench.TARGET_RATIO:
        return f"pdf_ratio {figures['pdf_ratio']} above {pdf_bench.TARGET_RATIO}"
    return None


def bench_pelican(ctx: Bench) -> str | None:
    """`build --no-pdf` against Pelican and Hugo (when installed) on 1,000 and 5,000 real Markdown
    notes (bench/pelican_bench.py); targets: at most 1/3 of Pelican's time, 1.5 times Hugo's."""
    from bench import pelican_bench

    figures = pelican_bench.bench_against_pelican(WORK / "pelican", report=print)
    ctx.figures.update(figures)
    ctx.report("pelican_hugo", figures["hugo"])
    ctx.report("pelican_words_per_note", figures["words_per_note"])
    missed = []
    if figures["ratio"] > 1 / 3:
        missed.append(f"goalbook/Pelican ratio {figures['ratio']} above 1/3")
    hugo = figures.get(f"goalbook_over_hugo_{figures['notes']}")
    if hugo is not None and hugo > pelican_bench.HUGO_TARGET:
        missed.append(f"goalbook/Hugo ratio {hugo} above {pelican_bench.HUGO_TARGET}")
    return "; ".join(missed) or None


def bench_scale(ctx: Bench) -> str | None:
    """The ten-year book (bench/scale_bench.py): check cold and warm, full, unchanged and
    one-edit builds against a bare CSafeLoader load of the same files, peak RSS, largest page."""
    from bench import scale_bench

    missed = scale_bench.bench_scale(WORK / "scale", days=3652, runs=max(1, min(3, ctx.runs)),
                                     today=TODAY, report=print)
    return "; ".join(missed) or None


def bench_serve(ctx: Bench) -> str | None:
    """Saving a check-in to the rebuilt HTML being served (bench/serve_bench.py); target 0.2 s."""
    from bench import serve_bench

    figures = serve_bench.bench_serve_rebuild(ctx.book(), TODAY, env=process_env())
    for name, value in figures.items():
        ctx.report(name, value)
    if figures["serve_save_to_html_median_s"] > 0.2:
        return f"serve save-to-HTML {figures['serve_save_to_html_median_s']} s above 0.2 s"
    return None


def bench_git_history(ctx: Bench) -> str | None:
    """What the history from git adds to a build of a book with 4,000 commits (bench/git_history_bench.py); target 0.3 s."""
    from bench import git_history_bench

    figures = git_history_bench.run(WORK / "git-history", runs=max(3, ctx.runs // 2))
    for name, value in figures.items():
        ctx.report(name, value)
    return git_history_bench.missed(figures)


def bench_lsp(ctx: Bench) -> str | None:
    """An edit in the editor to its diagnostics from `goalbook lsp` (bench/lsp_bench.py); target 0.15 s."""
    from bench import lsp_bench

    figures = lsp_bench.bench_lsp_edit(ctx.book(), TODAY, edits=max(5, ctx.runs))
    for name, value in figures.items():
        ctx.report(name, value)
    median = figures["lsp_edit_to_diagnostics_median_s"]
    return f"lsp edit-to-diagnostics {median} s above {lsp_bench.TARGET_S} s" if median > lsp_bench.TARGET_S else None


BENCHES = [bench_check, bench_check_in_process, bench_startup, bench_help, bench_rebuild_unchanged, bench_pdf,
           bench_pelican, bench_serve, bench_git_history, bench_lsp, bench_scale]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run goalbook's benchmarks.")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per figure (default 10)")
    parser.add_argument("--only", nargs="*", default=[], metavar="NAME",
                        help="run only these benchmarks (e.g. check pdf); see --list")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    names = {b.__name__.removeprefix("bench_"): b for b in BENCHES}
    if args.list:
        for name, bench in names.items():
            print(f"{name}: {(bench.__doc__ or '').strip().splitlines()[0]}")
        return 0
    unknown = [n for n in args.only if n not in names]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(names)}")
    os.environ["GOALBOOK_CACHE_DIR"] = str(WORK / "cache")   # in-process benches too: never the user's
    ctx = Bench(runs=args.runs)
    failures = []
    for name, bench in names.items():
        if args.only and name not in args.only:
            continue
        print(f"# {name}", flush=True)
        try:
            message = bench(ctx)
        except (ImportError, FileNotFoundError) as exc:   # an optional tool (WeasyPrint, Pelican) is missing
            print(f"{name}_skipped: {exc}", flush=True)
            continue
        if message:
            failures.append(f"{name}: {message}")
    for failure in failures:
        print(f"MISSED TARGET {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
