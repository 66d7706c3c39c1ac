"""The region view as an XLSX workbook: hospitals' figures as values, every sum a formula.

Subtotals are =SUM over a hospital's lines and the region columns =SUM over the hospitals
with a plan, so the sheet recomputes when a figure is changed; each formula carries its value.
Missing plans are "—".
"""

from __future__ import annotations

import io
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from planner.display import word
from planner.formats.plan_csv import neutralise
from planner.formats.plan_xlsx import subtotal_members, sum_formula
from planner.formats.region_report import FIELDS, MISSING, class_rows, column_names
from planner.formats.xlsx_book import new_book
from planner.grouping import RowKind
from planner.i18n import _
from planner.prices import Totals
from planner.region import RegionView, cells_total


def _letter(hospital: int, field: int) -> str:
    return xl_col_to_name(1 + hospital * len(FIELDS) + field)


def _region_formula(view: RegionView, field: int, row: int) -> str:
    present = view.planned
    if not present:
        return "=0"
    return "=SUM(" + ",".join(f"{_letter(i, field)}{row}" for i in present) + ")"


def _value(sheet: Any, r: int, c: int, totals: Totals | None, field: str, fmt: Any) -> None:
    if totals is None:
        sheet.write_string(r, c, MISSING)
    else:
        sheet.write_number(r, c, getattr(totals, field), fmt)


def _region_rows(view: RegionView, sheet: Any, formats: dict[str, Any]) -> None:
    for c, header in enumerate([_("Line"), *column_names(view)]):
        sheet.write_string(0, c, header, formats["bold"])
    members = subtotal_members([row.kind for row in view.rows])
    width = len(FIELDS)
    for r, row in enumerate(view.rows, start=2):
        bold = row.kind is not RowKind.LINE
        number = formats["bold_number" if bold else "number"]
        sheet.write_string(r - 1, 0, neutralise(row.label), formats["bold" if bold else "text"])
        for i, totals in enumerate(row.cells):
            for f, field in enumerate(FIELDS):
                c = 1 + i * width + f
                if row.kind is RowKind.LINE or totals is None:
                    _value(sheet, r - 1, c, totals, field, number)
                else:
                    formula = sum_formula(_letter(i, f), members[r])
                    sheet.write_formula(r - 1, c, formula, number, getattr(totals, field))
        region = cells_total(row.cells)
        for f, field in enumerate(FIELDS):
            c = 1 + len(row.cells) * width + f
            formula = _region_formula(view, f, r)
            sheet.write_formula(r - 1, c, formula, formats["bold_number"], getattr(region, field))


def _class_rows(view: RegionView, sheet: Any, formats: dict[str, Any]) -> None:
    """Tilläggskostnad per price class: values per hospital, the region as a formula."""
    headers = [_("Price class"), *(h.short_name for h in view.hospitals), _("Region")]
    for c, header in enumerate(headers):
        sheet.write_string(0, c, header, formats["bold"])
    for r, (name, cells, region) in enumerate(class_rows(view), start=2):
        total_row = name == "total"
        sheet.write_string(r - 1, 0, word(name))
        number = formats["bold_number" if total_row else "number"]
        for i, totals in enumerate(cells):
            letter = xl_col_to_name(1 + i)
            if total_row and totals is not None:
                formula = f"=SUM({letter}2:{letter}{r - 1})"
                sheet.write_formula(r - 1, 1 + i, formula, number, totals.cost)
            else:
                _value(sheet, r - 1, 1 + i, totals, "cost", number)
        last = xl_col_to_name(len(cells))
        formula = f"=SUM(B{r}:{last}{r})"
        sheet.write_formula(r - 1, 1 + len(cells), formula, formats["bold_number"], region.cost)


def render_region_xlsx(view: RegionView) -> bytes:
    """Sheets Region (grouped lines, formulas) and Price classes (cost per class); every
    formula is stored with its value, so viewers that do not recompute show the numbers."""
    out = io.BytesIO()
    book, formats = new_book(out)
    sheet = book.add_worksheet(_("Region"))
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, len(column_names(view)), 16)
    _region_rows(view, sheet, formats)
    _class_rows(view, book.add_worksheet(_("Price classes")), formats)
    book.close()
    return out.getvalue()
