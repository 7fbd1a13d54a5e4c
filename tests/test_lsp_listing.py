"""The language server lists the working tree again only when a content folder
changed; a file added in the same tick as a listing is still found."""
from __future__ import annotations

import os

from conftest import GOOD_GOAL

from goalbook.load.discover import discover
from goalbook.lsp.projects import ListedWorkingTree


def names(tree: ListedWorkingTree) -> list[str]:
    return [found.rel_path for found in tree.list()]


def set_time(folder, ns: int) -> None:
    os.utime(folder, ns=(ns, ns))


def test_a_file_added_to_a_folder_is_listed(book):
    book.write("content/goals/a.yaml", GOOD_GOAL)
    checkins = book.root / "content/checkins"
    checkins.mkdir()
    tree = ListedWorkingTree(book.root)
    assert names(tree) == names(tree) == ["content/goals/a.yaml"]
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\n")
    set_time(checkins, 2_000_000_000_000_000_000)
    assert names(tree) == ["content/goals/a.yaml", "content/checkins/2026-11-20.yaml"]
    (checkins / "2026-11-20.yaml").unlink()
    set_time(checkins, 2_000_000_000_100_000_000)
    assert names(tree) == ["content/goals/a.yaml"]


def test_a_file_added_in_the_same_tick_as_the_listing_is_found(book):
    """The folder's time doesn't move (a coarse clock): the listing made right after a
    change is made once more before it is trusted."""
    goals = book.root / "content/goals"
    book.write("content/goals/a.yaml", GOOD_GOAL)
    set_time(goals, 1_900_000_000_000_000_000)
    tree = ListedWorkingTree(book.root)
    assert names(tree) == ["content/goals/a.yaml"]
    book.write("content/goals/b.yaml", GOOD_GOAL)
    set_time(goals, 1_900_000_000_000_000_000)          # same tick
    assert names(tree) == ["content/goals/a.yaml", "content/goals/b.yaml"]
    assert names(tree) == [found.rel_path for found in discover(book.root)]


def test_a_new_subfolder_and_its_files(book):
    book.write("content/goals/a.yaml", GOOD_GOAL)
    tree = ListedWorkingTree(book.root)
    names(tree), names(tree)
    sub = book.root / "content/checkins/2026"
    sub.mkdir(parents=True)
    set_time(book.root / "content/checkins", 2_100_000_000_000_000_000)
    assert names(tree) == ["content/goals/a.yaml"]
    names(tree)
    book.write("content/checkins/2026/11-20.yaml", "date: 2026-11-20\n")
    set_time(sub, 2_100_000_000_200_000_000)
    assert names(tree) == ["content/goals/a.yaml", "content/checkins/2026/11-20.yaml"]
