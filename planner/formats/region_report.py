"""The region view as text, Markdown, CSV or JSON; missing plans show as "—" / null."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner.display import word
from planner.formats.plan_csv import neutralise
from planner.formats.text_table import tabulate
from planner.grouping import RowKind
from planner.i18n import N_, _
from planner.model import PriceClass
from planner.numbers import format_number
from planner.prices import Totals
from planner.region import Cells, RegionView, cells_total

REGION_FORMATS = ("text", "md", "csv", "json", "xlsx")
MISSING = "—"
FIELDS = ("uppdrag", "tillagg", "cost")
FIELD_LABELS = {"uppdrag": N_("uppdrag"), "tillagg": N_("tillägg"), "cost": N_("tilläggskostnad")}
_INDENT = {RowKind.AREA: 0, RowKind.CATEGORY: 1, RowKind.LINE: 2, RowKind.TOTAL: 0}


def column_names(view: RegionView, shown: list[int] | None = None) -> list[str]:
    """Per hospital (all, or the `shown` indexes) its three columns, then the region's."""
    picked = [view.hospitals[i] for i in shown] if shown is not None else view.hospitals
    names = [f"{h.short_name} {_(FIELD_LABELS[f])}" for h in picked for f in FIELDS]
    return names + [_("Region {field}").format(field=_(FIELD_LABELS[f])) for f in FIELDS]


def _numbers(cell: Totals | None) -> list[str]:
    if cell is None:
        return [MISSING] * len(FIELDS)
    return [format_number(getattr(cell, f)) for f in FIELDS]


def _cells(cells: Cells, shown: list[int], region: Totals) -> list[str]:
    return [text for i in shown for text in _numbers(cells[i])] + _numbers(region)


def missing_note(view: RegionView) -> str:
    """Which hospitals have no plan, and that a scenario shown is not counted."""
    missing = [h.short_name for i, h in enumerate(view.hospitals) if not view.has_plan(i)]
    notes = (
        [
            _("No {year} plan (shown as {MISSING}): {missing}").format(
                year=view.year, MISSING=MISSING, missing=", ".join(missing)
            )
        ]
        if missing
        else []
    )
    if view.scenario is not None:
        notes.append(
            _(
                "{label}: a scenario, shown beside the plans and not counted in the region's sums"
            ).format(label=view.scenario.label)
        )
    return "\n".join(notes)


def class_rows(view: RegionView) -> list[tuple[str, Cells, Totals]]:
    """Per price class and in total: the hospitals' cells and the region's sum."""
    rows = [(cls.value, cells, cells_total(cells)) for cls, cells in view.by_class.items()]
    return [*rows, ("total", view.total.cells, view.total.total)]


def _table(view: RegionView, markdown: bool) -> str:
    """The grouped lines for the hospitals with a plan (the others are named in a note)."""
    fmt = "github" if markdown else "simple"
    shown = view.planned
    side = view.scenario
    body = []
    for n, row in enumerate(view.rows):
        pad = ("\u00a0\u00a0" if markdown else "  ") * _INDENT[row.kind]
        label = row.label if row.kind is RowKind.LINE or not markdown else f"**{row.label}**"
        extra = _numbers(side.cells[n]) if side else []
        body.append([pad + label, *_cells(row.cells, shown, row.total), *extra])
    headers = [_("Line"), *column_names(view, shown)]
    if side is not None:
        headers += [f"{side.label} {_(FIELD_LABELS[f])}" for f in FIELDS]
    align = ("left", *("right",) * (len(headers) - 1))
    return tabulate(
        body, headers, tablefmt=fmt, colalign=align, disable_numparse=True, preserve_whitespace=True
    )


def class_table(view: RegionView, markdown: bool = False) -> str:
    """Tilläggskostnad per price class and in total: per hospital and for the region."""
    headers = [_("Price class"), *(h.short_name for h in view.hospitals), _("Region")]
    body = [
        [word(name), *(_numbers(c)[2] for c in cells), format_number(region.cost)]
        for name, cells, region in class_rows(view)
    ]
    align = ("left", *("right",) * (len(headers) - 1))
    fmt = "github" if markdown else "simple"
    return tabulate(body, headers, tablefmt=fmt, colalign=align, disable_numparse=True)


def render_region_table(view: RegionView, markdown: bool = False) -> str:
    heading = _("Region {year}: tilläggskostnad at each hospital's own prices").format(
        year=view.year
    )
    note = missing_note(view)
    total = _("Region tilläggskostnad: {cost} kr").format(cost=format_number(view.total.total.cost))
    parts = [_table(view, markdown), class_table(view, markdown)]
    if markdown:
        body = "\n\n".join(
            [f"# {heading}", parts[0], "## " + _("Tilläggskostnad by price class"), parts[1]]
        )
        tail = f"\n\n{note}" if note else ""
        return f"{body}{tail}\n\n**{total}**\n"
    body = "\n\n".join([heading, *parts])
    return f"{body}\n\n{note + chr(10) if note else ''}{total}\n"


def _document_cell(cell: Totals | None) -> dict[str, int] | None:
    if cell is None:
        return None
    return {
        "uppdrag": cell.uppdrag,
        "bas": cell.bas,
        "tillagg": cell.tillagg,
        "tillagg_cost": cell.cost,
    }


def region_document(view: RegionView) -> dict[str, Any]:
    codes = [h.code for h in view.hospitals]

    def cells(values: Cells) -> dict[str, Any]:
        return {code: _document_cell(c) for code, c in zip(codes, values, strict=True)}

    return {
        "schema": "planner.region/1",
        "year": view.year,
        "hospitals": [
            {
                "code": h.code,
                "name": h.name,
                "short_name": h.short_name,
                "has_plan": view.has_plan(i),
            }
            for i, h in enumerate(view.hospitals)
        ],
        "rows": [
            {
                "kind": row.kind.value,
                "label": row.label,
                "key": row.key,
                "hospitals": cells(row.cells),
                "region": _document_cell(row.total),
            }
            for row in view.rows
        ],
        "by_price_class": [
            {"price_class": name, "hospitals": cells(values), "region": _document_cell(region)}
            for name, values, region in class_rows(view)
            if name in {cls.value for cls in PriceClass}
        ],
        "totals": _document_cell(view.total.total),
    }


def render_region_csv(view: RegionView) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    fields = [f"{h.code}_{f}" for h in view.hospitals for f in FIELDS]
    writer.writerow(["row", "key", "label", *fields, *(f"region_{f}" for f in FIELDS)])
    for row in view.rows:
        values = ["" if cell is None else getattr(cell, f) for cell in row.cells for f in FIELDS]
        region = [getattr(row.total, f) for f in FIELDS]
        writer.writerow([row.kind.value, row.key, neutralise(row.label), *values, *region])
    return out.getvalue()


def render_region(view: RegionView, fmt: str) -> str:
    """A text format of the region view, for printing or writing."""
    if fmt == "json":
        return json.dumps(region_document(view), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return render_region_csv(view)
    return render_region_table(view, markdown=fmt == "md")
