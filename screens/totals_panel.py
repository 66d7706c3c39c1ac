"""Tillägg volume and cost per price class and in total, for the plan on screen."""

from __future__ import annotations

from textual.widgets import Static

from planner.plan_state import PlanState
from planner.report import summary_table


class TotalsPanel(Static):
    """Re-rendered after every edit from the running totals (no recomputation over lines)."""

    def show(self, state: PlanState) -> None:
        self.update(summary_table(state.plan.prices, state.by_class, state.total, "plain"))
