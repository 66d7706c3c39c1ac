"""What the follow-up screen shows for the worked example (160x50, cursor on Ortopedi)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from planner.cli.app_factory import make_app
from screens.widgets.followup_grid import FollowupGrid
from tests.test_followup_tui import ORT, seed_worked_example


def test_followup_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    seed_worked_example(db_path)

    async def on_ortopedi(pilot: Pilot[None]) -> None:
        await pilot.press("f")
        grid = pilot.app.screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=4)
        await pilot.pause()

    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, run_before=on_ortopedi, terminal_size=(160, 50))


def entry_sheet(size: tuple[int, int]) -> Any:
    """The follow-up as an entry sheet: the worked example, a 2 x 2 block selected on it."""

    async def select(pilot: Pilot[None]) -> None:
        await pilot.press("f")
        grid = pilot.app.screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}") - 1, column=3)
        await pilot.press("shift+down", "shift+right")
        await pilot.pause()

    return select


def test_followup_entry_sheet_160x40(snap_compare: Any, db_path: Path, frozen: None) -> None:
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, run_before=entry_sheet((160, 40)), terminal_size=(160, 40))


def test_followup_entry_sheet_80x24(snap_compare: Any, db_path: Path, frozen: None) -> None:
    """At 80x24 the charts fold away: at least 12 rows in view, the Line column stays put."""
    seed_worked_example(db_path)
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, run_before=entry_sheet((80, 24)), terminal_size=(80, 24))
