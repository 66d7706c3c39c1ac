"""Reading the first sheet of an XLSX file within fixed bounds, whatever the sheet declares.

A sheet's declared dimension (`A1:XFD1048576` in a file of 1.6 KB) makes openpyxl pad every
row to 16 384 columns; the dimension is ignored, columns are read up to one beyond the cap and
rows one at a time, and a sheet using more is refused in one line.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from planner.i18n import _
from planner.numbers import format_number

MAX_ROWS = 10_000
MAX_COLUMNS = 64


class SheetError(ValueError):
    """The workbook cannot be read, or its first sheet is larger than planner reads."""


def _bounded_rows(data: bytes, computed: bool) -> Iterator[tuple[object, ...]]:
    from openpyxl import load_workbook  # here, not at start-up: every command paid it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=computed)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetError(_("not a readable XLSX workbook: {exc}").format(exc=exc)) from exc
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
    except SheetError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read, not when opened
        raise SheetError(_("not a readable XLSX workbook: {exc}").format(exc=exc)) from exc
    finally:
        book.close()


def sheet_rows(data: bytes, *, computed: bool) -> list[list[object]]:
    """The first sheet's rows, trailing empty cells dropped: formulas as their text, or with
    `computed` as last computed (None when the file holds no computed value)."""
    rows: list[list[object]] = []
    for number, row in enumerate(_bounded_rows(data, computed), start=1):
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
            raise SheetError(
                _("row {number} uses more than {MAX_COLUMNS} columns; refused").format(
                    number=number, MAX_COLUMNS=MAX_COLUMNS
                )
            )
        cells = list(row[:MAX_COLUMNS])
        while cells and cells[-1] is None:
            cells.pop()
        if number > MAX_ROWS:
            if cells:
                raise SheetError(
                    _("the sheet has data beyond row {limit}; refused").format(
                        limit=format_number(MAX_ROWS)
                    )
                )
            continue
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def uncomputed_formulas(data: bytes, values: list[list[object]]) -> list[str]:
    """Addresses ("B3") of formulas whose computed value the file does not hold."""
    from openpyxl.utils import get_column_letter

    found = []
    for r, row in enumerate(sheet_rows(data, computed=False), start=1):
        for c, cell in enumerate(row, start=1):
            shown = values[r - 1][c - 1] if r <= len(values) and c <= len(values[r - 1]) else None
            if isinstance(cell, str) and cell.startswith("=") and shown is None:
                found.append(f"{get_column_letter(c)}{r}")
    return found
