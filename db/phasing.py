"""A plan's phasing weights (rule R6): read, and changed with an entry in the phasing log.

Phasing belongs to the plan, not to a line, and audit_log.line_key must name a line; so its
changes go to the append-only phasing_log table, in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db import clock
from db.audit_trail import Actor, check_reason
from db.connection import write_transaction
from planner.phasing import EVEN, check_weights

_COLUMNS = ", ".join(f"w{m}" for m in range(1, 13))


@dataclass(frozen=True)
class PhasingEntry:
    at: str
    user: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    reason: str
    source: str


def _text(weights: tuple[int, ...]) -> str:
    return " ".join(str(w) for w in weights)


def _weights(text: str) -> tuple[int, ...]:
    return tuple(int(w) for w in text.split())


def load_phasing(db: Database, pid: int) -> tuple[int, ...]:
    """The plan's 12 weights; even (all 1) until someone sets them."""
    row = db.execute(f"SELECT {_COLUMNS} FROM phasing WHERE plan_id = ?", [pid]).fetchone()
    return EVEN if row is None else tuple(row)


def set_phasing(
    db: Database, pid: int, weights: tuple[int, ...], actor: Actor
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Store new weights and log the change; returns (old, new). Equal weights change nothing."""
    new = check_weights(weights)
    check_reason(actor.reason)
    with write_transaction(db):
        old = load_phasing(db, pid)
        if old == new:
            return old, new
        placeholders = ", ".join("?" for _ in new)
        db.execute(
            f"INSERT INTO phasing (plan_id, {_COLUMNS}) VALUES (?, {placeholders})"
            f" ON CONFLICT (plan_id) DO UPDATE SET"
            f" {', '.join(f'w{m} = excluded.w{m}' for m in range(1, 13))},"
            " version = version + 1",
            [pid, *new],
        )
        db.execute(
            "INSERT INTO phasing_log (at, user, plan_id, old, new, reason, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [clock.now_iso(), actor.user, pid, _text(old), _text(new), actor.reason, actor.source],
        )
    return old, new


def phasing_history(db: Database, pid: int) -> list[PhasingEntry]:
    """Every phasing change of the plan, oldest first."""
    return [
        PhasingEntry(at, user, _weights(old), _weights(new), reason, source)
        for at, user, old, new, reason, source in db.execute(
            "SELECT at, user, old, new, reason, source FROM phasing_log"
            " WHERE plan_id = ? ORDER BY id",
            [pid],
        )
    ]
