"""Below the follow-up grid: charts of cumulative performed against the phased plan, and the
tertial settlement per price class.

The charts use textual-plotext: both series share one pair of axes, so "ahead of plan" is
visible; Textual's Sparkline scales each series to its own range and is one row high.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static
from textual_plotext import PlotextPlot

from planner.followup import Reading
from planner.i18n import _
from planner.numbers import format_number
from planner.settlement import CLASSES, Tertial


class CumulativeChart(PlotextPlot):
    """Performed to date by month (through the reporting month) and the phased plan."""

    def show(self, title: str, planned: list[int], performed: list[int]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        months = list(range(1, 13))
        plt.plot(months, planned, label="plan", marker="braille")
        if performed:
            plt.plot(months[: len(performed)], performed, label="performed", marker="braille")
        plt.xticks([float(m) for m in months])
        plt.xlim(1, 12)
        plt.ylim(0, max([*planned, *performed, 1]))
        self.refresh()


class SettlementPanel(Static):
    """Per price class: cumulative earned kronor at each tertial's end and its payment."""

    def show(self, tertials: list[Tertial], reading: Reading = Reading.PHASED) -> None:
        title = _("Tertial settlement (kr), {value} reading").format(value=reading.value)
        table = Table(box=None, padding=(0, 1), title=title, expand=False)
        table.add_column("")
        for t in tertials:
            table.add_column(Text(f"T{t.number} {t.status}", justify="right"), justify="right")
        for cls in CLASSES:
            style = "bold" if cls == "total" else ""
            table.add_row(
                Text(f"{cls} earned", style=style),
                *(Text(format_number(t.earned[cls]) if t.earned else "", style) for t in tertials),
            )
            table.add_row(
                Text("  payment", style="dim"),
                *(
                    Text(format_number(t.payment[cls]) if t.payment else "", "dim")
                    for t in tertials
                ),
            )
        self.table = table
        self.update(table)
