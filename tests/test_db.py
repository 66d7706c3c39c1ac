import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.connection import APPLICATION_ID, connect
from db.edits import edit_line
from db.errors import Conflict, NewerSchema, NoDatabase, NotFound, NotPlannerDatabase
from db.plans import create_plan, load_line, load_plan
from db.schema import SCHEMA_VERSION
from db.setup import open_database
from planner.model import Field, Plan
from planner.rules import EditRefused

BUP = "psykiatri/forstabesok/bup"
ACTOR = Actor("tester", "cli", "test")


def test_connection_rules(db: Database) -> None:
    pragma = lambda name: db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("user_version") == SCHEMA_VERSION


def test_tables_are_strict_and_check_r1(db: Database) -> None:
    assert "STRICT" in db["volumes"].schema
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE volumes SET uppdrag = uppdrag + 1 WHERE line_key = ?", [BUP])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE volumes SET bas = -1, uppdrag = tillagg - 1 WHERE line_key = ?", [BUP])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE volumes SET uppdrag = 'many' WHERE line_key = ?", [BUP])


def test_edit_saves_and_logs_in_one_transaction(db: Database, nu_plan: Plan) -> None:
    result = edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    assert (result.after.volumes.uppdrag, result.after.volumes.tillagg) == (2000, 1300)
    assert result.after.version == result.before.version + 1
    log = list(
        db.query(
            "SELECT field, old, new, user, reason, source FROM audit_log WHERE source != 'seed'"
        )
    )
    assert log == [
        {
            "field": "uppdrag",
            "old": 1030,
            "new": 2000,
            "user": "tester",
            "reason": "test",
            "source": "cli",
        },
        {
            "field": "tillagg",
            "old": 330,
            "new": 1300,
            "user": "tester",
            "reason": "test",
            "source": "cli",
        },
    ]


def test_refused_edit_changes_nothing(db: Database, nu_plan: Plan) -> None:
    before = list(db.query("SELECT * FROM volumes"))
    with pytest.raises(EditRefused, match="bas 5\u00a0000 would exceed uppdrag 1\u00a0030"):
        edit_line(db, nu_plan.plan_id, BUP, Field.BAS, 5000, ACTOR)
    assert list(db.query("SELECT * FROM volumes")) == before
    assert db.execute("SELECT count(*) FROM audit_log WHERE source != 'seed'").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_version_conflict_between_two_connections(
    db: Database, db_path: Path, nu_plan: Plan
) -> None:
    other = open_database(db_path)
    stale = load_line(db, nu_plan.plan_id, BUP)
    edit_line(other, nu_plan.plan_id, BUP, Field.UPPDRAG, 1500, ACTOR)
    with pytest.raises(Conflict, match="uppdrag 1\u00a0500") as info:
        edit_line(
            db, nu_plan.plan_id, BUP, Field.UPPDRAG, 1800, ACTOR, expected_version=stale.version
        )
    assert info.value.current.volumes.uppdrag == 1500
    assert load_line(db, nu_plan.plan_id, BUP).volumes.uppdrag == 1500
    other.conn.close()


def test_audit_log_is_append_only(db: Database, nu_plan: Plan) -> None:
    edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit_log SET new = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit_log")


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(NoDatabase, match="run `planner init`"):
        open_database(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()


def _untouched(path: Path, error: type[Exception], match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(error, match=match):
        open_database(path, create=True)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_foreign_files_are_refused_untouched(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 10)
    _untouched(text, NotPlannerDatabase, "not an SQLite file")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _untouched(other, NotPlannerDatabase, "another program")


def test_newer_schema_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchema, match="newer than this planner"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_unknown_migration_is_refused(db_path: Path) -> None:
    db = connect(db_path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('planner', 'm999_future', 'x')"
    )
    db.conn.close()
    with pytest.raises(NewerSchema, match="m999_future"):
        open_database(db_path)


def test_reseed_keeps_existing_volumes(db_path: Path, db: Database, nu_plan: Plan) -> None:
    edit_line(db, nu_plan.plan_id, BUP, Field.UPPDRAG, 2000, ACTOR)
    again = open_database(db_path, reseed=True)
    assert load_line(again, nu_plan.plan_id, BUP).volumes.uppdrag == 2000
    assert again["lines"].count == 49
    again.conn.close()


def test_create_plan_zero_and_copied(db: Database) -> None:
    zero = create_plan(db, "SU", 2026, ACTOR)
    assert len(zero.lines) == 49
    assert all(line.volumes.uppdrag == 0 for line in zero.lines)
    copied = create_plan(db, "sas", 2026, ACTOR, ("NU", 2026))
    nu = load_plan(db, "NU", 2026)
    assert [line.volumes for line in copied.lines] == [line.volumes for line in nu.lines]
    assert copied.prices.endoscopy == 4997
    with pytest.raises(NotFound, match="already exists"):
        create_plan(db, "SU", 2026, ACTOR)
    with pytest.raises(NotFound, match="no 2027 price list"):
        create_plan(db, "NU", 2027, ACTOR)
    with pytest.raises(NotFound, match="unknown hospital"):
        create_plan(db, "XX", 2026, ACTOR)
