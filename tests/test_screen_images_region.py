"""The region and price-list screens pinned as SVG snapshots at 160x50."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db.audit_trail import Actor
from db.plans import create_plan
from db.setup import open_database
from planner.cli.app_factory import make_app

SIZE = (160, 50)


def test_region_screen(snap_compare: Any, db_path: Path) -> None:
    db = open_database(db_path)
    create_plan(db, "SU", 2026, Actor("anna", "cli"), ("NU", 2026))
    db.conn.close()
    assert snap_compare(make_app(db_path, "NU", 2026), press=["R"], terminal_size=SIZE)


def test_prices_screen(snap_compare: Any, db_path: Path) -> None:
    assert snap_compare(make_app(db_path, "NU", 2026), press=["P"], terminal_size=SIZE)
