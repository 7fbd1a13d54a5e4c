"""serve and the language server check a book again and again; each check reuses what
the last one assembled for files that did not change (`goalbook.model.kept`). After
every kind of edit, such a check must give what a fresh check gives: the same
findings in the same order, the same numbers, the same values with the same ones set
aside, and the same site. And the last book must stay as it was."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from conftest import TODAY
from goalbook.app.check import check_project
from goalbook.load.cache import SourceCache
from goalbook.load.files import DiskFiles

CHECKINS = "content/checkins"


def picture(result) -> tuple:
    """Everything a check says, as plain data."""
    goals = {gid: ([(e.goal, e.date, e.value, e.source, e.pos, e.set_aside, e.yes_no, e.checkin.date if e.checkin else None)
                    for e in g.entries], list(g.levels)) for gid, g in result.book.goals.items()}
    return ([d.as_dict() for d in result.diagnostics], {k: asdict(p) for k, p in result.progress.items()}, goals,
            [(c.date, c.source, c.pos) for c in result.book.checkins],
            [(s.date, [(h.task, list(h.marked)) for h in s.homework]) for s in result.book.sessions])


def fresh(root: Path):
    return check_project(root, TODAY, cache=SourceCache(), files=DiskFiles(root))


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


EDITS = [
    ("a value changes", lambda r: write(r, f"{CHECKINS}/2026-10-27.yaml",
                                         "date: 2026-10-27\nprogress:\n  evening-walks: 2\n  phone-away: yes\n")),
    ("a new check-in for two goals", lambda r: write(r, f"{CHECKINS}/2026-11-21.yaml",
                                                     "date: 2026-11-21\nmood: 6\nprogress:\n  evening-walks: 1\n  morning-spin: 1\n")),
    ("an unknown goal and a value out of range", lambda r: write(r, f"{CHECKINS}/2026-11-20-oops.yaml",
                                                                 "date: 2026-11-20\nprogress:\n  evening-walk: 1\n  meeting-anxiety: 12\n")),
    ("a date that looks like a typo", lambda r: write(r, f"{CHECKINS}/2025-10-28.yaml",
                                                      "date: 2025-10-28\nprogress:\n  evening-walks: 1\n")),
    ("a check-in deleted", lambda r: (r / CHECKINS / "2026-10-27.yaml").unlink()),
    ("words about one goal", lambda r: write(r, f"{CHECKINS}/2026-11-19-words.yaml",
                                             "date: 2026-11-19\ngoal: choir-rehearsals\nwin: I sang the alto line alone\n")),
    ("a level on a goal without a scale", lambda r: write(r, f"{CHECKINS}/2026-11-18-level.yaml",
                                                          "date: 2026-11-18\nlevels:\n  evening-walks: 1\n")),
    ("homework ticked off", lambda r: write(r, f"{CHECKINS}/2026-11-19.yaml",
                                            "date: 2026-11-19\nhomework_done: [2, nothing like it]\n")),
    ("a goal's target changes", lambda r: write(r, "content/goals/evening-walks.yaml",
                                                (r / "content/goals/evening-walks.yaml").read_text(encoding="utf-8")
                                                .replace("target: 3", "target: 4"))),
    ("a value for the changed goal", lambda r: write(r, f"{CHECKINS}/2026-11-21.yaml",
                                                     "date: 2026-11-21\nprogress:\n  evening-walks: 3\n")),
    ("the settings change", lambda r: write(r, "goalbook.yaml",
                                            (r / "goalbook.yaml").read_text(encoding="utf-8") + "\n# a comment\n")),
    ("a check-in put back as it was", lambda r: write(r, f"{CHECKINS}/2026-11-21.yaml",
                                                      "date: 2026-11-21\nmood: 6\nprogress:\n  evening-walks: 1\n  morning-spin: 1\n")),
    ("a file that can't be read as YAML", lambda r: write(r, f"{CHECKINS}/2026-11-17.yaml", "date: [2026-11-17\n")),
    ("a goal file deleted", lambda r: (r / "content/goals/phone-away.yaml").unlink()),
    ("a value for the deleted goal", lambda r: write(r, f"{CHECKINS}/2026-11-22.yaml",
                                                     "date: 2026-11-22\nprogress:\n  phone-away: yes\n")),
]


def test_every_edit_checks_as_a_fresh_check_does(example_book):
    kept = SourceCache()
    check_project(example_book, TODAY, cache=kept)
    for name, edit in EDITS:
        before = check_project(example_book, TODAY, cache=kept)
        seen_before = picture(before)
        edit(example_book)
        again = check_project(example_book, TODAY, cache=kept)
        assert picture(again) == picture(fresh(example_book)), name
        assert picture(before) == seen_before, f"{name}: the last book changed"


def test_an_edit_builds_again_only_the_goals_it_reaches(example_book):
    """This test fails if nothing is reused (the comparisons above would pass either way)."""
    kept = SourceCache()
    before = check_project(example_book, TODAY, cache=kept).book.goals
    write(example_book, f"{CHECKINS}/2026-10-27.yaml", "date: 2026-10-27\nprogress:\n  evening-walks: 2\n")
    after = check_project(example_book, TODAY, cache=kept).book.goals
    rebuilt = sorted(gid for gid in after if after[gid] is not before[gid])
    assert rebuilt == ["evening-walks", "phone-away"]        # the old file named both
    write(example_book, "content/goals/morning-spin.yaml",
          (example_book / "content/goals/morning-spin.yaml").read_text(encoding="utf-8") + "\n")
    latest = check_project(example_book, TODAY, cache=kept).book.goals
    assert all(latest[gid] is not after[gid] for gid in latest)   # a goal file changed: all afresh


def test_a_kept_check_renders_the_site_a_fresh_one_does(example_book):
    from goalbook.model.snapshot import build_snapshot
    from goalbook.render.site import render_site

    def site(result):
        snapshot = build_snapshot(result.book, result.diagnostics, TODAY, progress=result.progress)
        return render_site(snapshot, example_book)

    kept = SourceCache()
    check_project(example_book, TODAY, cache=kept)
    for _, edit in EDITS[:4]:
        edit(example_book)
    assert site(check_project(example_book, TODAY, cache=kept)) == site(fresh(example_book))


@pytest.mark.parametrize("day", [TODAY, TODAY.replace(day=1)])
def test_numbers_kept_for_one_day_are_not_given_for_another(example_book, day):
    kept = SourceCache()
    check_project(example_book, TODAY, cache=kept)
    write(example_book, f"{CHECKINS}/2026-11-21.yaml", "date: 2026-11-21\nmood: 5\n")
    again = check_project(example_book, day, cache=kept)
    expected = check_project(example_book, day, cache=SourceCache(), files=DiskFiles(example_book))
    assert {k: asdict(p) for k, p in again.progress.items()} == {k: asdict(p) for k, p in expected.progress.items()}
