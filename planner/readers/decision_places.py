"""Reading a decision's training places: AT per hospital and ST-A side-service places.

Pure: the document's text in, tables out. The AT table ("Allmäntjänstgöring (AT)": hospital
name, places; "Totalt" the printed total) and the ST-A table (header "<hospital name>\\tYEAR",
one row per specialty, no printed total). A known misspelling of a specialty is corrected and
named in the notes ("Psykatri" → "Psykiatri").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner.i18n import _

AT_HEADING = "Allmäntjänstgöring (AT)"
ST_HEADING = "(ST-A)"
SPELLINGS = {"Psykatri": "Psykiatri"}
_YEAR = re.compile(r"[0-9]{4}")
_TOTAL = "Totalt"


class PlacesError(ValueError):
    """A training-places table the reader cannot read."""


class NoPlaces(PlacesError):
    """A document without a training-places table."""


@dataclass(frozen=True)
class PlaceTable:
    """One printed table: `kind` AT or ST-A, `owner` the hospital name of an ST-A table
    ("" for AT, whose rows are hospital names), rows (label, places) as printed."""

    kind: str
    year: int
    owner: str
    rows: tuple[tuple[str, int], ...]
    printed_total: int | None
    notes: tuple[str, ...] = field(default=())


def _places(cell: str) -> int | None:
    digits = "".join(cell.split())
    return int(digits) if digits.isascii() and digits.isdigit() else None


def _table_after(lines: list[str], start: int) -> tuple[str, int, list[tuple[str, int]], int]:
    """(header's first cell, year, rows, index after the table) of the first table at or
    after `start`."""
    i = start
    while i < len(lines) and not (
        "\t" in lines[i] and _YEAR.fullmatch(lines[i].split("\t")[1].strip())
    ):
        i += 1
    if i == len(lines):
        raise PlacesError(_("a training-places heading has no table after it"))
    first, year = lines[i].split("\t")[0].strip(), int(lines[i].split("\t")[1])
    rows = []
    i += 1
    while i < len(lines) and "\t" in lines[i]:
        label, _tab, value = lines[i].partition("\t")
        number = _places(value)
        if number is None:
            raise PlacesError(
                _("{label}: {value} is not a number of places").format(
                    label=repr(label.strip()), value=repr(value.strip())
                )
            )
        rows.append((" ".join(label.split()), number))
        i += 1
    return first, year, rows, i


def read_places(text: str) -> list[PlaceTable]:
    """The AT and ST-A tables of a decision, in document order; PlacesError without either."""
    lines = text.splitlines()
    tables = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped == AT_HEADING:
            _first, year, rows, _end = _table_after(lines, i + 1)
            printed = next((n for label, n in rows if label == _TOTAL), None)
            body = tuple((label, n) for label, n in rows if label != _TOTAL)
            tables.append(PlaceTable("AT", year, "", body, printed))
        elif ST_HEADING in stripped and "\t" not in line and "..." not in line:
            owner, year, rows, _end = _table_after(lines, i + 1)
            notes = tuple(
                _("{label} read as {spelling}").format(
                    label=repr(label), spelling=repr(SPELLINGS[label])
                )
                for label, _count in rows
                if label in SPELLINGS
            )
            body = tuple((SPELLINGS.get(label, label), n) for label, n in rows if label != _TOTAL)
            printed = next((n for label, n in rows if label == _TOTAL), None)
            tables.append(PlaceTable("ST-A", year, owner, body, printed, notes))
    if not tables:
        raise NoPlaces(_("the document has no AT or ST-A training-places table"))
    return tables
