"""A plan as CSV for spreadsheets, and the formula guard every spreadsheet export shares."""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from typing import Any

from planner.formats.plan_table import PlanTable, grouped
from planner.text import escape_control

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=4096)
def neutralise(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with a quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def neutralised(texts: list[str]) -> list[str]:
    """neutralise() over many texts at once, uncached: line names rarely repeat."""
    return ["'" + text if text.startswith(_FORMULA_START) else text for text in texts]


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
    "note",
]


def render_csv(table: PlanTable, sep: str = ",", meta: dict[str, Any] | None = None) -> str:
    """Every row of the grouped plan with raw integers; text cells neutralised for spreadsheets.

    A category whose lines need no quoting is formatted directly (csv.writer took most of a
    100 000-line export); any other goes through csv.writer, so the text is the same.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    if meta:
        for name, value in meta.items():
            shown = escape_control(str(value), multiline=True)
            writer.writerow(["#" + name, neutralise(shown)])
    writer.writerow(CSV_HEADER)
    quoted = re.compile(f'[{re.escape(sep)}"\r\n]').search
    areas, (u, b, t, c) = grouped(table.lines)
    for area in areas:
        shown_area = neutralise(area.name)
        au, ab, at, ac = area.sums
        writer.writerow(("area", "", shown_area, "", "", au, ab, at, "", "", ac, ""))
        for category in area.categories:
            shown = neutralise(category.name)
            cu, cb, ct, cc = category.sums
            writer.writerow(("category", "", shown_area, shown, "", cu, cb, ct, "", "", cc, ""))
            names = neutralised([line[3] for line in category.lines])
            keys = [line[0] for line in category.lines]
            notes = neutralised([table.notes.get(key, "") for key in keys])
            if (
                quoted(shown_area + shown)
                or quoted("".join(keys))
                or quoted("".join(names))
                or quoted("".join(notes))
            ):
                writer.writerows(
                    ("line", key, shown_area, shown, name, *line[4:], note)
                    for key, name, line, note in zip(
                        keys, names, category.lines, notes, strict=True
                    )
                )
                continue
            middle = f"{sep}{shown_area}{sep}{shown}{sep}"
            out.write(
                "".join(
                    f"line{sep}{key}{middle}{name}{sep}{uppdrag}{sep}{bas}{sep}{tillagg}"
                    f"{sep}{cls}{sep}{price}{sep}{cost}{sep}{note}\r\n"
                    for key, name, (
                        _,
                        _,
                        _,
                        _,
                        uppdrag,
                        bas,
                        tillagg,
                        cls,
                        price,
                        cost,
                    ), note in zip(keys, names, category.lines, notes, strict=True)
                )
            )
    writer.writerow(("total", "", "", "", "", u, b, t, "", "", c, ""))
    return out.getvalue()
