"""The schema as sqlite-utils migration steps; `user_version` counts the steps applied."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from db.errors import NewerSchema, StorageError
from db.schema_steps import Steps
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Steps()

_CLASS_CHECK = "CHECK (price_class IN ('visit', 'treatment', 'endoscopy'))"
_VOLUME = "INTEGER NOT NULL CHECK ({0} BETWEEN 0 AND 9999999)"


@migrations()
def m001_plans(db: Database) -> None:
    """Hospitals, the line catalogue, prices, plans, volumes and the append-only audit log."""
    db.executescript(
        f"""
        CREATE TABLE hospitals (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            short_name TEXT NOT NULL
        ) STRICT;
        CREATE TABLE lines (
            key TEXT PRIMARY KEY,
            position INTEGER NOT NULL UNIQUE,
            area TEXT NOT NULL,
            category TEXT NOT NULL,
            name TEXT NOT NULL,
            price_class TEXT NOT NULL {_CLASS_CHECK}
        ) STRICT;
        CREATE TABLE prices (
            year INTEGER NOT NULL,
            hospital TEXT NOT NULL REFERENCES hospitals(code),
            price_class TEXT NOT NULL {_CLASS_CHECK},
            unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
            PRIMARY KEY (year, hospital, price_class)
        ) STRICT;
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            hospital TEXT NOT NULL REFERENCES hospitals(code),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            created_at TEXT NOT NULL,
            UNIQUE (hospital, year)
        ) STRICT;
        CREATE TABLE volumes (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            line_key TEXT NOT NULL REFERENCES lines(key),
            uppdrag {_VOLUME.format("uppdrag")},
            bas {_VOLUME.format("bas")},
            tillagg {_VOLUME.format("tillagg")},
            price_class TEXT NOT NULL {_CLASS_CHECK},
            version INTEGER NOT NULL DEFAULT 1,
            CHECK (uppdrag = bas + tillagg),
            PRIMARY KEY (plan_id, line_key)
        ) STRICT;
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            line_key TEXT NOT NULL REFERENCES lines(key),
            field TEXT NOT NULL,
            old ANY,
            new ANY,
            reason TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL CHECK (source IN ('tui', 'cli', 'review', 'undo', 'import'))
        ) STRICT;
        CREATE INDEX audit_log_line ON audit_log (plan_id, line_key);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    )


@migrations()
def m002_snapshots(db: Database) -> None:
    """Immutable snapshots: the canonical JSON of a plan and its sha256."""
    db.executescript(
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
            note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            content TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
        CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
        """
    )


@migrations()
def m003_reviews(db: Database) -> None:
    """Review sessions over the changes since a snapshot, and per-user settings."""
    db.executescript(
        f"""
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            since_snapshot INTEGER NOT NULL REFERENCES snapshots(id),
            reviewer TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT
        ) STRICT;
        CREATE TABLE review_items (
            review_id INTEGER NOT NULL REFERENCES reviews(id),
            line_key TEXT NOT NULL REFERENCES lines(key),
            old_uppdrag {_VOLUME.format("old_uppdrag")},
            old_bas {_VOLUME.format("old_bas")},
            old_tillagg {_VOLUME.format("old_tillagg")},
            new_uppdrag {_VOLUME.format("new_uppdrag")},
            new_bas {_VOLUME.format("new_bas")},
            new_tillagg {_VOLUME.format("new_tillagg")},
            old_cost INTEGER NOT NULL,
            new_cost INTEGER NOT NULL,
            decision TEXT CHECK (decision IN ('accepted', 'rejected')),
            comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
            decided_at TEXT,
            PRIMARY KEY (review_id, line_key)
        ) STRICT;
        CREATE TABLE settings (
            user TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (user, name)
        ) STRICT;
        """
    )


@migrations()
def m004_tamper_evidence(db: Database) -> None:
    """Chain the audit log by hashes and hash whole snapshot records; back-fill existing rows.

    The append-only triggers block the back-fill, so they are dropped and recreated as they were.
    """
    from db.schema_chain import add_tamper_evidence

    add_tamper_evidence(db)


@migrations()
def m005_review_price_class(db: Database) -> None:
    """Review items record the price class before and after, so a rejection restores it."""
    for column in ("old_class", "new_class"):
        db.execute(
            f"ALTER TABLE review_items ADD COLUMN {column} TEXT NOT NULL DEFAULT 'visit'"
            f" CHECK ({column} IN ('visit', 'treatment', 'endoscopy'))"
        )
        db.execute(
            f"UPDATE review_items SET {column} = (SELECT v.price_class FROM volumes v"
            " JOIN reviews r ON r.plan_id = v.plan_id"
            " WHERE r.id = review_items.review_id AND v.line_key = review_items.line_key)"
        )


@migrations()
def m006_outcomes(db: Database) -> None:
    """Performed units per line and month (no row: not reported), plan phasing and its log.

    Phasing has no line, so its changes go to their own append-only phasing_log rather than
    to audit_log, whose line_key must name a line.
    """
    weights = ",\n".join(
        f"w{m} INTEGER NOT NULL DEFAULT 1 CHECK (w{m} BETWEEN 1 AND 9999999)" for m in range(1, 13)
    )
    db.executescript(
        f"""
        CREATE TABLE outcomes (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            line_key TEXT NOT NULL REFERENCES lines(key),
            month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
            performed {_VOLUME.format("performed")},
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (plan_id, line_key, month)
        ) STRICT;
        CREATE TABLE phasing (
            plan_id INTEGER PRIMARY KEY REFERENCES plans(id),
            {weights},
            version INTEGER NOT NULL DEFAULT 1
        ) STRICT;
        CREATE TABLE phasing_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            old TEXT NOT NULL,
            new TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL CHECK (source IN ('tui', 'cli', 'import'))
        ) STRICT;
        CREATE TRIGGER phasing_log_no_update BEFORE UPDATE ON phasing_log
        BEGIN SELECT RAISE(ABORT, 'the phasing log is append-only'); END;
        CREATE TRIGGER phasing_log_no_delete BEFORE DELETE ON phasing_log
        BEGIN SELECT RAISE(ABORT, 'the phasing log is append-only'); END;
        """
    )


@migrations()
def m007_price_changes(db: Database) -> None:
    """An append-only record of every unit-price change: who, when, old, new and why."""
    db.executescript(
        f"""
        CREATE TABLE price_changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            year INTEGER NOT NULL,
            hospital TEXT NOT NULL REFERENCES hospitals(code),
            price_class TEXT NOT NULL {_CLASS_CHECK},
            old INTEGER,
            new INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
            source TEXT NOT NULL CHECK (source IN ('tui', 'cli'))
        ) STRICT;
        CREATE TRIGGER price_changes_no_update BEFORE UPDATE ON price_changes
        BEGIN SELECT RAISE(ABORT, 'the price log is append-only'); END;
        CREATE TRIGGER price_changes_no_delete BEFORE DELETE ON price_changes
        BEGIN SELECT RAISE(ABORT, 'the price log is append-only'); END;
        """
    )


@migrations()
def m008_chain(db: Database) -> None:
    """Chain every table that carries plan data through audit_log, starting from a checkpoint.

    The log is rebuilt (ids and hashes kept) so an entry may name any chained table and row
    (prices have no plan, phasing no line) and come from a seed, a redo or the checkpoint; then
    the state at the upgrade is recorded, so replaying the chain rebuilds the live tables.
    """
    from db.schema_chain import checkpoint_tables, rebuild_audit_log

    rebuild_audit_log(db)
    checkpoint_tables(db, ("plans", "prices", "volumes", "outcomes", "phasing"))


@migrations()
def m010_daily(db: Database) -> None:
    """Per-plan settings (earned-tillägg reading, Δ baseline) and their append-only log."""
    from db.schema_settings import create_plan_settings

    create_plan_settings(db)


@migrations()
def m013_chain_reviews(db: Database) -> None:
    """Reviews and their items join the chain: a verdict or an item changed behind planner's
    back would change the minutes. Their state at the upgrade is the checkpoint."""
    from db.schema_chain import checkpoint_tables

    checkpoint_tables(db, ("reviews", "review_items"))


@migrations()
def m014_decision_money(db: Database) -> None:
    """The decision's money: frames, their bridge adjustments, items settled against outcome
    and their actuals, the decision's price table; Närhälsan as a provider without lines."""
    from db.schema_money import create_money_tables

    create_money_tables(db)


@migrations()
def m015_register(db: Database) -> None:
    """The indicator register (R12) with outcomes per period, and training places per year with
    their printed totals; all chained, filled by the seed (so created empty here)."""
    from db.schema_register import create_register_tables

    create_register_tables(db)


@migrations()
def m016_scenarios(db: Database) -> None:
    """Scenarios: a plan row may be a named copy (`scenario`, `base_plan_id` its plan); the
    plans table is rebuilt for it (db.schema_scenarios says how)."""
    from db.schema_scenarios import rebuild_plans_for_scenarios

    rebuild_plans_for_scenarios(db)


@migrations()
def m017_line_notes(db: Database) -> None:
    """A note per plan line (what the number rests on), in the chain like every plan value;
    created empty, so it needs no checkpoint."""
    from db.schema_notes import create_line_notes

    create_line_notes(db)


SCHEMA_VERSION = len(migrations.functions)


def check_not_newer(db: Database) -> None:
    """Refuse a planner file written by newer code: higher user_version or unknown steps."""
    version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    known = {step.__name__ for step in migrations.functions}
    unknown = [name for name in migrations.applied(db) if name not in known]
    if version > SCHEMA_VERSION or unknown:
        raise NewerSchema(
            _(
                "this database has schema version {version}{value}, newer than this"
                " planner ({SCHEMA_VERSION}); upgrade planner to open it. The file was"
                " left untouched."
            ).format(
                version=version,
                value=" (" + ", ".join(unknown) + ")" if unknown else "",
                SCHEMA_VERSION=SCHEMA_VERSION,
            )
        )


def migrate(db: Database) -> None:
    """Apply pending steps and record the schema version, in the caller's transaction; every
    foreign key must hold afterwards (steps may run with them off, see `upgrading`)."""
    migrations.apply(db)
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _fkid = broken[0]
        raise StorageError(
            _(
                "the upgrade would leave {table} row {rowid} pointing to a missing {parent}"
                " ({count} such rows); nothing was changed"
            ).format(table=table, rowid=rowid, parent=parent, count=len(broken))
        )
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def upgrading(db: Database) -> Iterator[None]:
    """Foreign keys off around an upgrade's transaction, as SQLite's way of rebuilding a
    referenced table needs (m016); `migrate` checks them all before the commit."""
    db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")


def needs_migration(db: Database) -> bool:
    return bool(migrations.pending(db))
