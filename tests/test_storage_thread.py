"""Every database call of the UI runs on the storage thread, never on the UI's event loop.

A busy database (another planner's write lock) waits up to the busy timeout; on the event
loop that wait would freeze every screen, so each screen's reads and writes are checked here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from db.audit_trail import Actor
from db.edits import edit_line
from db.plans import load_plan
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.cli.app_factory import make_app
from planner.model import Field

SIZE = (160, 50)
BUP = "psykiatri/forstabesok/bup"


def recorder(names: list[str]) -> Callable[[str, Any], None]:
    """A sqlite-utils tracer noting the thread of every statement run on the connection."""

    def record(sql: str, params: Any) -> None:
        names.append(threading.current_thread().name)

    return record


def assert_only_storage(names: list[str]) -> None:
    assert names, "the keys did no database work at all"
    elsewhere = sorted({name for name in names if not name.startswith("planner-storage")})
    assert elsewhere == [], f"SQL ran on {elsewhere}"


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["2", "0", "0", "0", "enter", "ctrl+z", "ctrl+y", "ctrl+r"], id="plan"),
        pytest.param(["f", "1", "2", "0", "enter", "delete", "ctrl+r", "escape"], id="followup"),
        pytest.param(["R", "ctrl+r", "escape"], id="region"),
        pytest.param(["L", "escape"], id="log"),
        pytest.param(["P", "enter", "5", "0", "0", "0", "enter", "escape"], id="prices"),
        pytest.param(["s", *"Mars", "enter", "d", "enter", "escape"], id="snapshot-compare"),
    ],
)
async def test_screens_run_sql_on_the_storage_thread(db_path: Path, keys: list[str]) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names: list[str] = []
        with app.session.db.tracer(recorder(names)):
            await pilot.press(*keys)
            await pilot.pause()
    assert_only_storage(names)


async def test_review_decisions_run_on_the_storage_thread(db_path: Path) -> None:
    db = open_database(db_path)
    plan = load_plan(db, "NU", 2026)
    create_snapshot(db, plan, "Mars", "", "anna")
    edit_line(db, plan.plan_id, BUP, Field.UPPDRAG, 2000, Actor("anna", "cli"))
    db.conn.close()
    app = make_app(db_path, "NU", 2026, review_since=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names: list[str] = []
        with app.session.db.tracer(recorder(names)):
            await pilot.press("a", "u", "x", "q")
            await pilot.pause()
    assert_only_storage(names)
