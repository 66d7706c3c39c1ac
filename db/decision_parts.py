"""A decision's follow-up register and training places, read and made ready to store: what
`planner indicators import`, `planner places import` (and a whole-decision import) share.

Reading raises RegisterError or PlacesError when the document has no such part; a place under
a name that is no hospital's is Invalid. Storing is db.register.import_register and
db.places.store_places, each joining the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.errors import Invalid
from db.plans import hospitals
from db.register import register_row
from planner.decision.register import PRODUCTION, PRODUCTION_TEXT
from planner.decision.training_places import Place
from planner.i18n import _
from planner.readers.decision_places import PlaceTable, read_places
from planner.readers.decision_register import (
    RegisterError,
    RegisterRow,
    read_follow_up_plan,
    read_register,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class RegisterPart:
    """The register as rows to store, and the notes a person should check (shifted rows)."""

    rows: tuple[dict[str, Any], ...]
    checks: tuple[str, ...]


@dataclass(frozen=True)
class PlacesPart:
    """Places and printed totals (year, kind, provider, printed) to store, and what the
    reader corrected ("'Psykatri' read as 'Psykiatri'")."""

    places: tuple[Place, ...]
    totals: tuple[tuple[int, str, str, int], ...]
    notes: tuple[str, ...]


def read_any_register(text: str) -> list[RegisterRow]:
    """The follow-up tables (NU's layout), or else the follow-up plan (Närhälsan's)."""
    try:
        return read_register(text)
    except RegisterError:
        return read_follow_up_plan(text)


def register_part(text: str, code: str, first: int, until: int) -> RegisterPart:
    """The document's register for `code` over `first`..`until` (RegisterError without one)."""
    return register_rows(read_any_register(text), code, first, until)


def register_rows(
    rows_read: Sequence[RegisterRow], code: str, first: int, until: int
) -> RegisterPart:
    """Rows as read, numbered in document order, made ready to store; the production
    indicator is marked to be filled from the follow-up."""
    rows, checks = [], []
    for number, read in enumerate(rows_read, start=1):
        row = register_row(code, first, until, number, vars(read))
        row["auto"] = PRODUCTION if read.text.startswith(PRODUCTION_TEXT) else ""
        rows.append(row)
        if read.check_note:
            checks.append(f"{code}-{first}-{number}: {read.check_note}")
    return RegisterPart(tuple(rows), tuple(checks))


def places_part(db: Database, text: str) -> PlacesPart:
    """The document's AT and ST-A tables with hospital names turned into codes."""
    return places_of(db, read_places(text))


def places_changed(db: Database, part: PlacesPart) -> int:
    """How many places and printed totals storing `part` would change (read only)."""
    changed = 0
    for p in part.places:
        stored = db.execute(
            "SELECT places FROM training_places WHERE year = ? AND kind = ? AND provider = ?"
            " AND specialty = ?",
            [p.year, p.kind, p.provider, p.specialty],
        ).fetchone()
        changed += stored is None or stored[0] != p.places
    for year, kind, provider, printed in part.totals:
        stored = db.execute(
            "SELECT printed FROM training_place_totals WHERE year = ? AND kind = ?"
            " AND provider = ?",
            [year, kind, provider],
        ).fetchone()
        changed += stored is None or stored[0] != printed
    return changed


def places_of(db: Database, tables: Sequence[PlaceTable]) -> PlacesPart:
    """Tables as read with hospital names turned into codes; Invalid for a name that is no
    hospital's."""
    codes = {h.name: h.code for h in hospitals(db)}
    places: list[Place] = []
    totals: list[tuple[int, str, str, int]] = []
    notes: list[str] = []
    for table in tables:
        notes += table.notes
        owner = "" if table.kind == "AT" else codes.get(table.owner)
        if owner is None:
            raise Invalid(
                _("{name} is not a hospital's name; nothing was imported").format(
                    name=repr(table.owner)
                )
            )
        for label, count in table.rows:
            provider = codes.get(label) if table.kind == "AT" else owner
            if provider is None:
                raise Invalid(
                    _("{name} is not a hospital's name; nothing was imported").format(
                        name=repr(label)
                    )
                )
            specialty = label if table.kind == "ST-A" else ""
            places.append(Place(table.year, table.kind, provider, specialty, count))
        if table.printed_total is not None:
            totals.append((table.year, table.kind, owner, table.printed_total))
    return PlacesPart(tuple(places), tuple(totals), tuple(notes))
