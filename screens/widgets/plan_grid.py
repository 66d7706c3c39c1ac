"""The plan grid: one row per line under area and category subtotal rows, and its cell editor.

The grid is given values (rows, lines, totals) and tells the screen what the planner asked
for through messages; it never writes to the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.events import Key, Paste
from textual.message import Message
from textual.widgets import Static
from textual.widgets.data_table import ColumnKey

from planner.grouping import Row, RowKind
from planner.model import Field, PlanLine, Prices, Volumes
from planner.numbers import NumberError, format_number, format_signed
from planner.pricing import Totals, line_cost
from planner.relative_edit import typed_value
from planner.rules import EditRefused, apply_edit
from planner.snapshot_delta import TOTAL_GROUP, Baseline, Delta
from screens.widgets.cell_editor import CellEditor, Outcome
from screens.widgets.cell_updates import CellUpdatingTable
from screens.widgets.inert_text import inert
from screens.widgets.key_order import run_screen_binding

COLUMNS = [
    ("line", "Line"),
    ("uppdrag", "Uppdrag"),
    ("bas", "Bas"),
    ("tillagg", "Tillägg"),
    ("price", "Price"),
    ("cost", "Tilläggskostnad"),
]
DELTA_COLUMNS = [("delta_tillagg", "Δ Tillägg"), ("delta_cost", "Δ Kostnad")]
VOLUME_COLUMNS = {1: Field.UPPDRAG, 2: Field.BAS, 3: Field.TILLAGG}
PRICE_COLUMN = 4
_INDENT = {RowKind.AREA: "", RowKind.CATEGORY: "  ", RowKind.LINE: "    ", RowKind.TOTAL: ""}
_WIDTHS = {
    "line": 24,
    "uppdrag": 10,
    "bas": 10,
    "tillagg": 10,
    "price": 18,
    "cost": 15,
    "delta_tillagg": 10,
    "delta_cost": 13,
}
NARROW_BELOW = 110  # terminal columns under which the narrow widths keep the cost in view
_NARROW_WIDTHS = {
    "line": 18,
    "uppdrag": 9,
    "bas": 9,
    "tillagg": 9,
    "price": 9,
    "cost": 12,
    "delta_tillagg": 9,
    "delta_cost": 12,
}
_NARROW_LABELS = {"cost": "Kostnad"}
EDIT_STARTERS = "0123456789+-"
CHANGED_STYLE = "bold underline #e0a030"
OTHERS_STYLE = "bold #5fafff"


def row_key_for(row: Row) -> str:
    if row.line is not None:
        return f"line:{row.line.key}"
    return f"group:{row.group}" if row.group else "total"


def _number(value: int, style: str = "") -> Text:
    return Text(format_number(value), style=style, justify="right")


def _delta(value: int, style: str = "") -> Text:
    """A change against the snapshot; blank when nothing changed, so changes stand out."""
    return Text(format_signed(value) if value else "", style=style, justify="right")


@dataclass(frozen=True)
class Editing:
    """The cell being edited and the line's version when the edit began."""

    key: str
    field: Field
    version: int


class PlanGrid(CellUpdatingTable):
    """DataTable of a plan with a focus-less cell editor; `show_line` touches only its cells.

    Every key is handled here in arrival order (typed text, then this screen's bindings):
    Textual queues keys per widget, so moving focus to an editor would let quickly typed
    keys overtake each other ("2000⏎l5⏎" editing the wrong cell).
    """

    BINDINGS = [
        Binding("enter", "start_edit", "Edit", tooltip="Edit the volume under the cursor"),
        Binding("h", "cursor_left", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("l", "cursor_right", show=False),
    ]

    class EditRequested(Message):
        """A typed value passed R1/R2 against the line as shown; the screen saves it."""

        def __init__(self, editing: Editing, value: int) -> None:
            super().__init__()
            self.editing = editing
            self.value = value

    class UndoRequested(Message):
        """ctrl+z or ctrl+y, queued behind the edits the grid has already handed on."""

        def __init__(self, undo: bool) -> None:
            super().__init__()
            self.undo = undo

    class PriceClassRequested(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Notice(Message):
        """Something the status line should say (a refusal, a hint)."""

        def __init__(self, text: str, error: bool = False) -> None:
            super().__init__()
            self.text = text
            self.error = error

    class EditorChanged(Message):
        """The editor opened or closed (the header says whether anything is unsaved)."""

        def __init__(self, open_: bool) -> None:
            super().__init__()
            self.open = open_

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
        super().__init__(cursor_type="cell", zebra_stripes=False, fixed_columns=1, **kwargs)
        self.lines: dict[str, PlanLine] = {}
        self.kinds: dict[str, RowKind] = {}
        self.prices: Prices | None = None
        self.baseline: dict[str, Volumes] = {}
        self.delta_shown = False
        self.deltas: dict[str, Delta] = {}
        self.against = Baseline({}, {})
        self.by_others: set[str] = set()
        self.editing: Editing | None = None
        self.diverted = False
        self.narrow = False
        self.editor = CellEditor(id="editor")
        self.error = Static("", id="cell-error")
        self.error_width = 0

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW_BELOW
        self.add_columns_shown()
        self.screen.mount(self.editor, self.error)

    @property
    def columns_shown(self) -> list[tuple[str, str]]:
        return COLUMNS + DELTA_COLUMNS if self.delta_shown else COLUMNS

    def add_columns_shown(self) -> None:
        for key, label in self.columns_shown:
            self.add_column(self._label(key, label), key=key, width=self._width(key))

    def _width(self, key: str) -> int:
        return (_NARROW_WIDTHS if self.narrow else _WIDTHS)[key]

    def _label(self, key: str, label: str) -> Text:
        shown = _NARROW_LABELS.get(key, label) if self.narrow else label
        return Text(shown, justify="left" if key == "line" else "right")

    def on_resize(self) -> None:
        """Below NARROW_BELOW columns: narrower columns and a short price, so that line,
        volumes and cost stay in view (the Line column stays put when scrolling). At any new
        size (a terminal resized, the totals panel taking a line for the R7 warning) the
        cursor stays in view and an open editor over its cell."""
        self.call_after_refresh(self.keep_cursor_in_view)
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
    ) -> None:
        """(Re)build all rows: on opening, switching, reloading, filtering or toggling Δ."""
        self.prices, self.baseline = prices, baseline
        self.lines = {row.line.key: row.line for row in rows if row.line is not None}
        self.against = Baseline(baseline, baseline_costs or {})
        self.deltas = self.against.group_deltas(rows, prices) if self.delta_shown else {}
        cursor = self.cursor_coordinate
        current_key = self.key_at(cursor.row) if self.row_count else None
        if [str(column.key.value) for column in self.ordered_columns] != [
            key for key, _ in self.columns_shown
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
            self.add_row(*self._cells(row), key=row_key_for(row))
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
                self.columns_shown[1:], self._line_values(line), strict=True
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

    def _cells(self, row: Row) -> list[Text]:
        bold = "bold" if row.kind is not RowKind.LINE else ""
        cells = [Text(_INDENT[row.kind] + row.label, style=bold, overflow="ellipsis")]
        if row.line is not None:
            cells += self._line_values(row.line)
        else:
            cells += self._total_values(row.totals, bold, row.group or TOTAL_GROUP)
        return cells

    def _line_values(self, line: PlanLine) -> list[Text]:
        assert self.prices is not None
        base = self.baseline.get(line.key, line.volumes)
        marked = OTHERS_STYLE if line.key in self.by_others else CHANGED_STYLE
        values = [
            _number(line.volumes.get(f), marked if line.volumes.get(f) != base.get(f) else "")
            for f in Field
        ]
        unit = self.prices.unit_price(line.price_class)
        name = line.price_class.value[0] if self.narrow else line.price_class.value
        price = Text(f"{name} {format_number(unit)}", justify="right", style="dim")
        cost_style = marked if base.tillagg != line.volumes.tillagg else ""
        cells = [*values, price, _number(line_cost(line, self.prices), cost_style)]
        if self.delta_shown:
            delta = self.line_delta(line)
            cells += [_delta(delta.tillagg), _delta(delta.cost)]
        return cells

    def _total_values(self, totals: Totals, style: str, group: str) -> list[Text]:
        cells = [
            _number(totals.uppdrag, style),
            _number(totals.bas, style),
            _number(totals.tillagg, style),
            Text(""),
            _number(totals.cost, style),
        ]
        if self.delta_shown:
            delta = self.deltas.get(group, Delta())
            cells += [_delta(delta.tillagg, style), _delta(delta.cost, style)]
        return cells

    def _update_totals(self, key: str, totals: Totals, group: str) -> None:
        values = self._total_values(totals, "bold", group)
        for (column, _), value in zip(self.columns_shown[1:], values, strict=True):
            self.update_cell(key, column, value)

    # rows and cursor

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

    def focus_line(self, key: str) -> None:
        row_key = f"line:{key}"
        if row_key in self.rows:
            column = self.cursor_coordinate.column
            self.move_cursor(row=self.get_row_index(row_key), column=column)

    def shown_lines(self) -> int:
        return sum(1 for key in self.rows if str(key.value).startswith("line:"))

    def cell_offset(self, coordinate: Coordinate) -> tuple[int, int, int]:
        """Screen x, y and width of a cell (every row is one cell high), for the editor."""
        row, column = coordinate
        ordered = self.ordered_columns
        x = sum(col.get_render_width(self) for col in ordered[:column])
        y = row + (self.header_height if self.show_header else 0)
        content = self.content_region
        width = ordered[column].get_render_width(self)
        return content.x + x - int(self.scroll_x), content.y + y - int(self.scroll_y), width

    # editing

    @property
    def editor_dirty(self) -> bool:
        """Whether the editor holds typed text that is not saved."""
        return self.editing is not None and self.editor.dirty

    def start_edit(self, initial: str | None) -> None:
        """Open the editor over the cursor cell, with `initial` text or the current value."""
        coordinate = self.cursor_coordinate
        key = self.line_at(coordinate.row)
        which = VOLUME_COLUMNS.get(coordinate.column)
        if key is not None and coordinate.column == PRICE_COLUMN and initial is None:
            self.post_message(self.PriceClassRequested(key))
            return
        if key is None:
            self.post_message(
                self.Notice(
                    "Subtotals are computed: move to a line's Uppdrag, Bas or Tillägg (or Price)"
                )
            )
            return
        if which is None:
            self.post_message(self.Notice(self.not_editable(coordinate.column)))
            return
        line = self.lines[key]
        self.open_editor(Editing(key, which, line.version), initial)

    @staticmethod
    def not_editable(column: int) -> str:
        """Why typing on a line's name, price or cost cell does not edit it."""
        if column == PRICE_COLUMN:
            return "The price comes from the price class: press Enter on Price to change it"
        what = "The line name" if column == 0 else "Tilläggskostnad"
        return f"{what} is not editable: move to Uppdrag, Bas or Tillägg"

    def open_editor(self, editing: Editing, text: str | None) -> None:
        """Open the editor on a line's cell (also to give back a value that was not saved)."""
        self.focus_line(editing.key)
        column = next(c for c, f in VOLUME_COLUMNS.items() if f is editing.field)
        self.move_cursor(row=self.cursor_coordinate.row, column=column)
        original = format_number(self.lines[editing.key].volumes.get(editing.field))
        self.editing = editing
        self.place_editor()
        self.editor.start(original if text is None else text, original)
        self.post_message(self.EditorChanged(True))

    def keep_cursor_in_view(self) -> None:
        self.move_cursor()  # the same cell: only scrolls it into view
        if self.editing is not None:
            self.call_after_refresh(self.place_editor)

    def place_editor(self) -> None:
        """The editor over the cursor's cell, and a refusal shown under it."""
        x, y, width = self.cell_offset(self.cursor_coordinate)
        self.editor.styles.offset = (x, y)
        self.editor.styles.width = max(width, 10)
        if self.error.display:
            self.place_error()

    def close_editor(self) -> None:
        self.editing = None
        self.editor.stop()
        self.error.display = False
        self.post_message(self.EditorChanged(False))

    def show_error(self, text: str) -> None:
        """Say why an edit was refused right under the cell (over it on the last row shown, so
        the totals stay in view), within the screen; the editor stays open."""
        self.error.update(inert(text))
        self.error_width = cell_len(text) + 2
        self.place_error()
        self.error.display = True
        self.post_message(self.Notice(text, error=True))

    def place_error(self) -> None:
        offset = self.editor.styles.offset
        x, y = int(offset.x.value), int(offset.y.value)
        below = y + 1 < self.region.bottom - 1
        self.error.styles.offset = (
            max(0, min(x, self.screen.size.width - self.error_width)),
            y + 1 if below else y - 1,
        )

    def commit(self, move: Outcome) -> None:
        """Check the typed value (or change: "+5%") against R1/R2 here; a valid one is handed
        to the screen."""
        assert self.editing is not None
        editing = self.editing
        line = self.lines[editing.key]
        try:
            value = typed_value(self.editor.typed_change(), line.volumes.get(editing.field))
            apply_edit(line.volumes, editing.field, value)
        except (NumberError, EditRefused) as exc:
            self.show_error(f"{exc}; nothing changed")
            return
        self.close_editor()
        self.post_message(self.EditRequested(editing, value))
        self.move_after_commit(move)

    def move_after_commit(self, move: Outcome) -> None:
        row, column = self.cursor_coordinate
        if move is Outcome.COMMIT_DOWN:
            self.move_cursor(row=self.next_line_row(row), column=column)
        elif column < max(VOLUME_COLUMNS):
            self.move_cursor(row=row, column=column + 1)
        else:
            self.move_cursor(row=self.next_line_row(row), column=min(VOLUME_COLUMNS))

    def cancel_edit(self) -> None:
        self.close_editor()
        self.post_message(self.Notice("Edit cancelled; nothing changed"))

    async def on_key(self, event: Key) -> None:
        """Handle every key here, in arrival order: edits, then this screen's bindings."""
        if self.diverted:
            event.stop()
            event.prevent_default()
            self.post_message(self.DivertedKey(event.key, event.character, event.is_printable))
            return
        if self.editing is not None:
            event.stop()
            event.prevent_default()
            outcome = self.editor.feed(event)
            if outcome is Outcome.CANCEL:
                self.cancel_edit()
            elif outcome is Outcome.UNUSED:
                self.say_waits(event.key)
            elif outcome is not Outcome.TYPING:
                self.commit(outcome)
            return
        if event.character is not None and event.character in EDIT_STARTERS:
            event.stop()
            self.start_edit(event.character)
            return
        await run_screen_binding(self, event)

    def say_waits(self, key: str) -> None:
        """A screen key pressed while editing (ctrl+r, ctrl+z…) waits for the edit to end."""
        active = self.screen.active_bindings.get(key)
        if active is not None and active.binding.description:
            self.post_message(
                self.Notice(
                    f"{active.binding.description} waits until this edit is saved (Enter)"
                    " or cancelled (Escape)"
                )
            )

    def on_paste(self, event: Paste) -> None:
        """Pasted text goes into the open editor, or opens one on a volume cell."""
        if self.editing is None:
            self.start_edit("")
        if self.editing is not None:
            self.editor.paste(event.text)
            event.stop()

    def action_start_edit(self) -> None:
        self.start_edit(None)
