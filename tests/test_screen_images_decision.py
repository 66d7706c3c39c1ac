"""The decision screen pinned as SVG snapshots: NU 2026 at 160x50 with August's actuals, and
at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from db.audit_trail import Actor
from db.frames import set_item_actual
from db.setup import open_database
from planner.cli.app_factory import make_app


def with_august_actuals(db_path: Path) -> Path:
    db = open_database(db_path)
    actor = Actor("anna", "cli")
    set_item_actual(db, "NU", 2026, "utbildningsbefattningar", 8, 6_000, actor)
    set_item_actual(db, "NU", 2026, "lakemedelsleveranser", 8, 3_300, actor)
    db.conn.close()
    return db_path


def test_decision_screen(snap_compare: Any, db_path: Path) -> None:
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    assert snap_compare(app, press=["M"], terminal_size=(160, 50))


def test_decision_screen_small(snap_compare: Any, db_path: Path) -> None:
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    assert snap_compare(app, press=["M"], terminal_size=(80, 24))


def test_decision_screen_small_payments_total(snap_compare: Any, db_path: Path) -> None:
    """At 80x24 `p` moves to the payments and End scrolls them to the Total."""
    app = make_app(with_august_actuals(db_path), "NU", 2026)
    app.animation_level = "none"

    async def to_the_total(pilot: Pilot[Any]) -> None:
        await pilot.press("M")
        await pilot.app.screen.settled()  # type: ignore[attr-defined]
        await pilot.press("p", "end")
        panel = pilot.app.screen.query_one("#payments", VerticalScroll)
        for _ in range(40):  # End scrolls after the next refresh
            await pilot.pause(0.05)
            if panel.scroll_y == panel.max_scroll_y > 0:
                break

    assert snap_compare(app, run_before=to_the_total, terminal_size=(80, 24))
