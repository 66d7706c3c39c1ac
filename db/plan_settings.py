"""Per-plan settings, each change logged: today the earned-tillägg reading (R6).

A plan setting has no line, so its changes go to the append-only plan_settings_log, like
phasing to phasing_log, in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from db import clock
from db.audit_trail import Actor
from db.connection import write_transaction
from db.errors import Invalid
from planner.followup import Reading

READING = "earned_reading"


@dataclass(frozen=True)
class SettingChange:
    at: str
    user: str
    name: str
    old: str
    new: str
    reason: str
    source: str


def load_reading(db: Database, pid: int) -> Reading:
    """The plan's earned-tillägg reading; phased (R6) until someone chooses otherwise."""
    row = db.execute(
        "SELECT value FROM plan_settings WHERE plan_id = ? AND name = ?", [pid, READING]
    ).fetchone()
    return Reading.PHASED if row is None else Reading(row[0])


def set_reading(db: Database, pid: int, value: str, actor: Actor) -> tuple[Reading, Reading]:
    """Store the reading and log the change; returns (old, new). The same value changes nothing."""
    try:
        new = Reading(value)
    except ValueError as exc:
        choices = ", ".join(r.value for r in Reading)
        raise Invalid(f"{value!r} is not a reading; choose {choices}") from exc
    with write_transaction(db):
        old = load_reading(db, pid)
        if old == new:
            return old, new
        db.execute(
            "INSERT INTO plan_settings (plan_id, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT (plan_id, name) DO UPDATE SET value = excluded.value,"
            " version = version + 1",
            [pid, READING, new.value],
        )
        db.execute(
            "INSERT INTO plan_settings_log (at, user, plan_id, name, old, new, reason, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [clock.now_iso(), actor.user, pid, READING, old.value, new.value, actor.reason,
             actor.source],
        )  # fmt: skip
    return old, new


def setting_history(db: Database, pid: int) -> list[SettingChange]:
    """Every change of the plan's settings, oldest first."""
    return [
        SettingChange(*row)
        for row in db.execute(
            "SELECT at, user, name, old, new, reason, source FROM plan_settings_log"
            " WHERE plan_id = ? ORDER BY id",
            [pid],
        )
    ]
