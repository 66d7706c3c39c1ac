"""Storage work runs on the app's one work queue: a busy database is a status line, not an exit.

Textual ends the app on an unhandled worker error; the plan switcher and the new-plan dialog
read the database in workers, so a locked database there used to end the session.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from db.errors import Busy
from planner.cli.app_factory import make_app
from screens.dialogs.prompts import ChooseScreen
from screens.plan_screen import PlanScreen
from screens.prices_screen import PricesScreen

SIZE = (120, 40)


def locked(*_: Any, **__: Any) -> Any:
    raise sqlite3.OperationalError("database is locked")


def status(app: Any) -> str:
    return str(app.screen.query_one("#status").render())


async def test_a_busy_database_while_listing_plans_is_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("screens.plan_switching.plans_with_totals", locked)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, PlanScreen)
        assert status(app) == str(Busy())
        assert app.return_code is None and app.is_running


async def test_a_busy_database_while_asking_for_a_new_plan_is_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, ChooseScreen)
        monkeypatch.setattr("screens.plan_switching.hospitals", locked)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, PlanScreen)
        assert status(app) == str(Busy())
        assert app.return_code is None and app.is_running
        await pilot.press("2", "0", "0", "0", "enter")
        assert "Saved" in status(app)


async def test_a_busy_database_when_a_screen_first_reads_is_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("screens.prices_screen.load_price_list", locked)
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("P")
        assert isinstance(app.screen, PricesScreen)
        assert status(app) == str(Busy())
        assert app.return_code is None and app.is_running
