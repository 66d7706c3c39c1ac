"""The listed current schema (db/schema_manifest.py) is what the steps build, and opening a
file still refuses one whose tables or triggers were dropped, listed schema or not."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.errors import StorageError
from db.schema import migrations
from db.schema_manifest import OBJECTS, STEPS
from db.schema_objects import expected_objects, missing_objects
from db.setup import open_database

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_the_listed_schema_is_what_every_step_builds() -> None:
    """A step added or changed without the list following fails here, naming the new list."""
    built = frozenset(expected_objects(STEPS))
    assert tuple(step.__name__ for step in migrations.functions) == STEPS
    assert built == OBJECTS, f"db/schema_manifest.py should list {sorted(built)}"


def test_a_current_file_is_checked_without_building_the_schema(db: Database) -> None:
    expected_objects.cache_clear()
    assert missing_objects(db) == []
    assert expected_objects.cache_info().misses == 0


def test_a_current_file_without_a_trigger_is_refused_on_open(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TRIGGER snapshots_no_delete")
    conn.close()
    with pytest.raises(StorageError, match="is missing trigger snapshots_no_delete: it was"):
        open_database(db_path)


def test_an_older_file_without_a_table_is_refused_before_its_upgrade(tmp_path: Path) -> None:
    """A file with fewer steps is compared with an in-memory build of exactly those steps."""
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema-v1.db", path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE prices")
    conn.close()
    with pytest.raises(StorageError, match="is missing table prices: it was changed outside"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "prices" not in names and "settings" not in names
