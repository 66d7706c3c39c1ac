"""Schema steps m004 and m008: the audit log made tamper-evident and then the one hash chain,
kept apart from schema.py.

m004 hashes the audit entries and snapshot records; m008 rebuilds audit_log so an entry may name
any chained table; tables that hold data when they join the chain are recorded by a checkpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.chain import checkpoint
from planner.integrity import AUDIT_FIELDS, GENESIS, entry_hash, snapshot_record_hash

if TYPE_CHECKING:
    from sqlite_utils import Database

CHECKPOINT = Actor("planner", "checkpoint", "the plan data as it was at the upgrade")
_UPDATE_GUARDS = ("audit_log_no_update", "snapshots_no_update")
_AUDIT_COLUMNS = "id, at, user, plan_id, line_key, field, old, new, reason, source, hash"


def add_tamper_evidence(db: Database) -> None:
    """The hash columns, back-filled; the append-only triggers block the back-fill, so they are
    dropped and recreated as they were."""
    guards = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)",
            list(_UPDATE_GUARDS),
        ).fetchall()
    ]
    for statement in (
        "ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE snapshots ADD COLUMN audit_head_id INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE snapshots ADD COLUMN audit_head TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE snapshots ADD COLUMN record_sha256 TEXT NOT NULL DEFAULT ''",
        *(f"DROP TRIGGER IF EXISTS {name}" for name in _UPDATE_GUARDS),
    ):
        db.execute(statement)
    _backfill_chain(db)
    _backfill_snapshots(db)
    for sql in guards:
        db.execute(sql)


def _backfill_chain(db: Database) -> None:
    previous = GENESIS
    for entry in db.query(f"SELECT {', '.join(AUDIT_FIELDS)} FROM audit_log ORDER BY id"):
        previous = entry_hash(previous, entry)
        db.execute("UPDATE audit_log SET hash = ? WHERE id = ?", [previous, entry["id"]])


def _backfill_snapshots(db: Database) -> None:
    """Each old snapshot is anchored at the last audit entry written before it was taken."""
    for record in db.query("SELECT * FROM snapshots ORDER BY id"):
        head = db.execute(
            "SELECT id, hash FROM audit_log WHERE at <= ? ORDER BY id DESC LIMIT 1",
            [record["created_at"]],
        ).fetchone()
        record["audit_head_id"], record["audit_head"] = head or (0, GENESIS)
        db.execute(
            "UPDATE snapshots SET audit_head_id = ?, audit_head = ?, record_sha256 = ?"
            " WHERE id = ?",
            [
                record["audit_head_id"],
                record["audit_head"],
                snapshot_record_hash(record),
                record["id"],
            ],
        )


def rebuild_audit_log(db: Database) -> None:
    """audit_log rebuilt with ids and hashes kept, so an entry may name any chained table and row
    (prices have no plan, phasing no line) and come from a seed, a redo or the checkpoint."""
    db.execute("ALTER TABLE audit_log RENAME TO audit_log_before_chain")
    db.executescript(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            plan_id INTEGER REFERENCES plans(id),
            line_key TEXT REFERENCES lines(key),
            field TEXT NOT NULL,
            old ANY,
            new ANY,
            reason TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL CHECK (source IN
                ('tui', 'cli', 'review', 'undo', 'redo', 'import', 'seed', 'checkpoint')),
            hash TEXT NOT NULL DEFAULT '',
            tbl TEXT,
            row_key TEXT,
            CHECK ((tbl IS NULL) = (row_key IS NULL))
        ) STRICT;
        """
    )
    db.execute(
        f"INSERT INTO audit_log ({_AUDIT_COLUMNS})"
        f" SELECT {_AUDIT_COLUMNS} FROM audit_log_before_chain ORDER BY id"
    )
    db.execute("DROP TABLE audit_log_before_chain")
    db.executescript(
        """
        CREATE INDEX audit_log_line ON audit_log (plan_id, line_key);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    )


def checkpoint_tables(db: Database, tables: Iterable[str]) -> None:
    """Record the rows of `tables` as they are at the upgrade: replaying the chain rebuilds them."""
    checkpoint(db, CHECKPOINT, tuple(tables))
