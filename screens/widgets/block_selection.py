"""A block of cells chosen with shift+arrows and copied (ctrl+c) as tab-separated text.

The copy carries the selected columns' header and plain numbers ("1600", not "1 600"), so
Excel and LibreOffice read them as numbers; it goes to the terminal's clipboard through
Textual (OSC 52). Selected cells are drawn highlighted by updating only those cells.
"""

from __future__ import annotations

from typing import Any, Self

from rich.text import Text
from textual.coordinate import Coordinate
from textual.events import Key
from textual.widgets.data_table import ColumnKey, RowKey

from planner.numbers import whole_digits
from screens.widgets.cell_updates import CellUpdatingTable

SELECTION_STYLE = "on #264f78"
MOVES = {
    "shift+up": (-1, 0),
    "shift+down": (1, 0),
    "shift+left": (0, -1),
    "shift+right": (0, 1),
}


def copied(text: str) -> str:
    """A cell as copied: grouped numbers without their spaces, labels without indent."""
    plain = text.strip()
    digits = whole_digits(plain.lstrip("-"))
    if digits is not None and plain:
        return ("-" if plain.startswith("-") else "") + digits
    return plain.replace("\t", " ")


class BlockSelection(CellUpdatingTable):
    """shift+arrows grow a block from the cursor; any other key lets it go; ctrl+c copies."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.block_anchor: Coordinate | None = None
        self.highlighted: dict[Coordinate, Text] = {}

    def selection(self) -> tuple[range, range]:
        """The selected rows and columns (the cursor's cell alone when nothing is selected)."""
        row, column = self.cursor_coordinate
        top, left = self.block_anchor if self.block_anchor is not None else (row, column)
        return (
            range(min(top, row), max(top, row) + 1),
            range(min(left, column), max(left, column) + 1),
        )

    def selection_key(self, event: Key) -> bool:
        """Handle shift+arrows and ctrl+c; any other key clears the selection first."""
        if event.key in MOVES:
            if self.block_anchor is None:
                self.block_anchor = self.cursor_coordinate
            d_row, d_column = MOVES[event.key]
            row, column = self.cursor_coordinate
            self.move_cursor(
                row=min(max(row + d_row, 0), self.row_count - 1),
                column=min(max(column + d_column, 0), len(self.columns) - 1),
            )
            self.draw_selection()
            return True
        if event.key == "ctrl+c":
            self.copy_selection()
            return True
        self.clear_selection()
        return False

    def clear_selection(self) -> None:
        self.block_anchor = None
        self.draw_selection()

    def draw_selection(self) -> None:
        """Highlight the selected cells and give the others back their own look."""
        rows, columns = self.selection() if self.block_anchor is not None else (range(0), range(0))
        wanted = {Coordinate(r, c) for r in rows for c in columns}
        for coordinate in [c for c in self.highlighted if c not in wanted]:
            self._set_cell(coordinate, self.highlighted.pop(coordinate))
        for coordinate in wanted - self.highlighted.keys():
            original = self.get_cell_at(coordinate)
            self.highlighted[coordinate] = original
            shown = original.copy()
            shown.stylize(SELECTION_STYLE)
            self._set_cell(coordinate, shown)

    def _set_cell(self, coordinate: Coordinate, value: Text) -> None:
        keys = self.coordinate_to_cell_key(coordinate)
        CellUpdatingTable.update_cell(self, keys.row_key, keys.column_key, value)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Text,
        *,
        update_width: bool = False,
    ) -> None:
        """A new value for a selected cell stays highlighted and is what a later copy takes."""
        if self.highlighted:
            where = Coordinate(self.get_row_index(row_key), self.get_column_index(column_key))
            if where in self.highlighted:
                self.highlighted[where] = value
                value = value.copy()
                value.stylize(SELECTION_STYLE)
        super().update_cell(row_key, column_key, value, update_width=update_width)

    def clear(self, columns: bool = False) -> Self:
        """Rebuilding the rows lets the selection go."""
        self.block_anchor = None
        self.highlighted = {}
        return super().clear(columns)

    def selected_text(self) -> str:
        """The block as tab-separated rows under the selected columns' header."""
        rows, columns = self.selection()
        labels = [column.label.plain for column in self.ordered_columns]
        lines = ["\t".join(labels[c].strip() for c in columns)]
        for r in rows:
            cells = [self.highlighted.get(Coordinate(r, c)) for c in columns]
            texts = [
                (cell if cell is not None else self.get_cell_at(Coordinate(r, c))).plain
                for c, cell in zip(columns, cells, strict=True)
            ]
            lines.append("\t".join(copied(text) for text in texts))
        return "\r\n".join(lines) + "\r\n"

    def copy_selection(self) -> None:
        rows, columns = self.selection()
        self.app.copy_to_clipboard(self.selected_text())
        self.copied_block(len(rows), len(columns))

    def copied_block(self, rows: int, columns: int) -> None:
        """Tell the user what was copied (the grid posts a Notice)."""
