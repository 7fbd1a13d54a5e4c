"""A305 Achievable: two or more active goals share the same priority."""
from support import CLEAN_GOAL, assert_kind, codes, found, where


def test_a_shared_priority_is_said_at_the_later_goal(book):
    book.write("content/goals/a-walks.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/b-walks.yaml", CLEAN_GOAL + "priority: 1\n")
    [d] = found(book, "A305")
    assert where([d]) == [("content/goals/b-walks.yaml", 16, 11)] and d.severity == "warning"
    assert "shared with 'a-walks'" in d.message and "choosing" in d.message
    assert_kind(d)


def test_three_at_one_priority_is_two_findings_naming_the_others(book):
    for name in ("a", "b", "c"):
        book.write(f"content/goals/{name}.yaml", CLEAN_GOAL + "priority: 2\n")
    found_ = found(book, "A305")
    assert [d.path for d in found_] == ["content/goals/b.yaml", "content/goals/c.yaml"]
    assert "'a', 'c'" in found_[0].message


def test_paused_goals_and_distinct_priorities_are_quiet(book):
    book.write("content/goals/a.yaml", CLEAN_GOAL + "priority: 1\n")
    book.write("content/goals/b.yaml", CLEAN_GOAL + "priority: 2\n")
    book.write("content/goals/c.yaml", CLEAN_GOAL + "priority: 1\nstatus: paused\n")
    assert "A305" not in codes(book)
