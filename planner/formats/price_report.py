"""A year's price list as text, Markdown, CSV or JSON: a row per hospital, a column per class."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from planner.display import word
from planner.formats.text_table import tabulate
from planner.i18n import _
from planner.model import Hospital, PriceClass
from planner.numbers import format_number
from planner.prices import PriceList

PRICE_FORMATS = ("text", "md", "csv", "json")
MISSING = "—"


def _shown(value: int | None) -> str:
    return MISSING if value is None else format_number(value)


def price_rows(hospitals: Sequence[Hospital], prices: PriceList) -> list[list[str]]:
    """Display cells: hospital (short name) then its price per class, "—" where none is set."""
    return [
        [h.short_name, *(_shown(prices.get(h.code, cls)) for cls in PriceClass)] for h in hospitals
    ]


def render_prices(hospitals: Sequence[Hospital], prices: PriceList, fmt: str) -> str:
    if fmt == "json":
        document = {
            "schema": "planner.prices/1",
            "year": prices.year,
            "prices": [
                {
                    "hospital": h.code,
                    "name": h.name,
                    **{cls.value: prices.get(h.code, cls) for cls in PriceClass},
                }
                for h in hospitals
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["year", "hospital", *(cls.value for cls in PriceClass)])
        for h in hospitals:
            cells = [prices.get(h.code, cls) for cls in PriceClass]
            writer.writerow([prices.year, h.code, *("" if c is None else c for c in cells)])
        return out.getvalue()
    table = tabulate(
        price_rows(hospitals, prices),
        [_("Hospital"), *(f"{word(cls.value)} (kr)" for cls in PriceClass)],
        tablefmt="github" if fmt == "md" else "simple",
        colalign=("left", "right", "right", "right"),
        disable_numparse=True,
    )
    heading = _("Unit prices {year}").format(year=prices.year)
    if fmt == "md":
        return f"# {heading}\n\n{table}\n"
    return f"{heading}\n\n{table}\n"
