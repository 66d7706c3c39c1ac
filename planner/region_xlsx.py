"""The region view as an XLSX workbook: hospitals' figures as values, every sum a formula.

Subtotals are =SUM over a hospital's lines and the region columns =SUM over the hospitals
with a plan, so the sheet recomputes when a figure is changed. Missing plans are "—".
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from planner.export_data import neutralise
from planner.export_xlsx import NUMBER_FORMAT, subtotal_members, sum_formula
from planner.grouping import RowKind
from planner.pricing import Totals
from planner.region import RegionView
from planner.region_report import FIELDS, MISSING, class_rows, column_names

_BOLD = Font(bold=True)


def cell(sheet: Any, value: Any, bold: bool = False, number: bool = False) -> WriteOnlyCell:
    """A streamed cell, bold and/or with the thousands number format."""
    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = _BOLD
    if number:
        cell.number_format = NUMBER_FORMAT
    return cell


def _letter(hospital: int, field: int) -> str:
    return get_column_letter(2 + hospital * len(FIELDS) + field)


def _region_formula(view: RegionView, field: int, row: int) -> str:
    present = view.planned
    if not present:
        return "=0"
    return "=SUM(" + ",".join(f"{_letter(i, field)}{row}" for i in present) + ")"


def _value(sheet: Any, totals: Totals | None, field: str, bold: bool) -> Any:
    if totals is None:
        return MISSING
    return cell(sheet, getattr(totals, field), bold=bold, number=True)


def _region_rows(view: RegionView, sheet: Any) -> None:
    sheet.append([cell(sheet, h, bold=True) for h in ["Line", *column_names(view)]])
    members = subtotal_members([row.kind for row in view.rows])
    hospitals = range(len(view.hospitals))
    for r, row in enumerate(view.rows, start=2):
        bold = row.kind is not RowKind.LINE
        values: list[Any] = [cell(sheet, neutralise(row.label), bold=bold)]
        for i in hospitals:
            for f, field in enumerate(FIELDS):
                if row.kind is RowKind.LINE or row.cells[i] is None:
                    values.append(_value(sheet, row.cells[i], field, bold))
                else:
                    values.append(cell(sheet, sum_formula(_letter(i, f), members[r]), bold, True))
        for f in range(len(FIELDS)):
            values.append(cell(sheet, _region_formula(view, f, r), bold=True, number=True))
        sheet.append(values)


def _class_rows(view: RegionView, sheet: Any) -> None:
    """Tilläggskostnad per price class: values per hospital, the region as a formula."""
    sheet.append(
        [
            cell(sheet, h, bold=True)
            for h in ["Price class", *(h.short_name for h in view.hospitals), "Region"]
        ]
    )
    for r, (name, cells, _) in enumerate(class_rows(view), start=2):
        values: list[Any] = [name]
        for i, totals in enumerate(cells):
            letter = get_column_letter(2 + i)
            if name == "total" and totals is not None:
                values.append(cell(sheet, f"=SUM({letter}2:{letter}{r - 1})", True, True))
            else:
                values.append(_value(sheet, totals, "cost", name == "total"))
        last = get_column_letter(1 + len(cells))
        values.append(cell(sheet, f"=SUM(B{r}:{last}{r})", bold=True, number=True))
        sheet.append(values)


def render_region_xlsx(view: RegionView) -> bytes:
    """Sheets Region (grouped lines, formulas) and Price classes (cost per class)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Region")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    for index in range(2, 2 + len(column_names(view))):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    _region_rows(view, sheet)
    _class_rows(view, book.create_sheet("Price classes"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
