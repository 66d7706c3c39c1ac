"""Pilot tests of the audit log screen and a line's history from the grid."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from db.audit_trail import Actor
from db.edits import edit_line
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.app import PlannerApp
from screens.log_screen import LogScreen

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"
SIZE = (160, 50)


def shown(app: PlannerApp) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def loaded(app: PlannerApp, pilot: Pilot[None]) -> None:
    """Wait (at most 10 s) until the log screen has read the log on the storage thread."""
    for _ in range(200):
        if isinstance(app.screen, LogScreen) and app.screen.sub_title:
            return
        await pilot.pause(0.05)
    raise AssertionError("the log screen did not load")


def _edited_by_bo(db_path: Path) -> None:
    db = open_database(db_path)
    edit_line(db, 1, VUP, Field.BAS, 100, Actor("bo", "cli", "fewer in bas"))
    db.conn.close()


async def test_line_history_is_one_row_per_typed_edit_newest_first(
    db_path: Path, frozen: None
) -> None:
    _edited_by_bo(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "up", "3", "0", "0", "0", "enter", "up")
        await pilot.press("H")
        await loaded(app, pilot)
        assert isinstance(app.screen, LogScreen)
        assert app.screen.query_one("#log-line", Input).value == BUP
        assert shown(app) == [
            [
                "2026-03-02 10:15:00 CET",
                "anna",
                "Psykiatri / Förstabesök / BUP",
                "uppdrag / tillägg",
                "2\u00a0000 / 1\u00a0300",
                "3\u00a0000 / 2\u00a0300",
                "",
                "tui",
            ],
            [
                "2026-03-02 10:15:00 CET",
                "anna",
                "Psykiatri / Förstabesök / BUP",
                "uppdrag / tillägg",
                "1\u00a0030 / 330",
                "2\u00a0000 / 1\u00a0300",
                "",
                "tui",
            ],
        ]
        assert app.screen.sub_title == "2 edits of 3"
        assert "Audit log · Psykiatri / Förstabesök / BUP" in (app.screen.title or "")


async def test_log_filters_by_user_and_date(db_path: Path, frozen: None) -> None:
    _edited_by_bo(db_path)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "0", "0", "0", "enter", "L")
        await loaded(app, pilot)
        assert [row[1] for row in shown(app)] == ["anna", "bo"]
        await pilot.press("slash", "tab", "b", "o")
        assert shown(app)[0][2:] == [
            "Psykiatri / Förstabesök / VUP",
            "bas / tillägg",
            "280 / 170",
            "100 / 350",
            "fewer in bas",
            "cli",
        ]
        assert len(shown(app)) == 1
        await pilot.press("tab", *"2026-03-03")
        assert shown(app) == []
        assert app.screen.sub_title == "0 edits of 2"
        app.screen.query_one("#log-since", Input).value = "2026-03-02"
        await pilot.pause()
        assert len(shown(app)) == 1


async def test_history_on_a_subtotal_says_why_not(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "H")
        assert not isinstance(app.screen, LogScreen)
        assert "A subtotal has no history of its own" in str(
            app.screen.query_one("#status").render()
        )
