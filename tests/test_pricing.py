from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from planner.grouping import RowKind, grouped_rows
from planner.model import Plan, PriceClass, Volumes
from planner.prices import line_cost, plan_totals, totals_by_class


def test_nu_2026_cost_by_rule_r5(nu_plan: Plan) -> None:
    by_class = totals_by_class(nu_plan)
    assert by_class[PriceClass.VISIT].cost == 40_368_384
    assert by_class[PriceClass.TREATMENT].cost == 190_071_450
    assert by_class[PriceClass.ENDOSCOPY].cost == 14_686_620
    assert plan_totals(nu_plan).cost == 245_126_454


def test_document_subtotals(nu_plan: Plan) -> None:
    """Every subtotal printed in OSN 2025-09-25 § 294, recomputed from the seeded lines."""
    expected = {
        "Psykiatri": (6140, 4018, 2122),
        "Somatik": (57340, 35060, 22280),
        "Somatik/Förstabesök": (34800, 20794, 14006),
        "Somatik/Operation/åtgärd": (15040, 9730, 5310),
        "Somatik/Undersökning": (7500, 4536, 2964),
    }
    subtotals = {row.group: row.totals for row in grouped_rows(nu_plan) if row.group}
    for group, figures in expected.items():
        assert subtotals[group].volumes == Volumes(*figures), group
    assert plan_totals(nu_plan).volumes == Volumes(63480, 39078, 24402)
    assert len(nu_plan.lines) == 49


def test_grouped_rows_in_document_order(nu_plan: Plan) -> None:
    rows = grouped_rows(nu_plan)
    assert [(r.kind, r.label) for r in rows[:3]] == [
        (RowKind.AREA, "Psykiatri"),
        (RowKind.CATEGORY, "Förstabesök"),
        (RowKind.LINE, "BUP"),
    ]
    assert rows[-1].kind is RowKind.TOTAL and rows[-1].totals.uppdrag == 63480
    assert sum(r.kind is RowKind.LINE for r in rows) == 49


@given(st.lists(st.integers(0, 100_000), min_size=49, max_size=49))
def test_total_cost_is_sum_of_line_costs(seeded_plan: Plan, tillagg: list[int]) -> None:
    lines = tuple(
        replace(line, volumes=Volumes(line.volumes.bas + t, line.volumes.bas, t))
        for line, t in zip(seeded_plan.lines, tillagg, strict=True)
    )
    plan = replace(seeded_plan, lines=lines)
    assert plan_totals(plan).cost == sum(line_cost(line, plan.prices) for line in plan.lines)
    assert sum(t.cost for t in totals_by_class(plan).values()) == plan_totals(plan).cost


def test_lines_away_from_their_group_still_group_together(seeded_plan: Plan) -> None:
    lines = seeded_plan.lines
    shuffled = replace(seeded_plan, lines=(lines[-1], *lines[:-1]))
    rows = grouped_rows(shuffled)
    groups = [r.group for r in rows if r.kind is not RowKind.LINE and r.group]
    assert len(groups) == len(set(groups))
    assert rows[0].label == "Somatik" and rows[0].totals.uppdrag == 57340
