"""Training places in storage: per year, editable with a reason, printed totals kept beside.

Every write is a chain entry in the write's transaction; a place count is never changed
without a reason, and the printed total is never changed by an edit of the places.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.chain import record_change, stored_row
from db.connection import write_transaction
from db.errors import Invalid
from planner.decision.training_places import KINDS, MAX_PLACES, Place, PlaceTable, place_tables
from planner.i18n import _

if TYPE_CHECKING:
    from sqlite_utils import Database


def load_place_tables(db: Database, year: int) -> list[PlaceTable]:
    """The year's tables of places with their printed totals (AT first)."""
    places = [
        Place(*row)
        for row in db.execute(
            "SELECT year, kind, provider, specialty, places FROM training_places WHERE year = ?"
            " ORDER BY rowid",
            [year],
        )
    ]
    printed = {
        (kind, provider): total
        for kind, provider, total in db.execute(
            "SELECT kind, provider, printed FROM training_place_totals WHERE year = ?", [year]
        )
    }
    return place_tables(places, printed)


def _write_place(db: Database, place: Place, actor: Actor) -> int | None:
    """Store one count in the caller's transaction; returns the old count (None: new row)."""
    key = {
        "year": place.year,
        "kind": place.kind,
        "provider": place.provider,
        "specialty": place.specialty,
    }
    old = stored_row(db, "training_places", key)
    before = None if old is None else int(old["places"])
    if before == place.places:
        return before
    record_change(db, "training_places", key, old, {"places": place.places}, actor)
    db.execute(
        "INSERT INTO training_places (year, kind, provider, specialty, places)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (year, kind, provider, specialty)"
        " DO UPDATE SET places = excluded.places, version = version + 1",
        [*key.values(), place.places],
    )
    return before


def _write_total(
    db: Database, year: int, kind: str, provider: str, printed: int, actor: Actor
) -> None:
    key = {"year": year, "kind": kind, "provider": provider}
    old = stored_row(db, "training_place_totals", key)
    if old is not None and old["printed"] == printed:
        return
    record_change(db, "training_place_totals", key, old, {"printed": printed}, actor)
    db.execute(
        "INSERT INTO training_place_totals (year, kind, provider, printed) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (year, kind, provider) DO UPDATE SET printed = excluded.printed",
        [year, kind, provider, printed],
    )


def set_places(db: Database, place: Place, actor: Actor) -> int | None:
    """Change (or add) one count of places with a reason; returns the old count."""
    if place.kind not in KINDS:
        raise Invalid(
            _("{kind} is not a kind of training place; use AT or ST-A").format(
                kind=repr(place.kind)
            )
        )
    if not 0 <= place.places <= MAX_PLACES:
        raise Invalid(
            _("{count} places is outside 0 to {most}; nothing was saved").format(
                count=place.places, most=MAX_PLACES
            )
        )
    if not actor.reason.strip():
        raise Invalid(_("a change of training places needs a reason (--reason); nothing was saved"))
    exists = db.execute("SELECT 1 FROM hospitals WHERE code = ?", [place.provider]).fetchone()
    if exists is None:
        raise Invalid(
            _("{code} is not a hospital code; nothing was saved").format(code=repr(place.provider))
        )
    with write_transaction(db):
        return _write_place(db, place, actor)


def store_places(
    db: Database,
    places: Sequence[Place],
    totals: Sequence[tuple[int, str, str, int]],
    actor: Actor,
    *,
    only_missing: bool = False,
) -> list[tuple[Place, int | None]]:
    """Store a decision's places and printed totals (year, kind, provider, printed) as one step;
    returns each changed place with its old count. `only_missing` (the seed) keeps stored rows."""
    changed = []
    with write_transaction(db):
        for place in places:
            key = [place.year, place.kind, place.provider, place.specialty]
            if (
                only_missing
                and db.execute(
                    "SELECT 1 FROM training_places WHERE year = ? AND kind = ? AND provider = ?"
                    " AND specialty = ?",
                    key,
                ).fetchone()
            ):
                continue
            old = _write_place(db, place, actor)
            if old != place.places:
                changed.append((place, old))
        for year, kind, provider, printed in totals:
            if (
                only_missing
                and db.execute(
                    "SELECT 1 FROM training_place_totals"
                    " WHERE year = ? AND kind = ? AND provider = ?",
                    [year, kind, provider],
                ).fetchone()
            ):
                continue
            _write_total(db, year, kind, provider, printed, actor)
    return changed
