"""Machine-readable exports of a plan: JSON (schema planner.plan/1) and CSV."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from typing import Any

from planner.grouping import RowKind, grouped_rows
from planner.model import Plan, PriceClass
from planner.pricing import line_cost, plan_totals
from planner.text import escape_control

SCHEMA = "planner.plan/1"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=4096)
def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with a quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def plan_document(plan: Plan, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The plan as a JSON-ready dict; every amount and volume is an int."""
    total = plan_totals(plan)
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "hospital": {"code": plan.hospital.code, "name": plan.hospital.name},
        "year": plan.year,
        "prices": {cls.value: plan.prices.unit_price(cls) for cls in PriceClass},
        "lines": [
            {
                "key": line.key,
                "area": line.area,
                "category": line.category,
                "line": line.name,
                "uppdrag": line.volumes.uppdrag,
                "bas": line.volumes.bas,
                "tillagg": line.volumes.tillagg,
                "price_class": line.price_class.value,
                "unit_price": plan.prices.unit_price(line.price_class),
                "tillagg_cost": line_cost(line, plan.prices),
            }
            for line in plan.lines
        ],
        "totals": {
            "uppdrag": total.uppdrag,
            "bas": total.bas,
            "tillagg": total.tillagg,
            "tillagg_cost": total.cost,
        },
    }
    if meta:
        doc["snapshot"] = meta
    return doc


def render_json(plan: Plan, meta: dict[str, Any] | None = None) -> str:
    return json.dumps(plan_document(plan, meta), ensure_ascii=False, indent=2) + "\n"


CSV_HEADER = [
    "row",
    "key",
    "area",
    "category",
    "line",
    "uppdrag",
    "bas",
    "tillagg",
    "price_class",
    "unit_price",
    "tillagg_cost",
]


def render_csv(plan: Plan, sep: str = ",", meta: dict[str, Any] | None = None) -> str:
    """Every row of the grouped plan with raw integers; text cells neutralised for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if meta:
        for name, value in meta.items():
            shown = escape_control(str(value), multiline=True)
            writer.writerow(["#" + name, neutralise(shown)])
    writer.writerow(CSV_HEADER)
    prices = plan.prices.by_class
    for row in grouped_rows(plan):
        line = row.line
        t = row.totals
        if line is not None:
            writer.writerow(
                (
                    "line",
                    line.key,
                    neutralise(line.area),
                    neutralise(line.category),
                    neutralise(line.name),
                    t.uppdrag,
                    t.bas,
                    t.tillagg,
                    str(line.price_class),
                    prices[line.price_class],
                    t.cost,
                )
            )
            continue
        if row.kind is RowKind.CATEGORY:
            area, category = row.group.split("/", 1)[0], row.label
        else:
            area, category = (row.label if row.kind is RowKind.AREA else ""), ""
        writer.writerow(
            (
                str(row.kind),
                "",
                neutralise(area),
                neutralise(category),
                "",
                t.uppdrag,
                t.bas,
                t.tillagg,
                "",
                "",
                t.cost,
            )
        )
    return out.getvalue()
