"""Appending to the audit log: the one function every write uses, with who did it and how."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db import clock
from db.errors import Invalid
from planner.text import MAX_REASON, check_user_text


@dataclass(frozen=True)
class Actor:
    """Who makes a write and through what: recorded with every audit entry."""

    user: str
    source: str
    reason: str = ""


def check_reason(reason: str) -> str:
    """A reason as typed, or Invalid: at most MAX_REASON characters, no control characters."""
    try:
        return check_user_text("the reason", reason, MAX_REASON)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc


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
    """Add one entry to the append-only log, inside the caller's write transaction."""
    check_reason(actor.reason)
    db.execute(
        "INSERT INTO audit_log (at, user, plan_id, line_key, field, old, new, reason, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            at or clock.now_iso(),
            actor.user,
            plan_id,
            line_key,
            field,
            old,
            new,
            actor.reason,
            actor.source,
        ],
    )
