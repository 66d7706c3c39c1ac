"""Pilot tests of the decision screen's actuals: cleared with Delete or an empty value,
doubtful ones kept and said, negative ones refused as actual cost, Närhälsan's told why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from db.audit_trail import Actor
from db.frames import add_adjustment, load_frame, set_item_actual
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.decision_screen import DecisionScreen
from screens.widgets.money_grid import FIRST_MONTH, MoneyGrid

SIZE = (160, 50)
NBSP = "\u00a0"
NURSES = "line:item:utbildningsbefattningar"


def with_actuals(db_path: Path, months: dict[int, int]) -> Path:
    db = open_database(db_path)
    for month, value in months.items():
        set_item_actual(
            db, "NU", 2026, "utbildningsbefattningar", month, value, Actor("anna", "cli")
        )
    db.conn.close()
    return db_path


def stored(db_path: Path) -> dict[int, int]:
    db = open_database(db_path)
    frame = load_frame(db, "NU", 2026)
    db.conn.close()
    return frame.actuals.get("utbildningsbefattningar", {})


def status(app: App[Any]) -> str:
    return str(app.screen.query_one("#status").render())


async def open_decision(app: App[Any]) -> tuple[DecisionScreen, MoneyGrid]:
    screen = app.screen
    assert isinstance(screen, DecisionScreen)
    await screen.settled()
    return screen, screen.query_one(MoneyGrid)


async def test_delete_and_an_empty_value_clear_an_actual(db_path: Path) -> None:
    app = make_app(with_actuals(db_path, {4: 3_000, 8: 6_000}), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        screen, grid = await open_decision(app)
        grid.move_cursor(row=grid.get_row_index(NURSES), column=FIRST_MONTH + 7)
        await pilot.press("delete")
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell(NURSES, "m8")) == ""
        assert f"month 8 cleared, was 6{NBSP}000 tkr (Utbildningsbefattningar" in status(app)
        grid.move_cursor(row=grid.get_row_index(NURSES), column=FIRST_MONTH + 3)
        await pilot.press("enter", "ctrl+u", "enter")
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell(NURSES, "m4")) == ""
        assert f"month 4 cleared, was 3{NBSP}000 tkr" in status(app)
    assert stored(db_path) == {}
    db = open_database(db_path)
    cleared = db.execute(
        "SELECT count(*) FROM audit_log WHERE tbl = 'frame_item_actuals' AND source = 'tui'"
        " AND new IS NULL"
    ).fetchone()[0]
    db.conn.close()
    assert cleared == 2


async def test_doubtful_actuals_are_kept_and_said(db_path: Path) -> None:
    app = make_app(with_actuals(db_path, {4: 3_000}), "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        screen, grid = await open_decision(app)
        grid.move_cursor(row=grid.get_row_index(NURSES), column=FIRST_MONTH + 4)
        await pilot.press(*"2500", "enter")
        await screen.settled()
        await pilot.pause()
        said = status(app)
        assert f"2{NBSP}500 tkr to the end of May is less than the 3{NBSP}000 tkr" in said
        assert "kept as entered" in said
        grid.move_cursor(row=grid.get_row_index(NURSES), column=FIRST_MONTH + 11)
        await pilot.press(*"20000", "enter")
        await screen.settled()
        await pilot.pause()
        assert f"20{NBSP}000 tkr to the end of December is more than twice" in status(app)
        assert f"the level for the year, 9{NBSP}799 tkr" in status(app)
        grid.move_cursor(row=grid.get_row_index(NURSES), column=FIRST_MONTH + 10)
        await pilot.press(*"-5", "enter")
        await pilot.pause()
        refused = status(app)
        assert "-5 is negative: an actual cost to date is 0 or more" in refused
        assert "volume" not in refused
        await pilot.press("escape")
    assert stored(db_path) == {4: 3_000, 5: 2_500, 12: 20_000}


async def test_narhalsan_says_why_its_items_have_no_months(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = DecisionScreen(app.session, "NH", 2025)
        await app.push_screen(screen)
        await screen.settled()
        await pilot.pause()
        assert "settles none of its items against outcome" in str(screen.sub_title)
        grid = screen.query_one(MoneyGrid)
        grid.move_cursor(row=grid.get_row_index("line:item:adl-utredningar"), column=FIRST_MONTH)
        await pilot.press("1")
        await pilot.pause()
        assert "no actuals to enter" in status(app)


async def test_a_change_made_elsewhere_is_shown(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        screen, grid = await open_decision(app)
        screen.follow_writes()
        await screen.settled()
        assert status(app) == ""  # nothing committed elsewhere: nothing said
        with_actuals(db_path, {8: 6_000})
        db = open_database(db_path)
        add = Actor("bo", "cli", "OSN 2026-03-26")
        add_adjustment(db, "NU", 2026, "Ny satsning", 1_000, add)
        db.conn.close()
        screen.follow_writes()
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell(NURSES, "m8")) == f"6{NBSP}000"
        assert str(grid.get_cell("total", "amount")) == f"5{NBSP}920{NBSP}324"
        assert "changed elsewhere" in status(app)
        assert "-533" in str(screen.query_one("#payments-text").render())
