"""GB005: the goal id (file name) is invalid, or two files give the same id."""
import pytest

from support import CLEAN_GOAL, assert_kind, codes, found, where


@pytest.mark.parametrize("name,suggested", [
    ("Evening_Walks.yaml", "evening-walks.yaml"),
    ("evening walks.yaml", "evening-walks.yaml"),
    ("Walks.md", "walks.md"),
    ("walks-.yaml", "walks.yaml"),
])
def test_invalid_id(book, name, suggested):
    text = CLEAN_GOAL if name.endswith(".yaml") else "---\n" + CLEAN_GOAL + "---\n"
    book.write(f"content/goals/{name}", text)
    [d] = found(book, "GB005")
    assert where([d]) == [(f"content/goals/{name}", 1, 1)]
    assert d.severity == "error"
    assert f"'{name.rsplit('.', 1)[0]}' can't be a goal id" in d.message
    assert f"rename the file to '{suggested}'" in d.hint
    assert "lowercase" in d.hint
    assert_kind(d)


def test_valid_ids(book):
    for name in ("walks", "walk-3x-a-week", "2027-plan"):
        book.write(f"content/goals/{name}.yaml", CLEAN_GOAL)
    assert found(book, "GB005") == []


def test_yaml_and_md_with_the_same_name(book):
    book.write("content/goals/walks.md", "---\n" + CLEAN_GOAL + "---\nNotes.\n")
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    [d] = found(book, "GB005")
    assert where([d]) == [("content/goals/walks.yaml", 1, 1)]
    assert "'walks'" in d.message and "content/goals/walks.md" in d.message
    assert "rename" in d.hint
    assert_kind(d)


def test_same_name_in_a_subfolder(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/goals/old/walks.yml", CLEAN_GOAL)
    [d] = found(book, "GB005")
    assert d.path == "content/goals/walks.yaml"
    assert "content/goals/old/walks.yml" in d.message


def test_ignored_files_do_not_clash(book):
    book.write("content/goals/walks.yaml", CLEAN_GOAL)
    book.write("content/goals/_walks.yaml", "title: draft\n")
    book.write("content/goals/.walks.yaml", "title: draft\n")
    assert codes(book) == set()


def test_checkins_for_a_misnamed_goal_are_not_gb006(book):
    book.write("content/goals/Walks.yaml", CLEAN_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nprogress: {Walks: 1}\n")
    assert codes(book) == {"GB005"}
