"""Issue 21 §4, the pure part: scenario names, plan references, what applying brings over."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.diff import Decision
from planner.model import Plan, PriceClass, Volumes
from planner.scenario import (
    ScenarioNameError,
    check_scenario_name,
    line_values,
    plan_title,
    preview_apply,
    reference,
    split_reference,
    switcher_label,
)
from planner.side_by_side import side_label, side_plan
from planner.snapshot_delta import TOTAL_GROUP

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"
HUD = "somatik/forstabesok/hud"


def with_line(plan: Plan, key: str, volumes: Volumes, cls: PriceClass | None = None) -> Plan:
    line = plan.line(key)
    new = replace(line, volumes=volumes, price_class=cls or line.price_class)
    return replace(plan, lines=tuple(new if x.key == key else x for x in plan.lines))


@pytest.mark.parametrize("name", ["forslag-a", "a", "plan-2027-b", "x" * 40])
def test_slugs_are_scenario_names(name: str) -> None:
    assert check_scenario_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "Förslag A", "förslag", "-a", "a-", "a--b", "a b", "x" * 41, "[red]x[/]", "a/b"]
)
def test_anything_else_is_refused_saying_what_is_allowed(name: str) -> None:
    with pytest.raises(ScenarioNameError, match="lower-case letters a-z, digits and single"):
        check_scenario_name(name)


@pytest.mark.parametrize("name", ["live", "decision"])
def test_the_plans_own_states_are_no_scenario_names(name: str) -> None:
    with pytest.raises(ScenarioNameError, match="names the plan itself in comparisons"):
        check_scenario_name(name)


def test_references_name_a_plan_or_its_scenario() -> None:
    assert split_reference("NU/2026") == ("NU", 2026, None)
    assert split_reference("NU/2026/forslag-a") == ("NU", 2026, "forslag-a")
    assert reference("NU", 2026) == "NU/2026"
    assert reference("NU", 2026, "forslag-a") == "NU/2026/forslag-a"
    for bad in ("NU", "NU/20x6", "NU/2026/Ä", "NU/2026/a/b", "/2026"):
        with pytest.raises(ValueError):
            split_reference(bad)


def test_a_scenario_is_named_as_one(seeded_plan: Plan) -> None:
    scenario = replace(seeded_plan, scenario="forslag-a")
    assert plan_title(seeded_plan) == "NU 2026"
    assert plan_title(scenario) == "NU 2026 · scenario forslag-a"
    assert scenario.label == "NU 2026/forslag-a"
    assert scenario.ref == ("NU", 2026, "forslag-a")
    row = switcher_label("NU", 2026, "forslag-a", 1, 245_126_454)
    assert row == "  ◇ scenario forslag-a         tilläggskostnad   245\u00a0126\u00a0454 kr"


def test_apply_brings_over_the_differences_and_refuses_lines_the_plan_changed(
    seeded_plan: Plan,
) -> None:
    made_from = line_values(seeded_plan)
    scenario = with_line(seeded_plan, BUP, Volumes(1700, 700, 1000))
    scenario = with_line(scenario, VUP, Volumes(1000, 280, 720))
    scenario = with_line(scenario, HUD, Volumes(4500, 3430, 1070), PriceClass.TREATMENT)
    plan_now = with_line(seeded_plan, VUP, Volumes(300, 280, 20))
    preview = preview_apply(plan_now, scenario, made_from)
    assert [c.key for c in preview.changes] == [BUP, HUD]
    assert preview.after.line(BUP).volumes == Volumes(1700, 700, 1000)
    assert preview.after.line(HUD).price_class is PriceClass.TREATMENT
    assert preview.after.line(VUP).volumes == Volumes(300, 280, 20)
    (refused,) = preview.refused
    assert (refused.key, refused.name) == (VUP, "VUP")
    assert refused.made_from[0] == Volumes(450, 280, 170)
    assert refused.plan_now[0] == Volumes(300, 280, 20)
    assert refused.scenario[0] == Volumes(1000, 280, 720)
    bup_cost = (1000 - 330) * 2503
    hud_cost = 1070 * 35795 - 1070 * 2503
    assert preview.diff.cost_delta == bup_cost + hud_cost
    assert preview.diff.decision is Decision.BOARD


def test_a_line_both_changed_the_same_way_is_nothing_to_apply(seeded_plan: Plan) -> None:
    same = with_line(seeded_plan, BUP, Volumes(1700, 700, 1000))
    preview = preview_apply(same, same, line_values(seeded_plan))
    assert preview.changes == [] and preview.refused == ()
    assert preview.diff.decision is Decision.DELEGATION


def test_side_plan_gives_theirs_and_the_difference_per_line_and_group(seeded_plan: Plan) -> None:
    other = replace(with_line(seeded_plan, BUP, Volumes(1700, 700, 1000)), scenario="forslag-a")
    side = side_plan(other, side_label(seeded_plan, other))
    assert side.label == "scenario forslag-a"
    values = side.line(seeded_plan.line(BUP), seeded_plan.prices)
    assert values is not None
    assert (values.tillagg, values.delta_tillagg) == (1000, 670)
    assert values.delta_cost == 670 * 2503
    total = side.group(TOTAL_GROUP, side_plan(seeded_plan, "").groups[TOTAL_GROUP])
    assert total is not None and total.delta_cost == 670 * 2503
    assert side_label(other, seeded_plan) == "plan NU 2026"
