"""The plan as an XLSX workbook whose subtotals, totals and line costs are live formulas.

A line's uppdrag is =bas+tillägg, so the sheet keeps rule R1 when a planner edits it.
Written in openpyxl's write-only mode, which streams rows (a 100 000-line plan fits).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from planner.export_data import neutralise
from planner.grouping import RowKind, grouped_rows
from planner.model import Plan

HEADERS = ["Line", "Uppdrag", "Bas", "Tillägg", "Price class", "Unit price", "Tilläggskostnad"]
NUMBER_FORMAT = "#,##0"
_WIDTHS = [28, 12, 12, 12, 13, 12, 18]
_BOLD = Font(bold=True)
_INDENT = {RowKind.CATEGORY: Alignment(indent=1), RowKind.LINE: Alignment(indent=2)}


def sum_formula(column: str, rows: list[int]) -> str:
    """=SUM over a contiguous range when possible, else over the listed cells."""
    if rows and rows == list(range(rows[0], rows[-1] + 1)):
        return f"=SUM({column}{rows[0]}:{column}{rows[-1]})"
    return "=SUM(" + ",".join(f"{column}{r}" for r in rows) + ")"


def subtotal_members(kinds: Sequence[RowKind]) -> dict[int, list[int]]:
    """For each subtotal row (by sheet row number, data from row 2), the sheet rows it sums."""
    members: dict[int, list[int]] = {}
    area = category = 0
    total = len(kinds) + 1
    members[total] = []
    for sheet_row, kind in enumerate(kinds, start=2):
        if kind is RowKind.AREA:
            area = sheet_row
            members[area] = []
            members[total].append(area)
        elif kind is RowKind.CATEGORY:
            category = sheet_row
            members[category] = []
            members[area].append(category)
        elif kind is RowKind.LINE:
            members[category].append(sheet_row)
    return members


def cell(sheet: Any, value: Any, bold: bool = False, number: bool = False) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = _BOLD
    if number:
        cell.number_format = NUMBER_FORMAT
    return cell


def _plan_rows(plan: Plan, sheet: Any) -> None:
    sheet.append([cell(sheet, header, bold=True) for header in HEADERS])
    rows = grouped_rows(plan)
    members = subtotal_members([row.kind for row in rows])
    for r, row in enumerate(rows, start=2):
        line = row.line
        label = cell(sheet, neutralise(line.name if line else row.label), bold=line is None)
        if row.kind in _INDENT:
            label.alignment = _INDENT[row.kind]
        if line is not None:
            sheet.append(
                [
                    label,
                    cell(sheet, f"=C{r}+D{r}", number=True),
                    cell(sheet, line.volumes.bas, number=True),
                    cell(sheet, line.volumes.tillagg, number=True),
                    line.price_class.value,
                    cell(sheet, plan.prices.unit_price(line.price_class), number=True),
                    cell(sheet, f"=D{r}*F{r}", number=True),
                ]
            )
            continue
        sums = {c: cell(sheet, sum_formula(c, members[r]), True, True) for c in "BCDG"}
        sheet.append([label, sums["B"], sums["C"], sums["D"], None, None, sums["G"]])


def _about_rows(plan: Plan, meta: dict[str, Any] | None, sheet: Any) -> None:
    meta = meta or {}
    rows = [
        ("Hospital", f"{plan.hospital.name} ({plan.hospital.code})"),
        ("Year", plan.year),
        ("Label", meta.get("label", "live plan")),
        ("Note", meta.get("note", "")),
        ("Author", meta.get("author", "")),
        ("Time", meta.get("created_at", "")),
        ("sha256", meta.get("sha256", "")),
    ]
    for name, value in rows:
        shown = neutralise(value) if isinstance(value, str) else value
        sheet.append([cell(sheet, name, bold=True), shown])


def render_xlsx(plan: Plan, meta: dict[str, Any] | None = None) -> bytes:
    """The workbook as bytes: sheet Plan (grouped, formulas) and sheet About (metadata)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Plan")
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _plan_rows(plan, sheet)
    about = book.create_sheet("About")
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 70
    _about_rows(plan, meta, about)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
