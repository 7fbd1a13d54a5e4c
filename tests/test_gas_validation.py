"""GAS scales and levels are checked with their lines (issue 6)."""
from conftest import GOOD_GOAL

SCALE_UP = """\
scale:
  -2: {text: no walks, value: 0}
  -1: {text: one walk, value: 1}
  0: {text: three walks, value: 3}
  1: {text: four walks, value: 4}
  2: {text: five walks, value: 5}
"""


def test_a_monotonic_scale_is_fine(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL + SCALE_UP)
    assert not [c for c in book.codes() if c[0].startswith("GB")]


def test_a_scale_against_the_goals_direction_is_reported_at_its_line(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL + SCALE_UP.replace("value: 4", "value: 2"))
    assert ("GB003", "content/goals/walks.yaml", 15) in book.codes()   # the scale's first level


def test_a_level_outside_minus_two_to_two_is_reported(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL + SCALE_UP)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nlevels: {walks: 3}\n")
    assert ("GB003", "content/checkins/2026-11-20.yaml", 2) in book.codes()


def test_a_level_for_a_goal_without_a_scale_is_reported(book):
    book.write("content/goals/walks.yaml", GOOD_GOAL)
    book.write("content/checkins/2026-11-20.yaml", "date: 2026-11-20\nlevels:\n  walks: 1\n")
    assert ("GB007", "content/checkins/2026-11-20.yaml", 3) in book.codes()
