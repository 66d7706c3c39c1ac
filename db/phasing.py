"""A plan's phasing weights (rule R6): read, and changed with an entry in the phasing log.

Every change is an entry of the hash chain (db.chain) and a row of the append-only
phasing_log history (`planner phasing show`), in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from db import clock
from db.audit_trail import Actor, check_reason
from db.chain import record_change
from db.connection import write_transaction
from planner.followup.phasing import EVEN, check_weights

if TYPE_CHECKING:
    from sqlite_utils import Database

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


def _row(weights: tuple[int, ...]) -> dict[str, int]:
    return {f"w{m}": weight for m, weight in enumerate(weights, start=1)}


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
        row = db.execute("SELECT 1 FROM phasing WHERE plan_id = ?", [pid]).fetchone()
        record_change(db, "phasing", {"plan_id": pid}, _row(old) if row else None, _row(new), actor)
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
