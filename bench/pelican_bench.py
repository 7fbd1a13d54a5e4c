"""goalbook `build --no-pdf` against Pelican (and Hugo, when installed) on the same Markdown notes.

Every tool gets the same N notes of about 345 words of real Markdown: paragraphs
with **bold** and *emphasis*, a bullet list, a numbered list and a link, as
goalbook check-ins (`.md` with front matter) of a one-goal book, as Pelican
articles and as Hugo pages. Each is run as a whole process (start-up
included), from nothing: goalbook with an empty cache folder and no output,
Pelican with its content cache off, Hugo into an empty folder. The runs are
interleaved (goalbook, Pelican, Hugo, then again), and the medians and their
ratios are printed side by side from that one run. Hugo is used only when
`hugo` is on the PATH; it is never installed by the bench.
"""
from __future__ import annotations

import os
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
REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
FIRST = date(2014, 1, 1)
HUGO_TARGET = 1.5            # goalbook's time at most 1.5 times Hugo's


def _sentence(rng: random.Random, low: int = 6, high: int = 16) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"**{words[at]}**" if rng.random() < 0.5 else f"*{words[at]}*"
    return " ".join(words).capitalize() + "."


def note(rng: random.Random, words: int = 345) -> str:
    """About `words` words of Markdown: paragraphs, a bullet and a numbered list, emphasis, a link."""
    blocks, count = [], 0
    while count < words - 70:
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
        count += sum(len(s.split()) for s in sentences)
        blocks.append(" ".join(sentences))
    bullets = [f"- {_sentence(rng, 3, 7)}" for _ in range(3)]
    steps = [f"{i}. {_sentence(rng, 3, 6)}" for i in range(1, 4)]
    blocks.insert(1, "\n".join(bullets))
    blocks.insert(min(3, len(blocks)), "\n".join(steps))
    blocks.append(f"**Next week:** read [the worksheet](https://example.org/worksheets/{rng.randint(1, 99)}) "
                  "before the session.")
    return "\n\n".join(blocks) + "\n"


def notes(count: int, seed: int = 7) -> list[tuple[date, str]]:
    rng = random.Random(seed)
    return [(FIRST + timedelta(days=i), note(rng)) for i in range(count)]


def make_goalbook(root: Path, items: list[tuple[date, str]]) -> date:
    (root / "content" / "goals").mkdir(parents=True)
    (root / "content" / "checkins").mkdir(parents=True)
    last = items[-1][0]
    (root / "content" / "goals" / "evening-walks.yaml").write_text(
        "title: Walk for 30 minutes on three evenings a week\nwhy: it clears my head\n"
        f"start: {FIRST}\ndue: {last + timedelta(days=60)}\nreview: daily\n"
        "measure: {what: walks, unit: walks, per: week, baseline: 0, target: 3, min: 0, max: 21}\n")
    for i, (day, text) in enumerate(items):
        (root / "content" / "checkins" / f"{day}.md").write_text(
            f"---\ndate: {day}\nprogress: {{evening-walks: {i % 2}}}\nmood: {3 + i % 6}\n---\n{text}")
    return last


def make_pelican(root: Path, items: list[tuple[date, str]]) -> None:
    content = root / "content"
    content.mkdir(parents=True)
    for day, text in items:
        (content / f"{day}.md").write_text(f"Title: Check-in {day}\nDate: {day} 20:00\n\n{text}")
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'bench'\nSITEURL = ''\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "DEFAULT_PAGINATION = False\nRELATIVE_URLS = True\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n")


def make_hugo(root: Path, items: list[tuple[date, str]]) -> None:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for day, text in items:
        (posts / f"{day}.md").write_text(f"---\ntitle: Check-in {day}\ndate: {day}\n---\n{text}")
    (root / "hugo.toml").write_text('baseURL = "/"\ntitle = "bench"\nrelativeURLs = true\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                                         '<title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}'
                                         '</body></html>\n')
    (layouts / "single.html").write_text('{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    (layouts / "list.html").write_text('{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                                       '{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')


def goalbook_command() -> list[str]:
    from bench.scale_bench import goalbook_command as command

    return command()


def _run(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def bench_against_pelican(work: Path, counts=(1000, 5000), runs: int = 3, report=print) -> dict:
    """Figures by name; `ratio` (goalbook / Pelican at the largest count) is what run.py checks."""
    figures: dict = {}
    hugo = shutil.which("hugo")
    figures["hugo"] = hugo or "not installed"
    for count in counts:
        shutil.rmtree(work, ignore_errors=True)
        items = notes(count)
        book, blog, site = work / "goalbook", work / "pelican", work / "hugo"
        last = make_goalbook(book, items)
        make_pelican(blog, items)
        if hugo:
            make_hugo(site, items)
        env = {**os.environ, "GOALBOOK_CACHE_DIR": str(work / "goalbook-cache")}
        times: dict[str, list[float]] = {"goalbook": [], "pelican": [], "hugo": []}
        for _ in range(runs):
            shutil.rmtree(work / "goalbook-cache", ignore_errors=True)
            shutil.rmtree(work / "goalbook-out", ignore_errors=True)
            times["goalbook"].append(_run([*goalbook_command(), "build", "--no-pdf", "--today",
                                           str(last + timedelta(days=1)), "-o", str(work / "goalbook-out")],
                                          book, env))
            shutil.rmtree(work / "pelican-out", ignore_errors=True)
            times["pelican"].append(_run([str(BIN / "pelican"), "content", "-s", "pelicanconf.py",
                                          "-o", str(work / "pelican-out"), "-q"], blog))
            if hugo:
                shutil.rmtree(work / "hugo-out", ignore_errors=True)
                times["hugo"].append(_run([hugo, "--quiet", "-d", str(work / "hugo-out")], site))
        medians = {tool: statistics.median(t) for tool, t in times.items() if t}
        for tool, value in medians.items():
            figures[f"{tool}_{count}_notes_s"] = round(value, 3)
        figures[f"goalbook_over_pelican_{count}"] = round(medians["goalbook"] / medians["pelican"], 3)
        if "hugo" in medians:
            figures[f"goalbook_over_hugo_{count}"] = round(medians["goalbook"] / medians["hugo"], 3)
        for name in [n for n in figures if f"_{count}" in n]:
            report(f"{name}: {figures[name]}")
    figures["notes"] = counts[-1]
    figures["words_per_note"] = len(notes(1)[0][1].split())
    figures["ratio"] = figures[f"goalbook_over_pelican_{counts[-1]}"]
    return figures


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for name, value in bench_against_pelican(here / ".work" / "pelican", report=lambda line: None).items():
        print(f"{name}: {value}")
