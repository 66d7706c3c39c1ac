"""An outcome file's bytes (CSV, tab-separated text or XLSX) as rows for the outcome parser.

Shared by `planner outcomes import` and the follow-up's import dialog; pure (bytes in).
"""

from __future__ import annotations

import csv
import io

from planner.i18n import _
from planner.text import first_problems


class OutcomeFileError(ValueError):
    """The bytes are not a readable table; the message says what to do."""


def text_rows(data: bytes, name: str) -> list[list[object]]:
    """UTF-8 with or without BOM; tab, `;` or `,` as the header (first non-comment) line shows
    (a block copied from a spreadsheet is tab-separated)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OutcomeFileError(
            _("{name} is not UTF-8 text (byte {byte}); save it as CSV UTF-8").format(
                name=name, byte=exc.start
            )
        ) from exc
    header = next((ln for ln in text.splitlines() if not ln.startswith("#")), "")
    tabs, semicolons, commas = header.count("\t"), header.count(";"), header.count(",")
    delimiter = "\t" if tabs > max(semicolons, commas) else ";" if semicolons > commas else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def sheet_rows_of(data: bytes, name: str) -> list[list[object]]:
    """The first sheet's values (formulas as last computed); a formula without one is refused."""
    from planner.readers.xlsx_cells import SheetError, sheet_rows, uncomputed_formulas

    try:
        rows = sheet_rows(data, computed=True)
        missing = uncomputed_formulas(data, rows)
    except SheetError as exc:
        raise OutcomeFileError(f"{name}: {exc}") from exc
    if missing:
        raise OutcomeFileError(
            _(
                "{name}: {cells}: a formula without a computed value (open and save the file in"
                " Excel or LibreOffice); nothing was imported"
            ).format(name=name, cells=", ".join(first_problems(missing, 10)))
        )
    return rows


def outcome_rows(data: bytes, name: str) -> list[list[object]]:
    """The rows of an outcome file named `name` (its suffix says XLSX or text)."""
    if name.casefold().endswith((".xlsx", ".xlsm")):
        return sheet_rows_of(data, name)
    return text_rows(data, name)
