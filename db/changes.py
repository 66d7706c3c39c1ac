"""Noticing other writers: SQLite's data_version and who last changed a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def data_version(db: Database) -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def last_writers(db: Database, plan_id: int, keys: list[str]) -> dict[str, str]:
    """The user of the latest change of each line's volumes or class, for saying who changed
    it (a reason or a note given later is not that change)."""
    if not keys:
        return {}
    marks = ", ".join("?" for _ in keys)
    rows = db.execute(
        f"SELECT line_key, user FROM audit_log WHERE id IN (SELECT max(id) FROM audit_log"
        f" WHERE plan_id = ? AND line_key IN ({marks}) AND field IN ('uppdrag', 'bas',"
        " 'tillagg', 'price_class') GROUP BY line_key)",
        [plan_id, *keys],
    ).fetchall()
    return {key: user for key, user in rows}
