"""The plan as an XLSX workbook whose subtotals, totals and line costs are live formulas.

A line's uppdrag is =bas+tillägg, so the sheet keeps rule R1 when a planner edits it.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from planner.export_data import neutralise
from planner.grouping import RowKind, grouped_rows
from planner.model import Plan

HEADERS = ["Line", "Uppdrag", "Bas", "Tillägg", "Price class", "Unit price", "Tilläggskostnad"]
NUMBER_FORMAT = "#,##0"
_SUMMED = "BCDG"
_WIDTHS = [28, 12, 12, 12, 13, 12, 18]


def _sum_of(column: str, rows: list[int]) -> str:
    """=SUM over a contiguous range when possible, else over the listed cells."""
    if rows and rows == list(range(rows[0], rows[-1] + 1)):
        return f"=SUM({column}{rows[0]}:{column}{rows[-1]})"
    return "=SUM(" + ",".join(f"{column}{r}" for r in rows) + ")"


def _plan_sheet(plan: Plan, sheet: Any) -> None:
    sheet.title = "Plan"
    sheet.append(HEADERS)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "A2"
    rows = grouped_rows(plan)
    line_rows: dict[str, list[int]] = {}
    category_rows: dict[str, list[int]] = {}
    area_rows: list[int] = []
    placed: list[tuple[int, Any]] = []
    for excel_row, row in enumerate(rows, start=2):
        placed.append((excel_row, row))
        if row.kind is RowKind.LINE and row.line is not None:
            group = f"{row.line.area}/{row.line.category}"
            line_rows.setdefault(group, []).append(excel_row)
        elif row.kind is RowKind.CATEGORY:
            category_rows.setdefault(row.group.split("/", 1)[0], []).append(excel_row)
        elif row.kind is RowKind.AREA:
            area_rows.append(excel_row)
    for excel_row, row in placed:
        line = row.line
        if line is not None:
            sheet.append(
                [
                    neutralise(line.name),
                    f"=C{excel_row}+D{excel_row}",
                    line.volumes.bas,
                    line.volumes.tillagg,
                    line.price_class.value,
                    plan.prices.unit_price(line.price_class),
                    f"=D{excel_row}*F{excel_row}",
                ]
            )
            sheet.cell(excel_row, 1).alignment = Alignment(indent=2)
            continue
        if row.kind is RowKind.CATEGORY:
            members = line_rows[row.group]
        elif row.kind is RowKind.AREA:
            members = category_rows[row.group]
        else:
            members = area_rows
        formulas = {c: _sum_of(c, members) for c in _SUMMED}
        sheet.append(
            [
                neutralise(row.label),
                formulas["B"],
                formulas["C"],
                formulas["D"],
                None,
                None,
                formulas["G"],
            ]
        )
        for cell in sheet[excel_row]:
            cell.font = bold
        if row.kind is RowKind.CATEGORY:
            sheet.cell(excel_row, 1).alignment = Alignment(indent=1)
    for row_cells in sheet.iter_rows(min_row=2, min_col=2, max_col=7):
        for cell in row_cells:
            if cell.column_letter != "E":
                cell.number_format = NUMBER_FORMAT
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _about_sheet(plan: Plan, meta: dict[str, Any] | None, sheet: Any) -> None:
    sheet.title = "About"
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
        sheet.append([name, neutralise(value) if isinstance(value, str) else value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 70


def render_xlsx(plan: Plan, meta: dict[str, Any] | None = None) -> bytes:
    """The workbook as bytes: sheet Plan (grouped, formulas) and sheet About (metadata)."""
    book = Workbook()
    _plan_sheet(plan, book.active)
    _about_sheet(plan, meta, book.create_sheet())
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
