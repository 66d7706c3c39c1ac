"""The fast export path (issue 10): rows from one query, CSV and JSON written from templates.

Its output must be the output of the plain algorithms: csv.writer over planner.grouping's
rows, json.dumps of plan_document, costs by planner.prices.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from db.audit_trail import Actor
from db.edits import set_price_class
from db.plan_rows import load_plan_table, unit_price_sql
from db.plans import load_plan
from planner.formats.exports import export_bytes
from planner.formats.plan_csv import CSV_HEADER, neutralise, render_csv
from planner.formats.plan_json import render_json
from planner.formats.plan_table import grouped, plan_table
from planner.grouping import RowKind, grouped_rows
from planner.model import Hospital, Plan, PlanLine, PriceClass, Prices, Volumes
from planner.prices import line_cost
from planner.snapshot import plan_document
from tests.test_exports import META

FIXTURES = Path(__file__).parent / "fixtures"


def reference_csv(plan: Plan, sep: str) -> str:
    """CSV as csv.writer writes planner.grouping's rows, one call per row (no fast path)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    area = ""
    for row in grouped_rows(plan):
        t = row.totals
        figures = [t.uppdrag, t.bas, t.tillagg]
        if row.kind is RowKind.AREA:
            area = row.label
        price: int | str
        if row.line is not None:
            line = row.line
            texts = [line.key, area, line.category, line.name]
            cls, price = line.price_class.value, plan.prices.unit_price(line.price_class)
            note = neutralise(plan.notes.get(line.key, ""))
        else:
            category = row.label if row.kind is RowKind.CATEGORY else ""
            texts = ["", area if row.kind is not RowKind.TOTAL else "", category, ""]
            cls, price, note = "", "", ""
        shown = [texts[0], *(neutralise(text) for text in texts[1:])]
        writer.writerow([str(row.kind), *shown, *figures, cls, price, t.cost, note])
    return out.getvalue()


def test_csv_and_json_are_byte_for_byte_the_pinned_nu_2026_files(seeded_plan: Plan) -> None:
    assert (
        export_bytes(seeded_plan, "csv", ";", META)
        == (FIXTURES / "nu-2026-export.csv").read_bytes()
    )
    assert (
        export_bytes(seeded_plan, "json", meta=META)
        == (FIXTURES / "nu-2026-export.json").read_bytes()
    )


text = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)
hostile = st.sampled_from(["=1+1", "+46", "-2", "@a", "\tx", "\rx", 'a"b', "a;b,c", "x\ny", " s "])
label = st.one_of(text, hostile)


@st.composite
def plans(draw: Any) -> Plan:
    """Small plans with any text, lines of a group listed apart, every price class."""
    count = draw(st.integers(0, 12))
    lines = []
    for i in range(count):
        bas, tillagg = draw(st.integers(0, 9_999_999)), draw(st.integers(0, 9_999_999))
        lines.append(
            PlanLine(
                draw(st.one_of(st.just(f"k/{i}"), text.map(f"{{}}{i}".format))),
                draw(st.sampled_from(["Somatik", "=Psyk", "A/B"]) | label),
                draw(st.sampled_from(["Förstabesök", "Operation/åtgärd"]) | label),
                draw(label),
                draw(st.sampled_from(list(PriceClass))),
                Volumes(bas + tillagg, bas, tillagg),
            )
        )
    prices = Prices(*(draw(st.integers(0, 99_999_999)) for _ in range(3)))
    noted = draw(st.lists(st.sampled_from([line.key for line in lines]))) if lines else []
    notes = {key: draw(label) for key in noted}
    scenario = draw(st.sampled_from([None, "forslag-a"]))
    hospital = Hospital("SU", draw(label), "SU")
    return Plan(hospital, 2026, prices, tuple(lines), notes=notes, scenario=scenario)


@settings(max_examples=150, deadline=None)
@given(plans(), st.sampled_from([",", ";"]))
def test_csv_is_what_csv_writer_writes_for_the_grouped_rows(plan: Plan, sep: str) -> None:
    assert render_csv(plan_table(plan), sep) == reference_csv(plan, sep)


@settings(max_examples=150, deadline=None)
@given(plans(), st.sampled_from([None, META]))
def test_json_is_what_json_dumps_writes_for_the_plan_document(
    plan: Plan, meta: dict[str, Any] | None
) -> None:
    expected = json.dumps(plan_document(plan, meta, notes=True), ensure_ascii=False, indent=2)
    expected += "\n"
    assert render_json(plan_table(plan), meta) == expected


def test_grouped_rows_and_subtotals_match_planner_grouping(seeded_plan: Plan) -> None:
    lines = seeded_plan.lines
    for plan in (seeded_plan, replace(seeded_plan, lines=(lines[-1], *lines[:-1]))):
        areas, total = grouped(plan_table(plan).lines)
        flat = []
        for area in areas:
            flat.append((RowKind.AREA, area.name, area.sums))
            for category in area.categories:
                flat.append((RowKind.CATEGORY, category.name, category.sums))
                flat.extend(
                    (RowKind.LINE, line[3], (*line[4:7], line[9])) for line in category.lines
                )
        flat.append((RowKind.TOTAL, "Totalsumma", total))
        expected = [
            (
                row.kind,
                row.label,
                (row.totals.uppdrag, row.totals.bas, row.totals.tillagg, row.totals.cost),
            )
            for row in grouped_rows(plan)
        ]
        assert flat == expected
    assert total == (63480, 39078, 24402, 245126454)


def test_query_rows_equal_the_plans_rows_and_costs(db: Database) -> None:
    """The cost SQLite computes is planner.prices's, also after a line changes class."""
    table = load_plan_table(db, "NU", 2026)
    assert list(table.lines) == plan_table(load_plan(db, "NU", 2026)).lines
    assert table.lines[0] == (
        "psykiatri/forstabesok/bup",
        "Psykiatri",
        "Förstabesök",
        "BUP",
        1030,
        700,
        330,
        "visit",
        2503,
        825990,
    )
    key, pid = "somatik/operation-atgard/katarakt", load_plan(db, "NU", 2026).plan_id
    set_price_class(db, pid, key, PriceClass.ENDOSCOPY, Actor("anna", "cli"))
    changed = load_plan_table(db, "NU", 2026)
    assert list(changed.lines) == plan_table(load_plan(db, "NU", 2026)).lines
    katarakt = next(line for line in changed.lines if line[0] == key)
    assert katarakt[7:] == ("endoscopy", 4955, 750 * 4955)


@settings(max_examples=50)
@given(
    cls=st.sampled_from(PriceClass),
    tillagg=st.integers(0, 9_999_999),
    prices=st.builds(Prices, *[st.integers(0, 99_999_999)] * 3),
)
def test_sql_cost_is_line_cost_for_every_price_class(
    cls: PriceClass, tillagg: int, prices: Prices
) -> None:
    """R5 once: the SQL written from PriceClass gives line_cost for each class and price list."""
    line = PlanLine("a/b/c", "A", "B", "C", cls, Volumes(tillagg, 0, tillagg))
    query = f"SELECT :tillagg * {unit_price_sql(':class')}"
    params = {**prices.by_class, "tillagg": tillagg, "class": cls.value}
    (cost,) = sqlite3.connect(":memory:").execute(query, params).fetchone()
    assert cost == line_cost(line, prices)


def test_sql_unit_price_has_no_fallback_class() -> None:
    """A class the SQL does not know is priced NULL, not silently at endoscopy's price."""
    query = f"SELECT {unit_price_sql(':class')}"
    params = {**Prices(1, 2, 3).by_class, "class": "surgery"}
    assert sqlite3.connect(":memory:").execute(query, params).fetchone() == (None,)
