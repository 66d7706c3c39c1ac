"""The decisions' money from the seed files (frames, their adjustments and items, the price
table), seeded like the plans: what is there already is never overwritten."""

from __future__ import annotations

import csv
from fractions import Fraction
from importlib import resources
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.chained_rows import put_row
from db.frames import has_frame, store_money
from planner.decision.frame import Adjustment, Bridge, Item, Money
from planner.readers.decision_prices import PriceRow

if TYPE_CHECKING:
    from sqlite_utils import Database

Key = tuple[str, int]


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("seeds").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _key(row: dict[str, str]) -> Key:
    return row["hospital"], int(row["year"])


def seeded_money() -> dict[Key, Money]:
    """The money of every seeded decision, per (provider, year)."""
    adjustments: dict[Key, list[Adjustment]] = {}
    for row in _read("frame-adjustments.csv"):
        adjustments.setdefault(_key(row), []).append(Adjustment(row["label"], int(row["amount"])))
    items: dict[Key, list[Item]] = {}
    settled: dict[Key, bool] = {}
    for row in _read("frame-items.csv"):
        items.setdefault(_key(row), []).append(Item(row["key"], row["label"], int(row["level"])))
        settled[_key(row)] = row["settled"] == "1"
    money = {}
    for row in _read("frames.csv"):
        key = _key(row)
        bridge = None
        if row["last_total"]:
            bridge = Bridge(
                int(row["last_total"]),
                row["last_reference"],
                Fraction(row["uplift_percent"]),
                int(row["uplift"]),
                tuple(adjustments.get(key, [])),
            )
        printed = int(row["printed_total"]) if row["printed_total"] else None
        money[key] = Money(
            row["unit"], bridge, printed, tuple(items.get(key, [])), settled.get(key, False)
        )
    return money


def seeded_price_tables() -> dict[int, tuple[PriceRow, ...]]:
    """The decision's price table per year."""
    rows: dict[int, dict[int, tuple[str, str, list[tuple[str, int | None]]]]] = {}
    for row in _read("decision-prices.csv"):
        year, position = int(row["year"]), int(row["position"])
        entry = rows.setdefault(year, {}).setdefault(position, (row["grp"], row["name"], []))
        entry[2].append((row["provider"], int(row["unit_price"]) if row["unit_price"] else None))
    return {
        year: tuple(PriceRow(g, n, tuple(p)) for _, (g, n, p) in sorted(by_position.items()))
        for year, by_position in rows.items()
    }


def store_price_table(db: Database, year: int, table: tuple[PriceRow, ...], actor: Actor) -> int:
    """Make the year's decision price table hold `table`; rows changed."""
    changed = 0
    wanted = {}
    for position, row in enumerate(table, start=1):
        for provider, price in row.prices:
            key = {"year": year, "provider": provider, "grp": row.group, "name": row.name}
            wanted[tuple(key.values())] = (key, {"position": position, "unit_price": price})
    stored = db.execute(
        "SELECT year, provider, grp, name FROM decision_prices WHERE year = ?", [year]
    ).fetchall()
    for found in stored:
        if tuple(found) not in wanted:
            key = dict(zip(("year", "provider", "grp", "name"), found, strict=True))
            changed += put_row(db, "decision_prices", key, None, actor)
    for key, values in wanted.values():
        changed += put_row(db, "decision_prices", key, values, actor)
    return changed


def seed_money(db: Database, actor: Actor) -> None:
    """Every seeded frame and price table not in the database yet."""
    for (code, year), money in seeded_money().items():
        if not has_frame(db, code, year):
            store_money(db, code, year, money, actor)
    for year, table in seeded_price_tables().items():
        present = db.execute("SELECT 1 FROM decision_prices WHERE year = ?", [year]).fetchone()
        if present is None:
            store_price_table(db, year, table, actor)


def load_price_table(db: Database, year: int) -> tuple[PriceRow, ...]:
    """The decision's price table of `year` as stored, in the decision's order."""
    rows: dict[int, tuple[str, str, list[tuple[str, int | None]]]] = {}
    for position, grp, name, provider, price in db.execute(
        "SELECT position, grp, name, provider, unit_price FROM decision_prices WHERE year = ?"
        " ORDER BY position, rowid",
        [year],
    ):
        rows.setdefault(position, (grp, name, []))[2].append((provider, price))
    return tuple(PriceRow(g, n, tuple(p)) for _, (g, n, p) in sorted(rows.items()))
