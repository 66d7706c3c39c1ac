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
