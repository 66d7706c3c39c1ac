"""The Plan sheet's streamed rows (issue 10): valid for Excel, formulas with cached values."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from planner.formats.exports import export_bytes
from planner.formats.xlsx_plan_rows import MAX_SUM_ARGUMENTS, inline_text, subtotal_formula
from planner.formats.xlsx_splice import SpliceError, splice_rows
from planner.model import Hospital, Plan, PlanLine, PriceClass, Prices, Volumes
from planner.prices import plan_totals, sum_lines

PRICES = Prices(2503, 35795, 4914)
_SUMIF = re.compile(r'SUMIF\(\$G\$(\d+):\$G\$(\d+),"<>",([A-Z])(\d+):[A-Z](\d+)\)')


def big_plan(categories: dict[str, int]) -> Plan:
    """Lines under area/category with known volumes: line i has bas i % 97, tillägg i % 89."""
    lines: list[PlanLine] = []
    for group, count in categories.items():
        area, category = group.split("|")
        for _ in range(count):
            i = len(lines)
            cls = list(PriceClass)[i % 3]
            bas, tillagg = i % 97, i % 89
            volumes = Volumes(bas + tillagg, bas, tillagg)
            lines.append(PlanLine(f"k{i}", area, category, f"Line {i}", cls, volumes))
    return Plan(Hospital("SU", "Sahlgrenska", "SU"), 2026, PRICES, tuple(lines))


def evaluate(sheet: Any, ref: str) -> int:
    """Evaluate what the Plan sheet holds: numbers, =E+F, =F*H, SUM of ranges or cells, SUMIF."""
    value = sheet[ref].value
    if not isinstance(value, str) or not value.startswith("="):
        return int(value)
    expr = value[1:]
    found = _SUMIF.fullmatch(expr)
    if found:
        first, last, column = int(found[1]), int(found[2]), found[3]
        assert (int(found[4]), int(found[5])) == (first, last)
        rows = range(first, last + 1)
        return sum(evaluate(sheet, f"{column}{r}") for r in rows if sheet[f"G{r}"].value)
    if expr.startswith("SUM("):
        parts = expr[4:-1].split(",")
        assert len(parts) <= MAX_SUM_ARGUMENTS, ref
        total = 0
        for part in parts:
            start, _, end = part.partition(":")
            column, first, last = start[0], int(start[1:]), int((end or start)[1:])
            total += sum(evaluate(sheet, f"{column}{r}") for r in range(first, last + 1))
        return total
    left, op, right = re.fullmatch(r"([A-Z]+\d+)([+*])([A-Z]+\d+)", expr).groups()  # type: ignore[union-attr]
    a, b = evaluate(sheet, left), evaluate(sheet, right)
    return a + b if op == "+" else a * b


def books(plan: Plan) -> tuple[Any, Any]:
    raw = export_bytes(plan, "xlsx")
    return openpyxl.load_workbook(io.BytesIO(raw)), openpyxl.load_workbook(
        io.BytesIO(raw), data_only=True
    )


def test_every_formula_of_a_large_plan_is_a_range_and_caches_its_value() -> None:
    plan = big_plan({"Somatik|A": 700, "Somatik|B": 800, "Psykiatri|C": 500})
    formulas, values = books(plan)
    sheet, cached = formulas["Plan"], values["Plan"]
    assert sheet.max_row == 1 + 2 + 3 + 2000 + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == pytest.approx(28.7109375)
    total_row = sheet.max_row
    expected = plan_totals(plan)
    assert [cached.cell(total_row, c).value for c in (4, 5, 6, 9)] == [
        expected.uppdrag,
        expected.bas,
        expected.tillagg,
        expected.cost,
    ]
    assert sheet["D3"].value == "=SUM(D4:D703)"
    assert sheet["D2"].value == "=SUM(D3,D704)"
    assert sheet[f"I{total_row}"].value == "=SUM(I2,I1505)"
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                assert cached[c.coordinate].value == evaluate(sheet, c.coordinate), c.coordinate
    line = sheet[4]
    assert [c.value for c in line[:3]] == ["Somatik", "A", "Line 0"]
    assert not line[0].font.b and line[3].number_format == "#,##0"
    assert sheet["A3"].font.b and sheet["D3"].font.b and sheet["D3"].number_format == "#,##0"
    assert [c.value for c in values["Price classes"]["F"]][1:5] == [
        sum_lines([x for x in plan.lines if x.price_class is cls], PRICES).cost
        for cls in PriceClass
    ] + [expected.cost]


def test_an_area_with_more_categories_than_sum_takes_sums_its_lines_by_sumif() -> None:
    groups = {f"Somatik|Cat {i}": 2 for i in range(MAX_SUM_ARGUMENTS + 5)}
    plan = big_plan({**groups, "Psykiatri|BUP": 3})
    formulas, values = books(plan)
    sheet, cached = formulas["Plan"], values["Plan"]
    somatik_last = 1 + 1 + 260 * 3
    assert sheet["D2"].value == f'=SUMIF($G$3:$G${somatik_last},"<>",D3:D{somatik_last})'
    assert cached["D2"].value == sum_lines(plan.lines[:520], PRICES).uppdrag
    assert sheet[f"A{somatik_last + 1}"].value == "Psykiatri"
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                assert cached[c.coordinate].value == evaluate(sheet, c.coordinate), c.coordinate


def test_an_empty_plan_is_a_header_and_a_zero_total() -> None:
    plan = Plan(Hospital("SU", "Sahlgrenska", "SU"), 2026, PRICES, ())
    formulas, values = books(plan)
    assert formulas["Plan"].max_row == 2
    assert [c.value for c in values["Plan"][2]][:4] == ["Totalsumma", "", "", 0]


def test_subtotal_formula_lists_up_to_255_cells_then_sums_by_sumif() -> None:
    assert subtotal_formula("D", [5, 6, 7], 5, 7) == "SUM(D5:D7)"
    assert subtotal_formula("E", [3, 9], 3, 12) == "SUM(E3,E9)"
    many = list(range(3, 3 + 2 * 256, 2))
    assert subtotal_formula("I", many[:255], 3, 600).count(",") == 254
    assert subtotal_formula("I", many, 3, 600) == 'SUMIF($G$3:$G$600,"<>",I3:I600)'


def xlsxwriter_cell(text: str) -> str:
    """The <is> element XlsxWriter (constant memory) writes for a string cell."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    book.add_worksheet().write_string(0, 0, text)
    book.close()
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    found = re.search(r'<c r="A1" t="inlineStr">(.*?)</c>', xml, re.DOTALL)
    assert found is not None
    return found[1]


@pytest.mark.parametrize(
    "text",
    ["Ögon", "", "a <b> & c", " padded ", "x\ny", "\tx", "'\rx", "bell\x07", "_x0041_", "\ufffe"],
)
def test_inline_text_escapes_as_xlsxwriter_does(text: str) -> None:
    assert inline_text(text) == xlsxwriter_cell(text)


def test_text_that_looks_like_rich_text_stays_text() -> None:
    """XlsxWriter would write "<r>...</r>" as raw XML; the streamed rows escape it."""
    assert inline_text("<r>raw</r>") == "<is><t>&lt;r&gt;raw&lt;/r&gt;</t></is>"


def test_cell_text_is_cut_at_excels_32767_characters() -> None:
    assert inline_text("x" * 40_000) == "<is><t>" + "x" * 32_767 + "</t></is>"


def test_hostile_text_reads_back_as_written(seeded_plan: Plan) -> None:
    names = ["=1+1", "+46", " sp ", "a <b> & c", "<r>raw</r>", 'a"b;c,d']
    lines = tuple(
        PlanLine(f"k{i}", "Somatik", "Cat", name, PriceClass.VISIT, Volumes(1, 0, 1))
        for i, name in enumerate(names)
    )
    _, values = books(Plan(seeded_plan.hospital, 2026, seeded_plan.prices, lines))
    shown = [values["Plan"].cell(r, 3).value for r in range(4, 4 + len(names))]
    assert shown == ["'=1+1", "'+46", " sp ", "a <b> & c", "<r>raw</r>", 'a"b;c,d']


def test_a_sheet_without_the_probe_row_is_refused_not_spliced_blindly() -> None:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    book.add_worksheet("Plan").write_string(0, 0, "Area")
    book.close()
    with pytest.raises(SpliceError, match="no probe row"):
        splice_rows(out.getvalue(), "xl/worksheets/sheet1.xml", lambda styles: [], "A1:I1")
