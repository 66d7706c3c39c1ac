"""Schema step m017_line_notes: a note per plan line, kept apart from schema.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def create_line_notes(db: Database) -> None:
    """The empty table of line notes (one per plan and line, in the chain)."""
    db.executescript(
        """
        CREATE TABLE line_notes (
            plan_id INTEGER NOT NULL REFERENCES plans(id),
            line_key TEXT NOT NULL REFERENCES lines(key),
            note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
            version INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (plan_id, line_key)
        ) STRICT;
        """
    )
