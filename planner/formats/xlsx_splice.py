"""Put rows written elsewhere into one worksheet of a workbook XlsxWriter has written.

XlsxWriter writes the package (styles, column widths, frozen panes, the other sheets); the
sheet's own rows after the header are replaced by streamed SpreadsheetML rows. Its row 2 is a
probe: one styled blank cell per format, which tells the style numbers XlsxWriter gave them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable

from planner.i18n import _

_PROBE = re.compile(r'<c r="[A-Z]+2" s="(\d+)"/>')
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
# Fast deflate for the large sheet: level 1 writes in a quarter of level 6's time, ~25 % larger.
_LEVEL = 1


class SpliceError(ValueError):
    """The workbook is not shaped as expected (a header row and a probe row in the sheet)."""


def probe_styles(sheet_xml: str) -> list[int]:
    """The style numbers of the probe row's cells, left to right."""
    start, end = _probe_span(sheet_xml)
    return [int(s) for s in _PROBE.findall(sheet_xml, start, end)]


def _probe_span(sheet_xml: str) -> tuple[int, int]:
    start = sheet_xml.find('<row r="2"')
    end = sheet_xml.find("</sheetData>")
    if start < 0 or end < start:
        raise SpliceError(_("the sheet has no probe row to replace"))
    return start, end


def splice_rows(
    package: bytes,
    sheet: str,
    rows: Callable[[list[int]], Iterable[str]],
    dimension: str,
) -> bytes:
    """The package with the sheet's rows from row 2 on replaced by `rows(probe styles)`.

    `sheet` is the part name (xl/worksheets/sheet1.xml); `dimension` its used range (A1:I9).
    """
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != sheet:
                target.writestr(info.filename, data)
                continue
            xml = data.decode("utf-8")
            start, end = _probe_span(xml)
            head = _DIMENSION.sub(f'<dimension ref="{dimension}"/>', xml[:start], count=1)
            with target.open(info.filename, "w") as part:
                part.write(head.encode("utf-8"))
                for chunk in rows(probe_styles(xml)):
                    part.write(chunk.encode("utf-8"))
                part.write(xml[end:].encode("utf-8"))
    return out.getvalue()
