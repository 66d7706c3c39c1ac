"""The indicator register as an XLSX workbook: one row per indicator and outcome, as in CSV,
with the status as a word (never only a colour) and text cells neutralised."""

from __future__ import annotations

import io
from collections.abc import Sequence

from planner.formats.register_report import (
    CSV_COLUMNS,
    XLSX_HEADERS,
    RegisterLine,
    csv_rows,
    register_heading,
    summary,
)
from planner.formats.xlsx_book import new_book
from planner.i18n import _

_WIDTHS = {"text": 60, "area": 24, "uppdrag": 28, "target": 28, "schedule": 22, "note": 30}


def render_register_xlsx(
    hospital: str, year: int, lines: Sequence[RegisterLine], due: str | None = None
) -> bytes:
    out = io.BytesIO()
    book, formats = new_book(out)
    sheet = book.add_worksheet(_("Indicators"))
    sheet.write_string(0, 0, register_heading(hospital, year, due), formats["bold"])
    sheet.write_string(1, 0, summary(lines))
    for c, (name, header) in enumerate(zip(CSV_COLUMNS, XLSX_HEADERS, strict=True)):
        sheet.set_column(c, c, _WIDTHS.get(name, 12))
        sheet.write_string(3, c, _(header), formats["bold"])
    for r, row in enumerate(csv_rows(lines, people=True), start=4):
        for c, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()
