"""The totals panel's text: per-class rows beside the plan's uppdrag, bas, tillägg, bas share."""

from __future__ import annotations

import pytest

from planner.model import Plan
from planner.plan_state import PlanState
from planner.totals_summary import format_share, panel_text


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
