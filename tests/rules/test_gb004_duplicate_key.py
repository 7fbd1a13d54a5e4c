"""GB004: a key given twice in one mapping is reported at the second one."""
from support import CLEAN_GOAL, assert_kind, codes, found, where


def test_duplicate_top_level_key(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "due: 2027-03-31\n")
    [d] = found(book, "GB004")
    assert where([d]) == [("content/goals/walks.yaml", 16, 1)]
    assert d.severity == "error"
    assert "'due'" in d.message and "first on line 6" in d.message
    assert "keep one" in d.hint
    assert_kind(d)


def test_the_first_value_is_kept(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "due: 2027-03-31\n")
    from datetime import date
    assert book.check().book.goals["walks"].due == date(2027, 1, 31)


def test_duplicate_key_inside_measure(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("  min: 0\n", "  min: 0\n  target: 4\n"))
    [d] = found(book, "GB004")
    assert (d.line, d.column) == (14, 3)
    assert "first on line 12" in d.message


def test_same_key_in_different_mappings_is_fine(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL + "steps:\n  - title: One walk\n  - title: Two walks\n")
    assert found(book, "GB004") == []


def test_duplicate_key_in_markdown_front_matter(book):
    book.write("content/goals/walks.md", "---\n" + CLEAN_GOAL.split("checkins:")[0] + "title: Again\n---\n")
    [d] = found(book, "GB004")
    assert (d.line, d.column) == (15, 1)
    assert "first on line 2" in d.message


def test_duplicate_goal_in_a_checkin(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress:\n  walks: 1\n  walks: 2\n")
    [d] = found(book, "GB004")
    assert where([d]) == [("content/checkins/2026-11-20.yaml", 4, 3)]


def test_duplicate_in_a_flow_mapping(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {walks: 1, walks: 2}\n")
    [d] = found(book, "GB004")
    assert (d.line, d.column) == (2, 22)


def test_the_value_used_still_gets_the_smart_rules(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL.replace("title: Walk for 30 minutes on three evenings a week",
                                                              "title: Be happier") + "why: again\n")
    # SPEC 6: a format error elsewhere in the file doesn't hide this rule (one pass)
    assert codes(book) == {"GB004", "S102"}
