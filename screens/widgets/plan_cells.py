"""What each cell of the plan grid shows: a line's volumes, price and cost with their change
marks, a subtotal's sums, the Δ and side-by-side columns, and what a row sorts by.

Functions of the grid (kept apart so the widget keeps showing, moving and editing): they read
what the rows are drawn against (prices, baseline, notes, the Δ and side columns shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from planner.display import short_word, word
from planner.grouping import Row, RowKind
from planner.model import Field, PlanLine
from planner.numbers import format_number, format_signed
from planner.prices import Totals, line_cost
from planner.snapshot_delta import TOTAL_GROUP, Delta
from screens.widgets.side_columns import side_cells

if TYPE_CHECKING:
    from screens.widgets.plan_grid import PlanGrid

INDENT = {RowKind.AREA: "", RowKind.CATEGORY: "  ", RowKind.LINE: "    ", RowKind.TOTAL: ""}
NOTE_MARK = "  ✎ "  # in a noted line's indent, so a long name never cuts it off
CHANGED_STYLE = "bold underline #e0a030"
OTHERS_STYLE = "bold #5fafff"


def row_key_for(row: Row) -> str:
    """The grid's key of a row: `line:KEY`, `group:AREA[/CATEGORY]` or `total`."""
    if row.line is not None:
        return f"line:{row.line.key}"
    return f"group:{row.group}" if row.group else "total"


def number_cell(value: int, style: str = "") -> Text:
    return Text(format_number(value), style=style, justify="right")


def delta_cell(value: int, style: str = "") -> Text:
    """A change against the snapshot; blank when nothing changed, so changes stand out."""
    return Text(format_signed(value) if value else "", style=style, justify="right")


def name_cell(grid: PlanGrid, label: str, key: str | None, style: str = "") -> Text:
    """The Line cell: indented label; a noted line shows ✎ before its name."""
    if key is None:
        return Text(label, style=style, overflow="ellipsis")
    if key not in grid.notes:
        return Text(INDENT[RowKind.LINE] + label, overflow="ellipsis")
    return Text.assemble((NOTE_MARK, "bold #e0a030"), label, overflow="ellipsis", no_wrap=True)


def row_cells(grid: PlanGrid, row: Row) -> list[Text]:
    """Every cell of a row: a line's, or a subtotal's in bold."""
    bold = "bold" if row.kind is not RowKind.LINE else ""
    if row.line is not None:
        cells = [name_cell(grid, row.label, row.line.key)]
    else:
        cells = [name_cell(grid, INDENT[row.kind] + row.label, None, bold)]
    if row.line is not None:
        cells += line_cells(grid, row.line)
    else:
        cells += total_cells(grid, row.totals, bold, row.group or TOTAL_GROUP)
    return cells


def line_cells(grid: PlanGrid, line: PlanLine) -> list[Text]:
    """A line's cells after its name; values changed since the baseline are marked (in blue
    when another planner changed them)."""
    assert grid.prices is not None
    base = grid.baseline.get(line.key, line.volumes)
    marked = OTHERS_STYLE if line.key in grid.by_others else CHANGED_STYLE
    values = [
        number_cell(line.volumes.get(f), marked if line.volumes.get(f) != base.get(f) else "")
        for f in Field
    ]
    unit = grid.prices.unit_price(line.price_class)
    name = (short_word if grid.narrow else word)(line.price_class.value)
    price = Text(f"{name} {format_number(unit)}", justify="right", style="dim")
    cost_style = marked if base.tillagg != line.volumes.tillagg else ""
    cells = [*values, price, number_cell(line_cost(line, grid.prices), cost_style)]
    if grid.delta_shown:
        delta = grid.line_delta(line)
        cells += [delta_cell(delta.tillagg), delta_cell(delta.cost)]
    if grid.side:
        cells += side_cells(grid.side.line(line, grid.prices))
    return cells


def total_cells(grid: PlanGrid, totals: Totals, style: str, group: str) -> list[Text]:
    """A subtotal's (or the total's) cells after its label."""
    cells = [
        number_cell(totals.uppdrag, style),
        number_cell(totals.bas, style),
        number_cell(totals.tillagg, style),
        Text(""),
        number_cell(totals.cost, style),
    ]
    if grid.delta_shown:
        delta = grid.deltas.get(group, Delta())
        cells += [delta_cell(delta.tillagg, style), delta_cell(delta.cost, style)]
    if grid.side:
        cells += side_cells(grid.side.group(group, totals), style)
    return cells


def sort_value(grid: PlanGrid, row: Row, column: str, deltas: dict[str, Delta]) -> int | str:
    """What a row is sorted by in `column` (a subtotal by its own sum)."""
    if column == "line":
        return row.label
    if column == "price":
        assert grid.prices is not None
        return grid.prices.unit_price(row.line.price_class) if row.line else 0
    if column.startswith("delta_"):
        assert grid.prices is not None
        if row.line is not None:
            delta = grid.against.line_delta(row.line, grid.prices)
        else:
            delta = deltas.get(row.group or TOTAL_GROUP, Delta())
        return delta.tillagg if column == "delta_tillagg" else delta.cost
    value: int = getattr(row.totals, column)
    return value
