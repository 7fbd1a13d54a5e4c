from datetime import date

import pytest
from hypothesis import given, strategies as st

from goalbook.model.entities import Goal, Measure, QuestionnaireScore, ScaleLevel
from goalbook.model.measures import (
    GAD7, PHQ9, band, check_score, consistency, consistency_multiplier, gas_level,
    gas_t_score, item9_positive, reliable_change, scale_is_monotonic,
)


# ------------------------------------------------------------------ GAS

def test_gas_t_score_vectors():
    pairs = list(zip((-2, 0, -1, 2, 0, 1), (3, 5, 1, 4, 2, 6)))
    assert round(gas_t_score(pairs), 2) == 55.00
    assert round(gas_t_score([(-1, 1)] * 3), 2) == 36.31
    assert round(gas_t_score([(2, 1)]), 2) == 70.00
    assert gas_t_score([]) is None


def test_gas_t_score_all_at_expected_is_fifty():
    assert gas_t_score([(0, 1), (0, 2.5)]) == 50.0


@given(st.lists(st.tuples(st.integers(-2, 2), st.floats(0.1, 10)), min_size=1, max_size=12))
def test_gas_t_score_stays_within_bounds_of_levels(pairs):
    t = gas_t_score(pairs)
    if all(x == 0 for x, _ in pairs):
        assert t == pytest.approx(50.0)
    assert 50 - 10 * 2 / 0.3 ** 0.5 - 1e-6 <= t <= 50 + 10 * 2 / 0.3 ** 0.5 + 1e-6


def scaled_goal(values, baseline=None, target=None, levels=()):
    scale = {lvl: ScaleLevel(lvl, f"level {lvl}", v) for lvl, v in values.items()}
    return Goal(id="g", source="g.yaml", measure=Measure(baseline=baseline, target=target),
                scale=scale, levels=list(levels))


WALKS = {-2: 0, -1: 1, 0: 3, 1: 4, 2: 5}          # more is better
ANXIETY = {-2: 8, -1: 7, 0: 5, 1: 4, 2: 2}         # less is better


@pytest.mark.parametrize("current, level", [(0, -2), (0.5, -2), (1, -1), (3.5, 0), (4, 1), (9, 2), (-3, -2)])
def test_gas_level_more_is_better(current, level):
    assert gas_level(scaled_goal(WALKS, 1, 3), current, date(2026, 5, 1)) == level


@pytest.mark.parametrize("current, level", [(9, -2), (8, -2), (7, -1), (6, -1), (5, 0), (4, 1), (1, 2)])
def test_gas_level_less_is_better(current, level):
    assert gas_level(scaled_goal(ANXIETY, 7, 5), current, date(2026, 5, 1)) == level


def test_gas_level_direction_from_scale_without_baseline():
    assert gas_level(scaled_goal(ANXIETY), 4.5, date(2026, 5, 1)) == 0


def test_gas_level_from_checkins_without_values():
    levels = [(date(2026, 4, 1), -1), (date(2026, 4, 20), 1), (date(2026, 5, 9), 2)]
    g = scaled_goal({-2: None, 0: None, 2: None}, levels=levels)
    assert gas_level(g, 3.0, date(2026, 5, 1)) == 1       # the May 9th entry is in the future
    assert gas_level(g, None, date(2026, 3, 1)) is None
    assert gas_level(scaled_goal(WALKS, 1, 3), None, date(2026, 5, 1)) is None


def test_scale_is_monotonic():
    assert scale_is_monotonic(scaled_goal(WALKS, 1, 3))
    assert not scale_is_monotonic(scaled_goal(WALKS, 3, 1))
    assert scale_is_monotonic(scaled_goal(ANXIETY, 7, 5))
    assert not scale_is_monotonic(scaled_goal({-2: 0, -1: 1, 0: 1, 1: 4, 2: 5}, 1, 3))
    assert not scale_is_monotonic(scaled_goal({-2: 0, -1: 3, 0: 2, 1: 4, 2: 5}, 1, 3))
    assert scale_is_monotonic(scaled_goal(ANXIETY))          # direction unknown: either way
    assert scale_is_monotonic(scaled_goal({0: 3}, 1, 3))


# -------------------------------------------------------- questionnaires

def test_descriptors():
    assert (PHQ9.items, PHQ9.item_max, PHQ9.total_max) == (9, 3, 27)
    assert (GAD7.items, GAD7.item_max, GAD7.total_max) == (7, 3, 21)


@pytest.mark.parametrize("total, label", [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
    (20, "severe"), (27, "severe"), (28, None), (-1, None)])
def test_phq9_bands(total, label):
    assert band("phq9", total) == label


@pytest.mark.parametrize("total, label", [
    (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "severe"), (21, "severe"), (22, None)])
def test_gad7_bands(total, label):
    assert band("gad7", total) == label


def test_check_score_accepts_good_scores():
    assert check_score("phq9", 27) is None
    assert check_score("phq9", 0) is None
    assert check_score("gad7", [0, 1, 2, 3, 0, 1, 2]) is None
    assert check_score("phq9", [3] * 9) is None


@pytest.mark.parametrize("name, value, words", [
    ("phq9", 28, "0 to 27"),
    ("gad7", 22, "0 to 21"),
    ("phq9", -1, "0 to 27"),
    ("phq9", 5.5, "whole number"),
    ("phq9", True, "whole number"),
    ("phq9", "ten", "whole number"),
    ("phq9", [1] * 8, "9 items"),
    ("gad7", [1] * 9, "7 items"),
    ("phq9", [0, 0, 4, 0, 0, 0, 0, 0, 0], "item 3 is 4"),
    ("gad7", [0, 0, 0, 0, 0, 0, -1], "item 7"),
    ("bdi", 10, "phq9 or gad7"),
])
def test_check_score_errors(name, value, words):
    message = check_score(name, value)
    assert message is not None and words in message


@pytest.mark.parametrize("name, first, latest, verdict", [
    ("phq9", 16, 10, "improved"), ("phq9", 16, 11, "none"), ("phq9", 12, 18, "deteriorated"),
    ("phq9", 12, 17, "none"), ("gad7", 12, 8, "improved"), ("gad7", 12, 9, "none"),
    ("gad7", 8, 12, "deteriorated"), ("gad7", 8, 8, "none")])
def test_reliable_change(name, first, latest, verdict):
    assert reliable_change(name, first, latest) == verdict


def test_item9_positive():
    items = [0] * 8 + [1]
    assert item9_positive(QuestionnaireScore("phq9", date(2026, 1, 1), 1, items))
    assert not item9_positive(QuestionnaireScore("phq9", date(2026, 1, 1), 1, [1] + [0] * 8))
    assert not item9_positive(QuestionnaireScore("phq9", date(2026, 1, 1), 12))
    assert not item9_positive(QuestionnaireScore("gad7", date(2026, 1, 1), 1, [0] * 6 + [1]))


# ---------------------------------------------------------- consistency

def test_consistency_daily_vector():
    scores = consistency([True] * 20, 1)
    assert scores[0] == pytest.approx(0.0519, abs=1e-4)
    assert scores[19] == pytest.approx(0.6557, abs=1e-4)


def test_consistency_none_freezes_the_score():
    scores = consistency([True, None, None, True], 1)
    assert scores[1] == scores[2] == scores[0]
    assert scores[3] == pytest.approx(consistency([True, True], 1)[1])


def test_consistency_misses_decay():
    scores = consistency([True] * 5 + [False] * 5, 1)
    assert scores[5] < scores[4] and scores[9] < scores[5]
    assert consistency([False] * 3, 1) == [0.0, 0.0, 0.0]


def test_consistency_per_period_equals_daily_steps():
    weekly = consistency([True, False, True], 3 / 7, period_days=7)
    daily = consistency([True] * 7 + [False] * 7 + [True] * 7, 3 / 7)
    assert weekly == pytest.approx([daily[6], daily[13], daily[20]])
    assert consistency_multiplier(3 / 7, 7) == pytest.approx(consistency_multiplier(3 / 7) ** 7)


def test_consistency_refuses_zero_frequency():
    with pytest.raises(ValueError):
        consistency([True], 0)


@given(st.lists(st.one_of(st.none(), st.booleans()), max_size=60), st.floats(0.01, 5))
def test_consistency_stays_between_zero_and_one(met, f):
    scores = consistency(met, f)
    assert len(scores) == len(met)
    assert all(0.0 <= s <= 1.0 for s in scores)
