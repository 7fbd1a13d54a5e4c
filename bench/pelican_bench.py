"""goalbook `build --no-pdf` against Pelican on the same Markdown notes.

Both tools get N notes of about 300 words: goalbook as N weekly check-ins
(`.md` with front matter) of a small book, Pelican as N articles. Each is run
as a whole process (start-up included), a few times; the median counts.
Target: goalbook takes at most a third of Pelican's time.
"""
from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

WORDS = ("walk evening calm breath meeting sister phone garden notice tired hopeful small step "
         "honest morning kettle rain bus friend choir quiet slow chest shoulders list kind plan "
         "again enough maybe today window light heavy easier").split()
BIN = Path(sys.executable).parent


def _note(rng: random.Random, words: int = 300) -> str:
    sentences, count = [], 0
    while count < words:
        n = rng.randint(6, 16)
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + ".")
        count += n
    return " ".join(sentences)


def make_goalbook(root: Path, notes: int, seed: int = 7) -> date:
    rng = random.Random(seed)
    (root / "content" / "goals").mkdir(parents=True)
    (root / "content" / "checkins").mkdir(parents=True)
    first = date(2024, 1, 1)
    last = first + timedelta(days=notes - 1)
    (root / "content" / "goals" / "evening-walks.yaml").write_text(
        "title: Walk for 30 minutes on three evenings a week\nwhy: it clears my head\n"
        f"start: {first}\ndue: {last + timedelta(days=60)}\nreview: daily\n"
        "measure: {what: walks, unit: walks, per: week, baseline: 0, target: 3, min: 0, max: 21}\n")
    for i in range(notes):
        day = first + timedelta(days=i)
        (root / "content" / "checkins" / f"{day}.md").write_text(
            f"---\ndate: {day}\nprogress: {{evening-walks: {rng.randint(0, 1)}}}\nmood: {rng.randint(3, 8)}\n---\n"
            + _note(rng) + "\n")
    return last


def make_pelican(root: Path, notes: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    content = root / "content"
    content.mkdir(parents=True)
    first = date(2024, 1, 1)
    for i in range(notes):
        day = first + timedelta(days=i)
        (content / f"{day}.md").write_text(f"Title: Check-in {day}\nDate: {day} 20:00\n\n" + _note(rng) + "\n")
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'bench'\nSITEURL = ''\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "DEFAULT_PAGINATION = False\nRELATIVE_URLS = True\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n")


def _time(cmd: list[str], cwd: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_against_pelican(work: Path, notes: int = 1000, runs: int = 3) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    book, blog = work / "goalbook", work / "pelican"
    last = make_goalbook(book, notes)
    make_pelican(blog, notes)
    goalbook = _time([str(BIN / "goalbook"), "build", "--no-pdf", "--today", str(last + timedelta(days=1)),
                      "-o", str(work / "goalbook-out")], book, runs)
    pelican = _time([str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(work / "pelican-out"),
                     "-q"], blog, runs)
    figures = {"notes": notes, "goalbook_build_no_pdf_s": round(goalbook, 3), "pelican_s": round(pelican, 3),
               "ratio": round(goalbook / pelican, 3)}
    return figures


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for name, value in bench_against_pelican(here / ".work" / "pelican").items():
        print(f"{name}: {value}")
