"""Issue 21 §3 in the plan grid: sort the view by any column (S), back to the plan's order (O),
and copy a block (shift+arrows, ctrl+c); sorting never changes the data."""

from __future__ import annotations

from pathlib import Path

from db.plans import load_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.grouping import Row, RowKind, SortOrder, grouped_rows, sorted_rows
from planner.model import Plan
from screens.dialogs.prompts import ChooseScreen
from screens.plan_screen import PlanScreen
from screens.widgets.plan_grid import PlanGrid


def cost(row: Row) -> int:
    return row.totals.cost


def test_sorted_rows_grouped_and_flattened(nu_plan: Plan) -> None:
    rows = grouped_rows(nu_plan)
    grouped = sorted_rows(rows, cost, SortOrder("cost", True))
    assert [r.label for r in grouped if r.kind is RowKind.AREA] == ["Somatik", "Psykiatri"]
    assert len(grouped) == len(rows) and grouped[-1].kind is RowKind.TOTAL
    first_category = grouped[1]
    assert first_category.kind is RowKind.CATEGORY
    lines = [r for r in grouped[2:] if r.kind is RowKind.LINE]
    under = lines[: next(i for i, r in enumerate(grouped[2:]) if r.kind is not RowKind.LINE)]
    assert [cost(r) for r in under] == sorted((cost(r) for r in under), reverse=True)
    flat = sorted_rows(rows, cost, SortOrder("cost", False, grouped=False))
    assert [r.kind for r in flat[:-1]] == [RowKind.LINE] * 49
    assert [cost(r) for r in flat[:-1]] == sorted(cost(r) for r in flat[:-1])
    by_name = sorted_rows(rows, lambda r: r.label, SortOrder("line", False, grouped=False))
    names = [r.label for r in by_name[:-1]]
    assert names == sorted(names, key=str.casefold)
    # ties keep the plan's order, in either direction
    zero = [r.label for r in flat if r.kind is RowKind.LINE and cost(r) == 0]
    plan_zero = [r.label for r in rows if r.kind is RowKind.LINE and cost(r) == 0]
    assert zero == plan_zero


async def test_s_sorts_the_view_and_o_gives_back_the_plan_order(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        grid = screen.query_one(PlanGrid)
        before = [str(key.value) for key in grid.rows]
        await pilot.press("S")
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        chooser.dismiss("cost:desc")
        await pilot.pause()
        assert "Sorted by Tilläggskostnad, largest first, within the groups" in str(
            screen.query_one("#status").render()
        )
        rows = [str(key.value) for key in grid.rows]
        assert rows[0] == "group:Somatik" and sorted(rows) == sorted(before)
        await pilot.press("S")
        assert isinstance(app.screen, ChooseScreen)
        app.screen.dismiss("flatten")
        await pilot.pause()
        flat = [str(key.value) for key in grid.rows]
        assert all(key.startswith("line:") for key in flat[:-1]) and flat[-1] == "total"
        assert len(flat) == 50
        await pilot.press("O")
        assert [str(key.value) for key in grid.rows] == before
    db = open_database(db_path)
    try:
        lines = load_plan(db, "NU", 2026).lines
        assert all(line.version == 1 for line in lines)  # nothing was written
    finally:
        db.conn.close()


async def test_shift_arrows_and_ctrl_c_copy_a_block_of_volumes(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        grid = screen.query_one(PlanGrid)
        grid.move_cursor(row=grid.get_row_index("line:psykiatri/forstabesok/bup"), column=0)
        await pilot.press("shift+down", "shift+right", "shift+right", "ctrl+c")
        assert app.clipboard == "Line\tUppdrag\tBas\r\nBUP\t1030\t700\r\nVUP\t450\t280\r\n"
