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

from planner.display import axis_tick, word
from planner.followup.reading import Reading
from planner.followup.settlement import CLASSES, Tertial
from planner.i18n import N_, _
from planner.numbers import format_number

READINGS = {"phased": N_("phased"), "bas-first": N_("bas-first")}
Y_TICKS = 6


def reading_word(reading: Reading) -> str:
    """The earned-tillägg reading by its short name in the chosen language."""
    return _(READINGS[reading.value])


class CumulativeChart(PlotextPlot):
    """Performed to date by month (through the reporting month) and the phased plan."""

    def show(self, title: str, planned: list[int], performed: list[int]) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        months = list(range(1, 13))
        plt.plot(months, planned, label=_("plan"), marker="braille")
        if performed:
            plt.plot(months[: len(performed)], performed, label=_("performed"), marker="braille")
        plt.xticks([float(m) for m in months])
        plt.xlim(1, 12)
        top = max([*planned, *performed, 1])
        ticks = [top * step / Y_TICKS for step in range(Y_TICKS + 1)]
        plt.yticks(ticks, [axis_tick(tick) for tick in ticks])
        plt.ylim(0, top)
        self.refresh()


class SettlementPanel(Static):
    """Per price class: cumulative earned kronor at each tertial's end and its payment."""

    def show(self, tertials: list[Tertial], reading: Reading = Reading.PHASED) -> None:
        title = _("Tertial settlement (kr), {value} reading").format(value=reading_word(reading))
        table = Table(box=None, padding=(0, 1), title=title, expand=False)
        table.add_column("")
        for t in tertials:
            shown = f"T{t.number} {word(t.status)}"
            table.add_column(Text(shown, justify="right"), justify="right")
        for cls in CLASSES:
            style = "bold" if cls == "total" else ""
            table.add_row(
                Text(_("{price_class} earned").format(price_class=word(cls)), style=style),
                *(Text(format_number(t.earned[cls]) if t.earned else "", style) for t in tertials),
            )
            table.add_row(
                Text(_("  payment"), style="dim"),
                *(
                    Text(format_number(t.payment[cls]) if t.payment else "", "dim")
                    for t in tertials
                ),
            )
        self.table = table
        self.update(table)
