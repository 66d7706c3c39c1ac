"""Schema step m010_daily: per-plan settings and their append-only log, kept apart from
schema.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def create_plan_settings(db: Database) -> None:
    """The per-plan settings (earned-tillägg reading, Δ baseline) and their append-only log."""
    db.executescript(
        """
        CREATE TABLE plan_settings (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            name TEXT NOT NULL CHECK (name IN ('earned_reading', 'delta_baseline')),
            value TEXT NOT NULL CHECK (
                (name != 'earned_reading' OR value IN ('phased', 'bas-first'))
                AND (name != 'delta_baseline' OR value IN ('latest', 'decision'))
            ),
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (plan_id, name)
        ) STRICT;
        CREATE TABLE plan_settings_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            name TEXT NOT NULL,
            old TEXT NOT NULL,
            new TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
            source TEXT NOT NULL CHECK (source IN ('tui', 'cli'))
        ) STRICT;
        CREATE TRIGGER plan_settings_log_no_update BEFORE UPDATE ON plan_settings_log
        BEGIN SELECT RAISE(ABORT, 'the plan settings log is append-only'); END;
        CREATE TRIGGER plan_settings_log_no_delete BEFORE DELETE ON plan_settings_log
        BEGIN SELECT RAISE(ABORT, 'the plan settings log is append-only'); END;
        """
    )
