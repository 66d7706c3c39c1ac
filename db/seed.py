"""Loading the seed files into a database; idempotent, never overwriting existing volumes."""

from __future__ import annotations

import csv
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

from db.chain import SEED, record_change
from db.places import store_places
from db.plans import insert_plan, plan_exists
from db.register import register_row, seed_register
from db.seed_money import seed_money
from planner.decision.training_places import Place
from planner.keys import line_key
from planner.model import PriceClass, Volumes
from planner.rules import check_volumes

if TYPE_CHECKING:
    from sqlite_utils import Database

_VOLUME_FILE = re.compile(r"volumes-([A-Z]+)-([0-9]{4})\.csv")


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("seeds").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def catalogue_rows() -> list[dict[str, Any]]:
    """The seeded line catalogue in document order, with stable keys."""
    return [
        {
            "key": line_key(row["area"], row["category"], row["line"]),
            "position": position,
            "area": row["area"],
            "category": row["category"],
            "name": row["line"],
            "price_class": PriceClass(row["price_class"]).value,
        }
        for position, row in enumerate(_read("lines.csv"), start=1)
    ]


def seeded_plans() -> dict[tuple[str, int], dict[str, Volumes]]:
    """Volumes per (hospital, year) from every `volumes-CODE-YEAR.csv` seed file."""
    plans: dict[tuple[str, int], dict[str, Volumes]] = {}
    for entry in sorted(resources.files("seeds").iterdir(), key=lambda e: e.name):
        match = _VOLUME_FILE.fullmatch(entry.name)
        if not match:
            continue
        plans[(match[1], int(match[2]))] = {
            line_key(r["area"], r["category"], r["line"]): check_volumes(
                Volumes(int(r["uppdrag"]), int(r["bas"]), int(r["tillagg"]))
            )
            for r in _read(entry.name)
        }
    return plans


def seed(db: Database) -> None:
    """Insert the reference data and every seeded price and plan that is not there yet; the
    prices and plans go into the chain as entries from the seed (source `seed`)."""
    known = set(db["hospitals"].columns_dict)  # a file at an earlier step lacks has_lines
    providers = [{k: v for k, v in row.items() if k in known} for row in _read("hospitals.csv")]
    db.table("hospitals").insert_all(providers, ignore=True)
    catalogue = catalogue_rows()
    db.table("lines").insert_all(catalogue, ignore=True)
    for row in _read("prices.csv"):
        key = {
            "year": int(row["year"]),
            "hospital": row["hospital"],
            "price_class": row["price_class"],
        }
        if db.execute(
            "SELECT 1 FROM prices WHERE year = ? AND hospital = ? AND price_class = ?",
            list(key.values()),
        ).fetchone():
            continue
        price = {"unit_price": int(row["unit_price"])}
        db.table("prices").insert({**key, **price})
        record_change(db, "prices", key, None, price, SEED)
    for (hospital, year), volumes in seeded_plans().items():
        if not plan_exists(db, hospital, year):
            insert_plan(db, hospital, year, volumes, SEED)
    if "frames" in db.table_names():  # a test may seed a file at an earlier schema step
        seed_money(db, SEED)
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'indicators'").fetchone():
        seed_register(db, seeded_register(), SEED)  # a file before m015 gets them on upgrade
        store_places(db, *seeded_places(), SEED, only_missing=True)


def seeded_register() -> list[dict[str, Any]]:
    """The decisions' follow-up registers from `indicators.csv`, as stored rows."""
    return [
        register_row(
            row["hospital"], int(row["first_year"]), int(row["last_year"]), int(row["number"]), row
        )
        for row in _read("indicators.csv")
    ]


def seeded_places() -> tuple[list[Place], list[tuple[int, str, str, int]]]:
    """The decisions' training places and printed totals from their seed files."""
    places = [
        Place(int(r["year"]), r["kind"], r["provider"], r["specialty"], int(r["places"]))
        for r in _read("training-places.csv")
    ]
    totals = [
        (int(r["year"]), r["kind"], r["provider"], int(r["printed"]))
        for r in _read("training-place-totals.csv")
    ]
    return places, totals
