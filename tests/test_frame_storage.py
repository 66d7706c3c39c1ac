"""The decision's money in storage: an older file upgrades to m014 with the seeded frames, and
every frame table is in the chain (a change behind planner's back is named by `check`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from db.audit_trail import Actor
from db.chain import CHAINED_TABLES, live_state, replay
from db.connection import APPLICATION_ID, raw_connect
from db.frames import add_adjustment, load_frame, set_item_actual
from db.maintenance import check
from db.plans import hospitals
from db.schema import SCHEMA_VERSION, migrations
from db.seed import seed
from db.setup import open_database
from tests.conftest import run_cli

ANNA = Actor("anna", "cli", "OSN 2026-03-26")


def file_before_money(path: Path) -> None:
    """A seeded planner file as the code before m014_decision_money made it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    db = Database(raw_connect(path), execute_plugins=False)
    steps = [step.__name__ for step in migrations.functions]
    migrations.apply(db, stop_before="m014_decision_money")
    db.execute(f"PRAGMA user_version = {steps.index('m014_decision_money')}")
    seed(db)
    db.conn.close()


def test_a_file_from_before_the_money_upgrades_with_the_seeded_frames(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    file_before_money(path)
    raw = Database(path)
    assert "frames" not in raw.table_names()
    raw.conn.close()
    db = open_database(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert load_frame(db, "NU", 2026).total == 5_919_324
    assert load_frame(db, "NH", 2025).total == 16_498_099
    assert [h.code for h in hospitals(db)] == ["SU", "NU", "SKAS", "SAS", "SV"]
    assert replay(db) == live_state(db, CHAINED_TABLES)
    assert check(db) == []
    db.conn.close()


def test_frame_changes_behind_planners_back_are_named(db_path: Path) -> None:
    db = open_database(db_path)
    add_adjustment(db, "NU", 2026, "Ny satsning", 1_000, ANNA)
    set_item_actual(db, "NU", 2026, "1", 8, 6_000, ANNA)
    assert replay(db) == live_state(db, CHAINED_TABLES)
    assert check(db) == []
    db.conn.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("UPDATE frame_adjustments SET amount = 2000 WHERE number = 14")
    conn.execute("UPDATE frame_item_actuals SET actual = 1 WHERE month = 8")
    conn.execute("UPDATE frames SET uplift = 1 WHERE hospital = 'NU'")
    conn.execute("DELETE FROM decision_prices WHERE provider = 'calculated'")
    conn.close()
    result = run_cli(db_path, "check")
    assert result.exit_code == 2
    for named in (
        "frame_adjustments NU year 2026 number 14: table amount 2\u00a0000, the log says 1",
        "frame_item_actuals NU year 2026 utbildningsbefattningar month 8: table actual 1,",
        "frames NU year 2026: table uplift 1, the log says 122\u00a0361",
        "decision_prices year 2026 calculated",
    ):
        assert named in result.stdout + result.stderr, named
