"""The side-by-side view (key w) pinned as SVG snapshots at 160x40 and 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.audit_trail import Actor
from db.edits import edit_line
from db.scenarios import create_scenario
from db.setup import open_database
from planner.cli.app_factory import make_app
from planner.model import Field

BUP = "psykiatri/forstabesok/bup"
KOLOSKOPI = "somatik/undersokning/koloskopi"


def with_scenario(db_path: Path) -> Path:
    db = open_database(db_path)
    actor = Actor("anna", "cli")
    scenario = create_scenario(db, "NU", 2026, "forslag-a", actor)
    edit_line(db, scenario.plan_id, BUP, Field.TILLAGG, 999, actor)
    edit_line(db, scenario.plan_id, KOLOSKOPI, Field.BAS, 100, actor)
    db.conn.close()
    return db_path


def test_side_by_side_160x40(snap_compare: Any, db_path: Path) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026)
    assert snap_compare(app, press=["w", "enter"], terminal_size=(160, 40))


def test_side_by_side_80x24(snap_compare: Any, db_path: Path) -> None:
    app = make_app(with_scenario(db_path), "NU", 2026)
    assert snap_compare(app, press=["w", "enter", "end"], terminal_size=(80, 24))
