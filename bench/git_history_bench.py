"""What the history from git adds to a build, on a book with 4,000 commits.

    .venv/bin/python bench/git_history_bench.py [WORK_FOLDER]

The repository is scripted with `git fast-import` (seconds, not minutes): the
synthetic one-year book of bench/make_book.py (20 goals, a year of check-ins,
reviews and sessions) grown over a year in 4,000 commits, a check-in or
session file arriving every ninth one. Two books:

* `typical`: a goal file is edited in every tenth commit (400 old versions);
* `hard`: *every* commit edits a goal file (4,000 old versions; these goals
  carry their inline check-ins, so that is about 10 MB to read).

In both, a goal's target changes with no `revisions:` entry now and then (the
changes to find). Figures, per book, in seconds of `read_history` (the only
step the history adds to a build):

* `first_s`: the first build ever (empty cache): the whole log, and every old
  version through one `cat-file --batch` running alongside it;
* `new_commit_s`: after one more commit (the usual case after committing):
  only the new commit and its versions are read;
* `unchanged_s`: HEAD as it was: the cache, no git process at all;
* `build_ratio`: a whole `build --no-pdf` of the repository (first-build case)
  over the same build of a copy of the book outside git.

Target: at most 0.3 s added, in every case but the hard book's first build
(reported, without a target: it happens once per clone).
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

COMMITS = 4000
TODAY = date(2026, 11, 22)
TARGET_S = 0.3
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Sam", "GIT_AUTHOR_EMAIL": "sam@example.org",
           "GIT_COMMITTER_NAME": "Sam", "GIT_COMMITTER_EMAIL": "sam@example.org"}


def _git(repo: Path, *args: str, stdin: bytes | None = None, when: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], input=stdin, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def make_repository(work: Path, goal_every: int = 1) -> tuple[Path, Path]:
    """(the repository, a copy of its working tree outside git), made fresh in `work`;
    a goal file is edited in every `goal_every`-th commit."""
    from bench import make_book

    shutil.rmtree(work, ignore_errors=True)
    book = work / "book"
    make_book.make_book(book, end=TODAY)
    goals = sorted((book / "content" / "goals").iterdir())
    others = sorted(p for p in (book / "content").rglob("*") if p.is_file() and "goals" not in p.parts)
    final = {g: g.read_bytes() for g in goals}
    stream: list[bytes] = []
    start = datetime(TODAY.year - 1, TODAY.month, TODAY.day, 8, tzinfo=timezone.utc)
    step = timedelta(days=365) / COMMITS

    def commit(n: int, files: list[tuple[str, bytes]]) -> None:
        stamp = int((start + n * step).timestamp())
        message = b"commit %d" % n
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"author Sam <sam@example.org> %d +0000\ncommitter Sam <sam@example.org> %d +0000\n"
                      % (stamp, stamp))
        stream.append(b"data %d\n%s\n" % (len(message), message))
        for path, data in files:
            stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))

    rel = lambda p: p.relative_to(book).as_posix()  # noqa: E731
    commit(0, [("goalbook.yaml", (book / "goalbook.yaml").read_bytes())] + [(rel(g), final[g]) for g in goals])
    bumps = {g: 0 for g in goals}
    for n in range(1, COMMITS - 1):
        files = []
        if n % 9 == 0 and others:
            path = others.pop(0)
            files.append((rel(path), path.read_bytes()))
        if n % goal_every == 0:
            goal = goals[(n // goal_every + n // 100) % len(goals)]
            if n % 100 == 0:
                bumps[goal] += 1
            files.append((rel(goal), _bumped(final[goal], bumps[goal]) + b"# review %d\n" % n))
        commit(n, files)
    commit(COMMITS - 1, [(rel(p), p.read_bytes()) for p in others] + [(rel(g), final[g]) for g in goals])
    repo = work / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "fast-import", "--quiet", stdin=b"".join(stream))
    _git(repo, "checkout", "-q", "-f", "main")
    plain = work / "plain"
    shutil.copytree(book, plain)
    return repo, plain


def _bumped(text: bytes, bumps: int) -> bytes:
    """The goal with its target raised by `bumps` (the history's unrecorded changes)."""
    if not bumps:
        return text
    lines = text.split(b"\n")
    for i, line in enumerate(lines):
        if line.startswith(b"  target: "):
            lines[i] = b"  target: %s" % (str(float(line.split(b":")[1]) + bumps).encode())
    return b"\n".join(lines)


def _goal_files(root: Path) -> dict[str, str]:
    from goalbook.load.discover import discover

    return {f.abs_path.stem: f.rel_path for f in discover(root) if f.kind == "goal"}


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run(work: Path, runs: int = 5) -> dict:
    """Both books' figures, named `git_history_<book>_<figure>`."""
    figures: dict = {"git_history_commits": COMMITS, "git_history_target_s": TARGET_S}
    for name, goal_every in (("typical", 10), ("hard", 1)):
        for key, value in run_book(work / name, goal_every, runs).items():
            figures[f"git_history_{name}_{key}"] = value
    return figures


def run_book(work: Path, goal_every: int, runs: int) -> dict:
    from goalbook.app.history import read_history
    from goalbook.app.build import BuildOptions, build

    repo, plain = make_repository(work, goal_every)
    cache = work / "cache"
    before = os.environ.get("GOALBOOK_CACHE_DIR")
    os.environ["GOALBOOK_CACHE_DIR"] = str(cache)
    try:
        return _figures(repo, plain, cache, runs, read_history, build, BuildOptions)
    finally:
        if before is None:
            os.environ.pop("GOALBOOK_CACHE_DIR", None)
        else:
            os.environ["GOALBOOK_CACHE_DIR"] = before


def _figures(repo: Path, plain: Path, cache: Path, runs: int, read_history, build, BuildOptions) -> dict:
    goals = _goal_files(repo)
    figures: dict = {}

    first = []
    for _ in range(runs):
        shutil.rmtree(cache / "git-history", ignore_errors=True)
        first.append(_timed(lambda: read_history(repo, goals)))
    history = read_history(repo, goals)
    figures["changes_found"] = len(history.changes) if history else 0
    figures["first_s"] = round(statistics.median(first), 3)

    unchanged = [_timed(lambda: read_history(repo, goals)) for _ in range(runs)]
    figures["unchanged_s"] = round(statistics.median(unchanged), 3)

    newer = []
    goal = repo / sorted(goals.values())[0]
    for i in range(runs):
        goal.write_bytes(goal.read_bytes() + b"# one more review %d\n" % i)
        _git(repo, "commit", "-q", "-am", f"one more {i}", when=f"{TODAY.isoformat()}T20:{i:02d}:00+00:00")
        newer.append(_timed(lambda: read_history(repo, goals)))
    figures["new_commit_s"] = round(statistics.median(newer), 3)

    def full_build(root: Path, fresh_history: bool) -> float:
        if fresh_history:
            shutil.rmtree(cache / "git-history", ignore_errors=True)
        shutil.rmtree(root / "output", ignore_errors=True)
        return _timed(lambda: build(root, BuildOptions(today=TODAY, pdf=False)))

    full_build(plain, False)                                     # warm the template cache and the OS
    pairs = [(full_build(repo, True), full_build(plain, False)) for _ in range(runs)]   # side by side: fair under load
    with_git = statistics.median(w for w, _ in pairs)
    without = statistics.median(o for _, o in pairs)
    figures["build_s"] = round(with_git, 3)
    figures["build_outside_git_s"] = round(without, 3)
    figures["build_ratio"] = round(with_git / without, 2)
    return figures


TARGETED = ("git_history_typical_first_s", "git_history_typical_new_commit_s", "git_history_typical_unchanged_s",
            "git_history_hard_new_commit_s", "git_history_hard_unchanged_s")


def missed(figures: dict) -> str | None:
    slow = [name for name in TARGETED if figures[name] > TARGET_S]
    return f"{', '.join(slow)} above {TARGET_S} s" if slow else None


if __name__ == "__main__":
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / ".work" / "git-history"
    result = run(work)
    for key, value in result.items():
        print(f"{key}: {value}")
    problem = missed(result)
    if problem:
        print(f"MISSED TARGET {problem}", file=sys.stderr)
    raise SystemExit(1 if problem else 0)
