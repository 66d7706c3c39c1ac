"""Part-reader of a decision's prices: the tillägg prices, the endoscopy prices per hospital and
the other price table ("Priser YYYY": DRG price per point, psychiatry, price-code care, rehab).

Hospitals are matched by name or short name (case and accents ignored: "SÅS" is SÄS); the
table's "Kalkylerat pris" column is CALCULATED; "-" means no price.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from planner.i18n import _
from planner.readers.decision_document import Document, Table
from planner.readers.decision_money import Findings, figure
from planner.readers.table_rows import fold

CALCULATED = "calculated"
_PRICE_TABLE = re.compile(r"^belopp \(kr\)$")
_VISIT = re.compile(r"fasta styckpriset ([0-9][0-9 ]*) kronor")
_TREATMENT = re.compile(r"drg-priset ([0-9][0-9 ]*) kronor")
_NONE = frozenset(["-", "\u2013", "\u2212"])


@dataclass(frozen=True)
class PriceRow:
    """One row of the price table: its group (the row above without prices), its name and its
    price per column code (None: "-", none)."""

    group: str
    name: str
    prices: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class DecisionPrices:
    """The tillägg prices (None: not printed), endoscopy per hospital and the price table."""

    visit: int | None
    treatment: int | None
    endoscopy: dict[str, int]
    table: tuple[PriceRow, ...]


def _sentence_price(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match[1].replace(" ", "")) if match else None


def _endoscopy(doc: Document, codes: Mapping[str, str], findings: Findings) -> dict[str, int]:
    """The table whose first row names only hospitals and whose second row prices them."""
    for _line, table in doc.tables():
        names = [fold(c) for c in table.rows[0].cells]
        if len(table.rows) < 2 or len(names) < 2 or not all(n in codes for n in names):
            continue
        row = table.rows[1]
        prices = {}
        for name, cell in zip(names, row.cells, strict=False):
            value = figure(row, cell, findings)
            if value is not None:
                prices[codes[name]] = value
        return prices
    return {}


def _price_table(table: Table, codes: Mapping[str, str], findings: Findings) -> list[PriceRow]:
    columns = []
    for cell in table.rows[0].values:
        name = fold(cell)
        code = CALCULATED if name.startswith("kalkylerat") else codes.get(name)
        if code is None:
            findings.error(
                table.line,
                _("the price table's column {cell} is not a hospital").format(cell=repr(cell)),
            )
            return []
        columns.append(code)
    rows, group = [], ""
    for row in table.rows[1:]:
        if not any(row.values):
            group = row.label.rstrip(": ")
            continue
        if len(row.values) > len(columns):
            findings.error(
                row.line,
                _("{label}: more prices than the table has columns").format(label=row.label),
            )
            continue
        cells = [*row.values, *[""] * (len(columns) - len(row.values))]
        prices = []
        for code, cell in zip(columns, cells, strict=True):
            prices.append(
                (code, None if not cell or cell in _NONE else figure(row, cell, findings))
            )
        rows.append(PriceRow(group, row.label, tuple(prices)))
    return rows


def read_prices(doc: Document, codes: Mapping[str, str], findings: Findings) -> DecisionPrices:
    """The decision's prices; `codes` maps folded hospital names and short names to codes."""
    text = fold(doc.text())
    table = next((t for _, t in doc.tables() if t.header_has(_PRICE_TABLE)), None)
    return DecisionPrices(
        _sentence_price(_VISIT, text),
        _sentence_price(_TREATMENT, text),
        _endoscopy(doc, codes, findings),
        tuple(_price_table(table, codes, findings)) if table else (),
    )
