"""The main screens in Swedish, the users' language (the other screen images are English)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from db.audit_trail import Actor
from db.plans import create_plan
from db.setup import open_database
from planner.cli.app_factory import make_app
from screens.widgets.followup_grid import FollowupGrid
from tests.test_followup_tui import ORT, seed_worked_example
from tests.test_register_tui import with_outcomes
from tests.test_screen_images import _reviewed_db
from tests.test_screen_images_decision import with_august_actuals

pytestmark = pytest.mark.lang("sv")
WIDE = (160, 40)
NARROW = (80, 24)


def test_plan_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path, "NU", 2026), terminal_size=WIDE)


def test_plan_screen_narrow_after_edit(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["2", "0", "0", "0", "enter"], terminal_size=NARROW)


def test_help_screen(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["question_mark"], terminal_size=WIDE)


def test_export_dialog(snap_compare: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["e", "down"], terminal_size=WIDE)


def test_comparison_screen(snap_compare: Any, db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    press = ["s", *"bas", "enter", "enter", "4", "0", "0", "0", "enter", "d", "enter"]
    assert snap_compare(app, press=press, terminal_size=WIDE)


def test_review_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    app = make_app(_reviewed_db(db_path), "NU", 2026, review_since=1)
    assert snap_compare(app, press=["a"], terminal_size=WIDE)


def test_log_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    app = make_app(_reviewed_db(db_path), "NU", 2026)
    assert snap_compare(app, press=["L"], terminal_size=WIDE)


def test_followup_screen(snap_compare: Any, db_path: Path, frozen: None) -> None:
    seed_worked_example(db_path)

    async def on_ortopedi(pilot: Pilot[None]) -> None:
        await pilot.press("f")
        grid = pilot.app.screen.query_one(FollowupGrid)
        grid.move_cursor(row=grid.get_row_index(f"line:{ORT}"), column=4)
        await pilot.pause()

    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, run_before=on_ortopedi, terminal_size=(160, 50))


def test_region_screen(snap_compare: Any, db_path: Path) -> None:
    db = open_database(db_path)
    create_plan(db, "SU", 2026, Actor("anna", "cli"), ("NU", 2026))
    db.conn.close()
    assert snap_compare(make_app(db_path, "NU", 2026), press=["R"], terminal_size=WIDE)


def test_prices_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path, "NU", 2026), press=["P"], terminal_size=WIDE)


def test_decision_screen(snap_compare: Any, db_path: Path) -> None:
    """The bridge, items and payments panel in Swedish: "Uppräkning 2,2 %", "t.o.m. augusti"."""
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    assert snap_compare(app, press=["M"], terminal_size=(160, 50))


def test_decision_screen_small(snap_compare: Any, db_path: Path) -> None:
    """At 80 by 24 the Swedish footer still reaches `p Utbetalningar` (short words for a and x)."""
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    assert snap_compare(app, press=["M"], terminal_size=(80, 24))


def test_register_screen(snap_compare: Any, db_path: Path) -> None:
    """Status words and gaps in Swedish, outcomes with a decimal comma ("8,5")."""
    app = make_app(with_outcomes(db_path), "NU", 2026)
    assert snap_compare(app, press=["I"], terminal_size=WIDE)


def test_places_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path, "NU", 2026), press=["I", "p"], terminal_size=WIDE)
