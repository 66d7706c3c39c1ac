"""Reading an outcome file (CSV or XLSX) into rows for the pure parser, with its sha256."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from planner.cli.common import fail


def _csv_rows(data: bytes, path: Path) -> list[list[object]]:
    """UTF-8 with or without BOM; `;` or `,` as the header (first non-comment) line shows."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(f"{path} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8")
    header = next((ln for ln in text.splitlines() if not ln.startswith("#")), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_rows(data: bytes, path: Path) -> list[list[object]]:
    """The first sheet's values (formulas as last computed), read-only."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        fail(f"{path} is not a readable XLSX workbook: {exc}")
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_outcome_file(path: Path) -> tuple[list[list[object]], str]:
    """The file's rows (header first) and the sha256 of its bytes."""
    from db.input_files import read_input_file

    data = read_input_file(path)
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return _xlsx_rows(data, path), digest
    return _csv_rows(data, path), digest
