"""A decision's follow-up register and training places, read and made ready to store: what
`planner indicators import`, `planner places import` (and a whole-decision import) share.

Reading raises RegisterError or PlacesError when the document has no such part; a place under
a name that is no hospital's is Invalid. Storing is db.register.import_register and
db.places.store_places, each joining the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.errors import Invalid
from db.plans import hospitals
from db.register import register_row
from planner.readers.decision_places import read_places
from planner.readers.decision_register import (
    RegisterError,
    RegisterRow,
    read_follow_up_plan,
    read_register,
)
from planner.register import PRODUCTION, PRODUCTION_TEXT
from planner.training_places import Place

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
    """The document's register for `code` over `first`..`until`, numbered in document order;
    the production indicator is marked to be filled from the follow-up."""
    rows, checks = [], []
    for number, read in enumerate(read_any_register(text), start=1):
        row = register_row(code, first, until, number, vars(read))
        row["auto"] = PRODUCTION if read.text.startswith(PRODUCTION_TEXT) else ""
        rows.append(row)
        if read.check_note:
            checks.append(f"{code}-{first}-{number}: {read.check_note}")
    return RegisterPart(tuple(rows), tuple(checks))


def places_part(db: Database, text: str) -> PlacesPart:
    """The document's AT and ST-A tables with hospital names turned into codes."""
    codes = {h.name: h.code for h in hospitals(db)}
    places: list[Place] = []
    totals: list[tuple[int, str, str, int]] = []
    notes: list[str] = []
    for table in read_places(text):
        notes += table.notes
        owner = "" if table.kind == "AT" else codes.get(table.owner)
        if owner is None:
            raise Invalid(f"{table.owner!r} is not a hospital's name; nothing was imported")
        for label, count in table.rows:
            provider = codes.get(label) if table.kind == "AT" else owner
            if provider is None:
                raise Invalid(f"{label!r} is not a hospital's name; nothing was imported")
            specialty = label if table.kind == "ST-A" else ""
            places.append(Place(table.year, table.kind, provider, specialty, count))
        if table.printed_total is not None:
            totals.append((table.year, table.kind, owner, table.printed_total))
    return PlacesPart(tuple(places), tuple(totals), tuple(notes))
