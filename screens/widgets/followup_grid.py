"""The follow-up grid: months and to-date figures per line under subtotal rows.

An editable grid like the plan's: a digit or Enter on a month cell opens the editor; Enter
saves and moves down, Tab saves and moves right, Escape cancels.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate

from planner.display import month_labels, percent
from planner.followup.performance import NOT_REPORTED, FollowUp, Row, fulfilment_mark
from planner.grouping import RowKind, Sortable, SortOrder, sorted_rows
from planner.i18n import N_, _
from planner.numbers import format_number, parse_volume
from screens.widgets.editable_grid import EditableGrid

FIGURES = [
    ("performed", N_("To date"), 9),
    ("planned", N_("Plan"), 9),
    ("fulfilment", N_("Fulfilled"), 12),
    ("earned", N_("Earned"), 9),
    ("earned_kr", N_("Earned kr"), 12),
    ("forecast", N_("Forecast"), 10),
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


def _dash(bold: str) -> Text:
    return Text(NOT_REPORTED + "  ", style=bold, justify="right")


def cells(row: Row, reported: bool = True) -> list[Text]:
    """The displayed cells of a row; a month not reported is blank, a reported 0 shows 0.

    A line not reported (and a subtotal over none) shows NOT_REPORTED in its figures, never 0.0 % ▼;
    `reported`: whether any month of the plan is."""
    bold = "" if row.kind is RowKind.LINE else "bold"
    f = row.figures
    label = Text(_INDENT[row.kind] + row.label, style=bold, no_wrap=True, overflow="ellipsis")
    months = [_number(v, bold) for v in row.months]
    if not (reported and f.reported):
        return [label, *months, *(_dash(bold) for _figure in FIGURES)]
    mark = fulfilment_mark(f.fulfilment)
    shown = percent(f.fulfilment)
    fulfilment = Text(shown + MARKERS[mark], style=MARK_STYLES[mark] or bold, justify="right")
    return [
        label,
        *months,
        _number(f.performed, bold),
        _number(f.planned, bold),
        fulfilment,
        _number(f.earned_units, bold),
        _number(f.earned_kr, bold),
        _number(f.forecast, bold),
    ]


def sort_value(row: Row, column: str) -> Sortable:
    """What a follow-up row sorts by: its label, or a figure (None when nothing is reported)."""
    if column == "line":
        return row.label
    f = row.figures
    if not f.reported:
        return None
    return f.fulfilment if column == "fulfilment" else int(getattr(f, column))


class MonthCell(NamedTuple):
    """A line's month being edited."""

    key: str
    month: int


class FollowupGrid(EditableGrid[MonthCell]):
    """The follow-up in an editable grid; `update` touches only the rows whose figures changed."""

    BINDINGS = [
        Binding("enter", "start_edit", N_("Edit"), tooltip=N_("Edit the month under the cursor"))
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(range(1, 13), cell_padding=0, **kwargs)
        self.shown: dict[str, Row] = {}
        self.reported = True

    def on_mount(self) -> None:
        super().on_mount()
        self.add_column(Text(_("Line")), key="line", width=20)
        for key, label in zip(MONTH_KEYS, month_labels(), strict=True):
            self.add_column(Text(label, justify="right"), key=key, width=6)
        for key, label, width in FIGURES:
            self.add_column(Text(_(label), justify="right"), key=key, width=width)

    def show(self, followup: FollowUp, reported: bool, order: SortOrder | None = None) -> None:
        """Build every row (on opening, reloading and sorting only); `reported`: whether any
        month of the plan is; `order` None is the plan's order. The cursor stays on its line
        and column (a paste or an import reloads; the planner goes on where they were)."""
        at = self.cursor_coordinate
        kept = self.key_at(at.row) if 0 <= at.row < self.row_count else None
        self.clear()
        self.shown = {}
        self.reported = reported
        rows = followup.rows
        if order is not None:
            rows = sorted_rows(rows, lambda row: sort_value(row, order.column), order)
        for row in rows:
            self.shown[row_key(row)] = row
            self.add_row(*cells(row, reported), key=row_key(row))
        if kept is not None and kept in self.shown:
            self.move_cursor(row=self.get_row_index(kept), column=at.column, animate=False)

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

    def month_at(self, column: int) -> int | None:
        return column if 1 <= column <= 12 else None

    def edit_target(
        self, coordinate: Coordinate, initial: str | None
    ) -> tuple[MonthCell, str] | None:
        key = self.line_at(coordinate.row)
        month = self.month_at(coordinate.column)
        if key is None or month is None:
            self.post_message(
                self.Notice(_("Only a line's months are typed in; the other figures are computed"))
            )
            return None
        current = self.shown[f"line:{key}"].months[month - 1]
        return MonthCell(key, month), "" if current is None else format_number(current)

    def read_value(self, editing: MonthCell, text: str) -> int:
        return parse_volume(text)

    def read_pasted(self, key: str, column: int, text: str) -> int:
        return parse_volume(text)
