"""Writing one row of a chained table: the chain entry and the row change together.

`put_row` compares with the stored row, so writing what is stored changes nothing (an import
run twice adds no entry); None deletes the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from db.audit_trail import Actor
from db.chain import CHAINED_TABLES, record_change, stored_row

if TYPE_CHECKING:
    from sqlite_utils import Database


def put_row(
    db: Database,
    table: str,
    key: Mapping[str, Any],
    new: Mapping[str, Any] | None,
    actor: Actor,
) -> bool:
    """Store (or with None delete) one row in the caller's transaction; whether it changed."""
    spec = CHAINED_TABLES[table]
    old = stored_row(db, table, key)
    wanted = None if new is None else {name: new.get(name) for name in spec.values}
    if old == wanted:
        return False
    record_change(db, table, key, old, wanted, actor)
    where = " AND ".join(f"{name} = ?" for name in spec.key)
    keys = [key[name] for name in spec.key]
    if wanted is None:
        db.execute(f"DELETE FROM {table} WHERE {where}", keys)
    elif old is None:
        columns = (*spec.key, *spec.values)
        marks = ", ".join("?" for _ in columns)
        db.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            [*keys, *wanted.values()],
        )
    else:
        sets = ", ".join(f"{name} = ?" for name in spec.values)
        db.execute(
            f"UPDATE {table} SET {sets}, version = version + 1 WHERE {where}",
            [*wanted.values(), *keys],
        )
    return True


def keys_of(db: Database, table: str, where: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The keys of the stored rows matching `where` (column = value), in key order."""
    spec = CHAINED_TABLES[table]
    condition = " AND ".join(f"{name} = ?" for name in where) or "1"
    rows = db.execute(
        f"SELECT {', '.join(spec.key)} FROM {table} WHERE {condition}"
        f" ORDER BY {', '.join(spec.key)}",
        list(where.values()),
    ).fetchall()
    return [dict(zip(spec.key, row, strict=True)) for row in rows]
