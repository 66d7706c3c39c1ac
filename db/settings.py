"""Per-user settings kept in the database (so they follow a planner across terminals)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.connection import write_transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

REASON_PROMPT = "reason_prompt"
DELTA_COLUMN = "delta_column"


def get_setting(db: Database, user: str, name: str, default: str = "") -> str:
    row = db.execute(
        "SELECT value FROM settings WHERE user = ? AND name = ?", [user, name]
    ).fetchone()
    return str(row[0]) if row else default


def set_setting(db: Database, user: str, name: str, value: str) -> None:
    with write_transaction(db):
        db.table("settings").upsert(
            {"user": user, "name": name, "value": value}, pk=("user", "name")
        )
