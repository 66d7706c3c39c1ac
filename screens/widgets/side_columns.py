"""The plan grid's side-by-side columns: another plan's tillägg and cost, and the Δ to it."""

from __future__ import annotations

from rich.text import Text

from planner.i18n import N_
from planner.numbers import format_number, format_signed
from planner.side_by_side import SidePlan, SideValues

SIDE_KEYS = ("side_tillagg", "side_delta_tillagg", "side_cost", "side_delta_cost")
WIDTHS = {"side_tillagg": 10, "side_delta_tillagg": 11, "side_cost": 13, "side_delta_cost": 12}
NARROW_WIDTHS = {
    "side_tillagg": 9,
    "side_delta_tillagg": 11,
    "side_cost": 12,
    "side_delta_cost": 11,
}
SIDE_STYLE = "#87afd7"


def side_width(key: str, narrow: bool) -> int:
    return (NARROW_WIDTHS if narrow else WIDTHS)[key]


def side_columns(side: SidePlan) -> list[tuple[str, str]]:
    """(key, label) per side column; ◇ marks them, the screen's title names the other plan."""
    return [
        ("side_tillagg", N_("◇ Tillägg")),
        ("side_delta_tillagg", N_("◇ Δ Tillägg")),
        ("side_cost", N_("◇ Kostnad")),
        ("side_delta_cost", N_("◇ Δ Kostnad")),
    ]


def side_cells(values: SideValues | None, bold: str = "") -> list[Text]:
    """The four cells of a row; a row the other plan lacks shows dashes."""
    if values is None:
        return [Text("—", justify="right", style="dim") for _ in SIDE_KEYS]
    number = f"{bold} {SIDE_STYLE}".strip()
    return [
        Text(format_number(values.tillagg), justify="right", style=number),
        _delta(values.delta_tillagg, bold),
        Text(format_number(values.cost), justify="right", style=number),
        _delta(values.delta_cost, bold),
    ]


def _delta(value: int, style: str) -> Text:
    """Blank when equal, so the lines where the plans differ stand out."""
    return Text(format_signed(value) if value else "", justify="right", style=style)
