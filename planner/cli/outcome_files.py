"""Reading an outcome file (CSV or XLSX) into rows for the pure parser, with its sha256."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from planner.cli.common import fail
from planner.i18n import _
from planner.text import first_problems


def _csv_rows(data: bytes, path: Path) -> list[list[object]]:
    """UTF-8 with or without BOM; `;` or `,` as the header (first non-comment) line shows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(
            _("{path} is not UTF-8 text (byte {start}); save it as CSV UTF-8").format(
                path=path, start=exc.start
            )
        )
    header = next((ln for ln in text.splitlines() if not ln.startswith("#")), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_rows(data: bytes, path: Path) -> list[list[object]]:
    """The first sheet's values (formulas as last computed); a formula without one is refused."""
    from planner.readers.xlsx_cells import SheetError, sheet_rows, uncomputed_formulas

    try:
        rows = sheet_rows(data, computed=True)
        missing = uncomputed_formulas(data, rows)
    except SheetError as exc:
        fail(f"{path}: {exc}")
    if missing:
        fail(
            _(
                "{path}: {missing}: a formula without a computed value (open and save"
                " the file in Excel or LibreOffice); nothing was imported"
            ).format(path=path, missing=", ".join(first_problems(missing, 10)))
        )
    return rows


def read_outcome_file(path: Path) -> tuple[list[list[object]], str]:
    """The file's rows (header first) and the sha256 of its bytes."""
    from db.input_files import read_input_file

    data = read_input_file(path)
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return _xlsx_rows(data, path), digest
    return _csv_rows(data, path), digest
