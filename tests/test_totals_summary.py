"""The totals panel's text: per-class rows beside the plan's uppdrag, bas, tillägg, bas share."""

from __future__ import annotations

import pytest

from planner.formats.totals_summary import format_share, panel_text
from planner.model import Plan, PriceClass, Prices
from planner.plan_state import PlanState
from planner.prices import Totals


@pytest.mark.lang("sv")
@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(39078, 63480, "61,6 %"), (1, 8, "12,5 %"), (1, 16, "6,3 %"), (5, 5, "100,0 %"), (0, 0, "-")],
)
def test_share_one_decimal_halves_up(part: int, whole: int, shown: str) -> None:
    assert format_share(part, whole) == shown


def test_panel_of_seeded_plan(seeded_plan: Plan) -> None:
    state = PlanState(seeded_plan)
    assert panel_text(seeded_plan.prices, state.by_class, state.total).splitlines() == [
        "Price class Unit price  Tillägg  Tilläggskostnad  │  Plan total",
        "visit         2\u00a0503 kr   16\u00a0128   "
        " 40\u00a0368\u00a0384 kr  │  Uppdrag       63\u00a0480",
        "treatment    35\u00a0795 kr    5\u00a0310  "
        " 190\u00a0071\u00a0450 kr  │  Bas           39\u00a0078",
        "endoscopy     4\u00a0955 kr    2\u00a0964   "
        " 14\u00a0686\u00a0620 kr  │  Tillägg       24\u00a0402",
        "total                    24\u00a0402   245\u00a0126\u00a0454 kr  │  Bas share     61.6 %",
    ]


def test_figures_of_a_very_large_plan_keep_two_spaces_between_them() -> None:
    """Over a billion kronor the columns widen instead of running together."""
    prices = Prices(2_503, 35_795, 4_955)
    by_class = {
        PriceClass.VISIT: Totals(0, 0, 0, 0),
        PriceClass.TREATMENT: Totals(1_044_560, 1_000_000, 44_560, 1_595_025_200),
        PriceClass.ENDOSCOPY: Totals(0, 0, 0, 0),
    }
    total = Totals(1_044_560_000, 1_000_000_000, 44_560_000, 1_595_025_200)
    lines = panel_text(prices, by_class, total).splitlines()
    assert lines[2:4] == [
        "treatment    35\u00a0795 kr      44\u00a0560  1\u00a0595\u00a0025\u00a0200"
        " kr  │  Bas         1\u00a0000\u00a0000\u00a0000",
        "endoscopy     4\u00a0955 kr           0         "
        "     0 kr  │  Tillägg        44\u00a0560\u00a0000",
    ]
    assert lines[4] == (
        "total                   44\u00a0560\u00a0000 "
        " 1\u00a0595\u00a0025\u00a0200 kr  │  Bas share          95.7 %"
    )
