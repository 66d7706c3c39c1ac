"""The tables and triggers the schema defines, compared with what a database file holds.

The expected set is built by applying the same migration steps to an in-memory database, so
it follows every new step without a second list to keep up to date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlite_utils import Database

from db.schema import migrations

_OBJECTS_SQL = (
    "SELECT type, name, sql FROM sqlite_master"
    " WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
)
# sqlite-utils writes this table's definition itself; its wording may change between versions.
_BOOKKEEPING = "_sqlite_migrations"

Objects = dict[tuple[str, str], str]


def _objects(db: Database) -> Objects:
    """(type, name) -> its CREATE statement with whitespace collapsed."""
    return {(kind, name): " ".join(sql.split()) for kind, name, sql in db.execute(_OBJECTS_SQL)}


class _ScratchDatabase(Database):
    """An in-memory scratch copy with nothing to protect: no transactions, so each script runs
    in one sqlite3 call instead of statement by statement (about 20 ms of every start-up)."""

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        yield self

    def _executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)


@lru_cache(maxsize=8)
def expected_objects(applied: tuple[str, ...]) -> Objects:
    """What a file with exactly the `applied` migration steps holds."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = _ScratchDatabase(conn, execute_plugins=False)
        pending = [m.name for m in migrations.pending(db) if m.name not in applied]
        migrations.apply(db, stop_before=pending[:1] or None)
        return _objects(db)
    finally:
        conn.close()


def _expected(db: Database) -> Objects:
    return expected_objects(tuple(m.name for m in migrations.applied(db)))


def missing_objects(db: Database) -> list[str]:
    """ "table audit_log", "trigger audit_log_no_update"...: planner's objects not in the file."""
    actual = _objects(db)
    return [f"{kind} {name}" for kind, name in sorted(_expected(db)) if (kind, name) not in actual]


def schema_problems(db: Database) -> list[str]:
    """Missing or redefined planner tables and triggers, and triggers planner did not make."""
    expected, actual = _expected(db), _objects(db)
    problems = [
        f"{kind} {name} is missing" for kind, name in sorted(expected) if (kind, name) not in actual
    ]
    problems += [
        f"{kind} {name} differs from planner's definition"
        for (kind, name), sql in sorted(expected.items())
        if name != _BOOKKEEPING and actual.get((kind, name), sql) != sql
    ]
    if ("table", _BOOKKEEPING) not in actual:
        return problems  # without the record of applied steps, nothing else can be compared
    problems += [
        f"trigger {name} is not one of planner's"
        for kind, name in sorted(actual)
        if kind == "trigger" and (kind, name) not in expected
    ]
    return problems
