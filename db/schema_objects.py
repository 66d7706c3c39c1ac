"""The tables and triggers the schema defines, compared with what a database file holds.

The expected set is built by applying the same migration steps to an in-memory database, so
it follows every new step without a second list to keep up to date. Opening a file with every
step (each start-up) compares only names, against `db/schema_manifest.py`, which a test keeps
equal to that build.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from db.schema import migrations
from db.schema_manifest import OBJECTS, STEPS
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database

_OBJECTS_SQL = (
    "SELECT type, name, sql FROM sqlite_master"
    " WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
)
# sqlite-utils writes this table's definition itself; its wording may change between versions.
_BOOKKEEPING = "_sqlite_migrations"

Objects = dict[tuple[str, str], str]


def _objects(db: Database) -> Objects:
    """(type, name) -> its CREATE statement with whitespace collapsed."""
    rows = db.conn.execute(_OBJECTS_SQL)
    return {(kind, name): " ".join(sql.split()) for kind, name, sql in rows}


class _Scratch:
    """An in-memory database with the few calls the steps make, without sqlite-utils (its
    import is a third of start-up); nothing to protect, so each script is one sqlite3 call."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)


@lru_cache(maxsize=8)
def expected_objects(applied: tuple[str, ...]) -> Objects:
    """What a file with exactly the `applied` migration steps holds: the steps run in order up
    to the first one the file lacks, plus the table recording them (its wording is
    sqlite-utils', never compared)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        scratch = cast("Database", _Scratch(conn))
        for step in migrations.functions:
            if step.__name__ not in applied:
                break
            step(scratch)
        objects = _objects(scratch)
    finally:
        conn.close()
    objects[("table", _BOOKKEEPING)] = ""
    return objects


def _expected(db: Database) -> Objects:
    return expected_objects(tuple(migrations.applied(db)))


def expected_names(applied: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(type, name) of what a file with the `applied` steps holds: listed for the current
    schema, built in memory for any other."""
    return OBJECTS if applied == STEPS else frozenset(expected_objects(applied))


def missing_objects(db: Database) -> list[str]:
    """ "table audit_log", "trigger audit_log_no_update"...: planner's objects not in the file."""
    actual = {(kind, name) for kind, name, _sql in db.conn.execute(_OBJECTS_SQL)}
    expected = expected_names(tuple(migrations.applied(db)))
    return [f"{kind} {name}" for kind, name in sorted(expected) if (kind, name) not in actual]


def schema_problems(db: Database) -> list[str]:
    """Missing or redefined planner tables and triggers, and triggers planner did not make."""
    expected, actual = _expected(db), _objects(db)
    problems = [
        f"{kind} {name} is missing" for kind, name in sorted(expected) if (kind, name) not in actual
    ]
    problems += [
        _("{kind} {name} differs from planner's definition").format(kind=kind, name=name)
        for (kind, name), sql in sorted(expected.items())
        if name != _BOOKKEEPING and actual.get((kind, name), sql) != sql
    ]
    if ("table", _BOOKKEEPING) not in actual:
        return problems  # without the record of applied steps, nothing else can be compared
    problems += [
        _("trigger {name} is not one of planner's").format(name=name)
        for kind, name in sorted(actual)
        if kind == "trigger" and (kind, name) not in expected
    ]
    return problems
