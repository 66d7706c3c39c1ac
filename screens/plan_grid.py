"""The plan grid: one row per line under area and category subtotal rows; cell-level updates."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import Key, Paste
from textual.widgets import DataTable

from planner.grouping import Row, RowKind, area_group, category_group, grouped_rows
from planner.model import Field, PlanLine, Volumes
from planner.numbers import format_number
from planner.plan_state import PlanState
from planner.pricing import Totals, line_cost

COLUMNS = [
    ("line", "Line"),
    ("uppdrag", "Uppdrag"),
    ("bas", "Bas"),
    ("tillagg", "Tillägg"),
    ("price", "Price"),
    ("cost", "Tilläggskostnad"),
]
VOLUME_COLUMNS = {1: Field.UPPDRAG, 2: Field.BAS, 3: Field.TILLAGG}
PRICE_COLUMN = 4
_INDENT = {RowKind.AREA: "", RowKind.CATEGORY: "  ", RowKind.LINE: "    ", RowKind.TOTAL: ""}
_WIDTHS = {"line": 24, "uppdrag": 10, "bas": 10, "tillagg": 10, "price": 18, "cost": 15}
CHANGED_STYLE = "bold underline #e0a030"


def row_key_for(row: Row) -> str:
    if row.line is not None:
        return f"line:{row.line.key}"
    return f"group:{row.group}" if row.group else "total"


def _number(value: int, style: str = "") -> Text:
    return Text(format_number(value), style=style, justify="right")


class PlanGrid(DataTable[Text]):
    """DataTable of a plan; `refresh_line` touches only the cells an edit changes."""

    BINDINGS = [
        Binding("enter", "start_edit", "Edit", tooltip="Edit the volume under the cursor"),
        Binding("h", "cursor_left", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("l", "cursor_right", show=False),
    ]

    def __init__(
        self,
        start_edit: Callable[[str | None], None],
        forward_key: Callable[[Key], bool],
        forward_paste: Callable[[str], bool],
        **kwargs: object,
    ) -> None:
        """`start_edit` opens the editor at once; `forward_key` takes keys typed meanwhile.

        Both are direct calls, not messages: keys typed quickly after the first digit arrive
        here before the editor has focus and must reach it in order.
        """
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.start_edit = start_edit
        self.forward_key = forward_key
        self.forward_paste = forward_paste
        self.baseline: dict[str, Volumes] = {}
        self.state: PlanState | None = None

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(
                Text(label, justify="left" if key == "line" else "right"),
                key=key,
                width=_WIDTHS[key],
            )

    def show(
        self,
        state: PlanState,
        baseline: dict[str, Volumes],
        visible: Callable[[PlanLine], bool] | None = None,
    ) -> None:
        """(Re)build all rows: on opening, switching, reloading or filtering only."""
        self.state, self.baseline = state, baseline
        cursor = self.cursor_coordinate
        current_key = self.key_at(cursor.row) if self.row_count else None
        self.clear()
        plan = state.current_plan()
        shown = {line.key for line in plan.lines if visible is None or visible(line)}
        groups = {area_group(state.lines[k]) for k in shown}
        groups |= {category_group(state.lines[k]) for k in shown}
        for row in grouped_rows(plan):
            if row.kind is RowKind.LINE and row.line and row.line.key not in shown:
                continue
            if row.kind in (RowKind.AREA, RowKind.CATEGORY) and row.group not in groups:
                continue
            self.add_row(*self._cells(row), key=row_key_for(row))
        if current_key in self.rows:
            self.move_cursor(row=self.get_row_index(current_key), column=cursor.column)
        else:
            self.move_cursor(row=self.first_line_row(), column=max(cursor.column, 1))

    def _cells(self, row: Row) -> list[Text]:
        assert self.state is not None
        bold = "bold" if row.kind is not RowKind.LINE else ""
        cells = [Text(_INDENT[row.kind] + row.label, style=bold)]
        if row.line is not None:
            cells += self._line_values(row.line)
        else:
            cells += self._total_values(row.totals, bold)
        return cells

    def _line_values(self, line: PlanLine) -> list[Text]:
        assert self.state is not None
        base = self.baseline.get(line.key, line.volumes)
        values = [
            _number(
                line.volumes.get(f), CHANGED_STYLE if line.volumes.get(f) != base.get(f) else ""
            )
            for f in Field
        ]
        prices = self.state.plan.prices
        unit = prices.unit_price(line.price_class)
        price = Text(
            f"{line.price_class.value} {format_number(unit)}", justify="right", style="dim"
        )
        cost_style = CHANGED_STYLE if base.tillagg != line.volumes.tillagg else ""
        return [*values, price, _number(line_cost(line, prices), cost_style)]

    @staticmethod
    def _total_values(totals: Totals, style: str) -> list[Text]:
        return [
            _number(totals.uppdrag, style),
            _number(totals.bas, style),
            _number(totals.tillagg, style),
            Text(""),
            _number(totals.cost, style),
        ]

    def refresh_line(self, line: PlanLine, groups: list[str]) -> None:
        """Update one line's cells, its area and category subtotals and the total row."""
        assert self.state is not None
        key = f"line:{line.key}"
        if key in self.rows:
            for (column, _), value in zip(COLUMNS[1:], self._line_values(line), strict=True):
                self.update_cell(key, column, value)
        for group in groups:
            if f"group:{group}" in self.rows:
                self._update_totals(f"group:{group}", self.state.groups[group])
        self._update_totals("total", self.state.total)

    def _update_totals(self, key: str, totals: Totals) -> None:
        for (column, _), value in zip(COLUMNS[1:], self._total_values(totals, "bold"), strict=True):
            self.update_cell(key, column, value)

    def key_at(self, row: int) -> str:
        """The row key ("line:…", "group:…" or "total") of a row index."""
        return str(self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    def line_at(self, row: int) -> str | None:
        """The line key of a row, or None for subtotal rows."""
        if 0 <= row < self.row_count and (key := self.key_at(row)).startswith("line:"):
            return key.removeprefix("line:")
        return None

    def next_line_row(self, row: int, step: int = 1) -> int:
        """The next row holding a line after `row` (or `row` itself when there is none)."""
        index = row + step
        while 0 <= index < self.row_count:
            if self.line_at(index) is not None:
                return index
            index += step
        return row

    def first_line_row(self) -> int:
        return max(self.next_line_row(-1), 0)

    def cell_screen_region(self, coordinate: Coordinate) -> tuple[int, int, int]:
        """Screen x, y and width of a cell, to place the editor over it."""
        region = self._get_cell_region(coordinate)
        content = self.content_region
        x = content.x + region.x - int(self.scroll_x)
        y = content.y + region.y - int(self.scroll_y)
        return x, y, region.width

    async def on_key(self, event: Key) -> None:
        """Handle every key here, in arrival order: edits, then this screen's bindings.

        Bindings would otherwise run when the key reaches the App, after later keys were
        already handled here; a fast "l5" would edit before the cursor moved.
        """
        if self.forward_key(event):
            event.stop()
            event.prevent_default()
            return
        if event.character is not None and event.character in "0123456789":
            event.stop()
            self.start_edit(event.character)
            return
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            event.stop()
            event.prevent_default()
            await self.app.run_action(active.binding.action, active.node)

    def on_paste(self, event: Paste) -> None:
        if self.forward_paste(event.text):
            event.stop()

    def action_start_edit(self) -> None:
        self.start_edit(None)
