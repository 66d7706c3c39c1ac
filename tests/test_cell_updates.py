"""A cell update re-renders its own row, and only that row, on the next frame."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.data_table import CellDoesNotExist

from screens.widgets.cell_updates import CellUpdatingTable


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield CellUpdatingTable()

    def on_mount(self) -> None:
        table = self.query_one(CellUpdatingTable)
        table.add_column("Line", key="line")
        table.add_column("Uppdrag", key="uppdrag")
        for name, value in (("BUP", "1 030"), ("VUP", "2 400"), ("Total", "3 430")):
            table.add_row(Text(name), Text(value), key=name)


def shown(table: CellUpdatingTable) -> list[str]:
    """The table's lines as the next frame draws them (header first)."""
    return [" ".join(table.render_line(y).text.split()) for y in range(4)]


async def test_an_updated_cell_is_drawn_anew_and_the_other_rows_come_from_the_cache() -> None:
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(CellUpdatingTable)
        await pilot.pause()
        assert shown(table)[1:] == ["BUP 1 030", "VUP 2 400", "Total 3 430"]
        cached_vup = [key for key in list(table._row_render_cache.keys()) if key[0] == "VUP"]
        assert cached_vup
        counter = table._update_count

        table.update_cell("BUP", "uppdrag", Text("1 100"))
        table.update_cell("Total", "uppdrag", Text("3 500"))
        await pilot.pause()

        assert shown(table)[1:] == ["BUP 1 100", "VUP 2 400", "Total 3 500"]
        assert table._update_count == counter
        assert all(key in table._row_render_cache for key in cached_vup)
        assert table.get_cell("BUP", "uppdrag") == Text("1 100")


async def test_updating_a_missing_cell_is_refused_as_datatable_does() -> None:
    app = OneTable()
    async with app.run_test():
        table = app.query_one(CellUpdatingTable)
        with pytest.raises(CellDoesNotExist):
            table.update_cell("NOPE", "uppdrag", Text("1"))


def test_the_textual_version_is_one_the_private_attributes_were_read_from() -> None:
    """Fails on a Textual this module was not written for: read DataTable's caches again,
    then move WRITTEN_FOR (pyproject pins the same range)."""
    from importlib.metadata import version

    from screens.widgets.cell_updates import WRITTEN_FOR

    installed = tuple(int(part) for part in version("textual").split(".")[:2])
    low, high = WRITTEN_FOR
    assert low <= installed < high, f"Textual {installed} is outside {WRITTEN_FOR}"


async def test_every_private_attribute_used_exists_with_what_is_used_of_it() -> None:
    from screens.widgets.cell_updates import PRIVATE_ATTRIBUTES

    app = OneTable()
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.query_one(CellUpdatingTable)
        for name, used in PRIVATE_ATTRIBUTES.items():
            assert hasattr(table, name), f"DataTable.{name} is gone"
            assert hasattr(getattr(table, name), used), f"DataTable.{name}.{used} is gone"
