"""The plan as an XLSX workbook whose subtotals, totals and line costs are live formulas.

A line's uppdrag is =bas+tillägg, so the sheet keeps rule R1 when a planner edits it. Every
formula is written with its computed value cached, so file previews, web viewers and
`openpyxl.load_workbook(data_only=True)` show the numbers without a spreadsheet recomputing.
XlsxWriter (constant-memory mode) writes the workbook and, unlike openpyxl, stores a formula
together with its value; the Plan sheet's data rows are streamed in by formats.xlsx_plan_rows,
since XlsxWriter's per-cell work took 18-23 s for a 100 000-line plan.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import Any

from planner import display
from planner.formats.plan_csv import neutralise
from planner.formats.plan_table import Area, LineRow, PlanTable, grouped, sums
from planner.formats.xlsx_book import new_book
from planner.formats.xlsx_plan_rows import Styles, plan_rows
from planner.formats.xlsx_splice import SpliceError, splice_rows
from planner.grouping import RowKind
from planner.i18n import N_, _
from planner.model import PriceClass
from planner.times import local_time

HEADERS = [
    N_("Area"),
    N_("Category"),
    N_("Line"),
    N_("Uppdrag"),
    N_("Bas"),
    N_("Tillägg"),
    N_("Price class"),
    N_("Unit price"),
    N_("Tilläggskostnad"),
    N_("Note"),
]
CLASS_HEADERS = [
    N_("Price class"),
    N_("Unit price"),
    N_("Uppdrag"),
    N_("Bas"),
    N_("Tillägg"),
    N_("Tilläggskostnad"),
]
_WIDTHS = [14, 24, 28, 12, 12, 12, 13, 12, 18, 40]
# Sheet columns (0-based) of the summed figures, and their letters for formulas.
UPPDRAG, BAS, TILLAGG, PRICE_CLASS, UNIT_PRICE, COST = 3, 4, 5, 6, 7, 8
_LETTER = {UPPDRAG: "D", BAS: "E", TILLAGG: "F", PRICE_CLASS: "G", COST: "I"}
# The probe row's formats, in the order of planner.formats.xlsx_plan_rows.Styles.
_PROBE_FORMATS = ("bold", "bold_number", "text", "number")
PLAN_PART = "xl/worksheets/sheet1.xml"  # the first sheet added


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


def _plan_sheet(book: Any, formats: dict[str, Any]) -> None:
    """Sheet Plan as XlsxWriter writes it: widths, frozen header, the header row, and the probe
    row whose cells carry the formats the streamed rows use (see planner.formats.xlsx_splice)."""
    sheet = book.add_worksheet("Plan")
    for index, width in enumerate(_WIDTHS):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    for column, header in enumerate(HEADERS):
        sheet.write_string(0, column, _(header), formats["bold"])
    for column, name in enumerate(_PROBE_FORMATS):
        sheet.write_blank(1, column, None, formats[name])


def _last_line_row(areas: list[Area]) -> int:
    """Sheet row of Plan's last row before the total: the header, areas, categories, lines."""
    return 1 + sum(1 + len(a.categories) + sum(len(c.lines) for c in a.categories) for a in areas)


def _class_sheet(book: Any, table: PlanTable, last_row: int, formats: dict[str, Any]) -> None:
    """Sheet Price classes: uppdrag, bas, tillägg and cost per class, as SUMIF over the lines."""
    sheet = book.add_worksheet(_("Price classes"))
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 5, 16)
    for column, header in enumerate(CLASS_HEADERS):
        sheet.write_string(0, column, _(header), formats["bold"])
    number = formats["number"]
    by_class: dict[str, list[LineRow]] = {cls.value: [] for cls in PriceClass}
    for line in table.lines:
        by_class[line[7]].append(line)
    for index, cls in enumerate(PriceClass, start=2):
        totals = sums(by_class[cls.value])
        sheet.write_string(index - 1, 0, display.word(cls.value))
        sheet.write_number(index - 1, 1, table.prices.unit_price(cls), number)
        for column, source in enumerate((UPPDRAG, BAS, TILLAGG, COST), start=2):
            formula = _sumif(source, index, last_row)
            sheet.write_formula(index - 1, column, formula, number, totals[column - 2])
    end = len(PriceClass) + 1
    grand = sums(table.lines)
    sheet.write_string(end, 0, _("Total"), formats["bold"])
    for column, letter, value in zip((2, 3, 4, 5), "CDEF", grand, strict=True):
        formula = f"=SUM({letter}2:{letter}{end})"
        sheet.write_formula(end, column, formula, formats["bold_number"], value)


def _sumif(source: int, row: int, last_row: int) -> str:
    classes = f"Plan!$G$2:$G${last_row}"
    letter = _LETTER[source]
    return f"=SUMIF({classes},$A{row},Plan!${letter}$2:${letter}${last_row})"


def _about_sheet(book: Any, table: PlanTable, meta: dict[str, Any] | None, bold: Any) -> None:
    sheet = book.add_worksheet(_("About"))
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 70)
    meta = meta or {}
    rows = [
        (_("Hospital"), f"{table.hospital.name} ({table.hospital.code})"),
        (_("Year"), table.year),
        (_("Label"), meta.get("label", _("live plan"))),
        *([(_("Scenario"), table.scenario)] if table.scenario else []),
        (_("Note"), meta.get("note", "")),
        (_("Author"), meta.get("author", "")),
        (_("Time"), local_time(meta.get("created_at", ""))),
        ("sha256", meta.get("sha256", "")),
    ]
    for r, (name, value) in enumerate(rows):
        sheet.write_string(r, 0, name, bold)
        if isinstance(value, str):
            sheet.write_string(r, 1, neutralise(value))
        else:
            sheet.write_number(r, 1, value)


def render_xlsx(table: PlanTable, meta: dict[str, Any] | None = None) -> bytes:
    """The workbook as bytes: sheets Plan (grouped, formulas), Price classes and About.

    XlsxWriter writes the workbook with Plan's header; Plan's data rows are then streamed in
    by planner.formats.xlsx_plan_rows (a 100 000-line plan in seconds, not the 20 s of cell calls).
    """
    areas, total = grouped(table.lines)
    last_row = _last_line_row(areas)
    out = io.BytesIO()
    book, formats = new_book(out)
    _plan_sheet(book, formats)
    _class_sheet(book, table, last_row, formats)
    _about_sheet(book, table, meta, formats["bold"])
    book.close()

    def rows(found: list[int]) -> Iterator[str]:
        if len(found) != len(_PROBE_FORMATS):
            raise SpliceError(f"the probe row has {len(found)} styled cells, not 4")
        return plan_rows(areas, total, Styles(*found), table.notes)

    return splice_rows(out.getvalue(), PLAN_PART, rows, f"A1:J{last_row + 1}")
