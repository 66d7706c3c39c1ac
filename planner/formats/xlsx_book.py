"""The workbook every XLSX export starts from: XlsxWriter in constant-memory mode and the
cell formats the sheets share, so plan, region and follow-up workbooks look alike."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


def new_book(out: io.BytesIO) -> tuple[Any, dict[str, Any]]:
    """A workbook writing to `out`, rows streamed to disk, and its named formats."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    formats = {
        "bold": book.add_format({"bold": True}),
        "text": book.add_format(),
        "number": book.add_format({"num_format": NUMBER_FORMAT}),
        "bold_number": book.add_format({"bold": True, "num_format": NUMBER_FORMAT}),
        "percent": book.add_format({"num_format": PERCENT_FORMAT}),
        "bold_percent": book.add_format({"bold": True, "num_format": PERCENT_FORMAT}),
    }
    return book, formats
