"""The snapshot: one computation of the book on one day, for every view."""
from __future__ import annotations

from datetime import date

import pytest

from goalbook.diagnostics import Diagnostic
from goalbook.model.entities import Book as BookModel, Goal, Session, Settings
from goalbook.model.measures import gas_t_score
from goalbook.model.snapshot import build_snapshot, resolve_period

TODAY = date(2026, 11, 22)
D = date.fromisoformat


def goal_yaml(title="Walk for 30 minutes on three evenings a week", *, per="week", baseline=0,
              target=3, start="2026-10-05", due="2027-01-31", extra="") -> str:
    per_line = f"  per: {per}\n" if per else ""
    return (f"title: {title}\narea: physical health\nvalues: [health]\nwhy: It helps.\n"
            f"start: {start}\ndue: {due}\nmeasure:\n  what: walks\n  unit: walks\n{per_line}"
            f"  baseline: {baseline}\n  target: {target}\n  min: 0\n{extra}")


def snap(book, today=TODAY, **kw):
    result = book.check(today)
    return build_snapshot(result.book, result.diagnostics, today, **kw)


def model(sessions=(), report_since="last-session") -> BookModel:
    settings = Settings(report_since=report_since)
    return BookModel(settings, {}, [], [Session(D(s), f"content/sessions/{s}.md") for s in sessions])


# ------------------------------------------------------------------ period

def test_period_default_is_since_the_last_session():
    p = resolve_period(model(["2026-10-20", "2026-11-17"]), TODAY)
    assert (p.since, p.until, p.basis) == (D("2026-11-17"), TODAY, "last-session")
    assert p.session.date == D("2026-11-17")
    assert p.days == 6
    assert D("2026-11-17") in p and TODAY in p and D("2026-11-16") not in p


def test_period_ignores_sessions_after_until():
    p = resolve_period(model(["2026-10-20", "2026-11-17"]), D("2026-11-10"))
    assert p.since == D("2026-10-20")
    p = resolve_period(model(["2026-10-20", "2026-11-17"]), TODAY, until=D("2026-11-01"))
    assert (p.since, p.until) == (D("2026-10-20"), D("2026-11-01"))


def test_period_without_a_session_is_30_days():
    p = resolve_period(model(), TODAY)
    assert (p.since, p.until, p.basis) == (D("2026-10-24"), TODAY, "30 days")
    assert p.days == 30


@pytest.mark.parametrize("since, until, expected", [
    ("30d", None, "2026-10-24"), ("2w", None, "2026-11-09"), ("1m", None, "2026-10-23"),
    ("1m", "2026-03-31", "2026-03-01"), ("12m", None, "2025-11-23"),
    (D("2026-09-01"), None, "2026-09-01"), ("2026-09-01", None, "2026-09-01"),
])
def test_period_from_since(since, until, expected):
    p = resolve_period(model(["2026-11-17"]), TODAY, since, D(until) if until else None)
    assert p.since == D(expected)
    assert p.until == (D(until) if until else TODAY)


def test_period_from_settings_and_given_since_wins():
    book = model(["2026-11-17"], report_since="2w")
    assert resolve_period(book, TODAY).since == D("2026-11-09")
    assert resolve_period(book, TODAY, "last-session").since == D("2026-11-17")


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01", "0d"])
def test_period_unreadable_since(since):
    with pytest.raises(ValueError, match="span like 30d"):
        resolve_period(model(), TODAY, since)


def test_period_since_after_until():
    with pytest.raises(ValueError, match="after it ends"):
        resolve_period(model(), TODAY, D("2026-12-01"))


# ------------------------------------------------------------------- goals

def test_goals_in_display_order(book):
    for gid, status, priority in [("a", "dropped", 1), ("b", "active", 2), ("c", "active", 1),
                                  ("d", "paused", 1), ("e", "achieved", 1), ("f", "active", None)]:
        extra = f"status: {status}\n" + (f"priority: {priority}\n" if priority else "")
        book.write(f"content/goals/{gid}.yaml", goal_yaml(extra=extra))
    s = snap(book)
    assert [g.id for g in s.goals] == ["c", "b", "f", "d", "e", "a"]
    assert [g.id for g in s.active] == ["c", "b", "f"]
    assert set(s.by_id) == set("abcdef")


def test_goal_view_numbers_and_period_lists(book):
    book.write("content/goals/walks.yaml", goal_yaml(extra=(
        "steps:\n  - title: Pick a route\n    done: 2026-10-06\n"
        "  - title: Buy a head torch\n    done: 2026-11-18\n"
        "  - title: Walk with Jo\n    due: 2026-12-01\n"
        "revisions:\n  - date: 2026-10-20\n    change: target 5 to 3\n"
        "  - date: 2026-11-19\n    change: later due\n")))
    book.write("content/sessions/s.yaml", "date: 2026-11-16\n")
    book.write("content/checkins/c.yaml", """\
        - {date: 2026-11-09, goal: walks, value: 2}
        - {date: 2026-11-10, goal: walks, value: 1}
        - {date: 2026-11-17, goal: walks, value: 1, win: Walked in the rain}
        - {date: 2026-11-18, progress: {walks: 1}, mood: 6}
        - {date: 2026-11-30, goal: walks, value: 5}
        """)
    s = snap(book)
    v = s.by_id["walks"]
    assert s.period.since == D("2026-11-16")
    assert v.progress.current == 3.0                       # the week of 9 Nov
    assert v.progress.progress == pytest.approx(1.0)
    assert [e.date for e in v.entries] == [D("2026-11-17"), D("2026-11-18")]
    assert [c.date for c in v.checkins] == [D("2026-11-09"), D("2026-11-10"), D("2026-11-17"), D("2026-11-18")]
    assert [c.date for c in v.period_checkins] == [D("2026-11-17"), D("2026-11-18")]
    assert [st.title for st in v.steps_done] == ["Buy a head torch"]
    assert [r.change for r in v.revisions] == ["later due"]
    assert (v.next_due, v.next_due_what) == (D("2026-12-01"), "Walk with Jo")
    assert all(c.date <= TODAY for c in s.checkins)        # 30 Nov is after today
    since = s.since_last_session
    assert since.session.date == D("2026-11-16") and since.since == D("2026-11-16")
    assert (len(since.checkins), since.values, since.mood_average) == (2, 2, 6.0)
    assert [c.win for c in since.wins] == ["Walked in the rain"]
    assert [(g.id, st.title) for g, st in since.steps_done] == [("walks", "Buy a head torch")]
    assert [r.change for _, r in since.revisions] == ["later due"]


def test_warnings_belong_to_their_goal(book):
    book.write("content/goals/a.yaml", goal_yaml())
    book.write("content/goals/b.yaml", goal_yaml())
    result = book.check()
    extra = [Diagnostic("content/goals/b.yaml", 3, 1, "warning", "R401", "no why"),
             Diagnostic("content/checkins/x.yaml", 1, 1, "warning", "T504", "elsewhere")]
    s = build_snapshot(result.book, result.diagnostics + extra, TODAY)
    assert "R401" in [d.code for d in s.by_id["b"].warnings]
    assert "R401" not in [d.code for d in s.by_id["a"].warnings]
    assert all(d.path == "content/goals/a.yaml" for d in s.by_id["a"].warnings)
    assert not any(d.code == "T504" and d.message == "elsewhere" for g in s.goals for d in g.warnings)
    assert len(s.diagnostics) == len(result.diagnostics) + 2


def test_no_checkins_and_no_measure_are_fine(book):
    book.write("content/goals/quiet.yaml", goal_yaml())
    s = snap(book)
    v = s.by_id["quiet"]
    assert v.progress.current is None and v.standing == "no-data"
    assert v.checkins == [] and v.consistency is None and v.level is None
    assert s.since_last_session.checkins == [] and s.since_last_session.mood_average is None
    assert s.gas.t_score is None and s.gas.goals == 0
    assert s.mood == [] and s.homework == [] and s.discuss == [] and s.timeline == []


def test_areas_count_active_and_all(book):
    book.write("content/goals/a.yaml", goal_yaml())
    book.write("content/goals/b.yaml", goal_yaml(extra="status: achieved\n"))
    book.write("content/goals/c.yaml", goal_yaml().replace("physical health", "leisure"))
    book.write("content/goals/d.yaml", goal_yaml().replace("area: physical health\n", ""))
    book.write("goalbook.yaml", "areas: [relationships, physical health, leisure]\n")
    s = snap(book)
    assert s.areas == [("physical health", 1, 2), ("leisure", 1, 1), ("no area", 1, 1)]


# --------------------------------------------------------------------- GAS

SCALE = "".join(f"  {lvl}:\n    text: level {lvl}\n    value: {val}\n"
                for lvl, val in [(-2, 0), (-1, 1), (0, 3), (1, 4), (2, 5)])


def test_gas_over_active_goals_with_a_level(book):
    book.write("content/goals/walks.yaml", goal_yaml(extra="weight: 2\nscale:\n" + SCALE))
    book.write("content/goals/phone.yaml", goal_yaml(per=None, baseline=7, target=3,
                                                     extra="scale:\n" + "".join(
        f"  {lvl}:\n    text: level {lvl}\n" for lvl in (-2, -1, 0, 1, 2))))
    book.write("content/goals/old.yaml", goal_yaml(extra="status: achieved\nscale:\n" + SCALE))
    book.write("content/checkins/c.yaml", """\
        - {date: 2026-11-10, progress: {walks: 4, old: 5}}
        - {date: 2026-11-12, levels: {phone: -1}}
        """)
    s = snap(book)
    assert s.by_id["walks"].level == 1                     # 4 walks last week
    assert s.by_id["phone"].level == -1                    # from the check-in
    assert s.by_id["old"].level == 2                       # not counted: achieved
    assert s.gas.goals == 2
    assert s.gas.t_score == pytest.approx(gas_t_score([(1, 2.0), (-1, 1.0)]))
    assert "expected" in s.gas.sentence


def test_gas_sentences():
    from goalbook.model.snapshot import Gas
    assert "beyond the outcomes you expected" in Gas(60.0, 2).sentence
    assert "about at the outcomes you expected" in Gas(50.0, 2).sentence
    assert "not yet" in Gas(40.0, 2).sentence
    assert "yet" in Gas(None, 0).sentence


# ----------------------------------------------------------- consistency

def test_consistency_for_totals_only_and_frozen_when_not_active(book):
    book.write("content/goals/walks.yaml", goal_yaml(start="2026-10-05"))
    book.write("content/goals/paused.yaml", goal_yaml(start="2026-10-05", extra="status: paused\n"))
    book.write("content/goals/level.yaml", goal_yaml(per=None, baseline=7, target=3))
    book.write("content/checkins/c.yaml", "".join(
        f"- {{date: {d}, progress: {{walks: 3, paused: 3, level: 5}}}}\n"
        for d in ("2026-10-05", "2026-10-12")))
    s = snap(book)
    walks, paused = s.by_id["walks"], s.by_id["paused"]
    assert s.by_id["level"].consistency is None
    # two met weeks then five empty ones for the active goal; the paused one stops after two
    assert paused.consistency > walks.consistency > 0
    assert paused.shown_series == walks.progress.series[:2]
    assert walks.shown_series == walks.progress.series


# ---------------------------------------------------------- questionnaires

def test_questionnaire_changes_within_the_period(book):
    book.write("content/goals/walks.yaml", goal_yaml())
    book.write("content/checkins/q.yaml", """\
        - {date: 2026-09-01, measures: {phq9: 20, gad7: 15}}
        - {date: 2026-11-02, measures: {phq9: 16, gad7: 12}}
        - {date: 2026-11-20, measures: {phq9: 10, gad7: 9}}
        """)
    s = snap(book, since="2026-11-01")
    assert [(x.name, x.total, x.band) for x in s.scores[:2]] == [("gad7", 15, "severe"),
                                                                 ("phq9", 20, "severe")]
    assert len(s.scores) == 6 and len(s.period_scores) == 4
    # the period's change runs from the latest score on or before its start (1 Sep)
    phq, gad = s.changes["phq9"], s.changes["gad7"]
    assert (phq.first.total, phq.latest.total, phq.change, phq.reliable) == (20, 10, -10, "improved")
    assert (gad.change, gad.reliable, gad.threshold) == (-6, "improved", 4)
    assert [x.total for x in s.scores_of("phq9")] == [20, 16, 10]
    assert s.questionnaire_names == ["gad7", "phq9"]
    # one score in a period still has a change, from the score before the period
    later = snap(book, since="2026-11-10").changes["phq9"]
    assert (later.first.total, later.latest.total) == (16, 10)
    # without an earlier score, the change starts at the period's first score
    assert snap(book, since="2026-08-01").changes["phq9"].first.total == 20
    # nothing in the period: no change for it; since the start: first to latest
    assert snap(book, today=D("2026-11-25"), since="2026-11-21").changes == {}
    start = s.since_start["phq9"]
    assert (start.first.total, start.latest.total, start.reliable) == (20, 10, "improved")


def test_item9_alerts(book):
    book.write("content/goals/walks.yaml", goal_yaml())
    book.write("content/checkins/q.yaml", """\
        - {date: 2026-10-01, measures: {phq9: [1, 1, 1, 1, 1, 1, 1, 1, 1]}}
        - {date: 2026-11-18, measures: {phq9: [1, 1, 1, 1, 1, 1, 1, 1, 2]}}
        - {date: 2026-11-20, measures: {phq9: [1, 1, 1, 1, 1, 1, 1, 1, 0]}}
        """)
    s = snap(book, since="2026-11-17")
    assert [a.date for a in s.alerts] == [D("2026-10-01"), D("2026-11-18")]   # 1 Oct: within 90 days
    s = snap(book, today=D("2027-01-10"), since="2026-11-19")
    assert [a.date for a in s.alerts] == [D("2026-11-18")]  # before the period, within 90 days of its end
    s = snap(book, today=D("2027-03-01"), since="2027-02-20")
    assert s.alerts == []                                  # latest is 0, the positive one is long past
    s = snap(book, today=D("2026-10-05"), since="2026-10-03")
    assert [a.date for a in s.alerts] == [D("2026-10-01")]  # the latest PHQ-9 is always shown


# ------------------------------------------------------ sessions, discuss

def test_discuss_homework_mood_and_timeline(book):
    book.write("content/goals/walks.yaml", goal_yaml())
    book.write("content/sessions/a.yaml", "date: 2026-11-03\nhomework: [old]\n")
    book.write("content/sessions/b.yaml", "date: 2026-11-17\nwith: Maya\nhomework: [rest, walk]\n")
    book.write("content/sessions/c.yaml", "date: 2026-12-01\nhomework: [future]\n")
    book.write("content/checkins/c.yaml", """\
        - {date: 2026-11-10, mood: 4, discuss: too early}
        - {date: 2026-11-17, mood: 6, discuss: Wednesdays}
        - {date: 2026-11-19, mood: 8, discuss: the choir, private: true}
        """)
    s = snap(book)
    assert s.last_session.date == D("2026-11-17") and s.homework == ["rest", "walk"]
    assert [d.text for d in s.discuss] == ["Wednesdays", "the choir"]
    assert s.discuss[1].checkin.private
    assert s.mood == [(D("2026-11-17"), 6.0), (D("2026-11-19"), 8.0)]
    assert len(s.mood_history) == 3
    assert [(d, kind) for d, kind, _ in s.timeline] == [
        (D("2026-11-19"), "checkin"), (D("2026-11-17"), "session"), (D("2026-11-17"), "checkin"),
        (D("2026-11-10"), "checkin"), (D("2026-11-03"), "session")]
    assert [x.date for x in s.period_sessions] == [D("2026-11-17")]
    assert len(s.period_checkins) == 2


def test_same_input_same_snapshot(book):
    book.write("content/goals/walks.yaml", goal_yaml())
    book.write("content/checkins/c.yaml", "- {date: 2026-11-10, goal: walks, value: 2, mood: 5}\n")
    assert repr(snap(book)) == repr(snap(book))


def test_snapshot_of_hand_made_book_without_files():
    goal = Goal(id="g", source="content/goals/g.yaml", title="Read ten pages every evening")
    book = BookModel(Settings(), {"g": goal}, [], [])
    s = build_snapshot(book, [], TODAY)
    assert s.goals[0].title == "Read ten pages every evening"
    assert s.goals[0].progress.kind is None and s.goals[0].standing == "no-data"
    assert s.period.basis == "30 days"


from hypothesis import given, strategies as st  # noqa: E402


@given(st.lists(st.dates(), max_size=40), st.dates(), st.dates())
def test_values_in_a_period_are_found_by_bisection_as_by_looking_at_each(days, since, until):
    """A goal view picks its period's values out of thousands by bisection (they are in date order)."""
    from types import SimpleNamespace

    from goalbook.model.windows import dated_within

    items = [SimpleNamespace(date=d) for d in sorted(days)]
    assert dated_within(items, since, until) == [i for i in items if since <= i.date <= until]
