"""Pilot tests of the decision screen: the bridge, the items, the payments, and the edits."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from db.frames import load_frame
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.decision_screen import DecisionScreen
from screens.plan_screen import PlanScreen
from screens.widgets.money_grid import FIRST_MONTH, MoneyGrid

SIZE = (160, 50)
NBSP = "\u00a0"


async def open_decision(pilot: Pilot[None], app: App[None]) -> DecisionScreen:
    """Press M and wait for the decision screen's first read."""
    await pilot.press("M")
    screen = app.screen
    assert isinstance(screen, DecisionScreen)
    await screen.settled()
    return screen


def panel_text(screen: DecisionScreen) -> str:
    return str(screen.query_one("#payments-text", Static).render())


async def test_m_opens_the_decision_and_actuals_settle_the_items(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decision(pilot, app)
        grid = screen.query_one(MoneyGrid)
        assert str(grid.get_cell("total", "amount")) == f"5{NBSP}919{NBSP}324"
        assert str(grid.get_cell("group:fixed", "amount")) == f"5{NBSP}904{NBSP}742"
        assert str(grid.get_cell("group:monthly", "amount")) == f"493{NBSP}277"
        for key, actual in (("utbildningsbefattningar", "6000"), ("lakemedelsleveranser", "3300")):
            grid.move_cursor(row=grid.get_row_index(f"line:item:{key}"), column=FIRST_MONTH + 7)
            await pilot.press(*actual, "enter")
            await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell("line:item:utbildningsbefattningar", "m8")) == f"6{NBSP}000"
        grid.move_cursor(row=grid.get_row_index("line:item:lakemedelsleveranser"), column=9)
        await pilot.pause()
        await screen.settled()
        text = panel_text(screen)
        assert "August" in text and f"3{NBSP}946{NBSP}216" in text
        assert f"3{NBSP}945{NBSP}683" in text and "-533" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    db = open_database(db_path)
    frame = load_frame(db, "NU", 2026)
    db.conn.close()
    assert frame.actuals == {
        "utbildningsbefattningar": {8: 6000},
        "lakemedelsleveranser": {8: 3300},
    }


async def test_an_adjustment_changes_only_with_a_reason(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decision(pilot, app)
        grid = screen.query_one(MoneyGrid)
        grid.move_cursor(row=grid.get_row_index("line:adj:8"), column=1)
        await pilot.press("enter", "ctrl+u", *"-175000", "enter")
        await pilot.pause()
        await pilot.press("escape")  # no reason: nothing is saved
        await pilot.pause()
        await screen.settled()
        assert str(grid.get_cell("total", "amount")) == f"5{NBSP}919{NBSP}324"
        grid.move_cursor(row=grid.get_row_index("line:adj:8"), column=1)
        await pilot.press("enter", "ctrl+u", *"-175000", "enter")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        prompt.value = "OSN [/] beslut"
        await pilot.press("enter")
        await pilot.pause()
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell("total", "amount")) == f"5{NBSP}920{NBSP}021"
        await pilot.press("a")
        for answer in ("Ny satsning [b]", "-1 000", "because"):
            await pilot.pause()
            app.screen.query_one(Input).value = answer
            await pilot.press("enter")
        await pilot.pause()
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell("line:adj:14", "amount")) == f"-1{NBSP}000"
        assert "Ny satsning [b]" in str(grid.get_cell("line:adj:14", "label"))
        grid.move_cursor(row=grid.get_row_index("line:adj:14"), column=1)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one(Input).value = "withdrawn"
        await pilot.press("enter")
        await pilot.pause()
        await screen.settled()
        await pilot.pause()
        assert "line:adj:14" not in grid.rows
    db = open_database(db_path)
    frame = load_frame(db, "NU", 2026)
    reasons = [
        r[0]
        for r in db.execute(
            "SELECT reason FROM audit_log WHERE tbl = 'frame_adjustments' AND source = 'tui'"
        )
    ]
    db.conn.close()
    assert frame.total == 5_920_021
    assert reasons == ["OSN [/] beslut", "because", "because", "withdrawn", "withdrawn"]


async def test_narhalsan_opens_from_the_switcher_as_its_money(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionScreen)
        await screen.settled()
        grid = screen.query_one(MoneyGrid)
        assert str(grid.get_cell("total", "amount")) == f"16{NBSP}498{NBSP}099"
        assert "not printed" in str(grid.get_cell("total", "label"))
        assert "kronor" in panel_text(screen)


async def test_a_frame_without_a_bridge_offers_no_adjustments(db_path: Path) -> None:
    """Närhälsan's compensation items have no bridge: `a` asked three questions before
    refusing; now the footer leaves a and x out and the keys do nothing."""
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = DecisionScreen(app.session, "NH", 2025)
        await app.push_screen(screen)
        await screen.settled()
        await pilot.pause()
        assert screen.frame is not None and screen.frame.bridge is None
        assert screen.check_action("add_adjustment", ()) is False
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen
        assert not {"a", "x"} & set(screen.active_bindings)


async def test_a_signed_amount_is_taken_and_a_refused_one_is_asked_again(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_decision(pilot, app)
        grid = screen.query_one(MoneyGrid)
        await pilot.press("a")
        for answer in ("Ny satsning", "tio"):
            app.screen.query_one(Input).value = answer
            await pilot.press("enter")
        assert app.screen.query_one(Input).value == "tio"  # asked again, the label kept
        for answer in ("+2 500", "because"):
            app.screen.query_one(Input).value = answer
            await pilot.press("enter")
        await screen.settled()
        await pilot.pause()
        assert str(grid.get_cell("line:adj:14", "amount")) == f"+2{NBSP}500"
        assert "Ny satsning" in str(grid.get_cell("line:adj:14", "label"))
