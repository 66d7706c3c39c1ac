"""The plan as JSON text (schema planner.plan/1), written line by line from export rows.

The text is exactly `json.dumps(plan_document(plan, meta, notes=True), ensure_ascii=False,
indent=2)`:
json's indenting encoder is pure Python and took most of a 100 000-line export, so each line
object is filled into a fixed template, its strings escaped by json's own (C) string encoder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from planner.formats.plan_table import LineRow, PlanTable, sums
from planner.model import PriceClass
from planner.snapshot import SCHEMA


def _lines(lines: Sequence[LineRow], notes: Mapping[str, str]) -> str:
    """The items of the "lines" array, two levels in, joined as json.dumps joins them."""
    q = encode_basestring
    return ",\n".join(
        f'    {{\n      "key": {q(key)},\n      "area": {q(area)},\n'
        f'      "category": {q(category)},\n      "line": {q(name)},\n'
        f'      "uppdrag": {uppdrag},\n      "bas": {bas},\n      "tillagg": {tillagg},\n'
        f'      "price_class": {q(cls)},\n      "unit_price": {price},\n'
        f'      "tillagg_cost": {cost},\n      "note": {q(notes.get(key, ""))}\n    }}'
        for key, area, category, name, uppdrag, bas, tillagg, cls, price, cost in lines
    )


def render_json(table: PlanTable, meta: dict[str, Any] | None = None) -> str:
    """The JSON document of the plan's rows, with the snapshot's metadata when given; a
    scenario's document names it (`"scenario"`), so it is never taken for the plan."""
    head = {
        "schema": SCHEMA,
        "hospital": {"code": table.hospital.code, "name": table.hospital.name},
        "year": table.year,
        **({"scenario": table.scenario} if table.scenario else {}),
        "prices": {cls.value: table.prices.unit_price(cls) for cls in PriceClass},
        "lines": None,
    }
    uppdrag, bas, tillagg, cost = sums(table.lines)
    tail: dict[str, Any] = {
        "totals": {"uppdrag": uppdrag, "bas": bas, "tillagg": tillagg, "tillagg_cost": cost}
    }
    if meta:
        tail["snapshot"] = meta
    opening = json.dumps(head, ensure_ascii=False, indent=2).removesuffix("null\n}")
    closing = json.dumps(tail, ensure_ascii=False, indent=2).removeprefix("{\n")
    lines = "[\n" + _lines(table.lines, table.notes) + "\n  ]" if table.lines else "[]"
    return opening + lines + ",\n" + closing + "\n"
