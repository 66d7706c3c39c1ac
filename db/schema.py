"""The schema as sqlite-utils migration steps; `user_version` counts the steps applied."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from db.errors import NewerSchema

migrations = Migrations("planner")

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


SCHEMA_VERSION = len(migrations._migrations)


def check_not_newer(db: Database) -> None:
    """Refuse a planner file written by newer code: higher user_version or unknown steps."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if version > SCHEMA_VERSION or unknown:
        raise NewerSchema(
            f"this database has schema version {version}"
            f"{' (' + ', '.join(unknown) + ')' if unknown else ''}, newer than this planner"
            f" ({SCHEMA_VERSION}); upgrade planner to open it. The file was left untouched."
        )


def migrate(db: Database) -> None:
    """Apply pending steps and record the schema version, in the caller's transaction."""
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def needs_migration(db: Database) -> bool:
    return bool(migrations.pending(db))
