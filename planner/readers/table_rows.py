"""Turning a decision's volume table, as text, CSV cells or sheet cells, into labelled rows.

Text copied from a PDF separates cells by tabs or runs of spaces and groups digits with
spaces or no-break spaces; a row whose cells are single-spaced is split by rule R1
(uppdrag = bas + tillägg) when only one split fits.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from planner.i18n import _
from planner.numbers import whole_digits
from planner.readers.xlsx_cells import SheetError, sheet_rows
from planner.text import CONTROL

Figure = int | str | None
"""A cell as read: None when blank, an int from a sheet, else the text to parse."""

FIELDS = ("uppdrag", "bas", "tillägg")
_ALLOWED = frozenset([ord("\t")])
_CELL_SPLIT = re.compile(r"\t| {2,}")
_LABEL_AND_FIGURES = re.compile(
    r"(.*?[^0-9\s\u00a0\u202f\-\u2212])[ \u00a0\u202f]+([0-9\s\u00a0\u202f,.\-\u2212]+)"
)
_NARROW_SPACES = "\u00a0\u202f"
_HEADER_WORDS = ("uppdrag", "bas", "tillagg")


class TableInputError(ValueError):
    """The input is not a table at all (empty, binary, unreadable)."""


@dataclass(frozen=True)
class RawRow:
    """One input row: its 1-based line number, its label and up to three figures.

    `key` is set when the row names its catalogue line (planner's own CSV export);
    `kind` is "line", "area", "category" or "total" when the input says which it is;
    `derived` marks an uppdrag given as a formula (planner's own XLSX export).
    """

    number: int
    label: str
    figures: tuple[Figure, Figure, Figure]
    key: str = ""
    kind: str = ""
    derived: bool = False
    problem: str = ""


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a label, with runs of white space as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("\u00a0", " ").replace("\u202f", " ").split())


def is_header(cells: list[str]) -> bool:
    """A row naming the three columns (`NU-sjukvården  uppdrag  bas  tillägg`)."""
    words = fold(" ".join(cells)).split()
    return len(words) >= 3 and tuple(words[-3:]) == _HEADER_WORDS


def _number_form(tokens: tuple[str, ...]) -> bool:
    """Whether digit tokens read as one grouped number: 1-3 digits, then groups of three."""
    if len(tokens) == 1:
        return True
    return len(tokens[0]) <= 3 and all(len(t) == 3 for t in tokens[1:])


def _splits(tokens: list[str], parts: int) -> list[tuple[str, ...]]:
    """Every way to read the digit tokens as `parts` grouped numbers."""
    found = []
    for cuts in itertools.combinations(range(1, len(tokens)), parts - 1):
        bounds = (0, *cuts, len(tokens))
        groups = [tuple(tokens[a:b]) for a, b in itertools.pairwise(bounds)]
        if all(_number_form(g) for g in groups):
            found.append(tuple(" ".join(g) for g in groups))
    return found


def split_figures(blob: str) -> tuple[list[str], str]:
    """Single-spaced figures ("4 500 2 310 2 190") as cells, or a problem saying why not."""
    if any(ch in blob for ch in _NARROW_SPACES):
        return [part for part in blob.split(" ") if part], ""
    tokens = blob.split()
    if not all(whole_digits(t) is not None for t in tokens):
        return tokens, ""
    if len(tokens) > 12:
        return [], _(
            "cannot read {blob!r} as three figures; separate the columns with tabs"
        ).format(blob=blob)
    threes = _splits(tokens, 3)
    fitting = [
        s
        for s in threes
        if int(s[0].replace(" ", "")) == sum(int(x.replace(" ", "")) for x in s[1:])
    ]
    if len(fitting) == 1:
        return list(fitting[0]), ""
    every = [s for n in (1, 2, 3) for s in _splits(tokens, n)]
    if len(every) == 1:
        return list(every[0]), ""
    if len(threes) == 1 and not fitting:
        return list(threes[0]), ""
    return [], (
        _(
            "cannot tell where the figures {blob!r} split into uppdrag, bas and"
            " tillägg; separate the columns with tabs"
        ).format(blob=blob)
    )


def _text_row(number: int, line: str) -> RawRow | None:
    cells = _CELL_SPLIT.split(line.strip(" \r").lstrip("\t"))
    if not "".join(cells).strip() or is_header(cells):
        return None
    label, figures = cells[0].strip(), [c.strip() for c in cells[1:]]
    spaced = "\t" not in line
    problem = ""
    if len(cells) == 1:
        match = _LABEL_AND_FIGURES.fullmatch(label)
        if match:
            label = match.group(1).strip()
            figures, problem = split_figures(match.group(2).strip())
    elif spaced and len(figures) != 3:
        figures, problem = split_figures(" ".join(figures))
    while len(figures) > 3 and not figures[-1]:
        figures.pop()
    if len(figures) > 3:
        problem = problem or _("{figures} figures; expected uppdrag, bas and tillägg").format(
            figures=len(figures)
        )
    if spaced and 0 < len(figures) < 3:
        figures = [""] * (3 - len(figures)) + figures
    padded = [f or None for f in [*figures, "", "", ""][:3]]
    return RawRow(number, label, (padded[0], padded[1], padded[2]), problem=problem)


def _check_text(text: str) -> None:
    if not text.strip():
        raise TableInputError(_("the table is empty"))
    for number, line in enumerate(text.split("\n"), start=1):
        for ch in line.rstrip("\r"):
            if ord(ch) in CONTROL and ord(ch) not in _ALLOWED:
                raise TableInputError(
                    _(
                        "line {number}: the character U+{ch:04X} is not table text (is this a"
                        " binary file?)"
                    ).format(number=number, ch=ord(ch))
                )


def rows_from_text(text: str) -> list[RawRow]:
    """The rows of a pasted or copied table; blank lines and header rows are skipped."""
    text = text.removeprefix("\ufeff")
    _check_text(text)
    rows = (_text_row(n, line) for n, line in enumerate(text.split("\n"), start=1))
    return [row for row in rows if row is not None]


def _cell_text(value: object) -> Figure:
    """A sheet or CSV cell as a figure: None blank, int kept, a formula as "=" and else text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else repr(value).replace(".", ",")
    text = str(value).strip()
    return text or None


def _unquote(text: str) -> str:
    """Undo the export's formula guard (a leading ' before = + - @)."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _columns(header: list[str]) -> dict[str, int]:
    folded = [fold(h) for h in header]
    return {name: folded.index(name) for name in folded if name}


def rows_from_cells(cells: Sequence[Sequence[object]], first_line: int = 1) -> list[RawRow]:
    """Rows of a CSV file or a sheet: the label in the first column, figures in the next three,
    or, after a header row, in the columns it names (planner's export: by its key column)."""
    if not any(any(str(c).strip() for c in row if c is not None) for row in cells):
        raise TableInputError(_("the table is empty"))
    columns: dict[str, int] = {}
    rows = []
    for number, row in enumerate(cells, start=first_line):
        texts = ["" if c is None else str(c) for c in row]
        if not "".join(texts).strip() or texts[0].startswith("#"):
            continue
        if is_header([t for t in texts if t.strip()][:4]) or "uppdrag" in map(fold, texts):
            columns = _columns(texts)
            continue
        rows.append(_cell_row(number, row, columns))
    return rows


def _cell_row(number: int, row: Sequence[object], columns: dict[str, int]) -> RawRow:
    def at(index: int | None) -> object:
        return row[index] if index is not None and index < len(row) else None

    places = [columns.get(name) for name in _HEADER_WORDS]
    if None in places:
        places = [1, 2, 3]
    raw = [_cell_text(at(i)) for i in places]
    derived = isinstance(raw[0], str) and raw[0].startswith("=")
    figures = tuple(None if isinstance(f, str) and f.startswith("=") else f for f in raw)
    kind = fold(str(at(columns.get("row")) or "")) or _kind_by_columns(row, columns)
    key = str(at(columns.get("key")) or "").strip()
    label_index = {"area": "area", "category": "category", "line": "line"}.get(kind)
    label_col = columns.get(label_index or "", 0)
    label = "Totalsumma" if kind == "total" else _unquote(str(at(label_col) or "").strip())
    if label.startswith("="):
        label = ""
    return RawRow(number, label, (figures[0], figures[1], figures[2]), key, kind, derived)


def _kind_by_columns(row: Sequence[object], columns: dict[str, int]) -> str:
    """A row's kind from Area/Category/Line columns (planner's XLSX): the last one filled."""
    if not {"area", "category", "line"} <= columns.keys():
        return ""
    texts = {
        name: str(row[i] or "") if (i := columns[name]) < len(row) else ""
        for name in ("area", "category", "line")
    }
    filled = [name for name, text in texts.items() if text.strip()]
    if filled == ["area"] and fold(texts["area"]) == "totalsumma":
        return "total"
    return filled[-1] if filled else ""


def rows_from_csv(text: str) -> list[RawRow]:
    """A CSV file's rows; `;` or `,` as the first row that is not a comment shows."""
    text = text.removeprefix("\ufeff")
    _check_text(text.replace("\r", ""))
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return rows_from_cells([list(r) for r in reader])


def rows_from_xlsx(data: bytes) -> list[RawRow]:
    """The first sheet's rows, formulas kept as formulas (planner's export has no cached values)."""
    try:
        cells = sheet_rows(data, computed=False)
    except SheetError as exc:
        raise TableInputError(str(exc)) from exc
    return rows_from_cells(cells)


def rows_from_bytes(data: bytes, name: str = "") -> list[RawRow]:
    """Any input: XLSX (by its zip signature), CSV (by name or a `;`/`,` header) or text."""
    if data.startswith(b"PK\x03\x04"):
        return rows_from_xlsx(data)
    if not data.strip():
        raise TableInputError(_("the table is empty"))
    if b"\x00" in data[:65536]:
        raise TableInputError(_("this is binary data, not a table (it contains NUL bytes)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableInputError(
            _(
                "not UTF-8 text (byte {start}); copy the table as text or save it as CSV UTF-8"
            ).format(start=exc.start)
        ) from exc
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    is_csv = name.casefold().endswith(".csv") or (
        "\t" not in first and (";" in first or "," in first)
    )
    return rows_from_csv(text) if is_csv else rows_from_text(text)
