"""A block of cells pasted from a spreadsheet (tab-separated rows), read onto a grid's cells.

Excel and LibreOffice copy a range as rows of tab-separated cells ending in a line break.
Each cell is read like a typed value by the caller's `read` ("1 234", "1 234", "1234");
an empty cell is left as it is. All or nothing: the first bad cell refuses the whole block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from planner.i18n import _
from planner.text import escape_control

R = TypeVar("R")
C = TypeVar("C")


_BLANKS = " \t\u00a0\u202f"


class BlockRefused(ValueError):
    """The block does not fit or a cell is not a valid value; nothing may be stored."""


def split_block(text: str) -> list[list[str]]:
    """Rows of tab-separated cells; the line break after the last row is not a row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def is_block(text: str) -> bool:
    """Whether pasted text holds more than one cell (a tab or a line break inside)."""
    inner = text.strip("\r\n")
    return "\t" in inner or "\n" in inner or "\r" in inner


def read_block(
    cells: Sequence[Sequence[str]],
    rows: Sequence[tuple[R, str]],
    columns: Sequence[tuple[C, str]],
    read: Callable[[R, C, str], int],
) -> dict[tuple[R, C], int]:
    """The values of `cells` laid from the first of `rows` and `columns` (key, label).

    A first row of column labels (a block copied from a grid carries its header) is skipped.
    `read(row, column, text)` checks one cell as if typed and raises ValueError when it is
    not valid; the first refusal names the cell ("row 2, column 3 (Ortopedi, mar)").
    """
    cells = _without_header(cells, columns)
    if not cells or all(not "".join(row).strip() for row in cells):
        raise BlockRefused(_("the pasted text holds no values"))
    height, width = len(cells), max(len(row) for row in cells)
    if height > len(rows):
        raise BlockRefused(
            _("the block has {height} rows but only {lines} lines are from the cursor down").format(
                height=height, lines=len(rows)
            )
        )
    if width > len(columns):
        raise BlockRefused(
            _(
                "the block has {width} columns but only {columns} editable columns are"
                " from the cursor to the right"
            ).format(width=width, columns=len(columns))
        )
    values: dict[tuple[R, C], int] = {}
    for i, row in enumerate(cells):
        (row_key, row_label) = rows[i]
        for j, text in enumerate(row):
            if not text.strip(_BLANKS):
                continue
            column_key, column_label = columns[j]
            try:
                values[(row_key, column_key)] = read(row_key, column_key, text)
            except ValueError as exc:
                refused = _(
                    "row {row}, column {column} ({row_label}, {column_label}): {reason}"
                ).format(
                    row=i + 1,
                    column=j + 1,
                    row_label=row_label,
                    column_label=column_label,
                    reason=exc,
                )
                raise BlockRefused(escape_control(refused)) from exc
    return values


def _without_header(
    cells: Sequence[Sequence[str]], columns: Sequence[tuple[C, str]]
) -> Sequence[Sequence[str]]:
    """`cells` without a first row whose every filled cell is a column's label."""
    labels = {label.casefold() for _, label in columns}
    first = [text.strip(_BLANKS) for text in cells[0] if text.strip(_BLANKS)] if cells else []
    if len(cells) > 1 and first and all(text.casefold() in labels for text in first):
        return cells[1:]
    return cells
