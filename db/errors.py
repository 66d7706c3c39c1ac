"""Errors the storage layer reports to users; each message is one clear line."""

from __future__ import annotations

from planner.i18n import _
from planner.model import PlanLine
from planner.numbers import format_number


class StorageError(Exception):
    """A database problem with a message fit to show a user as it is."""


class NoDatabase(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(_("no database at {path}; run `planner init`").format(path=path))


class NotPlannerDatabase(StorageError):
    pass


class NewerSchema(StorageError):
    pass


class NotFound(StorageError):
    pass


class Invalid(StorageError):
    """User input the database would not keep (an empty label, an overlong note)."""


class Busy(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _("the database is busy (another planner is saving); not saved, try again")
        )


class Conflict(StorageError):
    """Another writer changed the line since it was read; carries the line as it is now."""

    def __init__(self, current: PlanLine) -> None:
        v = current.volumes
        super().__init__(
            _(
                "{name} ({category}) was changed by someone else: it is now uppdrag"
                " {uppdrag} / bas {bas} / tillägg {tillagg}; nothing was saved"
            ).format(
                name=current.name,
                category=current.category,
                uppdrag=format_number(v.uppdrag),
                bas=format_number(v.bas),
                tillagg=format_number(v.tillagg),
            )
        )
        self.current = current


class PriceConflict(StorageError):
    """Another planner changed a unit price since it was read."""

    def __init__(self, year: int, hospital: str, price_class: str, current: int | None) -> None:
        now = "missing" if current is None else f"{format_number(current)} kr"
        super().__init__(
            _(
                "the {year} {price_class} price of {hospital} was changed by someone"
                " else: it is now {now}; nothing was saved"
            ).format(year=year, price_class=price_class, hospital=hospital, now=now)
        )
        self.current = current
