"""The plan grid: one row per line under area and category subtotal rows, editable in place.

The grid is given values (rows, lines, totals) and tells the screen what the planner asked
for through messages; it never writes to the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import Key
from textual.message import Message
from textual.widgets.data_table import ColumnKey

from planner.grouping import Row, RowKind, SortOrder, sorted_rows
from planner.i18n import N_, _
from planner.model import Field, PlanLine, Prices, Volumes
from planner.numbers import format_number, parse_volume
from planner.prices import Totals
from planner.readers.pasted_block import BlockRefused
from planner.relative_edit import typed_value
from planner.rules import apply_edit
from planner.side_by_side import SidePlan
from planner.snapshot_delta import TOTAL_GROUP, Baseline, Delta
from screens.widgets.editable_grid import EditableGrid
from screens.widgets.plan_cells import (
    line_cells,
    name_cell,
    row_cells,
    row_key_for,
    sort_value,
    total_cells,
)
from screens.widgets.plan_columns import (
    COLUMNS,
    DELTA_COLUMNS,
    NARROW_BELOW,
    NARROW_LABELS,
    NARROW_WIDTHS,
    PRICE_COLUMN,
    VOLUME_COLUMNS,
    WIDTHS,
)
from screens.widgets.side_columns import SIDE_KEYS, side_columns, side_width


@dataclass(frozen=True)
class Editing:
    """The cell being edited and the line's version when the edit began."""

    key: str
    field: Field
    version: int


class PlanGrid(EditableGrid[Editing]):
    """The plan in an editable grid; `show_line` touches only the cells of one saved line."""

    EDIT_STARTERS = "0123456789+-"
    EDITOR_MIN_WIDTH = 10
    BINDINGS = [
        Binding("enter", "start_edit", N_("Edit"), tooltip=N_("Edit the volume under the cursor")),
        Binding("h", "cursor_left", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("l", "cursor_right", show=False),
    ]

    class UndoRequested(Message):
        """ctrl+z or ctrl+y, queued behind the edits the grid has already handed on."""

        def __init__(self, undo: bool) -> None:
            super().__init__()
            self.undo = undo

    class PriceClassRequested(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class LayoutChanged(Message):
        """The terminal crossed the narrow width: the rows must be drawn again."""

    class DivertedKey(Message):
        """A key that arrived while another box (the filter) is taking over typing."""

        def __init__(self, key: str, character: str | None, printable: bool) -> None:
            super().__init__()
            self.key = key
            self.character = character
            self.printable = printable

    def __init__(self, **kwargs: object) -> None:
        super().__init__(sorted(VOLUME_COLUMNS), zebra_stripes=False, **kwargs)
        self.lines: dict[str, PlanLine] = {}
        self.kinds: dict[str, RowKind] = {}
        self.prices: Prices | None = None
        self.baseline: dict[str, Volumes] = {}
        self.delta_shown = False
        self.side: SidePlan | None = None
        self.deltas: dict[str, Delta] = {}
        self.against = Baseline({}, {})
        self.by_others: set[str] = set()
        self.diverted = False
        self.narrow = False
        self.notes: dict[str, str] = {}

    def on_mount(self) -> None:
        super().on_mount()
        self.narrow = self.app.size.width < NARROW_BELOW
        self.add_columns_shown()

    @property
    def columns_shown(self) -> list[tuple[str, str]]:
        columns = COLUMNS + DELTA_COLUMNS if self.delta_shown else COLUMNS
        return columns + side_columns(self.side) if self.side else columns

    def add_columns_shown(self) -> None:
        for key, label in self.columns_shown:
            self.add_column(self._label(key, label), key=key, width=self._width(key))

    def _width(self, key: str) -> int:
        if key in SIDE_KEYS:
            return side_width(key, self.narrow)
        return (NARROW_WIDTHS if self.narrow else WIDTHS)[key]

    def _label(self, key: str, label: str) -> Text:
        shown = NARROW_LABELS.get(key, label) if self.narrow else label
        return Text(_(shown), justify="left" if key == "line" else "right")

    def on_resize(self) -> None:
        """Below NARROW_BELOW columns: narrower columns and a short price, so that line,
        volumes and cost stay in view (the Line column stays put when scrolling). At any new
        size (a terminal resized, the totals panel taking a line for the R7 warning) the
        cursor stays in view and an open editor over its cell."""
        super().on_resize()
        narrow = self.app.size.width < NARROW_BELOW
        if narrow == self.narrow or not self.columns:
            return
        self.narrow = narrow
        for key, label in self.columns_shown:
            column = self.columns[ColumnKey(key)]
            column.width = self._width(key)
            column.label = self._label(key, label)
        self.post_message(self.LayoutChanged())

    # showing values

    def show(
        self,
        rows: list[Row],
        prices: Prices,
        baseline: dict[str, Volumes],
        visible: Callable[[PlanLine], bool] | None = None,
        baseline_costs: dict[str, int] | None = None,
        order: SortOrder | None = None,
        notes: dict[str, str] | None = None,
    ) -> None:
        """(Re)build all rows: on opening, switching, reloading, filtering, sorting or
        toggling Δ; `order` None is the plan's own order."""
        self.prices, self.baseline = prices, baseline
        self.notes = dict(notes or {})
        self.lines = {row.line.key: row.line for row in rows if row.line is not None}
        self.against = Baseline(baseline, baseline_costs or {})
        self.deltas = self.against.group_deltas(rows, prices) if self.delta_shown else {}
        if order is not None:
            by_group = self.deltas or self.against.group_deltas(rows, prices)
            rows = sorted_rows(
                rows, lambda row: sort_value(self, row, order.column, by_group), order
            )
        cursor = self.cursor_coordinate
        current_key = self.key_at(cursor.row) if self.row_count else None
        if [(str(c.key.value), c.label.plain) for c in self.ordered_columns] != [
            (key, self._label(key, label).plain) for key, label in self.columns_shown
        ]:
            self.clear(columns=True)
            self.add_columns_shown()
        else:
            self.clear()
        self.kinds = {row_key_for(row): row.kind for row in rows}
        shown = {key for key, line in self.lines.items() if visible is None or visible(line)}
        groups = {self.lines[k].area for k in shown}
        groups |= {f"{self.lines[k].area}/{self.lines[k].category}" for k in shown}
        for row in rows:
            if row.kind is RowKind.LINE and row.line and row.line.key not in shown:
                continue
            if row.kind in (RowKind.AREA, RowKind.CATEGORY) and row.group not in groups:
                continue
            self.add_row(*row_cells(self, row), key=row_key_for(row))
        if current_key is not None and current_key in self.rows:
            self.move_cursor(row=self.get_row_index(current_key), column=cursor.column)
        else:
            self.move_cursor(row=self.first_line_row(), column=max(cursor.column, 1))
        if self.editing is not None:
            self.call_after_refresh(self.place_editor)

    def show_line(self, line: PlanLine, groups: dict[str, Totals], total: Totals) -> None:
        """Update one line's cells, the given subtotal rows (the line's area and category)
        and the total row."""
        old = self.lines.get(line.key)
        change = self.line_delta(line) - (self.line_delta(old) if old else Delta())
        self.lines[line.key] = line
        key = f"line:{line.key}"
        if key in self.rows:
            for (column, _), value in zip(
                self.columns_shown[1:], line_cells(self, line), strict=True
            ):
                self.update_cell(key, column, value)
        for group, totals in groups.items():
            self.deltas[group] = self.deltas.get(group, Delta()) + change
            if f"group:{group}" in self.rows:
                self._update_totals(f"group:{group}", totals, group)
        self.deltas[TOTAL_GROUP] = self.deltas.get(TOTAL_GROUP, Delta()) + change
        self._update_totals("total", total, TOTAL_GROUP)

    def line_delta(self, line: PlanLine) -> Delta:
        assert self.prices is not None
        return self.against.line_delta(line, self.prices)

    def mark_changed_by_others(self, keys: set[str]) -> None:
        self.by_others |= keys

    def show_note(self, key: str, note: str) -> None:
        """A line's note changed: keep it and redraw only the line's name (its ✎ mark)."""
        if note:
            self.notes[key] = note
        else:
            self.notes.pop(key, None)
        line = self.lines.get(key)
        if line is not None and f"line:{key}" in self.rows:
            self.update_cell(f"line:{key}", "line", name_cell(self, line.name, key))

    def _update_totals(self, key: str, totals: Totals, group: str) -> None:
        values = total_cells(self, totals, "bold", group)
        for (column, _label), value in zip(self.columns_shown[1:], values, strict=True):
            self.update_cell(key, column, value)

    # rows and cursor

    def jump(self, kind: RowKind, step: int) -> bool:
        """Move to the first line of the next (step 1) or previous (-1) area or category shown;
        False when there is none that way."""
        starts = [
            index
            for index, row in enumerate(self.ordered_rows)
            if self.kinds.get(str(row.key.value)) is kind
        ]
        row = self.cursor_coordinate.row
        if step > 0:
            later = [index for index in starts if index > row]
            target = later[0] if later else None
        else:
            current = max((index for index in starts if index < row), default=-1)
            earlier = [index for index in starts if index < current]
            target = earlier[-1] if earlier else None
        if target is None:
            return False
        self.move_cursor(row=self.next_line_row(target), column=self.cursor_coordinate.column)
        return True

    def jump_to_total(self) -> None:
        self.move_cursor(row=self.get_row_index("total"), column=self.cursor_coordinate.column)

    def shown_lines(self) -> int:
        return sum(1 for key in self.rows if str(key.value).startswith("line:"))

    # editing

    def edit_target(
        self, coordinate: Coordinate, initial: str | None
    ) -> tuple[Editing, str] | None:
        key = self.line_at(coordinate.row)
        which = VOLUME_COLUMNS.get(coordinate.column)
        if key is not None and coordinate.column == PRICE_COLUMN and initial is None:
            self.post_message(self.PriceClassRequested(key))
            return None
        if key is None:
            self.post_message(
                self.Notice(
                    _("Subtotals are computed: move to a line's Uppdrag, Bas or Tillägg (or Price)")
                )
            )
            return None
        if which is None:
            self.post_message(self.Notice(self.not_editable(coordinate.column)))
            return None
        line = self.lines[key]
        return Editing(key, which, line.version), format_number(line.volumes.get(which))

    @staticmethod
    def not_editable(column: int) -> str:
        """Why typing on a line's name, price or cost cell does not edit it."""
        if column == PRICE_COLUMN:
            return _("The price comes from the price class: press Enter on Price to change it")
        what = _("The line name") if column == 0 else _("Tilläggskostnad")
        return _("{what} is not editable: move to Uppdrag, Bas or Tillägg").format(what=what)

    def read_value(self, editing: Editing, text: str) -> int:
        """The typed value or change ("+5%") against the line as shown, checked by R1/R2."""
        volumes = self.lines[editing.key].volumes
        value = typed_value(text, volumes.get(editing.field))
        apply_edit(volumes, editing.field, value)
        return value

    def begin_paste(self) -> None:
        self.pasting: dict[str, Volumes] = {}

    def read_pasted(self, key: str, column: int, text: str) -> int:
        """A pasted volume, applied by rule R2 after the cells to its left on the same line."""
        which = VOLUME_COLUMNS[column]
        value = parse_volume(text)
        volumes = self.pasting.get(key, self.lines[key].volumes)
        self.pasting[key] = apply_edit(volumes, which, value)
        return value

    def check_block(self, values: dict[tuple[str, int], int]) -> None:
        """Uppdrag, bas and tillägg pasted on one line must agree (uppdrag = bas + tillägg)."""
        for (key, column), value in values.items():
            which = VOLUME_COLUMNS[column]
            result = self.pasting[key].get(which)
            if result != value:
                line = self.lines[key]
                raise BlockRefused(
                    _(
                        "{line} ({category}): {field} {value} does not equal"
                        " bas + tillägg ({result}) as pasted"
                    ).format(
                        line=line.name,
                        category=line.category,
                        field=which.label,
                        value=format_number(value),
                        result=format_number(result),
                    )
                )

    def reopen(self, editing: Editing, text: str) -> None:
        """Open the editor again on a line's cell, to give back a value that was not saved."""
        self.focus_line(editing.key)
        column = next(c for c, f in VOLUME_COLUMNS.items() if f is editing.field)
        self.move_cursor(row=self.cursor_coordinate.row, column=column)
        original = format_number(self.lines[editing.key].volumes.get(editing.field))
        self.open_editor(editing, text, original)

    def divert_key(self, event: Key) -> bool:
        """While the filter box takes over typing, keys go to it (through the screen)."""
        if self.diverted:
            self.post_message(self.DivertedKey(event.key, event.character, event.is_printable))
        return self.diverted
