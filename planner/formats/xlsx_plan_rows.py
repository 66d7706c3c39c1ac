"""The Plan sheet's data rows as SpreadsheetML text, in the cell form XlsxWriter writes.

Why not XlsxWriter itself: writing a 100 000-line plan cell by cell took 18-23 s, most of it
XlsxWriter's per-cell work (per-formula regular expressions in `_prepare_formula`, argument
checks, attribute escaping for each of 900 000 cells). These rows are filled into one template
per row (about 0.5 s) and spliced into the workbook XlsxWriter writes (planner.formats.xlsx_splice).
Strings are escaped as XlsxWriter escapes inline strings; every formula carries its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from planner.display import word
from planner.formats.plan_csv import neutralise, neutralised
from planner.formats.plan_table import Area, Category, Sums
from planner.grouping import TOTAL_LABEL
from planner.model import PriceClass

# Excel's SUM takes at most 255 arguments; a subtotal over more groups sums by SUMIF instead.
MAX_SUM_ARGUMENTS = 255
_BATCH = 1000  # line rows per yielded chunk
_CELL_MAX = 32767  # Excel's longest cell text, in UTF-16 units
_ESCAPED = re.compile(r"_x[0-9a-fA-F]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_SPECIAL = re.compile(r"[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]|^\s|\s$")
_EDGE_SPACE = re.compile(r"^\s|\s$")


@dataclass(frozen=True)
class Styles:
    """Cell style (xf) numbers of the workbook's formats."""

    bold: int
    bold_number: int
    text: int
    number: int


def inline_text(text: str) -> str:
    """`<is>` content of an inline string cell: control characters as _xHHHH_, XML escaped."""
    if len(text) > _CELL_MAX // 2 and len(text.encode("utf-16-le")) > 2 * _CELL_MAX:
        text = text.encode("utf-16-le")[: 2 * _CELL_MAX].decode("utf-16-le", "ignore")
    if not _SPECIAL.search(text):
        return f"<is><t>{text}</t></is>"
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    return f"<is><t{space}>{_escape(text)}</t></is>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _classes() -> dict[str, str]:
    """Column G of a line row per price class, in the chosen language ("besök" / "visit"),
    escaped once per sheet (the Price classes sheet sums by the same words)."""
    return {cls.value: inline_text(word(cls.value)) for cls in PriceClass}


def subtotal_formula(column: str, rows: Sequence[int], first: int, last: int) -> str:
    """SUM over the rows (a range when contiguous); past 255 of them, SUMIF over the line
    rows from `first` to `last`: only line rows have a price class in column G."""
    if rows and rows[-1] - rows[0] == len(rows) - 1:  # rows ascend, so this is a range
        return f"SUM({column}{rows[0]}:{column}{rows[-1]})"
    if len(rows) <= MAX_SUM_ARGUMENTS:
        return "SUM(" + ",".join(f"{column}{r}" for r in rows) + ")"
    return f'SUMIF($G${first}:$G${last},"<>",{column}{first}:{column}{last})'


def _subtotal_row(
    r: int, labels: tuple[str, str, str], sums: Sums, formulas: list[str], s: Styles
) -> str:
    a, b, c = (inline_text(neutralise(label)) for label in labels)
    cells = "".join(
        f'<c r="{letter}{r}" s="{s.bold_number}"><f>{_escape(formula)}</f><v>{value}</v></c>'
        for letter, formula, value in zip("DEFI", formulas, sums, strict=True)
    )
    bold = s.bold
    return (
        f'<row r="{r}"><c r="A{r}" s="{bold}" t="inlineStr">{a}</c>'
        f'<c r="B{r}" s="{bold}" t="inlineStr">{b}</c><c r="C{r}" s="{bold}" t="inlineStr">{c}</c>'
        f"{cells}</row>"
    )


def _sums_over(rows: Sequence[int], first: int, last: int) -> list[str]:
    return [subtotal_formula(letter, rows, first, last) for letter in "DEFI"]


def _note_cell(row: int, note: str, text_style: int) -> str:
    """Column J of a line row: its note as text (neutralised), or nothing without one."""
    if not note:
        return ""
    return f'<c r="J{row}" s="{text_style}" t="inlineStr">{inline_text(neutralise(note))}</c>'


def _line_rows(
    area: str,
    category: Category,
    first: int,
    styles: Styles,
    notes: Mapping[str, str],
    classes: Mapping[str, str],
) -> Iterator[str]:
    """The category's line rows from sheet row `first`, in chunks of up to _BATCH rows."""
    t, n = styles.text, styles.number
    cells_a = f'" s="{t}" t="inlineStr">{inline_text(neutralise(area))}</c>'
    cells_b = f'" s="{t}" t="inlineStr">{inline_text(neutralise(category.name))}</c>'
    lines = category.lines
    names = neutralised([line[3] for line in lines])
    for start in range(0, len(lines), _BATCH):
        part = []
        row = first + start
        batch = zip(names[start : start + _BATCH], lines[start : start + _BATCH], strict=True)
        for name, (key, _, _, _, uppdrag, bas, tillagg, cls, price, cost) in batch:
            part.append(
                f'<row r="{row}"><c r="A{row}{cells_a}<c r="B{row}{cells_b}'
                f'<c r="C{row}" s="{t}" t="inlineStr">{inline_text(name)}</c>'
                f'<c r="D{row}" s="{n}"><f>E{row}+F{row}</f><v>{uppdrag}</v></c>'
                f'<c r="E{row}" s="{n}"><v>{bas}</v></c>'
                f'<c r="F{row}" s="{n}"><v>{tillagg}</v></c>'
                f'<c r="G{row}" t="inlineStr">{classes[cls]}</c>'
                f'<c r="H{row}" s="{n}"><v>{price}</v></c>'
                f'<c r="I{row}" s="{n}"><f>F{row}*H{row}</f><v>{cost}</v></c>'
                f"{_note_cell(row, notes.get(key, ''), t) if notes else ''}</row>"
            )
            row += 1
        yield "".join(part)


def plan_rows(
    areas: list[Area], total: Sums, styles: Styles, notes: Mapping[str, str]
) -> Iterator[str]:
    """Rows from sheet row 2: each area, its categories, their lines; the total row last.

    Subtotals are formulas over the rows below them, each with its value cached.
    """
    r = 2
    area_rows = []
    classes = _classes()
    for area in areas:
        area_rows.append(r)
        category_rows = []
        row = r + 1
        for category in area.categories:
            category_rows.append(row)
            row += 1 + len(category.lines)
        last = row - 1
        formulas = _sums_over(category_rows, r + 1, last)
        yield _subtotal_row(r, (area.name, "", ""), area.sums, formulas, styles)
        for row, category in zip(category_rows, area.categories, strict=True):
            first, end = row + 1, row + len(category.lines)
            formulas = _sums_over(range(first, end + 1), first, end)
            yield _subtotal_row(
                row, (area.name, category.name, ""), category.sums, formulas, styles
            )
            yield from _line_rows(area.name, category, first, styles, notes, classes)
        r = last + 1
    yield _subtotal_row(r, (TOTAL_LABEL, "", ""), total, _sums_over(area_rows, 2, r - 1), styles)
