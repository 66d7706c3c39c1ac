"""The totals panel's text: per-class rows beside the plan's uppdrag, bas, tillägg, bas share."""

from __future__ import annotations

import pytest

from planner.formats.totals_summary import format_share, panel_text
from planner.model import Plan, PriceClass, Prices
from planner.plan_state import PlanState
from planner.prices import Totals


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
        "visit         2 503 kr   16 128    40 368 384 kr  │  Uppdrag       63 480",
        "treatment    35 795 kr    5 310   190 071 450 kr  │  Bas           39 078",
        "endoscopy     4 955 kr    2 964    14 686 620 kr  │  Tillägg       24 402",
        "total                    24 402   245 126 454 kr  │  Bas share     61,6 %",
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
        "treatment    35 795 kr      44 560  1 595 025 200 kr  │  Bas         1 000 000 000",
        "endoscopy     4 955 kr           0              0 kr  │  Tillägg        44 560 000",
    ]
    assert (
        lines[4]
        == "total                   44 560 000  1 595 025 200 kr  │  Bas share          95,7 %"
    )
