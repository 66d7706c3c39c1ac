"""Reading an outcome file's rows (long or wide form) into performed values, or every problem.

Pure: the caller reads the CSV or XLSX and passes its rows (header first); nothing here
touches a file. All or nothing: any problem means no values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planner.followup.phasing import MONTH_LABELS, MONTH_NAMES
from planner.i18n import _
from planner.model import Plan
from planner.numbers import (
    MAX_VOLUME,
    NumberError,
    format_number,
    parse_volume,
    whole_number,
)
from planner.text import MAX_PROBLEMS, escape_control

Cell = tuple[str, int]
_MONTH_NAMES = (
    " ".join(MONTH_NAMES),
    " ".join(MONTH_LABELS),
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
)
MONTH_WORDS = {
    word: month for names in _MONTH_NAMES for month, word in enumerate(names.split(), start=1)
}
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_SEPARATOR = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where a spreadsheet user finds it (row 1 is the header)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("row {row}").format(row=self.row) + (
            _(", column {column}").format(column=self.column) if self.column else ""
        )
        return escape_control(_("{where}: {message}").format(where=where, message=self.message))


class ImportInvalid(ValueError):
    """The file has problems; none of its values may be stored."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def month_of(value: object, year: int) -> int | None:
    """A month header or value: 1..12, jan..dec, januari..december, or YYYY-MM of `year`."""
    text = _text(value).casefold().rstrip(".")
    number = whole_number(text, 1, 12)
    if number is not None:
        return number
    if text in MONTH_WORDS:
        return MONTH_WORDS[text]
    found = _YEAR_MONTH.fullmatch(text.split(" ")[0])
    if found and int(found[1]) == year and 1 <= int(found[2]) <= 12:
        return int(found[2])
    return None


def _comment(row: Sequence[object]) -> bool:
    """A row whose first cell starts with "#" is a note for people, not data."""
    return bool(row) and _text(row[0]).startswith("#")


def _number(value: object) -> int:
    if isinstance(value, bool):
        raise NumberError(_("{value!r} is not a whole number").format(value=value))
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise NumberError(_("{value} is not a whole number").format(value=value))
        if not 0 <= value <= MAX_VOLUME:
            raise NumberError(
                _("{value} is outside 0..{MAX_VOLUME}").format(
                    value=format_number(int(value)), MAX_VOLUME=format_number(MAX_VOLUME)
                )
            )
        return int(value)
    return parse_volume(_text(value))


class _Reader:
    """State of one parse: the plan, the header's columns and the problems found."""

    def __init__(self, plan: Plan, header: Sequence[object]) -> None:
        self.plan = plan
        self.names = [_text(h) for h in header]
        self.columns = {name.casefold(): i for i, name in enumerate(self.names) if name}
        self.problems: list[Problem] = []
        self.lines = {line.key: line.key for line in plan.lines}
        for line in plan.lines:
            self.lines[f"{line.area}/{line.category}/{line.name}".casefold()] = line.key
        self.choices = [line.key for line in plan.lines] + [
            f"{line.area} / {line.category} / {line.name}" for line in plan.lines
        ]

    def where(self, index: int) -> str:
        from openpyxl.utils import get_column_letter  # here, not at start-up: every command paid it

        return f"{get_column_letter(index + 1)} ({self.names[index]})"

    def problem(self, row: int, index: int | None, message: str) -> None:
        self.problems.append(Problem(row, "" if index is None else self.where(index), message))

    def line_key(self, row_number: int, row: Sequence[object]) -> str | None:
        """The line a row names: by `key` (a key or "area / category / line") or three columns."""
        if "key" in self.columns:
            index = self.columns["key"]
            text = _text(row[index]) if index < len(row) else ""
        else:
            index = self.columns["line"]
            parts = [
                _text(row[self.columns[c]]) if self.columns[c] < len(row) else ""
                for c in ("area", "category", "line")
            ]
            text = " / ".join(parts)
        found = self.lines.get(text) or self.lines.get(_SEPARATOR.sub("/", text).casefold())
        if found is None:
            searched = len(self.problems) < MAX_PROBLEMS  # beyond, only the count is shown
            close = difflib.get_close_matches(text, self.choices, n=1) if searched else []
            hint = (
                _("; did you mean {close!r}?").format(close=close[0])
                if close
                else _("; `planner lines` lists them")
            )
            self.problem(
                row_number,
                index,
                _("no line {text!r} in this plan{hint}").format(text=text, hint=hint),
            )
        return found

    def check_plan(self, row_number: int, row: Sequence[object]) -> None:
        """Optional hospital and year columns must name the open plan."""
        hospital = self.plan.hospital
        index = self.columns.get("hospital")
        if index is not None and index < len(row) and _text(row[index]):
            text = _text(row[index])
            if text.casefold() not in (hospital.code.casefold(), hospital.short_name.casefold()):
                self.problem(
                    row_number,
                    index,
                    _("hospital {text!r} is not this plan's ({code})").format(
                        text=text, code=hospital.code
                    ),
                )
        index = self.columns.get("year")
        if index is not None and index < len(row) and _text(row[index]):
            text = _text(row[index])
            if text != str(self.plan.year):
                self.problem(
                    row_number,
                    index,
                    _("year {text!r} is not this plan's ({year})").format(
                        text=text, year=self.plan.year
                    ),
                )

    def value(self, row_number: int, index: int, raw: object) -> int | None:
        try:
            return _number(raw)
        except NumberError as exc:
            self.problem(row_number, index, str(exc))
            return None


def parse_outcomes(rows: Sequence[Sequence[object]], plan: Plan) -> dict[Cell, int]:
    """The (line key, month) → performed values of the rows, or ImportInvalid with every problem.

    Rows whose first cell starts with "#" are comments (an example file says what it is).

    Long form has columns key, month, performed; wide form has key and one column per month.
    Empty cells of the wide form are not in the file: those months keep their stored values.
    """
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if not _comment(row)]
    if not numbered:
        raise ImportInvalid([Problem(1, "", _("the file is empty"))])
    (header_number, header), body = numbered[0], numbered[1:]
    reader = _Reader(plan, header)
    cols = reader.columns
    month_columns = {
        i: m for i, name in enumerate(reader.names) if (m := month_of(name, plan.year)) is not None
    }
    for i, name in enumerate(reader.names):
        found = _YEAR_MONTH.fullmatch(name.split(" ")[0])
        if found and int(found[1]) != plan.year:
            reader.problem(
                header_number,
                i,
                _("{name!r} is not in this plan's year {year}").format(name=name, year=plan.year),
            )
    if "key" not in cols and not {"area", "category", "line"} <= cols.keys():
        reader.problem(header_number, None, _("no `key` column (nor area, category and line)"))
    long_form = "month" in cols and "performed" in cols
    if not long_form and not month_columns:
        reader.problem(
            header_number,
            None,
            _("need columns month and performed, or one column per month (1..12)"),
        )
    if reader.problems:
        raise ImportInvalid(reader.problems)
    values: dict[Cell, int] = {}
    seen: dict[Cell, int] = {}
    for row_number, row in body:
        if all(_text(v) == "" for v in row):
            continue
        reader.check_plan(row_number, row)
        key = reader.line_key(row_number, row)
        cells: list[tuple[int, int, object]] = []
        if long_form:
            m_index, p_index = cols["month"], cols["performed"]
            raw_month = row[m_index] if m_index < len(row) else None
            month = month_of(raw_month, plan.year)
            if month is None:
                reader.problem(
                    row_number,
                    m_index,
                    _("month {raw_month!r} is not a month 1..12").format(
                        raw_month=_text(raw_month)
                    ),
                )
            else:
                cells.append((month, p_index, row[p_index] if p_index < len(row) else None))
        else:
            cells = [(m, i, row[i]) for i, m in month_columns.items() if i < len(row)]
            cells = [c for c in cells if _text(c[2]) != ""]
        for month, index, raw in cells:
            value = reader.value(row_number, index, raw)
            if key is None or value is None:
                continue
            if (key, month) in seen:
                reader.problem(
                    row_number,
                    index,
                    _("{key} month {month} is also on row {seen}").format(
                        key=key, month=month, seen=seen[(key, month)]
                    ),
                )
                continue
            seen[(key, month)] = row_number
            values[(key, month)] = value
    if reader.problems:
        raise ImportInvalid(reader.problems)
    return values
