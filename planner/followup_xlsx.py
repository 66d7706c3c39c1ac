"""The follow-up as a live XLSX: change a month's figure and the to-date sums, earned units,
earned kronor, fulfilment and forecast recompute (rule R6 as spreadsheet formulas).

Plan to date and bas to date are exact values from the core (whole units, halves up); the
forecast divides by the phasing share S(m) kept on the About sheet.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.export_data import neutralise
from planner.followup import FollowUp, Row
from planner.grouping import RowKind
from planner.model import Plan
from planner.phasing import MONTH_LABELS, MONTH_NAMES, cumulative_share

HEADERS = [
    "Line", "Key", "Price class", "Unit price", "Uppdrag", "Bas", "Tillägg", *MONTH_LABELS,
    "To date", "Plan to date", "Fulfilment", "Bas to date", "Earned units", "Earned kr",
    "Forecast", "Forecast units", "Forecast kr",
]  # fmt: skip
COL = {name: get_column_letter(i) for i, name in enumerate(HEADERS, start=1)}
SHARE_CELL = "About!$B$5"
_SUMMED = ["Uppdrag", "Bas", "Tillägg", *MONTH_LABELS, "To date", "Plan to date"]
_SUMMED += ["Bas to date", "Earned units", "Earned kr", "Forecast", "Forecast units"]
_SUMMED += ["Forecast kr"]
_BOLD = Font(bold=True)


def _members(rows: list[Row]) -> dict[int, list[int]]:
    """Sheet rows each subtotal row sums: area → its categories, category → its lines."""
    members: dict[int, list[int]] = {len(rows) + 1: []}
    area = category = 0
    for r, row in enumerate(rows, start=2):
        if row.kind is RowKind.AREA:
            area = r
            members[r] = []
            members[len(rows) + 1].append(r)
        elif row.kind is RowKind.CATEGORY:
            category = r
            members[r] = []
            members[area].append(r)
        elif row.kind is RowKind.LINE:
            members[category].append(r)
    return members


def _line_formulas(r: int, month: int) -> dict[str, Any]:
    c = COL
    last = MONTH_LABELS[month - 1]
    return {
        "To date": f"=SUM({c['jan']}{r}:{c[last]}{r})",
        "Earned units": f"=MIN(MAX({c['To date']}{r}-{c['Bas to date']}{r},0),{c['Tillägg']}{r})",
        "Earned kr": f"={c['Earned units']}{r}*{c['Unit price']}{r}",
        "Forecast": f"=ROUND({c['To date']}{r}/{SHARE_CELL},0)",
        "Forecast units": f"=MIN(MAX({c['Forecast']}{r}-{c['Bas']}{r},0),{c['Tillägg']}{r})",
        "Forecast kr": f"={c['Forecast units']}{r}*{c['Unit price']}{r}",
    }


def _values(plan: Plan, sheet: Any, row: Row, r: int, month: int, members: list[int]) -> list[Any]:
    c = COL
    values: dict[str, Any] = {"Line": neutralise(row.label)}
    f = row.figures
    if row.line is not None:
        values |= {
            "Key": row.line.key,
            "Price class": row.line.price_class.value,
            "Unit price": plan.prices.unit_price(row.line.price_class),
            "Uppdrag": f.uppdrag,
            "Bas": f.bas,
            "Tillägg": f.tillagg,
            "Plan to date": f.planned,
            "Bas to date": f.bas_to_date,
            **dict(zip(MONTH_LABELS, row.months, strict=True)),
            **_line_formulas(r, month),
        }
    else:
        for name in _SUMMED:
            summed = ",".join(f"{c[name]}{m}" for m in members)
            values[name] = f"=SUM({summed})" if summed else 0
    values["Fulfilment"] = (
        f'=IF({c["Plan to date"]}{r}=0,"—",{c["To date"]}{r}/{c["Plan to date"]}{r})'
    )
    cells: list[Any] = []
    for name in HEADERS:
        cell = WriteOnlyCell(sheet, value=values.get(name))
        if row.line is None:
            cell.font = _BOLD
        cell.number_format = "0.0%" if name == "Fulfilment" else "#,##0"
        cells.append(cell)
    return cells


def render_followup_xlsx(plan: Plan, followup: FollowUp, weights: tuple[int, ...]) -> bytes:
    """Sheets Follow-up (grouped, formulas) and About (plan, month, phasing, S(m))."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Follow-up")
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 28
    sheet.append([WriteOnlyCell(sheet, value=h) for h in HEADERS])
    members = _members(followup.rows)
    for r, row in enumerate(followup.rows, start=2):
        sheet.append(_values(plan, sheet, row, r, followup.month, members.get(r, [])))
    about = book.create_sheet("About")
    share = cumulative_share(weights, followup.month)
    for name, value in (
        ("Hospital", f"{plan.hospital.name} ({plan.hospital.code})"),
        ("Year", plan.year),
        ("Reporting month", f"{followup.month} ({MONTH_NAMES[followup.month - 1]})"),
        ("Phasing", " ".join(str(w) for w in weights)),
        ("Share S(m)", f"={share.numerator}/{share.denominator}"),
    ):
        about.append([name, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
