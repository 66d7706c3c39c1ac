"""Reading a decision's follow-up: NU's "Uppföljning" tables and Närhälsan's "Uppföljningsplan".

Pure: the document's text in, register rows out. A tab-separated row continues the area and
uppdrag above it when those cells are empty (merged cells in the printed table), and an empty
schedule under the same uppdrag is the one above. A row with more filled cells than the header
has columns is read one step to the left and flagged for a person to check (NU 2026's VFU and
handledarkompetens rows). Markup left in cells (<ul>, <i>) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.i18n import _

HEADING = "Uppföljning"
NH_HEADING = "Uppföljningsplan"
_TAG = re.compile(r"<[^>]*>")
_REFERS = re.compile(r"^se nedan,?\s*", re.IGNORECASE)
_SHIFTED = "the printed row has its columns shifted one step right; read one step left — check"
_NH_SCHEDULE = "Delårsrapport, årsredovisning"
_FIRST_ASSESSMENT = re.compile(r"första bedömning inom (tre|3) dagar", re.IGNORECASE)


class RegisterError(ValueError):
    """A document without a follow-up table the reader knows."""


@dataclass(frozen=True)
class RegisterRow:
    """One indicator as printed, with its cells cleaned."""

    area: str
    uppdrag: str
    text: str
    target: str
    source: str
    reporter: str
    schedule: str
    refers_to: str = ""
    check_note: str = ""


def _clean(cell: str) -> str:
    return " ".join(_TAG.sub(" ", cell).split())


def _section(lines: list[str], heading: str) -> list[str]:
    """The lines after the last line that is exactly `heading` (a contents line is not)."""
    starts = [i for i, line in enumerate(lines) if line.strip().lstrip("# ").strip() == heading]
    if not starts:
        raise RegisterError(
            _("the document has no {heading} section").format(heading=repr(heading))
        )
    return lines[starts[-1] + 1 :]


def _is_header(cells: list[str]) -> bool:
    return len(cells) > 2 and cells[1].strip() == "Uppdrag" and "Indikator" in cells[2]


def _width(cells: list[str]) -> int:
    """How many cells a row fills: up to its last non-empty one."""
    filled = [i for i, cell in enumerate(cells) if cell.strip()]
    return filled[-1] + 1 if filled else 0


def read_register(text: str) -> list[RegisterRow]:
    """NU's follow-up tables in document order (area, uppdrag, indicator, target, source,
    reporter, occasions); RegisterError when the document has none."""
    rows: list[RegisterRow] = []
    width = 0
    area = uppdrag = schedule = ""
    for line in _section(text.splitlines(), HEADING):
        if line.startswith("Bilaga"):
            break
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if _is_header(cells):
            width = _width(cells)
            continue
        if not width or not any(c.strip() for c in cells):
            continue
        note = ""
        if _width(cells) > width and not cells[2].strip():
            cells, note = [*cells[:2], *cells[3:]], _SHIFTED
        cells = [_clean(c) for c in cells[:width]] + [""] * (width - len(cells))
        if cells[0]:
            area, uppdrag, schedule = cells[0], "", ""
        if cells[1]:
            uppdrag, schedule = cells[1], ""
        text_cell = cells[2] or (rows[-1].text if rows and not cells[1] else "")
        schedule = cells[6] or schedule
        refers = _REFERS.sub("", cells[2]) if _REFERS.match(cells[2]) else ""
        target, source, reporter = cells[3], cells[4], cells[5]
        rows.append(
            RegisterRow(area, uppdrag, text_cell, target, source, reporter, schedule, refers, note)
        )
    if not rows:
        raise RegisterError(
            _("the {heading} section has no indicator table").format(heading=repr(HEADING))
        )
    return rows


def _bullets_by_heading(lines: list[str]) -> list[tuple[str, str]]:
    found = []
    heading = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        header = i + 1 < len(lines) and lines[i + 1].strip().startswith("|-")
        if stripped.startswith("# "):
            break
        if stripped.startswith("## "):
            heading = _clean(stripped[3:])
        elif stripped.startswith("- ") and heading:
            found.append((heading, _clean(stripped[2:])))
        elif stripped.startswith("|") and heading and "--" not in stripped and not header:
            cells = [_clean(c) for c in stripped.strip("|").split("|")]
            if cells and cells[0]:
                found.append((heading, cells[0]))
    return found


def read_follow_up_plan(text: str) -> list[RegisterRow]:
    """Närhälsan's follow-up plan: one indicator without a target per measure (bullet or
    `|` table row) under each heading, reported at the interim and annual reports; plus
    "första bedömning inom tre dagar" where the document states it."""
    lines = text.splitlines()
    measures = _bullets_by_heading(_section(lines, NH_HEADING))
    if not measures:
        raise RegisterError(
            _("the {heading} section lists no measures").format(heading=repr(NH_HEADING))
        )
    rows = [
        RegisterRow(NH_HEADING, heading, measure, "", "", "Utföraren", _NH_SCHEDULE)
        for heading, measure in measures
    ]
    stated = _FIRST_ASSESSMENT.search(" ".join(text.split()))
    if stated:
        rows.append(
            RegisterRow(
                NH_HEADING,
                "Vårdcentral för hemlösa",
                f"Mottagningen erbjuder en {stated[0].lower()}",
                "",
                "",
                "Utföraren",
                _NH_SCHEDULE,
            )
        )
    return rows


_TITLE = re.compile(r"styrelsen för (.+?)\s*$", re.IGNORECASE)
_YEARS = re.compile(r"uppdrag\s+([0-9]{4})(?:\s*[\u2013-]\s*([0-9]{4}))?", re.IGNORECASE)


@dataclass(frozen=True)
class Title:
    """Whose decision and for which years, as its title says ("… till styrelsen för X")."""

    board: str
    first_year: int | None
    last_year: int | None


def read_title(text: str) -> Title | None:
    """The board and years of the first line naming "styrelsen för …", or None."""
    for line in text.splitlines():
        plain = _clean(line.lstrip("#").replace("*", ""))
        board = _TITLE.search(plain)
        if board is None:
            continue
        years = _YEARS.search(plain)
        first = int(years[1]) if years else None
        last = int(years[2]) if years and years[2] else first
        return Title(board[1], first, last)
    return None
