"""Per-plan settings, each change logged: the earned-tillägg reading (R6) and the Δ baseline.

Every change is an entry of the hash chain (so `planner check` names a setting changed behind
its back) and, for its history, a row of the append-only plan_settings_log, like phasing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from db import clock
from db.audit_trail import Actor
from db.chain import record_change
from db.connection import write_transaction
from db.errors import Invalid
from planner.followup.reading import Reading
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

READING = "earned_reading"
BASELINE = "delta_baseline"
LATEST, DECISION = "latest", "decision"
CHOICES = {READING: tuple(r.value for r in Reading), BASELINE: (LATEST, DECISION)}
DEFAULTS = {READING: Reading.PHASED.value, BASELINE: LATEST}


@dataclass(frozen=True)
class SettingChange:
    at: str
    user: str
    name: str
    old: str
    new: str
    reason: str
    source: str


def load_plan_setting(db: Database, pid: int, name: str) -> str:
    """The plan's value of setting `name`, or its default until someone chose."""
    row = db.execute(
        "SELECT value FROM plan_settings WHERE plan_id = ? AND name = ?", [pid, name]
    ).fetchone()
    return DEFAULTS[name] if row is None else str(row[0])


def set_plan_setting(
    db: Database, pid: int, name: str, value: str, actor: Actor
) -> tuple[str, str]:
    """Store a setting and log the change; returns (old, new). The same value changes nothing."""
    if value not in CHOICES[name]:
        raise Invalid(
            _("{value!r} is not a choice for {name}; choose {CHOICES}").format(
                value=value, name=name, CHOICES=", ".join(CHOICES[name])
            )
        )
    with write_transaction(db):
        old = load_plan_setting(db, pid, name)
        if old == value:
            return old, value
        stored = db.execute(
            "SELECT 1 FROM plan_settings WHERE plan_id = ? AND name = ?", [pid, name]
        ).fetchone()
        key = {"plan_id": pid, "name": name}
        record_change(
            db, "plan_settings", key, {"value": old} if stored else None, {"value": value}, actor
        )
        db.execute(
            "INSERT INTO plan_settings (plan_id, name, value) VALUES (?, ?, ?)"
            " ON CONFLICT (plan_id, name) DO UPDATE SET value = excluded.value,"
            " version = version + 1",
            [pid, name, value],
        )
        db.execute(
            "INSERT INTO plan_settings_log (at, user, plan_id, name, old, new, reason, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [clock.now_iso(), actor.user, pid, name, old, value, actor.reason, actor.source],
        )
    return old, value


def load_reading(db: Database, pid: int) -> Reading:
    """The plan's earned-tillägg reading; phased (R6) until someone chooses otherwise."""
    return Reading(load_plan_setting(db, pid, READING))


def set_reading(db: Database, pid: int, value: str, actor: Actor) -> tuple[Reading, Reading]:
    """Store the reading and log the change; returns (old, new)."""
    if value not in CHOICES[READING]:
        raise Invalid(
            _("{value!r} is not a reading; choose {CHOICES}").format(
                value=value, CHOICES=", ".join(CHOICES[READING])
            )
        )
    old, new = set_plan_setting(db, pid, READING, value, actor)
    return Reading(old), Reading(new)


def setting_history(db: Database, pid: int, name: str | None = None) -> list[SettingChange]:
    """Every change of the plan's settings (or of one), oldest first."""
    where, params = ("AND name = ?", [pid, name]) if name else ("", [pid])
    return [
        SettingChange(*row)
        for row in db.execute(
            "SELECT at, user, name, old, new, reason, source FROM plan_settings_log"
            f" WHERE plan_id = ? {where} ORDER BY id",
            params,
        )
    ]
