"""Reading a whole decision document: hospital and year from its title, the volume table, the
prices and the money, through the section splitter and one part-reader per part.

A part-reader is a function of the split Document (and Findings for what it finds wrong);
the follow-up register and the training places are read from the text by their own readers
(`decision_register`, `decision_places`), which also serve their own import commands.
Nothing is written: `db.decision_import` checks and applies the reading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from planner.i18n import _
from planner.readers.decision_document import Document, split_document
from planner.readers.decision_money import (
    Findings,
    Money,
    read_hospital_money,
    read_provider_items,
)
from planner.readers.decision_places import NoPlaces, PlacesError, PlaceTable, read_places
from planner.readers.decision_prices import DecisionPrices, read_prices
from planner.readers.decision_register import (
    RegisterError,
    RegisterRow,
    read_follow_up_plan,
    read_register,
    read_title,
)
from planner.readers.table_rows import RawRow, fold, is_header, rows_from_text

_BOARD = re.compile(r"styrelsen for (.+)$")
_YEAR = re.compile(r"uppdrag (\d{4})")


@dataclass(frozen=True)
class Decision:
    """What the document says, as read; `findings` holds what disagreed or was missing."""

    title: str
    hospital: str | None
    year: int | None
    volume_rows: tuple[RawRow, ...]
    prices: DecisionPrices
    money: Money | None
    findings: Findings
    register: tuple[RegisterRow, ...] = ()
    """The follow-up register (NU's tables or Närhälsan's plan); none when not printed."""
    places: tuple[PlaceTable, ...] = ()
    last_year: int | None = None
    """The last year of a commission over several years ("2025-2027"), else the year."""


def board_and_year(title: str, codes: Mapping[str, str]) -> tuple[str | None, int | None]:
    """The provider code ("… till styrelsen för NU-sjukvården") and year ("Uppdrag 2026")."""
    folded = fold(title)
    board = _BOARD.search(folded)
    year = _YEAR.search(folded)
    return (codes.get(board[1].strip()) if board else None, int(year[1]) if year else None)


def volume_rows(doc: Document) -> tuple[RawRow, ...]:
    """The rows of every table headed "… uppdrag bas tillägg" (a page break repeats the
    header), numbered by their line in the document, for the decision-table reader."""
    lines: dict[int, str] = {}
    for _line, table in doc.tables():
        if is_header(list(table.rows[0].cells)):
            lines.update((row.line, row.text()) for row in table.rows)
    if not lines:
        return ()
    text = "\n".join(lines.get(n, "") for n in range(1, max(lines) + 1))
    return tuple(rows_from_text(text))


def read_decision(
    text: str, codes: Mapping[str, str], *, accept_total_mismatch: bool = False
) -> Decision:
    """Read every part of a decision; `codes` maps folded provider names to their codes."""
    doc = split_document(text)
    findings = Findings(accept_total_mismatch)
    hospital, year = board_and_year(doc.title, codes)
    money = read_provider_items(doc, findings)
    rows: tuple[RawRow, ...] = ()
    if money is None:
        rows = volume_rows(doc)
        if not rows:
            findings.error(0, _("no volume table (a table headed 'uppdrag bas tillägg')"))
        money = read_hospital_money(doc, findings)
    prices = read_prices(doc, codes, findings)
    title = read_title(text)
    last = title.last_year if title is not None else None
    register, places = follow_up_parts(text, findings)
    return Decision(
        doc.title, hospital, year, rows, prices, money, findings, register, places, last
    )


def follow_up_parts(
    text: str, findings: Findings
) -> tuple[tuple[RegisterRow, ...], tuple[PlaceTable, ...]]:
    """The register and the training places; a part not printed is empty, a places table
    that cannot be read is an error."""
    try:
        register = tuple(read_register(text))
    except RegisterError:
        try:
            register = tuple(read_follow_up_plan(text))
        except RegisterError:
            register = ()
    try:
        places = tuple(read_places(text))
    except NoPlaces:
        places = ()
    except PlacesError as exc:
        findings.error(0, _("training places: {error}").format(error=exc))
        places = ()
    return register, places
