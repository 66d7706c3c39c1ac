"""Pilot tests of snapshots, exports and the comparison screen from the app."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from sqlite_utils import Database
from textual.widgets import DataTable

from db.setup import open_database
from db.snapshots import list_snapshots, load_snapshot
from planner.cli.app_factory import make_app
from screens.dialogs.export_dialog import ExportDialog
from screens.dialogs.snapshot_dialog import SnapshotDialog
from screens.diff_screen import DiffScreen
from screens.widgets.plan_cells import CHANGED_STYLE
from screens.widgets.plan_grid import PlanGrid
from tests.test_export_dialog import submit

BUP = "psykiatri/forstabesok/bup"
SIZE = (120, 45)


def snapshots(db_path: Path) -> Database:
    return open_database(db_path)


async def test_snapshot_from_grid_then_marks_changes_since_it(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        grid = app.screen.query_one(PlanGrid)
        await pilot.press("2", "0", "0", "0", "enter")
        assert grid.get_cell(f"line:{BUP}", "uppdrag").style == CHANGED_STYLE
        await pilot.press("s")
        assert isinstance(app.screen, SnapshotDialog)
        await pilot.press("enter", "enter")
        assert "needs a label" in str(app.screen.query_one("#label-error").render())
        await pilot.press(*"Mars", "enter", *"för OSN", "enter")
        grid = app.screen.query_one(PlanGrid)
        assert grid.get_cell(f"line:{BUP}", "uppdrag").style == ""
        await pilot.press("up", "l", "9", "0", "0", "enter")
        assert grid.get_cell(f"line:{BUP}", "bas").style == CHANGED_STYLE
        assert grid.get_cell(f"line:{BUP}", "uppdrag").style == ""
    db = snapshots(db_path)
    [info] = list_snapshots(db)
    assert (info.label, info.note) == ("Mars", "för OSN")
    assert load_snapshot(db, info.id)[1].line(BUP).volumes.uppdrag == 2000


async def test_escape_cancels_snapshot(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "x", "escape")
    assert list_snapshots(snapshots(db_path)) == []


@pytest.mark.parametrize(
    ("steps", "name"), [([], "plan-NU-2026.xlsx"), (["down"], "plan-NU-2026.csv")]
)
async def test_export_dialog_writes_file(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[str], name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press(*steps, "enter")
        await submit(app, pilot)
        assert "Wrote" in str(app.screen.query_one("#status").render())
    data = (tmp_path / name).read_bytes()
    if name.endswith("xlsx"):
        assert openpyxl.load_workbook(io.BytesIO(data))["Plan"]["C4"].value == "BUP"
    else:
        assert data.startswith(b"\xef\xbb\xbf")


async def test_export_dialog_other_path(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typed path (relative, so typing it stays cheap) is used."""
    monkeypatch.chdir(tmp_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "down", "down", "down", "enter")
        await submit(app, pilot, "ctrl+u", *"out.json")
        assert json.loads((tmp_path / "out.json").read_text())["totals"]["uppdrag"] == 63480


async def test_compare_screen_shows_changes_and_verdict(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert "No snapshot" in str(app.screen.query_one("#status").render())
        await pilot.press("s", *"base", "enter", "enter")
        await pilot.press("4", "0", "0", "0", "enter", "d", "enter")
        assert isinstance(app.screen, DiffScreen)
        summary = str(app.screen.query_one("#diff-summary").render())
        assert "+7\u00a0433\u00a0910" in summary and "board decision" in summary
        assert app.screen.query_one("DataTable", DataTable).row_count == 1
        await pilot.press("u")
        assert app.screen.query_one("DataTable", DataTable).row_count == 49
        await pilot.press("escape")
        assert not isinstance(app.screen, DiffScreen)
