"""A DataTable whose cell updates re-render only the rows they touch.

Textual's `DataTable.update_cell` bumps one table-wide counter that is part of every render
cache key, so changing one cell re-renders every visible cell: after a saved edit that was
about 250 cells and most of the frame (benchmarks/grid_bench.py). Here an update drops the
cached renders of its own row only and repaints that row; the counter, and so the cached
rendering of every other row, the row order and the row offsets, stay as they were.

This is the one module of planner that touches Textual's private attributes. They are named
in `PRIVATE_ATTRIBUTES` and the Textual versions they were read from in `WRITTEN_FOR`;
tests/test_cell_updates.py fails loudly on any other version or a renamed attribute.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowKey

WRITTEN_FOR = ((8, 0), (9, 0))  # Textual 8.x: at least the first, below the second
PRIVATE_ATTRIBUTES = {
    "_row_locations": "get",
    "_column_locations": "get",
    "_data": "keys",
    "_cell_render_cache": "discard",
    "_row_render_cache": "discard",
    "_row_renderable_cache": "discard",
    "_line_cache": "clear",
    "_update_count": "real",
}


class CellUpdatingTable(DataTable[Text]):
    """`update_cell` for values only (same row heights and column widths)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._changed_rows: set[RowKey] = set()

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Text,
        *,
        update_width: bool = False,
    ) -> None:
        if update_width:
            super().update_cell(row_key, column_key, value, update_width=True)
            return
        row = RowKey(row_key) if isinstance(row_key, str) else row_key
        column = ColumnKey(column_key) if isinstance(column_key, str) else column_key
        if row not in self._row_locations or column not in self._column_locations:
            raise CellDoesNotExist(f"No cell exists for row_key={row!r}, column_key={column!r}.")
        self._data[row][column] = value
        self._changed_rows.add(row)
        self.refresh_row(self.get_row_index(row))

    def _forget_changed_rows(self) -> None:
        """Drop the cached renders of the rows whose cells changed since the last frame."""
        changed = self._changed_rows
        if not changed:
            return
        indexes = {self._row_locations.get(row) for row in changed}
        for cell in list(self._cell_render_cache.keys()):
            if cell[0] in changed:
                self._cell_render_cache.discard(cell)
        for row in list(self._row_render_cache.keys()):
            if row[0] in changed:
                self._row_render_cache.discard(row)
        for renderables in list(self._row_renderable_cache.keys()):
            if renderables[1] in indexes:
                self._row_renderable_cache.discard(renderables)
        self._line_cache.clear()
        changed.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._forget_changed_rows()
        return super().render_lines(crop)
