"""Tillägg volume and cost per price class beside the plan's totals, for the plan on screen,
and the R7 warning when the changes since the latest snapshot need a board decision."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from planner.formats.totals_summary import panel_text
from planner.plan_state import PlanState

WARNING_STYLE = "bold #e0a030"


class TotalsPanel(Static):
    """Re-rendered after every edit from the running totals (no recomputation over lines);
    a layout pass only when its number or width of lines changes."""

    shape = (0, 0)

    def show(self, state: PlanState, notice: str = "") -> None:
        text = Text(panel_text(state.plan.prices, state.by_class, state.total))
        if notice:
            text.append("\n" + notice, style=WARNING_STYLE)
        lines = text.plain.split("\n")
        shape = (len(lines), max(len(line) for line in lines))
        self.update(text, layout=shape != self.shape)
        self.shape = shape
