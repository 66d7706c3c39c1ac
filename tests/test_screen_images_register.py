"""The register and training-places screens pinned as SVG snapshots (status in symbol and
word beside the colour; a flagged total)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.audit_trail import Actor
from db.places import set_places
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.decision.training_places import Place
from tests.test_register_tui import with_outcomes


def test_register_screen_due_for_the_interim(snap_compare: Any, db_path: Path) -> None:
    app = make_app(with_outcomes(db_path), "NU", 2026)
    keys = ["I", "d", *"2026-08", "enter"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))


def test_places_screen_with_a_changed_total(snap_compare: Any, db_path: Path) -> None:
    db = open_database(db_path)
    set_places(db, Place(2026, "AT", "NU", "", 72), Actor("anna", "cli", "two more"))
    db.conn.close()
    app = make_app(db_path, "NU", 2026)
    assert snap_compare(app, press=["I", "p"], terminal_size=(160, 50))
