"""Appending to the audit log: the one function every write uses, with who did it and how.

Each entry carries a hash over its content and the previous entry's hash (a chain), so
`planner check` notices an entry that was changed or removed outside planner.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db import clock
from db.errors import Invalid
from planner.integrity import AUDIT_FIELDS, GENESIS, entry_hash
from planner.text import MAX_REASON, check_user_text


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
        return check_user_text("the reason", reason, MAX_REASON)
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
    """Add one entry to the append-only log, chained to the one before it.

    Runs inside the caller's write transaction (BEGIN IMMEDIATE), so no other writer can
    append between reading the head and writing the new entry.
    """
    check_reason(actor.reason)
    last_id, previous = audit_head(db)
    entry = {
        "id": last_id + 1,
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
    columns = ", ".join((*AUDIT_FIELDS, "hash"))
    db.execute(
        f"INSERT INTO audit_log ({columns}) VALUES ({', '.join('?' * (len(AUDIT_FIELDS) + 1))})",
        [*(entry[name] for name in AUDIT_FIELDS), entry_hash(previous, entry)],
    )
