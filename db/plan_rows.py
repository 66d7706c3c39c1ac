"""A plan's lines for export in one query, unit price and tillägg cost computed by SQLite.

The unit prices are the plan's price list (load_prices), bound into the query; the cost is
tillagg times the unit price in integer arithmetic, the figure planner.prices.line_cost gives
(volumes up to 9 999 999 and prices up to 99 999 999 keep the product far inside 64 bits). The
SQL is written from PriceClass, so a new class is priced here without editing this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.plans import find_hospital, load_notes, load_prices, plan_id
from planner.formats.plan_table import PlanTable
from planner.model import PriceClass

if TYPE_CHECKING:
    from sqlite_utils import Database


def unit_price_sql(column: str) -> str:
    """Rule R5's unit price of a price-class column: one WHEN per PriceClass, bound by name from
    Prices.by_class; no ELSE, so a class without a price gives NULL, never another class's price.
    """
    whens = " ".join(f"WHEN '{cls.value}' THEN :{cls.value}" for cls in PriceClass)
    return f"CASE {column} {whens} END"


_PRICE = unit_price_sql("v.price_class")
_ROWS_SQL = f"""
    SELECT l.key, l.area, l.category, l.name, v.uppdrag, v.bas, v.tillagg, v.price_class,
           {_PRICE}, v.tillagg * {_PRICE}
    FROM volumes v JOIN lines l ON l.key = v.line_key
    WHERE v.plan_id = :plan
    ORDER BY l.position
"""


def load_plan_table(
    db: Database, hospital_code: str, year: int, scenario: str | None = None
) -> PlanTable:
    """The live plan (or scenario) of a hospital and year as export rows, in catalogue order."""
    hospital = find_hospital(db, hospital_code)
    pid = plan_id(db, hospital, year, scenario)
    prices = load_prices(db, hospital, year)
    rows = db.execute(_ROWS_SQL, {**prices.by_class, "plan": pid}).fetchall()
    return PlanTable(hospital, year, prices, rows, load_notes(db, pid), scenario)
