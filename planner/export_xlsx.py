"""The plan as an XLSX workbook whose subtotals, totals and line costs are live formulas.

A line's uppdrag is =bas+tillägg, so the sheet keeps rule R1 when a planner edits it. Every
formula is written with its computed value cached, so file previews, web viewers and
`openpyxl.load_workbook(data_only=True)` show the numbers without a spreadsheet recomputing.
XlsxWriter in constant-memory mode streams rows to disk (a 100 000-line plan fits) and, unlike
openpyxl, stores a formula together with its value.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from planner.export_data import neutralise
from planner.grouping import Row, RowKind, grouped_rows
from planner.model import Plan, PriceClass
from planner.pricing import Totals, totals_by_class
from planner.times import local_time
from planner.xlsx_book import new_book

HEADERS = [
    "Area",
    "Category",
    "Line",
    "Uppdrag",
    "Bas",
    "Tillägg",
    "Price class",
    "Unit price",
    "Tilläggskostnad",
]
CLASS_HEADERS = ["Price class", "Unit price", "Uppdrag", "Bas", "Tillägg", "Tilläggskostnad"]
_WIDTHS = [14, 24, 28, 12, 12, 12, 13, 12, 18]
# Sheet columns (0-based) of the summed figures, and their letters for formulas.
UPPDRAG, BAS, TILLAGG, PRICE_CLASS, UNIT_PRICE, COST = 3, 4, 5, 6, 7, 8
_LETTER = {UPPDRAG: "D", BAS: "E", TILLAGG: "F", PRICE_CLASS: "G", COST: "I"}


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


def _labels(row: Row, area: str, category: str) -> list[str]:
    """Area, category and line name: every row says where it belongs ("BUP" under what)."""
    if row.kind is RowKind.AREA:
        return [row.label, "", ""]
    if row.kind is RowKind.CATEGORY:
        return [area, row.label, ""]
    if row.kind is RowKind.LINE:
        return [area, category, row.label]
    return [row.label, "", ""]


def _totals(sheet: Any, r: int, members: list[int], totals: Totals, fmt: Any) -> None:
    for column, value in (
        (UPPDRAG, totals.uppdrag),
        (BAS, totals.bas),
        (TILLAGG, totals.tillagg),
        (COST, totals.cost),
    ):
        sheet.write_formula(r - 1, column, sum_formula(_LETTER[column], members), fmt, value)


def _plan_sheet(book: Any, plan: Plan, formats: dict[str, Any]) -> int:
    """Sheet Plan; returns the sheet row number of the last line row (for the class sums)."""
    sheet = book.add_worksheet("Plan")
    for index, width in enumerate(_WIDTHS):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, header, formats["bold"])
    rows = grouped_rows(plan)
    members = subtotal_members([row.kind for row in rows])
    area = category = ""
    for r, row in enumerate(rows, start=2):
        area = row.label if row.kind is RowKind.AREA else area
        category = row.label if row.kind is RowKind.CATEGORY else category
        line = row.line
        text = formats["text"] if line is not None else formats["bold"]
        for column, label in enumerate(_labels(row, area, category)):
            sheet.write_string(r - 1, column, neutralise(label), text)
        if line is None:
            _totals(sheet, r, members[r], row.totals, formats["bold_number"])
            continue
        number, v = formats["number"], line.volumes
        sheet.write_formula(r - 1, UPPDRAG, f"=E{r}+F{r}", number, v.uppdrag)
        sheet.write_number(r - 1, BAS, v.bas, number)
        sheet.write_number(r - 1, TILLAGG, v.tillagg, number)
        sheet.write_string(r - 1, PRICE_CLASS, line.price_class.value)
        sheet.write_number(r - 1, UNIT_PRICE, plan.prices.unit_price(line.price_class), number)
        sheet.write_formula(r - 1, COST, f"=F{r}*H{r}", number, row.totals.cost)
    return len(rows)


def _class_sheet(book: Any, plan: Plan, last_row: int, formats: dict[str, Any]) -> None:
    """Sheet Price classes: uppdrag, bas, tillägg and cost per class, as SUMIF over the lines."""
    sheet = book.add_worksheet("Price classes")
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 5, 16)
    for column, header in enumerate(CLASS_HEADERS):
        sheet.write_string(0, column, header, formats["bold"])
    number = formats["number"]
    by_class = totals_by_class(plan)
    for index, cls in enumerate(PriceClass, start=2):
        totals = by_class[cls]
        sheet.write_string(index - 1, 0, cls.value)
        sheet.write_number(index - 1, 1, plan.prices.unit_price(cls), number)
        for column, (source, value) in enumerate(
            ((UPPDRAG, totals.uppdrag), (BAS, totals.bas), (TILLAGG, totals.tillagg)), start=2
        ):
            sheet.write_formula(index - 1, column, _sumif(source, index, last_row), number, value)
        sheet.write_formula(index - 1, 5, _sumif(COST, index, last_row), number, totals.cost)
    end = len(PriceClass) + 1
    grand = sum(by_class.values(), Totals())
    sheet.write_string(end, 0, "Total", formats["bold"])
    for column, letter, value in (
        (2, "C", grand.uppdrag),
        (3, "D", grand.bas),
        (4, "E", grand.tillagg),
        (5, "F", grand.cost),
    ):
        formula = f"=SUM({letter}2:{letter}{end})"
        sheet.write_formula(end, column, formula, formats["bold_number"], value)


def _sumif(source: int, row: int, last_row: int) -> str:
    classes = f"Plan!$G$2:$G${last_row}"
    letter = _LETTER[source]
    return f"=SUMIF({classes},$A{row},Plan!${letter}$2:${letter}${last_row})"


def _about_sheet(book: Any, plan: Plan, meta: dict[str, Any] | None, bold: Any) -> None:
    sheet = book.add_worksheet("About")
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 70)
    meta = meta or {}
    rows = [
        ("Hospital", f"{plan.hospital.name} ({plan.hospital.code})"),
        ("Year", plan.year),
        ("Label", meta.get("label", "live plan")),
        ("Note", meta.get("note", "")),
        ("Author", meta.get("author", "")),
        ("Time", local_time(meta.get("created_at", ""))),
        ("sha256", meta.get("sha256", "")),
    ]
    for r, (name, value) in enumerate(rows):
        sheet.write_string(r, 0, name, bold)
        if isinstance(value, str):
            sheet.write_string(r, 1, neutralise(value))
        else:
            sheet.write_number(r, 1, value)


def render_xlsx(plan: Plan, meta: dict[str, Any] | None = None) -> bytes:
    """The workbook as bytes: sheets Plan (grouped, formulas), Price classes and About."""
    out = io.BytesIO()
    book, formats = new_book(out)
    last_row = _plan_sheet(book, plan, formats)
    _class_sheet(book, plan, last_row, formats)
    _about_sheet(book, plan, meta, formats["bold"])
    book.close()
    return out.getvalue()
