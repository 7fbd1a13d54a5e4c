"""The ten-year book against a bare YAML load of the same files, measured side by side.

    .venv/bin/python bench/scale_bench.py [--days 3652] [--runs 3]

Every case is a whole `goalbook` process (start-up included), and every ratio
divides by the median of a bare `yaml.load(..., CSafeLoader)` of the same
files in a process of its own, so a busy machine slows both sides alike.
The runs are interleaved: round 1 of every case, then round 2, and so on.

* `load`: the bare CSafeLoader load (the front matter of a .md file only);
* `check_cold`: `check` with an empty goalbook cache; `check_warm`: the same
  `check` again (an unchanged book);
* `build_full`: `build --no-pdf` into a new folder with an empty cache (goalbook's
  own templates compiled, as Python's .pyc files are; once more without them, as a
  first build after installing, for information);
  `build_unchanged`: the same build again; `build_one_edit`: after one
  recent check-in's mood was changed;
* the full build's peak RSS (of its largest process) and the largest page it wrote;
  the peak of all its processes' summed PSS, in one more full build that isn't timed;
* `goalbook serve`: saving a check-in to the rebuilt page being served
  (bench/serve_bench.py), on the same book.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TODAY = date(2026, 11, 22)
TARGETS = {"check_cold": 1.0, "check_warm": 0.4, "build_full": 3.0, "build_unchanged": 0.4,
           "build_one_edit": 0.6}
RSS_TARGET_MIB = 150
PAGE_TARGET_BYTES = 400_000
SERVE_TARGET_S = 0.3

# The same files goalbook reads, parsed by libyaml into Python objects and nothing else.
BARE_LOAD = r"""
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
paths = [root / "goalbook.yaml"] + sorted(p for p in (root / "content").rglob("*") if p.suffix in (".yaml", ".md"))
count = 0
for path in paths:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("\n---\n", 1)[0].removeprefix("---\n")
    yaml.load(text, Loader=yaml.CSafeLoader)
    count += 1
print(count)
"""


def _run(cmd: list[str], env: dict[str, str], pss: list[int] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB, of the largest process:
    goalbook's own or a child's). With `pss`, the peak of the whole process tree's summed
    proportional set size (KiB) is appended to it (sampled every 10 ms from /proc)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    sampler = None
    if pss is not None:
        peak = [0]
        sampler = threading.Thread(target=_sample_pss, args=(proc.pid, peak), daemon=True)
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if sampler is not None:
        sampler.join()
        pss.append(peak[0])
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):           # 1: the book has suggestions under --strict, or errors
        raise RuntimeError(f"{' '.join(cmd)} exited {code}: {stderr[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _sample_pss(pid: int, peak: list[int]) -> None:
    while os.path.exists(f"/proc/{pid}/smaps_rollup"):
        total = sum(_pss(p) for p in _tree(pid))
        peak[0] = max(peak[0], total)
        time.sleep(0.01)


def _tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                for child in handle.read().split():
                    pids += _tree(int(child))
    except OSError:
        pass
    return pids


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _settle(book: Path) -> None:
    """Date the generated files back a minute, like files written some time ago: a file
    modified in the last two seconds is always read again (see docs/scale.md)."""
    for path in book.rglob("*"):
        if path.is_file():
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 60_000_000_000))


def goalbook_command() -> list[str]:
    """The goalbook to time: $GOALBOOK_BENCH_GOALBOOK (another checkout's, to compare), else
    the one next to this Python."""
    other = os.environ.get("GOALBOOK_BENCH_GOALBOOK")
    if other:
        return [other]
    script = Path(sys.executable).parent / "goalbook"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "goalbook"]


def _edit(book: Path, today: date, round_: int) -> None:
    """Change the mood of a check-in from last week (a different value each round)."""
    path = book / "content" / "checkins" / f"{(today - timedelta(days=5)).isoformat()}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^mood: \d+$", f"mood: {round_ % 10}", text, flags=re.M), encoding="utf-8")
    # saved a while before the next command, as a person's edit is: a file saved in the last
    # two seconds is read again by every check (racily clean), which the next round's warm
    # check would then pay for
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 60_000_000_000))


def _largest_page(folder: Path) -> tuple[str, int]:
    pages = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob("*.html")]
    size, name = max(pages)
    return name, size


def bench_scale(work: Path, days: int = 3652, runs: int = 3, today: date = TODAY, report=print) -> list[str]:
    """Run every case `runs` times, interleaved; report figures; return the missed targets."""
    from bench import make_book

    book, cache, out = work / "book", work / "cache", work / "out"
    counts = make_book.make_book(book, end=today, days=days)
    _settle(book)
    report(f"scale_days: {days}")
    report(f"scale_files: {sum(counts.values())}")
    env = {**os.environ, "NO_COLOR": "1", "GOALBOOK_CACHE_DIR": str(cache), "GOALBOOK_TODAY": today.isoformat()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(HERE / ".work" / "pycache")
    gb = goalbook_command() + ["-C", str(book)]
    check = gb + ["check"]
    build = gb + ["build", "--no-pdf", "-o", str(out)]
    load = [sys.executable, "-c", BARE_LOAD, str(book)]
    _run(load, env)                                   # the OS's file cache and .pyc files warm
    _run(check, env)
    wall: dict[str, list[float]] = {name: [] for name in ("load", *TARGETS)}
    cpu: dict[str, list[float]] = {name: [] for name in wall}
    rss: list[int] = []
    pss: list[int] = []
    largest = ("", 0)

    def timed(name: str, cmd: list[str], sample: list[int] | None = None) -> int:
        seconds, cpu_seconds, peak = _run(cmd, env, sample)
        wall[name].append(seconds)
        cpu[name].append(cpu_seconds)
        return peak

    for round_ in range(runs):
        timed("load", load)
        shutil.rmtree(cache, ignore_errors=True)
        timed("check_cold", check)
        timed("check_warm", check)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        rss.append(timed("build_full", build))
        largest = _largest_page(out)
        timed("build_unchanged", build)
        _edit(book, today, round_)
        timed("build_one_edit", build)
    # A first build after installing goalbook: its own templates not compiled yet either (the
    # full builds above find them compiled, as they find Python's .pyc files).
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    from goalbook.render.environment import compiled_next_to_the_templates

    shutil.rmtree(compiled_next_to_the_templates(env["PYTHONPYCACHEPREFIX"]), ignore_errors=True)
    first = _run(build, env)[0]
    # The summed PSS of goalbook and its children, in a full build of its own: sampling /proc
    # every 10 ms takes CPU from the build it watches (0.3 s of a 2.6 s build on 2 cores).
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    _run(build, env, pss)
    medians = {name: statistics.median(values) for name, values in wall.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    for name in medians:
        report(f"scale_{name}_median_s: {medians[name]:.3f} (cpu {cpu_medians[name]:.3f})")
    missed = []
    for name, target in TARGETS.items():
        ratio = medians[name] / medians["load"]
        cpu_ratio = cpu_medians[name] / cpu_medians["load"]
        report(f"scale_{name}_ratio: {ratio:.2f} (cpu {cpu_ratio:.2f}; target {target})")
        if ratio > target:
            missed.append(f"{name} {ratio:.2f}x the bare load, target {target}x")
    report(f"scale_build_first_after_install_s: {first:.3f} ({first / medians['load']:.2f}x the load; "
           "templates compiled too; no target)")
    peak_mib = max(rss) / 1024
    report(f"scale_build_full_peak_rss_mib: {peak_mib:.0f} (target {RSS_TARGET_MIB}; the largest process)")
    if pss and max(pss):
        report(f"scale_build_full_peak_pss_all_processes_mib: {max(pss) / 1024:.0f} "
               "(goalbook and its forked children together; GOALBOOK_WORKERS=1 for one process)")
    report(f"scale_largest_page: {largest[0]} {largest[1]} bytes (target {PAGE_TARGET_BYTES})")
    from bench import serve_bench

    served = serve_bench.bench_serve_rebuild(book, today, saves=5, env=env)
    report(f"scale_serve_save_to_html_median_s: {served['serve_save_to_html_median_s']} (target {SERVE_TARGET_S})")
    report(f"scale_serve_rebuild_median_s: {served['serve_rebuild_median_s']}")
    if served["serve_save_to_html_median_s"] > SERVE_TARGET_S:
        missed.append(f"serve save to served page {served['serve_save_to_html_median_s']} s, target {SERVE_TARGET_S}")
    report(f"scale_load_average_1min: {os.getloadavg()[0]:.2f}")
    if peak_mib > RSS_TARGET_MIB:
        missed.append(f"full build peak RSS {peak_mib:.0f} MiB, target {RSS_TARGET_MIB}")
    if largest[1] > PAGE_TARGET_BYTES:
        missed.append(f"largest page {largest[0]} {largest[1]} bytes, target {PAGE_TARGET_BYTES}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=3652)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "scale")
    args = parser.parse_args(argv)
    missed = bench_scale(args.work, args.days, args.runs)
    for line in missed:
        print(f"MISSED TARGET {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
