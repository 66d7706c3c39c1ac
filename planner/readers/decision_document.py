"""Splitting a decision document (text as copied from the PDF) into headed sections of text
and tables, for the part-readers (volumes, money, indicators…) to pick from.

Two layouts are read: tab-separated rows with headings as plain lines between blank lines
(the NU decision), and Markdown (`#` headings, `|` tables; the Närhälsan decision). Page-break
debris (form feeds, lone page numbers, a table's header printed again) is left to the
part-readers: a table is the run of rows between blank lines, in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from planner.readers.table_rows import fold

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?")
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_PAGE_NUMBER = re.compile(r"[0-9]{1,3}( \([0-9]{1,3}\))?")
_HEADING_LENGTH = 120


def clean_cell(text: str) -> str:
    """A cell's text without HTML tags or Markdown emphasis, white space collapsed."""
    plain = _TAG.sub("", text).replace("**", "")
    return " ".join(plain.split())


@dataclass(frozen=True)
class Row:
    """One table row: its 1-based line in the document and its cells (the label first)."""

    line: int
    cells: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.cells[0] if self.cells else ""

    @property
    def values(self) -> tuple[str, ...]:
        return self.cells[1:]

    def text(self) -> str:
        """The row as tab-separated text (what the volume-table reader reads)."""
        return "\t".join(self.cells)


@dataclass(frozen=True)
class Table:
    """A run of rows between blank lines; `rows[0]` is often its header."""

    rows: tuple[Row, ...]

    @property
    def line(self) -> int:
        return self.rows[0].line

    def header_has(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first cell of the first row matching `pattern` (searched on the folded text)."""
        for cell in self.rows[0].cells:
            match = pattern.search(fold(cell))
            if match:
                return match
        return None


@dataclass
class Section:
    """A heading (empty before the first one), its paragraphs and its tables."""

    heading: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """The title (first line of text) and the sections in document order."""

    title: str
    sections: tuple[Section, ...]

    def headed(self, heading: str) -> list[Section]:
        """Sections whose heading folds to `heading` (case and accents ignored)."""
        wanted = fold(heading)
        return [s for s in self.sections if fold(s.heading) == wanted]

    def tables(self) -> Iterator[tuple[Section, Table]]:
        for section in self.sections:
            for table in section.tables:
                yield section, table

    def text(self) -> str:
        """Every paragraph, one per line (for phrases such as the frame's sentence)."""
        return "\n".join(p for s in self.sections for p in s.paragraphs)


def _cells(line: str) -> tuple[str, ...] | None:
    """A table row's cells, or None for a line that is not a row."""
    stripped = line.strip()
    if stripped.startswith("|"):
        if _MD_RULE.fullmatch(stripped):
            return ()
        inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
        return tuple(clean_cell(c) for c in inner.split("|"))
    if "\t" in line.strip(" \r\n"):
        cells = [clean_cell(c) for c in line.rstrip("\r\n").split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return tuple(cells)
    return None


def _is_heading(lines: list[str], index: int) -> bool:
    """A plain line alone between blank lines, short, not a sentence or a list item."""
    text = lines[index].strip()
    before = lines[index - 1].strip() if index else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return (
        not before
        and not after
        and len(text) <= _HEADING_LENGTH
        and not text.endswith((".", ":", ","))
        and not text.startswith(("-", "*", "<"))
        and not _PAGE_NUMBER.fullmatch(text)
    )


def split_document(text: str) -> Document:
    """The document's sections: headings, paragraphs and tables with their line numbers."""
    lines = text.removeprefix("\ufeff").split("\n")
    sections = [Section("", 1)]
    rows: list[Row] = []

    def close_table() -> None:
        if rows:
            sections[-1].tables.append(Table(tuple(rows)))
            rows.clear()

    for index, line in enumerate(lines):
        number = index + 1
        if "\f" in line:  # a page break ends a table; the next page starts a new one
            close_table()
        raw = line.replace("\f", "").rstrip("\r")
        cells = _cells(raw)
        if cells is not None:
            if cells and any(cells):
                rows.append(Row(number, cells))
            continue
        close_table()
        stripped = raw.strip()
        if not stripped or _PAGE_NUMBER.fullmatch(stripped):
            continue
        heading = _MD_HEADING.fullmatch(stripped)
        plain = clean_cell(heading[2] if heading else stripped)
        if heading or _is_heading(lines, index):
            sections.append(Section(plain, number))
        else:
            sections[-1].paragraphs.append(plain)
    close_table()
    return Document(_title(sections), tuple(sections))


def _title(sections: list[Section]) -> str:
    """The first line naming the board the decision is to ("… till styrelsen för X"), else the
    first line of text."""
    texts = [t for s in sections for t in (s.heading, *s.paragraphs) if t]
    named = [t for t in texts if "styrelsen for" in fold(t)]
    return (named or texts or [""])[0]
