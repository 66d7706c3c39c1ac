"""The migration-step machinery: steps applied in order as sqlite_utils.Migrations."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlite_utils import Database

Step = TypeVar("Step", bound=Callable[["Database"], None])


class Steps:
    """planner's migration steps in order, applied as sqlite_utils.Migrations("planner").

    Which steps a file has is read with plain SQL, so opening a current file (every start-up)
    does not load sqlite-utils; it is imported only when steps are applied.
    """

    name = "planner"
    table = "_sqlite_migrations"

    def __init__(self) -> None:
        self.functions: list[Callable[[Database], None]] = []

    def __call__(self) -> Callable[[Step], Step]:
        """The decorator that appends a step (named by its function) to the schema."""

        def register(step: Step) -> Step:
            self.functions.append(step)
            return step

        return register

    def applied(self, db: Database) -> list[str]:
        """The names of the steps the file records, in the order they were applied."""
        conn = db.conn
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [self.table]
        ).fetchone()
        if exists is None:
            return []
        sql = f"SELECT name FROM {self.table} WHERE migration_set = ? ORDER BY rowid"
        return [row[0] for row in conn.execute(sql, [self.name])]

    def pending(self, db: Database) -> list[str]:
        done = set(self.applied(db))
        return [step.__name__ for step in self.functions if step.__name__ not in done]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending steps with sqlite-utils (each with its record, as one unit)."""
        from sqlite_utils import Migrations

        real = Migrations(self.name)
        for step in self.functions:
            real()(step)
        real.apply(db, stop_before=stop_before)
