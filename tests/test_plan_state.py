"""PlanState's running totals, updated by deltas per edit, always equal a full recount."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.grouping import RowKind, grouped_rows
from planner.model import Plan, PlanLine, PriceClass, Volumes
from planner.numbers import MAX_VOLUME
from planner.plan_state import PlanState
from planner.prices import Totals, plan_totals, totals_by_class


@st.composite
def r1_volumes(draw: st.DrawFn) -> Volumes:
    """Any volumes satisfying R1, edges included (0 and the maximum uppdrag)."""
    bas = draw(st.integers(0, MAX_VOLUME))
    tillagg = draw(st.integers(0, MAX_VOLUME - bas))
    return Volumes(bas + tillagg, bas, tillagg)


def recount(plan: Plan) -> tuple[dict[str, Totals], dict[PriceClass, Totals], Totals]:
    """Subtotals by group, totals by price class and the plan total, summed from scratch."""
    rows = grouped_rows(plan)
    groups = {row.group: row.totals for row in rows if row.group}
    [total_row] = [row for row in rows if row.kind is RowKind.TOTAL]
    assert total_row.totals == plan_totals(plan)
    return groups, totals_by_class(plan), total_row.totals


def updates(plan: Plan) -> st.SearchStrategy[list[tuple[str, Volumes, PriceClass]]]:
    keys = [line.key for line in plan.lines]
    one = st.tuples(st.sampled_from(keys), r1_volumes(), st.sampled_from(list(PriceClass)))
    return st.lists(one, max_size=40)


def test_incremental_totals_equal_a_full_recount(seeded_plan: Plan) -> None:
    @settings(max_examples=150, deadline=None)
    @given(updates(seeded_plan))
    def check(steps: list[tuple[str, Volumes, PriceClass]]) -> None:
        state = PlanState(seeded_plan)
        for key, volumes, price_class in steps:
            groups_before = dict(state.groups)
            new: PlanLine = replace(state.lines[key], volumes=volumes, price_class=price_class)
            touched = state.update(new)
            groups, by_class, total = recount(state.current_plan())
            assert state.groups == groups
            assert state.by_class == by_class
            assert state.total == total
            untouched = {g for g in groups if g not in touched}
            assert {g: state.groups[g] for g in untouched} == {
                g: groups_before[g] for g in untouched
            }, "a group the update did not report has changed"
        assert state.current_plan().lines == tuple(
            state.lines[line.key] for line in seeded_plan.lines
        )

    check()


def test_seeded_totals_are_the_decision(seeded_plan: Plan) -> None:
    state = PlanState(seeded_plan)
    assert state.total == Totals(63_480, 39_078, 24_402, 245_126_454)
    assert {cls: t.cost for cls, t in state.by_class.items()} == {
        PriceClass.VISIT: 40_368_384,
        PriceClass.TREATMENT: 190_071_450,
        PriceClass.ENDOSCOPY: 14_686_620,
    }
