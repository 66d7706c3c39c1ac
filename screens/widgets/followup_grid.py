"""The follow-up grid: months and to-date figures per line under subtotal rows.

Like the plan grid, it handles every key itself in arrival order: a digit on a month cell
starts an edit, keys typed meanwhile go to the editor, other keys run the screen's bindings.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import Key

from planner.followup import FollowUp, Row, format_fulfilment, fulfilment_mark
from planner.grouping import RowKind
from planner.numbers import format_number
from planner.phasing import MONTH_LABELS
from screens.widgets.cell_updates import CellUpdatingTable
from screens.widgets.key_order import run_screen_binding

FIGURES = [
    ("performed", "To date", 9),
    ("planned", "Plan", 9),
    ("fulfilment", "Fulfilled", 11),
    ("earned", "Earned", 8),
    ("earned_kr", "Earned kr", 12),
    ("forecast", "Forecast", 10),
]
MONTH_KEYS = [f"m{m}" for m in range(1, 13)]
_INDENT = {RowKind.AREA: "", RowKind.CATEGORY: " ", RowKind.LINE: "  ", RowKind.TOTAL: ""}
MARK_STYLES = {"low": "bold red", "high": "bold dark_orange", "": ""}
MARKERS = {"low": " ▼", "high": " ▲", "": "  "}


def row_key(row: Row) -> str:
    if row.line is not None:
        return f"line:{row.line.key}"
    return f"group:{row.group}" if row.group else "total"


def _number(value: int | None, style: str = "") -> Text:
    return Text("" if value is None else format_number(value), style=style, justify="right")


def cells(row: Row, reported: bool = True) -> list[Text]:
    """The displayed cells of a row; a month not reported is blank, a reported 0 shows 0.

    Before anything is reported for the plan, fulfilment is "—", not a warning of 0.0 %."""
    bold = "" if row.kind is RowKind.LINE else "bold"
    f = row.figures
    mark = fulfilment_mark(f.fulfilment) if reported else ""
    shown = format_fulfilment(f.fulfilment if reported else None)
    fulfilment = Text(shown + MARKERS[mark], style=MARK_STYLES[mark] or bold, justify="right")
    return [
        Text(_INDENT[row.kind] + row.label, style=bold, no_wrap=True, overflow="ellipsis"),
        *(_number(v, bold) for v in row.months),
        _number(f.performed, bold),
        _number(f.planned, bold),
        fulfilment,
        _number(f.earned_units, bold),
        _number(f.earned_kr, bold),
        _number(f.forecast, bold),
    ]


class FollowupGrid(CellUpdatingTable):
    """DataTable of a follow-up; `update` touches only the rows whose figures changed."""

    BINDINGS = [Binding("enter", "start_edit", "Edit", tooltip="Edit the month under the cursor")]

    def __init__(
        self,
        start_edit: Callable[[str | None], None],
        forward_key: Callable[[Key], bool],
        **kwargs: object,
    ) -> None:
        super().__init__(cursor_type="cell", cell_padding=0, **kwargs)
        self.start_edit = start_edit
        self.forward_key = forward_key
        self.shown: dict[str, Row] = {}
        self.reported = True

    def on_mount(self) -> None:
        self.add_column(Text("Line"), key="line", width=20)
        for key, label in zip(MONTH_KEYS, MONTH_LABELS, strict=True):
            self.add_column(Text(label, justify="right"), key=key, width=6)
        for key, label, width in FIGURES:
            self.add_column(Text(label, justify="right"), key=key, width=width)

    def show(self, followup: FollowUp, reported: bool) -> None:
        """Build every row (on opening and reloading only); `reported`: whether any month of
        the plan is."""
        self.clear()
        self.shown = {}
        self.reported = reported
        for row in followup.rows:
            self.shown[row_key(row)] = row
            self.add_row(*cells(row, reported), key=row_key(row))

    def update(self, followup: FollowUp, reported: bool) -> int:
        """Update the cells of rows that differ from what is shown; returns how many rows."""
        if reported != self.reported:
            self.reported = reported
            self.shown = {}  # every row's fulfilment is shown anew
        changed = 0
        columns = [key for key, _ in self.columns.items()]
        for row in followup.rows:
            key = row_key(row)
            if self.shown.get(key) == row:
                continue
            changed += 1
            self.shown[key] = row
            for column, value in zip(columns, cells(row, reported), strict=True):
                self.update_cell(key, column, value)
        return changed

    def key_at(self, row: int) -> str:
        return str(self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    def line_at(self, row: int) -> str | None:
        if 0 <= row < self.row_count and (key := self.key_at(row)).startswith("line:"):
            return key.removeprefix("line:")
        return None

    def month_at(self, column: int) -> int | None:
        return column if 1 <= column <= 12 else None

    def first_line_row(self) -> int:
        return next((r for r in range(self.row_count) if self.line_at(r)), 0)

    def cell_screen_region(self, coordinate: Coordinate) -> tuple[int, int, int]:
        region = self._get_cell_region(coordinate)
        content = self.content_region
        x = content.x + region.x - int(self.scroll_x)
        y = content.y + region.y - int(self.scroll_y)
        return x, y, region.width

    async def on_key(self, event: Key) -> None:
        if self.forward_key(event):
            event.stop()
            event.prevent_default()
            return
        if event.character is not None and event.character in "0123456789":
            event.stop()
            self.start_edit(event.character)
            return
        await run_screen_binding(self, event)

    def action_start_edit(self) -> None:
        self.start_edit(None)
