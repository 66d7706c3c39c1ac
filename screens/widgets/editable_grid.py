"""One editable grid: a table of lines under subtotal rows with an overlay cell editor.

The plan grid and the follow-up grid say only what their cells are (`edit_target`) and how a
typed value is read (`read_value`); opening, feeding, committing, moving on (Enter down, Tab
right), cancelling, refusals under the cell and keeping cursor and editor in view on resize
are here, once. Every key is handled in the grid in arrival order: Textual queues keys per
widget, so moving focus to an editor would let quickly typed keys overtake each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from textual.coordinate import Coordinate
from textual.events import Key, Paste
from textual.message import Message
from textual.widgets import Static

from planner.i18n import _, ngettext
from planner.numbers import NumberError
from planner.readers.pasted_block import BlockRefused, is_block, read_block, split_block
from planner.rules import EditRefused
from screens.widgets.block_selection import BlockSelection
from screens.widgets.cell_editor import CellEditor, Outcome
from screens.widgets.inert_text import inert
from screens.widgets.key_order import run_screen_binding

E = TypeVar("E")


class EditableGrid(BlockSelection, Generic[E]):
    """Rows keyed "line:KEY", "group:NAME" or "total"; the first column stays put."""

    EDIT_STARTERS = "0123456789"
    EDITOR_MIN_WIDTH = 8

    class EditRequested(Message):
        """A typed value that passed the grid's checks; the screen saves it."""

        def __init__(self, editing: Any, value: int, text: str) -> None:
            super().__init__()
            self.editing = editing
            self.value = value
            self.text = text

    class Notice(Message):
        """Something the status line should say (a refusal, a hint)."""

        def __init__(self, text: str, error: bool = False) -> None:
            super().__init__()
            self.text = text
            self.error = error

    class BlockPasted(Message):
        """A pasted block whose every cell passed the grid's checks: (line key, column) →
        value; the screen saves it as one step."""

        def __init__(self, values: dict[tuple[str, int], int], size: tuple[int, int]) -> None:
            super().__init__()
            self.values = values
            self.size = size

    class EditorChanged(Message):
        """The editor opened or closed (the header says whether anything is unsaved)."""

        def __init__(self, open_: bool) -> None:
            super().__init__()
            self.open = open_

    def __init__(self, editable_columns: Sequence[int], **kwargs: Any) -> None:
        super().__init__(cursor_type="cell", fixed_columns=1, **kwargs)
        self.editable_columns = list(editable_columns)
        self.editing: E | None = None
        self.editor = CellEditor(id="cell-editor")
        self.error = Static("", id="cell-error")
        self.error_width = 0

    def on_mount(self) -> None:
        self.screen.mount(self.editor, self.error)

    # what each grid says

    def edit_target(self, coordinate: Coordinate, initial: str | None) -> tuple[E, str] | None:
        """The cell to edit at `coordinate` and its current text; None (after a Notice) when
        the cell is not editable."""
        raise NotImplementedError

    def read_value(self, editing: E, text: str) -> int:
        """The value to save for `text` typed on `editing`; NumberError or EditRefused if none."""
        raise NotImplementedError

    def read_pasted(self, key: str, column: int, text: str) -> int:
        """A pasted cell's value for line `key`, checked as if typed (ValueError if not)."""
        raise NotImplementedError

    def begin_paste(self) -> None:
        """Before a block's cells are read (a grid whose rules span cells resets here)."""

    def check_block(self, values: dict[tuple[str, int], int]) -> None:
        """Rules over the whole block once every cell is read; BlockRefused if broken."""

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

    def focus_line(self, key: str) -> None:
        row_key = f"line:{key}"
        if row_key in self.rows:
            column = self.cursor_coordinate.column
            self.move_cursor(row=self.get_row_index(row_key), column=column)

    def cell_offset(self, coordinate: Coordinate) -> tuple[int, int, int]:
        """Screen x, y and width of a cell (every row is one cell high), for the editor."""
        row, column = coordinate
        ordered = self.ordered_columns
        x = sum(col.get_render_width(self) for col in ordered[:column])
        y = row + (self.header_height if self.show_header else 0)
        content = self.content_region
        width = ordered[column].get_render_width(self)
        return content.x + x - int(self.scroll_x), content.y + y - int(self.scroll_y), width

    def on_resize(self) -> None:
        """At any new size the cursor stays in view, and an open editor over its cell."""
        self.call_after_refresh(self.keep_cursor_in_view)

    def keep_cursor_in_view(self) -> None:
        self.move_cursor()  # the same cell: only scrolls it into view
        if self.editing is not None:
            self.call_after_refresh(self.place_editor)

    # editing

    @property
    def editor_dirty(self) -> bool:
        """Whether the editor holds typed text that is not saved."""
        return self.editing is not None and self.editor.dirty

    def start_edit(self, initial: str | None) -> None:
        """Open the editor over the cursor cell, with `initial` text or the current value."""
        target = self.edit_target(self.cursor_coordinate, initial)
        if target is not None:
            editing, original = target
            self.open_editor(editing, initial, original)

    def open_editor(self, editing: E, text: str | None, original: str) -> None:
        """Open the editor on the cursor's cell (also to give back a value not saved)."""
        self.editing = editing
        self.place_editor()
        self.editor.start(original if text is None else text, original)
        self.post_message(self.EditorChanged(True))

    def place_editor(self) -> None:
        """The editor over the cursor's cell, and a refusal shown under it."""
        x, y, width = self.cell_offset(self.cursor_coordinate)
        self.editor.styles.offset = (x, y)
        self.editor.styles.width = max(width, self.EDITOR_MIN_WIDTH)
        if self.error.display:
            self.place_error()

    def close_editor(self) -> None:
        self.editing = None
        self.editor.stop()
        self.error.display = False
        self.post_message(self.EditorChanged(False))

    def show_error(self, text: str) -> None:
        """Say why an edit was refused right under the cell (over it on the last row shown, so
        what is below stays in view), within the screen; the editor stays open."""
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
        """Read the typed value (or change: "+5%"); a valid one is handed to the screen."""
        assert self.editing is not None
        editing = self.editing
        try:
            value = self.read_value(editing, self.editor.typed_change())
        except (NumberError, EditRefused) as exc:
            self.show_error(_("{exc}; nothing changed").format(exc=exc))
            return
        text = self.editor.value
        self.close_editor()
        self.post_message(self.EditRequested(editing, value, text))
        self.move_after_commit(move)

    def move_after_commit(self, move: Outcome) -> None:
        """Enter: the same column one line down; Tab: the next editable cell to the right,
        then the first editable cell of the next line."""
        row, column = self.cursor_coordinate
        later = [c for c in self.editable_columns if c > column]
        if move is Outcome.COMMIT_DOWN:
            self.move_cursor(row=self.next_line_row(row), column=column)
        elif later:
            self.move_cursor(row=row, column=later[0])
        else:
            self.move_cursor(row=self.next_line_row(row), column=self.editable_columns[0])

    def cancel_edit(self) -> None:
        self.close_editor()
        self.post_message(self.Notice(_("Edit cancelled; nothing changed")))

    def divert_key(self, event: Key) -> bool:
        """Whether another box (a filter) takes this key instead of the grid."""
        return False

    async def on_key(self, event: Key) -> None:
        """Handle every key here, in arrival order: edits, then this screen's bindings."""
        if self.divert_key(event):
            event.stop()
            event.prevent_default()
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
        if self.selection_key(event):
            event.stop()
            event.prevent_default()
            return
        if event.character is not None and event.character in self.EDIT_STARTERS:
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
                    _(
                        "{description} waits until this edit is saved (Enter) or cancelled (Escape)"
                    ).format(description=active.binding.description)
                )
            )

    def copied_block(self, rows: int, columns: int) -> None:
        self.post_message(
            self.Notice(
                _(
                    "Copied {rows} and {columns} with their header, tab-separated, to the clipboard"
                ).format(
                    rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
                    columns=ngettext("{count} column", "{count} columns", columns).format(
                        count=columns
                    ),
                )
            )
        )

    def on_paste(self, event: Paste) -> None:
        """A block (tabs or line breaks) is laid from the cursor; a single value goes into the
        open editor, or opens one on an editable cell."""
        self.clear_selection()
        if self.editing is None and is_block(event.text):
            event.stop()
            self.paste_block(event.text)
            return
        if self.editing is None:
            self.start_edit("")
        if self.editing is not None:
            self.editor.paste(event.text.strip("\r\n"))
            event.stop()

    def paste_block(self, text: str) -> None:
        """Check every cell of a spreadsheet block like a typed value, from the cursor down
        (lines only, subtotal rows skipped) and right (editable columns only); all or none."""
        row, column = self.cursor_coordinate
        first = row if self.line_at(row) is not None else self.next_line_row(row)
        rows = [
            (key, self.get_row_at(r)[0].plain.strip())
            for r in range(first, self.row_count)
            if (key := self.line_at(r)) is not None
        ]
        labels = [col.label.plain for col in self.ordered_columns]
        columns = [(c, labels[c]) for c in self.editable_columns if c >= column]
        cells = split_block(text)
        self.begin_paste()
        try:
            values = read_block(cells, rows, columns, self.read_pasted)
            self.check_block(values)
        except BlockRefused as exc:
            self.post_message(
                self.Notice(_("Paste refused: {exc}; nothing was changed").format(exc=exc), True)
            )
            return
        size = (len(cells), max(len(r) for r in cells))
        self.post_message(self.BlockPasted(values, size))

    def action_start_edit(self) -> None:
        self.start_edit(None)
