"""The Δ columns' figures: per line, per group and in total, against a baseline."""

from __future__ import annotations

from dataclasses import replace

from planner.grouping import grouped_rows
from planner.model import Plan, Volumes
from planner.prices import line_cost
from planner.snapshot_delta import TOTAL_GROUP, Baseline, Delta

BUP = "psykiatri/forstabesok/bup"


def test_deltas_add_up_per_group_and_in_total(seeded_plan: Plan) -> None:
    baseline = Baseline(
        {line.key: line.volumes for line in seeded_plan.lines},
        {line.key: line_cost(line, seeded_plan.prices) for line in seeded_plan.lines},
    )
    edited = replace(seeded_plan.by_key[BUP], volumes=Volumes(2000, 700, 1300))
    lines = tuple(edited if line.key == BUP else line for line in seeded_plan.lines)
    plan = replace(seeded_plan, lines=lines)
    assert baseline.line_delta(edited, plan.prices) == Delta(970, 2_427_910)
    deltas = baseline.group_deltas(grouped_rows(plan), plan.prices)
    assert deltas["Psykiatri/Förstabesök"] == Delta(970, 2_427_910)
    assert deltas["Psykiatri"] == Delta(970, 2_427_910)
    assert deltas["Somatik"] == Delta()
    assert deltas[TOTAL_GROUP] == Delta(970, 2_427_910)


def test_a_line_missing_from_the_baseline_counts_from_zero(seeded_plan: Plan) -> None:
    line = seeded_plan.by_key[BUP]
    assert Baseline({}, {}).line_delta(line, seeded_plan.prices) == Delta(330, 825_990)
