"""No NaN or inf ever reaches `export` (strict JSON), whatever numbers a book holds:
huge weights whose sums would overflow, 400-digit targets, `.inf`, `.nan`, 1e308."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalbook.cli import main

NUMBERS = st.sampled_from(["0", "1", "3", "-2", "1e308", "1e400", "9" * 400, ".inf", "-.inf", ".nan",
                           "1e12", "1000000000001", "0.000001", "2.5"])

GOAL = """\
title: Walk for 30 minutes on three evenings a week
why: It clears my head.
start: 2026-09-01
due: 2027-01-31
weight: {weight}
measure:
  what: walks
  unit: walks
  per: week
  baseline: {baseline}
  target: {target}
scale:
  -2: {{text: none}}
  -1: {{text: some}}
  0: {{text: expected}}
  1: {{text: more}}
  2: {{text: much more}}
checkins:
  - {{date: 2026-11-10, value: {value}}}
"""


def refuse_constant(name):
    raise AssertionError(f"export printed {name}, which isn't JSON")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(goals=st.lists(st.tuples(NUMBERS, NUMBERS, NUMBERS, NUMBERS, st.integers(-2, 2)), min_size=1, max_size=3))
def test_export_is_strict_json_for_any_numbers(tmp_path_factory, goals):
    root = tmp_path_factory.mktemp("book")
    (root / "content" / "goals").mkdir(parents=True)
    (root / "content" / "checkins").mkdir()
    for i, (weight, baseline, target, value, level) in enumerate(goals):
        (root / "content" / "goals" / f"g{i}.yaml").write_text(
            GOAL.format(weight=weight, baseline=baseline, target=target, value=value), encoding="utf-8")
        (root / "content" / "checkins" / f"g{i}.yaml").write_text(
            f"date: 2026-11-12\nlevels: {{g{i}: {level}}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(root), "export", "--today", "2026-11-22"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        data = json.loads(result.stdout, parse_constant=refuse_constant)
        t = data["gas"]["t_score"]
        assert t is None or 0 < t < 100
    else:                     # a number goalbook can't use is a located finding, not a silent NaN
        assert re.search(r"\.yaml:\d+:\d+: error [A-Z]+[0-9]{3}: ", result.stderr), result.stderr
