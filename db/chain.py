"""The one hash chain over every table that carries plan data: recording and replaying changes.

Each change of a chained row is written to audit_log in the caller's transaction, one entry per
changed value column (table, row key as JSON, column, old, new; None where the row is absent).
Replaying the entries in order rebuilds every chained table, which `planner check` compares
with the live tables, so a change made behind planner's back is named.

Registering a table: one CHAINED_TABLES entry (key columns, value columns, the key column
naming its plan), and record_change() with the row's old and new values in every write to it,
inside the write's transaction. A migration that fills the table from existing data records
those rows too (actor db.schema_chain.CHECKPOINT); a table created empty needs nothing more.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from db import clock
from db.audit_trail import Actor, append_entries, check_reason
from planner.i18n import _
from planner.numbers import format_number

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class ChainedTable:
    """A chained table: its key and value columns, the key column naming its plan (if any),
    and how `check` names a value column when it differs from plain column name.

    A row exists while one of its value columns is not NULL, so at least one value column
    must be NOT NULL in the schema.
    """

    key: tuple[str, ...]
    values: tuple[str, ...]
    plan_column: str | None = "plan_id"
    labels: Mapping[str, str] = field(default_factory=dict)
    plain: tuple[str, ...] = ()
    """Value columns shown as stored rather than as grouped numbers (a year)."""

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def shown(self, column: str, value: Any) -> str:
        return _shown(value, grouped=column not in self.plain)


CHAINED_TABLES: dict[str, ChainedTable] = {
    "plans": ChainedTable(
        ("id",),
        ("hospital", "year", "created_at", "scenario", "base_plan_id"),
        "id",
        labels={"base_plan_id": "base plan"},
        plain=("year", "base_plan_id"),
    ),
    "prices": ChainedTable(
        ("year", "hospital", "price_class"), ("unit_price",), None, {"unit_price": "unit price"}
    ),
    "volumes": ChainedTable(
        ("plan_id", "line_key"),
        ("uppdrag", "bas", "tillagg", "price_class"),
        labels={"tillagg": "tillägg", "price_class": "price class"},
    ),
    "outcomes": ChainedTable(("plan_id", "line_key", "month"), ("performed",)),
    "phasing": ChainedTable(
        ("plan_id",),
        tuple(f"w{m}" for m in range(1, 13)),
        labels={f"w{m}": f"weight of month {m}" for m in range(1, 13)},
    ),
    "plan_settings": ChainedTable(("plan_id", "name"), ("value",)),
    "reviews": ChainedTable(
        ("id",),
        ("plan_id", "since_snapshot", "reviewer", "started_at", "finished_at"),
        None,
        plain=("plan_id", "since_snapshot"),
    ),
    "line_notes": ChainedTable(("plan_id", "line_key"), ("note",)),
    "review_items": ChainedTable(
        ("review_id", "line_key"),
        (
            *(
                f"{side}_{field}"
                for side in ("old", "new")
                for field in ("uppdrag", "bas", "tillagg")
            ),
            "old_class",
            "new_class",
            "old_cost",
            "new_cost",
            "decision",
            "comment",
            "decided_at",
        ),
        None,
    ),
    "indicators": ChainedTable(
        ("hospital", "first_year", "number"),
        (
            "last_year",
            "area",
            "uppdrag",
            "text",
            "target",
            "source",
            "reporter",
            "schedule",
            "refers_to",
            "auto",
            "check_note",
        ),
        None,
        labels={"refers_to": "refers to", "check_note": "check note"},
        plain=("last_year",),
    ),
    "indicator_outcomes": ChainedTable(
        ("hospital", "first_year", "number", "period"), ("value", "note", "verdict"), None
    ),
    "training_places": ChainedTable(("year", "kind", "provider", "specialty"), ("places",), None),
    "training_place_totals": ChainedTable(
        ("year", "kind", "provider"), ("printed",), None, {"printed": "printed total"}
    ),
    "frames": ChainedTable(
        ("hospital", "year"),
        ("unit", "last_total", "last_reference", "uplift_percent", "uplift", "printed_total"),
        None,
        {"last_total": "last year's frame", "printed_total": "printed frame"},
    ),
    "frame_adjustments": ChainedTable(
        ("hospital", "year", "number"), ("label", "amount"), None, plain=("number",)
    ),
    "frame_items": ChainedTable(
        ("hospital", "year", "key"), ("position", "label", "level", "settled"), None
    ),
    "frame_item_actuals": ChainedTable(
        ("hospital", "year", "item_key", "month"), ("actual",), None
    ),
    "decision_prices": ChainedTable(
        ("year", "provider", "grp", "name"), ("position", "unit_price"), None
    ),
}

SEED = Actor("planner", "seed", "from the seed files")
"""Who writes the seeded reference plans and prices: planner itself."""

Row = dict[str, Any]
State = dict[str, dict[tuple[Any, ...], Row]]
"""Table → row key (in the table's key-column order) → value column → value."""


def row_key(table: str, key: Mapping[str, Any]) -> str:
    """The key of a row as stored in audit_log.row_key: compact JSON in key-column order."""
    spec = CHAINED_TABLES[table]
    return json.dumps(
        {name: key[name] for name in spec.key}, separators=(",", ":"), ensure_ascii=False
    )


def record_change(
    db: Database,
    table: str,
    key: Mapping[str, Any],
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
    actor: Actor,
    at: str | None = None,
) -> None:
    """Log one row's change (old/new None: the row did not/does not exist) in the caller's
    transaction: one chained entry per value column that differs."""
    spec = CHAINED_TABLES[table]
    if new is not None and all(new.get(name) is None for name in spec.values):
        raise ValueError(f"a {table} row needs a value; use new=None for a deleted row")
    stamp = at or clock.now_iso()
    stored_key = row_key(table, key)
    plan_id = key[spec.plan_column] if spec.plan_column else None
    entries = []
    for name in spec.values:
        before = None if old is None else old.get(name)
        after = None if new is None else new.get(name)
        if before != after:
            entries.append(
                {
                    "at": stamp,
                    "user": actor.user,
                    "plan_id": plan_id,
                    "line_key": key.get("line_key"),
                    "field": name,
                    "old": before,
                    "new": after,
                    "reason": actor.stored_reason,
                    "source": actor.source,
                    "tbl": table,
                    "row_key": stored_key,
                }
            )
    if entries:
        check_reason(actor.reason)
        append_entries(db, entries)


def _parse_key(table: str, stored_key: str) -> tuple[Any, ...]:
    parsed = json.loads(stored_key)
    return tuple(parsed.get(name) for name in CHAINED_TABLES[table].key)


def apply_entry(state: State, table: str, key: tuple[Any, ...], column: str, new: Any) -> None:
    """Replay one entry onto `state`; a row whose values are all None is gone."""
    spec = CHAINED_TABLES.get(table)
    if spec is None or column not in spec.values:
        return
    rows = state.setdefault(table, {})
    row = rows.setdefault(key, dict.fromkeys(spec.values))
    row[column] = new
    if new is None and all(value is None for value in row.values()):
        del rows[key]


def replay(db: Database) -> State:
    """Every chained table as the log says it is: all row entries applied in order."""
    state: State = {name: {} for name in CHAINED_TABLES}
    keys: dict[tuple[str, str], tuple[Any, ...]] = {}  # a row's entries share its key text
    for table, stored_key, column, new in db.execute(
        "SELECT tbl, row_key, field, new FROM audit_log WHERE tbl IS NOT NULL ORDER BY id"
    ):
        if table not in CHAINED_TABLES:
            continue
        key = keys.get((table, stored_key))
        if key is None:
            key = keys[(table, stored_key)] = _parse_key(table, stored_key)
        apply_entry(state, table, key, column, new)
    return state


def live_state(db: Database, tables: Iterable[str]) -> State:
    """The given chained tables as they are stored now; a value column an older schema step
    has not added yet reads as NULL (plans before m016_scenarios)."""
    state: State = {}
    for table in tables:
        spec = CHAINED_TABLES[table]
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        columns = ", ".join(
            name if name in present else "NULL" for name in (*spec.key, *spec.values)
        )
        width = len(spec.key)
        state[table] = {
            tuple(row[:width]): dict(zip(spec.values, row[width:], strict=True))
            for row in db.execute(f"SELECT {columns} FROM {table}")
        }
    return state


def existing_tables(db: Database) -> list[str]:
    """The chained tables this database holds (older schemas lack later ones)."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name in CHAINED_TABLES if name in present]


def stored_row(db: Database, table: str, key: Mapping[str, Any]) -> Row | None:
    """The value columns of one row of a chained table as stored, or None without the row."""
    spec = CHAINED_TABLES[table]
    where = " AND ".join(f"{name} = ?" for name in spec.key)
    found = db.execute(
        f"SELECT {', '.join(spec.values)} FROM {table} WHERE {where}",
        [key[name] for name in spec.key],
    ).fetchone()
    return None if found is None else dict(zip(spec.values, found, strict=True))


def checkpoint(db: Database, actor: Actor, tables: Iterable[str] | None = None) -> None:
    """Record every row of the chained `tables` (default: all this file holds) as they are
    now, so replay starts from here."""
    at = clock.now_iso()
    for table, rows in live_state(db, existing_tables(db) if tables is None else tables).items():
        spec = CHAINED_TABLES[table]
        for key, values in rows.items():
            record_change(db, table, dict(zip(spec.key, key, strict=True)), None, values, actor, at)


def _shown(value: Any, grouped: bool = True) -> str:
    """A value as the app prints it: numbers grouped ("2 290"), a missing one as "nothing"."""
    if value is None:
        return "nothing"
    if grouped and isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def _plan_names(*states: State) -> dict[Any, str]:
    """Plan id → "NU/2026" or "NU/2026/forslag-a", the log's name of a plan before the table's."""
    names: dict[Any, str] = {}
    for state in reversed(states):
        for (plan,), row in state.get("plans", {}).items():
            scenario = row.get("scenario")
            names[plan] = f"{row['hospital']}/{row['year']}" + (f"/{scenario}" if scenario else "")
    return names


def _row_name(table: str, key: tuple[Any, ...], plans: Mapping[Any, str]) -> str:
    """ "NU/2026 somatik/forstabesok/hud", "NU/2026 psykiatri/bup month 3", "year 2026 NU visit"."""
    spec = CHAINED_TABLES[table]
    parts = []
    for name, value in zip(spec.key, key, strict=True):
        if name == spec.plan_column:
            parts.append(plans.get(value, f"plan {value}"))
        elif isinstance(value, str):
            parts.append(value)
        else:
            parts.append(f"{name} {_shown(value, grouped=False)}")
    return " ".join(parts)


def _values(table: str, row: Row) -> str:
    spec = CHAINED_TABLES[table]
    return ", ".join(f"{spec.label(name)} {spec.shown(name, row[name])}" for name in spec.values)


def _order(key: tuple[Any, ...]) -> list[tuple[bool, bool, Any]]:
    """Sorts keys of mixed numbers, text and None without comparing across types."""
    return [(v is None, isinstance(v, str), 0 if v is None else v) for v in key]


def differences(logged: State, live: State) -> list[str]:
    """One line per difference between the replayed log and the live tables."""
    plans = _plan_names(logged, live)
    lines = []
    for table, rows in live.items():
        spec = CHAINED_TABLES[table]
        told = logged.get(table, {})
        for key in sorted(rows.keys() | told.keys(), key=_order):
            where = f"{table} {_row_name(table, key, plans)}"
            if key not in told:
                lines.append(
                    _("{where}: in the table ({table}) but not in the log").format(
                        where=where, table=_values(table, rows[key])
                    )
                )
            elif key not in rows:
                lines.append(
                    _("{where}: in the log ({table}) but not in the table").format(
                        where=where, table=_values(table, told[key])
                    )
                )
            else:
                lines += [
                    _("{where}: table {name} {name2}, the log says {name3}").format(
                        where=where,
                        name=spec.label(name),
                        name2=spec.shown(name, rows[key][name]),
                        name3=spec.shown(name, told[key][name]),
                    )
                    for name in spec.values
                    if rows[key][name] != told[key][name]
                ]
    return lines


def chain_state_problems(db: Database) -> list[str]:
    """Every difference between the chained tables and what replaying the log gives."""
    return differences(replay(db), live_state(db, existing_tables(db)))


def checkpoint_time(db: Database) -> str | None:
    """When the chain's checkpoint was taken (at the upgrade to it), or None: it starts empty."""
    row = db.execute(
        "SELECT at FROM audit_log WHERE source = 'checkpoint' ORDER BY id LIMIT 1"
    ).fetchone()
    return None if row is None else str(row[0])
