"""Tillägg volume and cost per price class beside the plan's totals, for the plan on screen."""

from __future__ import annotations

from textual.widgets import Static

from planner.plan_state import PlanState
from planner.totals_summary import panel_text


class TotalsPanel(Static):
    """Re-rendered after every edit from the running totals (no recomputation over lines)."""

    def show(self, state: PlanState) -> None:
        self.update(panel_text(state.plan.prices, state.by_class, state.total))
