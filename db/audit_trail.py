"""Appending to the audit log: numbered entries with who did it and how; every row change
comes here through db.chain.record_change.

Each entry carries a hash over its content and the previous entry's hash (a chain), so
`planner check` notices an entry that was changed or removed outside planner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db import clock
from db.errors import Invalid
from planner.i18n import _
from planner.integrity import AUDIT_FIELDS, GENESIS, ROW_FIELDS, entry_hash
from planner.text import MAX_REASON, check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Actor:
    """Who makes a write and through what: recorded with every audit entry."""

    user: str
    source: str
    reason: str = ""
    note: str = ""
    """What planner adds to the typed reason (a file name and hash): not counted against it."""

    @property
    def stored_reason(self) -> str:
        """The reason as the log keeps it: the typed one, with planner's note after it."""
        if not self.note:
            return self.reason
        return f"{self.reason} ({self.note})" if self.reason else self.note


def check_reason(reason: str) -> str:
    """A reason as typed, or Invalid: at most MAX_REASON characters, no control characters."""
    try:
        return check_user_text(_("the reason"), reason, MAX_REASON)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc


def audit_head(db: Database) -> tuple[int, str]:
    """(id, hash) of the newest entry, or (0, GENESIS) for an empty log."""
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append_entry(
    db: Database,
    plan_id: int,
    line_key: str,
    field: str,
    old: object,
    new: object,
    actor: Actor,
    at: str | None = None,
) -> None:
    """Add one entry that changes no chained row (a reason given later) to the log."""
    check_reason(actor.reason)
    append_entries(
        db,
        [
            {
                "at": at or clock.now_iso(),
                "user": actor.user,
                "plan_id": plan_id,
                "line_key": line_key,
                "field": field,
                "old": old,
                "new": new,
                "reason": actor.stored_reason,
                "source": actor.source,
            }
        ],
    )


_COLUMNS = (*AUDIT_FIELDS, *ROW_FIELDS, "hash")
_INSERT = f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


def append_entries(db: Database, entries: list[dict[str, Any]]) -> None:
    """Add entries (every AUDIT_FIELDS but id; ROW_FIELDS if they change a row) to the log,
    each numbered and chained to the one before it; a reason breaking the rules is Invalid.

    Callers check the typed reason (check_reason on actor.reason) and store
    actor.stored_reason, so the note planner adds is not counted against it.
    Runs inside the caller's write transaction (BEGIN IMMEDIATE), so no other writer can
    append between reading the head and writing the new entries.
    """
    last_id, previous = audit_head(db)
    rows = []
    for number, content in enumerate(entries, start=last_id + 1):
        entry = {**content, "id": number}
        previous = entry_hash(previous, entry)
        rows.append([*(entry.get(name) for name in (*AUDIT_FIELDS, *ROW_FIELDS)), previous])
    db.conn.executemany(_INSERT, rows)
