"""The corpus of broken projects in tests/corpus/: each case must give the
diagnostics its expected.yaml lists, quickly, and never an exception.

A case is a folder holding a tiny project (`content/…`, maybe `goalbook.yaml`)
and `expected.yaml`:

    about: what the case is about
    diagnostics:          # each must be reported (path, line, code; column and texts if given)
      - {path: content/goals/x.yaml, line: 4, code: GB001, column: 2,
         message_contains: "...", hint_contains: "..."}
    forbidden:            # optional: no diagnostic may match any of these (same keys, all optional)
      - {code: GB001}
    max_seconds: 2        # optional time limit for check_project (default 5)
    generate:             # optional: big files written at test time instead of kept in git
      - path: content/goals/x.yaml
        parts: [{text: "title: "}, {text: "walk ", times: 40000}]
      - {path: content/goals/huge.yaml, sparse_bytes: 4294967296}   # a sparse file of that size
      - {path: content/goals/link.yaml, symlink: ../../../elsewhere.yaml}   # a symbolic link

To add a case, make a folder and its expected.yaml; the test finds it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from goalbook.app.check import check_project
from goalbook.load import cache as cache_module
from goalbook.load.cache import SourceCache
from goalbook.load.files import DiskFiles

from conftest import REPO, TODAY

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())
DEFAULT_SECONDS = 5.0
KEYS = ("path", "line", "code", "column")


def load_case(name: str, into: Path) -> tuple[Path, dict]:
    """Copy the case's project into `into` and write its generated files."""
    source = CORPUS / name
    expected = yaml.safe_load((source / "expected.yaml").read_text(encoding="utf-8"))
    root = into / name
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("expected.yaml"))
    for spec in expected.get("generate", []):
        path = root / spec["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        if "symlink" in spec:                       # a link, to a path relative to the link's folder
            os.symlink(spec["symlink"], path)
        elif "sparse_bytes" in spec:                # that size, without writing (or storing) the bytes
            with open(path, "wb") as handle:
                handle.truncate(spec["sparse_bytes"])
        else:
            text = "".join(part["text"] * part.get("times", 1) for part in spec["parts"])
            path.write_bytes(text.encode("utf-8"))
    return root, expected


def matches(diagnostic, pattern: dict) -> bool:
    for key in KEYS:
        if key in pattern and getattr(diagnostic, key) != pattern[key]:
            return False
    if "message_contains" in pattern and pattern["message_contains"] not in diagnostic.message:
        return False
    if "hint_contains" in pattern and pattern["hint_contains"] not in (diagnostic.hint or ""):
        return False
    return True


def show(diagnostics) -> str:
    return "\n".join(f"  {d.path}:{d.line}:{d.column}: {d.code} {d.message} | hint: {d.hint}"
                     for d in diagnostics) or "  (no diagnostics)"


def test_corpus_is_big_enough():
    broken = [name for name in CASES
              if yaml.safe_load((CORPUS / name / "expected.yaml").read_text(encoding="utf-8"))["diagnostics"]]
    assert len(broken) >= 45, f"only {len(broken)} corpus cases expect diagnostics"


@pytest.mark.parametrize("name", CASES)
def test_case(name, tmp_path):
    root, expected = load_case(name, tmp_path)
    started = time.perf_counter()
    result = check_project(root, TODAY)          # an exception here fails the case
    elapsed = time.perf_counter() - started
    diagnostics = result.diagnostics

    missing = [p for p in expected["diagnostics"] if not any(matches(d, p) for d in diagnostics)]
    assert not missing, f"{name}: expected but not reported:\n  {missing}\nreported:\n{show(diagnostics)}"
    unwanted = [d for d in diagnostics if any(matches(d, p) for p in expected.get("forbidden", []))]
    assert not unwanted, f"{name}: reported but forbidden:\n{show(unwanted)}"
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message.strip(), d
    limit = expected.get("max_seconds", DEFAULT_SECONDS)
    assert elapsed < limit, f"{name}: check took {elapsed:.2f}s (limit {limit}s)"


@pytest.mark.parametrize("name", CASES)
def test_a_warm_cache_finds_what_a_fresh_check_finds(name, tmp_path):
    """The validated files are kept between checks (serve and the language server in memory,
    every command in the cache folder): a check that reuses them must not differ. It did:
    building the settings once deleted an unknown rule from the cached file, so GB008 was
    reported only the first time."""
    root, _ = load_case(name, tmp_path)
    fresh = [d.as_dict() for d in check_project(root, TODAY, files=DiskFiles(root)).diagnostics]
    in_memory = SourceCache()
    for _ in range(2):
        assert [d.as_dict() for d in check_project(root, TODAY, cache=in_memory).diagnostics] == fresh
    for _ in range(2):
        cache_module._ON_DISK.clear()              # as a new process: read back from the cache folder
        assert [d.as_dict() for d in check_project(root, TODAY).diagnostics] == fresh


@pytest.mark.parametrize("name", CASES)
def test_files_parsed_by_two_processes_give_what_one_process_finds(name, tmp_path, monkeypatch):
    """A one-shot check parses the files it doesn't have cached in two processes
    (`SourceCache.prefetch`); every case, unreadable and refused files included, must
    come out as a check in one process does."""
    import goalbook.app.check as check_module

    root, _ = load_case(name, tmp_path)
    fresh = [d.as_dict() for d in check_project(root, TODAY, files=DiskFiles(root)).diagnostics]
    monkeypatch.setattr(cache_module, "PREFETCH_MIN", 1)
    monkeypatch.setattr(check_module, "workers_available", lambda: 2)
    cache_module._ON_DISK.clear()
    assert [d.as_dict() for d in check_project(root, TODAY).diagnostics] == fresh


def test_the_expected_files_name_real_files():
    """A typo in expected.yaml's paths would make a case pass for the wrong reason."""
    for name in CASES:
        case = CORPUS / name
        expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
        generated = {g["path"] for g in expected.get("generate", [])}
        for pattern in expected["diagnostics"]:
            assert (case / pattern["path"]).is_file() or pattern["path"] in generated, (name, pattern)


def test_expansion_and_nesting_cases_are_held_to_two_seconds():
    """The billion-laughs and deep-nesting cases guard against hangs: their limit stays tight."""
    guarded = [n for n in CASES if n.startswith(("billion-laughs", "deep-nesting", "huge-", "long-line"))]
    assert len(guarded) >= 6
    for name in guarded:
        expected = yaml.safe_load((CORPUS / name / "expected.yaml").read_text(encoding="utf-8"))
        assert expected.get("max_seconds", DEFAULT_SECONDS) <= 2, name


# Five representative cases through the real command line: no traceback, exit 1.
CLI_CASES = ["yaml-unclosed-quote", "latin1-bytes", "billion-laughs", "deep-nesting-unclosed",
             "checkin-list-one-bad-item"]


@pytest.mark.parametrize("name", CLI_CASES)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_on_case(name, fmt, tmp_path):
    root, expected = load_case(name, tmp_path)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    script = Path(sys.executable).parent / "goalbook"      # the installed entry point, as a user runs it
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "goalbook"]
    proc = subprocess.run(
        command + ["-C", str(root), "check", "--today", TODAY.isoformat(), "--format", fmt],
        capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    first = expected["diagnostics"][0]
    if fmt == "json":
        import json

        reported = json.loads(proc.stdout)
        assert any(r["path"] == first["path"] and r["line"] == first["line"] and r["code"] == first["code"]
                   for r in reported), reported
    else:
        assert f"{first['path']}:{first['line']}:" in proc.stdout and first["code"] in proc.stdout, proc.stdout
    assert "error" in proc.stderr          # the summary line
