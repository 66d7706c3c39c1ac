"""Price lists per year and hospital (rule R4): reading, changing and uplifting them, audited.

Visit and treatment prices are region-wide (one per year for every hospital); endoscopy is
priced per hospital. Every change is an entry of the hash chain (db.chain) and a row of the
append-only `price_changes` history, in the same transaction. Plans
read their prices live, so a change moves every plan of that year and hospital at once;
snapshots keep the prices frozen inside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from db import clock
from db.audit_trail import Actor, check_reason
from db.chain import record_change
from db.connection import write_transaction
from db.errors import Invalid, NotFound, PriceConflict
from db.plans import find_hospital, hospitals
from planner.i18n import _
from planner.model import PriceClass
from planner.prices import PriceError, PriceList, check_price

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PriceChange:
    """One audited price change as read back from the log."""

    at: str
    user: str
    year: int
    hospital: str
    price_class: PriceClass
    old: int | None
    new: int
    reason: str
    source: str


def load_price_list(db: Database, year: int) -> PriceList:
    """The year's list; hospitals without any price that year are left out."""
    prices: dict[str, dict[PriceClass, int]] = {}
    order = {h.code: i for i, h in enumerate(hospitals(db))}
    rows = db.execute(
        "SELECT hospital, price_class, unit_price FROM prices WHERE year = ?", [year]
    ).fetchall()
    for code, cls, price in sorted(rows, key=lambda r: (order.get(r[0], 99), r[1])):
        prices.setdefault(code, {})[PriceClass(cls)] = price
    return PriceList(year, prices)


def price_years(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT DISTINCT year FROM prices ORDER BY year")]


def _record(
    db: Database, year: int, code: str, cls: PriceClass, old: int | None, new: int, actor: Actor
) -> None:
    """Chain the change and add it to the price history (`planner prices history`)."""
    key = {"year": year, "hospital": code, "price_class": cls.value}
    before = None if old is None else {"unit_price": old}
    record_change(db, "prices", key, before, {"unit_price": new}, actor)
    db.execute(
        "INSERT INTO price_changes"
        " (at, user, year, hospital, price_class, old, new, reason, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [clock.now_iso(), actor.user, year, code, cls.value, old, new, actor.reason, actor.source],
    )


def _check(actor: Actor, value: int) -> None:
    check_reason(actor.reason)
    try:
        check_price(value)
    except PriceError as exc:
        raise Invalid(str(exc)) from exc


def _targets(db: Database, year: int, cls: PriceClass, hospital: str | None) -> list[str]:
    """Endoscopy is priced per hospital; visit and treatment are region-wide: a price set
    through any hospital is set for every hospital of the year."""
    if cls is PriceClass.ENDOSCOPY:
        if hospital is None:
            raise Invalid(_("endoscopy is priced per hospital; name one with --hospital CODE"))
        return [find_hospital(db, hospital).code]
    if hospital is not None:
        find_hospital(db, hospital)  # an unknown code is still named
    listed = load_price_list(db, year).prices
    return [h.code for h in hospitals(db) if h.code in listed] or [h.code for h in hospitals(db)]


def set_price(
    db: Database,
    year: int,
    cls: PriceClass,
    value: int,
    actor: Actor,
    hospital: str | None = None,
    expected: int | None = None,
) -> list[tuple[str, int | None]]:
    """Set a unit price; returns (hospital, old price) per hospital it changed (visit and
    treatment: every hospital, rule R4).

    With `expected`, a price of the named hospital that someone else changed meanwhile
    raises PriceConflict.
    """
    _check(actor, value)
    changed: list[tuple[str, int | None]] = []
    with write_transaction(db):
        named = find_hospital(db, hospital).code if hospital is not None else None
        for code in _targets(db, year, cls, hospital):
            row = db.execute(
                "SELECT unit_price FROM prices WHERE year = ? AND hospital = ? AND price_class = ?",
                [year, code, cls.value],
            ).fetchone()
            old = None if row is None else int(row[0])
            if expected is not None and old != expected and code in (named, None):
                raise PriceConflict(year, code, cls.value, old)
            if old == value:
                continue
            db.execute(
                "INSERT INTO prices (year, hospital, price_class, unit_price) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (year, hospital, price_class)"
                " DO UPDATE SET unit_price = excluded.unit_price",
                [year, code, cls.value, value],
            )
            _record(db, year, code, cls, old, value, actor)
            changed.append((code, old))
    return changed


def copy_prices(
    db: Database, from_year: int, to_year: int, percent: Fraction, actor: Actor
) -> PriceList:
    """Make `to_year`'s list from `from_year`'s by an index uplift (rule R9), audited."""
    with write_transaction(db):
        source = load_price_list(db, from_year)
        if not source.prices:
            raise NotFound(
                _("no {from_year} price list to copy; `planner prices` shows the years").format(
                    from_year=from_year
                )
            )
        if load_price_list(db, to_year).prices:
            raise Invalid(
                _(
                    "{to_year} already has prices; change them with `planner prices set"
                    " --year {to_year} CLASS VALUE`"
                ).format(to_year=to_year)
            )
        made = source.uplifted(to_year, percent)
        for entry in made.entries:
            db.table("prices").insert(
                {
                    "year": to_year,
                    "hospital": entry.hospital,
                    "price_class": entry.price_class.value,
                    "unit_price": entry.unit_price,
                }
            )
            _record(db, to_year, entry.hospital, entry.price_class, None, entry.unit_price, actor)
    return made


def price_changes(db: Database, year: int | None = None) -> list[PriceChange]:
    where, params = ("WHERE year = ?", [year]) if year is not None else ("", [])
    return [
        PriceChange(
            row["at"],
            row["user"],
            row["year"],
            row["hospital"],
            PriceClass(row["price_class"]),
            row["old"],
            row["new"],
            row["reason"],
            row["source"],
        )
        for row in db.query(f"SELECT * FROM price_changes {where} ORDER BY id", params)
    ]
