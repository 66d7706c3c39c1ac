"""Issue 21 §3: a block pasted into the plan's volumes is one undoable, audited step, checked
by R1/R2 like typed values, or refused whole with the first bad cell named."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.events import Paste

from db.audit_trail import Actor
from db.edits import edit_lines
from db.errors import Conflict
from db.plans import load_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field, Volumes
from planner.rules import EditRefused
from screens.plan_screen import PlanScreen
from screens.widgets.plan_grid import PlanGrid

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"


def volumes(db_path: Path) -> dict[str, tuple[Volumes, int]]:
    db = open_database(db_path)
    try:
        return {ln.key: (ln.volumes, ln.version) for ln in load_plan(db, "NU", 2026).lines}
    finally:
        db.conn.close()


def test_edit_lines_is_one_transaction(db_path: Path) -> None:
    db = open_database(db_path)
    actor = Actor("anna", "tui")
    try:
        with pytest.raises(EditRefused):
            edit_lines(db, 1, [(BUP, Field.UPPDRAG, 1100), (VUP, Field.BAS, 999)], actor, {})
        with pytest.raises(Conflict):
            edit_lines(db, 1, [(BUP, Field.UPPDRAG, 1100)], actor, {BUP: 7})
    finally:
        db.conn.close()
    assert volumes(db_path)[BUP] == (Volumes(1030, 700, 330), 1)


async def test_a_pasted_block_is_one_step_that_ctrl_z_undoes_whole(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        grid = screen.query_one(PlanGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{BUP}"), column=1)
        grid.post_message(Paste("1\u00a0100\t700\r\n500\t300\r\n"))
        await pilot.pause()
        await screen.settled()
        stored = volumes(db_path)
        assert stored[BUP] == (Volumes(1100, 700, 400), 2)
        assert stored[VUP] == (Volumes(500, 300, 200), 2)
        status = str(screen.query_one("#status").render())
        assert "Pasted 4 values into 2 lines in one step (ctrl+z undoes it)" in status
        assert grid.get_cell(f"line:{VUP}", "tillagg").plain == "200"
        await pilot.press("ctrl+z")
        await screen.settled()
        stored = volumes(db_path)
        assert stored[BUP][0] == Volumes(1030, 700, 330)
        assert stored[VUP][0] == Volumes(450, 280, 170)
        assert "Undone: the pasted block of 2 lines" in str(screen.query_one("#status").render())
        await pilot.press("ctrl+y")
        await screen.settled()
        assert volumes(db_path)[VUP][0] == Volumes(500, 300, 200)


async def test_a_block_breaking_a_rule_is_refused_whole(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        grid = screen.query_one(PlanGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{BUP}"), column=2)
        grid.post_message(Paste("600\n9000\n"))  # VUP bas 9 000 above its uppdrag 450
        await pilot.pause()
        await screen.settled()
        status = str(screen.query_one("#status").render())
        assert status.startswith("Paste refused: row 2, column 1 (VUP, Bas):")
        assert status.endswith("nothing was changed")
        grid.move_cursor(row=grid.get_row_index(f"line:{BUP}"), column=1)
        grid.post_message(Paste("1000\t700\t200\n"))  # 700 + 200 is not 1 000
        await pilot.pause()
        assert "uppdrag 1\u00a0000 does not equal bas + tillägg (900)" in str(
            screen.query_one("#status").render()
        )
    assert all(version == 1 for _, version in volumes(db_path).values())
