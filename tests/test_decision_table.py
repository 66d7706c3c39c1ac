"""The decision-table parser: the real 2026 table, single-spaced copies, and every bad table."""

from pathlib import Path

import pytest

from planner.model import Plan, Volumes
from planner.readers.decision_table import TableResult, check_table
from planner.readers.table_rows import (
    TableInputError,
    rows_from_bytes,
    rows_from_text,
    split_figures,
)

FIXTURE = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
TABLE = FIXTURE.read_text(encoding="utf-8")
PSYCH_NOTES = [
    "line 3: Psykiatri/Förstabesök prints no figures but its lines sum to 1\u00a0480 / 980 / 500;"
    " the line values are used",
    "line 6: Psykiatri/Utredning prints \u2013 / 0 / 0"
    " but its lines sum to 2\u00a0230 / 1\u00a0463 / 767;"
    " the line values are used",
    "line 9: Psykiatri/Behandling prints \u2013 / 0 / 0"
    " but its lines sum to 2\u00a0430 / 1\u00a0575 / 855;"
    " the line values are used",
]


def check(text: str, plan: Plan, **options: bool) -> TableResult:
    return check_table(rows_from_text(text), plan.lines, **options)


def totals(result: TableResult) -> tuple[int, int, int]:
    values = result.volumes.values()
    return (
        sum(v.uppdrag for v in values),
        sum(v.bas for v in values),
        sum(v.tillagg for v in values),
    )


def messages(result: TableResult) -> list[str]:
    return [str(p) for p in result.errors]


def test_the_2026_table_matches_the_seeded_plan_line_for_line(seeded_plan: Plan) -> None:
    result = check(TABLE, seeded_plan)
    assert result.errors == []
    assert [str(w) for w in result.warnings] == PSYCH_NOTES
    assert totals(result) == (63_480, 39_078, 24_402)
    assert result.volumes == {line.key: line.volumes for line in seeded_plan.lines}


def test_the_fixture_is_the_table_as_printed() -> None:
    assert "Förstabetesök\t\t\t\n" in TABLE
    assert "Utredning\t\t0\t0\n" in TABLE and "Behandling\t\t0\t0\n" in TABLE
    assert TABLE.count("NU-sjukvården\tuppdrag\tbas\ttillägg") == 2


def test_runs_of_spaces_and_no_break_spaces_read_like_tabs(seeded_plan: Plan) -> None:
    spaced = (
        TABLE.replace("\t", "   ").replace("4 500", "4\u00a0500").replace("3 850", "3\u202f850")
    )
    result = check(spaced, seeded_plan)
    assert result.errors == []
    assert totals(result) == (63_480, 39_078, 24_402)


def test_single_spaced_figures_are_split_by_rule_r1(seeded_plan: Plan) -> None:
    assert split_figures("4 500 2 310 2 190") == (["4 500", "2 310", "2 190"], "")
    assert split_figures("1 030 700 330") == (["1 030", "700", "330"], "")
    single = TABLE.replace("\t", " ")
    result = check(single, seeded_plan)
    assert result.errors == []
    assert totals(result) == (63_480, 39_078, 24_402)


def test_accents_case_and_aliases_match(seeded_plan: Plan) -> None:
    text = TABLE.replace("Ortopedi\t", "ORTOPEDI\t").replace("Övriga ögon", "ovriga ogon")
    result = check(text, seeded_plan)
    assert result.errors == []
    assert result.volumes["somatik/forstabesok/ortopedi"] == Volumes(4_500, 2_310, 2_190)


def test_an_unknown_name_says_what_it_may_mean(seeded_plan: Plan) -> None:
    result = check(TABLE.replace("Ortopedi\t", "Ortoped\t"), seeded_plan)
    assert messages(result) == [
        "line 30: 'Ortoped' is not a line, category or area under Somatik/Förstabesök;"
        " did you mean 'Ortopedi'?",
        "1 catalogue line(s) missing from the table: Somatik/Förstabesök/Ortopedi"
        " (allow missing lines to keep the plan's)",
    ]
    assert result.volumes == {}


def test_every_problem_is_reported_at_once_with_its_line(seeded_plan: Plan) -> None:
    text = (
        TABLE.replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 500\t2 310\t2 200")
        .replace("Hud\t4 500", "Hud\t-4 500")
        .replace("Logopedi\t600", "Logopedi\t600,5")
        .replace("Rygg\t250\t35\t215", "Rygg\t250\t35\t215\nRygg\t250\t35\t215")
    )
    assert messages(check(text, seeded_plan)) == [
        "line 20: Hud: uppdrag -4 500 is negative: a volume must be 0 or more",
        "line 24: Logopedi: uppdrag 600,5 has decimals: volumes are whole numbers",
        "line 30: Ortopedi: uppdrag 4\u00a0500 is not bas"
        " 2\u00a0310 + tillägg 2\u00a0200 (= 4\u00a0510)",
        "line 53: Rygg (Somatik/Operation/åtgärd) again; first on line 52",
    ]


def test_a_line_missing_one_figure_is_completed_and_reported(seeded_plan: Plan) -> None:
    text = TABLE.replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 500\t\t2 190")
    result = check(text, seeded_plan)
    assert result.errors == []
    assert "line 30: Ortopedi: bas missing, completed as 2\u00a0310" in map(str, result.warnings)
    assert result.volumes["somatik/forstabesok/ortopedi"] == Volumes(4_500, 2_310, 2_190)
    two_missing = check(
        TABLE.replace("Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 500"), seeded_plan
    )
    assert messages(two_missing) == [
        "line 30: Ortopedi: bas and tillägg missing; give at least two figures"
    ]


def test_a_wrong_totalsumma_is_an_error_unless_accepted(seeded_plan: Plan) -> None:
    text = TABLE.replace("Totalsumma\t63 480", "Totalsumma\t63 490")
    assert messages(check(text, seeded_plan)) == [
        "line 61: Totalsumma prints 63\u00a0490 / 39\u00a0078 / 24\u00a0402 but its lines sum to"
        " 63\u00a0480 / 39\u00a0078 / 24\u00a0402"
    ]
    accepted = check(text, seeded_plan, accept_total_mismatch=True)
    assert accepted.errors == [] and totals(accepted) == (63_480, 39_078, 24_402)
    assert str(accepted.warnings[-1]).endswith("the line values are used (mismatch accepted)")


def test_a_header_in_the_middle_is_skipped_and_missing_lines_can_be_allowed(
    seeded_plan: Plan,
) -> None:
    without = TABLE.replace("Koloskopi\t3 500\t1 736\t1 764\n", "")
    assert "1 catalogue line(s) missing" in messages(check(without, seeded_plan))[-1]
    allowed = check(without, seeded_plan, allow_missing=True)
    assert "somatik/undersokning/koloskopi" not in allowed.volumes
    assert allowed.missing == ["somatik/undersokning/koloskopi"]
    assert (
        "Somatik/Undersökning prints 7\u00a0500 / 4\u00a0536 / 2\u00a0964 but its lines sum to"
        in "".join(map(str, allowed.warnings))
    )


def test_empty_and_binary_inputs_are_refused() -> None:
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(TableInputError, match=r"^the table is empty$"):
            rows_from_bytes(data)
    with pytest.raises(TableInputError, match="binary data"):
        rows_from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TableInputError, match=r"not UTF-8 text \(byte 0\)"):
        rows_from_bytes(b"\xff\xfe\xfa garbage")
    with pytest.raises(TableInputError, match="line 2: the character U\\+001B"):
        rows_from_text("Psykiatri\t1\t1\t0\n\x1b[31mBUP\n")


def test_csv_with_bom_and_semicolons_reads_like_the_text(seeded_plan: Plan) -> None:
    csv_text = "\ufeff" + TABLE.replace("\t", ";")
    result = check_table(rows_from_bytes(csv_text.encode(), "table.csv"), seeded_plan.lines)
    assert result.errors == []
    assert [str(w) for w in result.warnings] == PSYCH_NOTES
    assert totals(result) == (63_480, 39_078, 24_402)


def test_a_typed_xlsx_in_the_decision_shape_reads_its_numbers(seeded_plan: Plan) -> None:
    import io

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for line in TABLE.splitlines():
        cells = line.split("\t")
        values = [int(c.replace(" ", "")) if c.replace(" ", "").isdigit() else c for c in cells]
        sheet.append([v if v != "" else None for v in values])
    sheet["B20"] = 4500.5
    out = io.BytesIO()
    book.save(out)
    result = check_table(rows_from_bytes(out.getvalue(), "t.xlsx"), seeded_plan.lines)
    assert messages(result) == [
        "line 20: Hud: uppdrag 4500,5 has decimals: volumes are whole numbers"
    ]
    sheet["B20"] = 4500
    out = io.BytesIO()
    book.save(out)
    result = check_table(rows_from_bytes(out.getvalue(), "t.xlsx"), seeded_plan.lines)
    assert result.errors == [] and [str(w) for w in result.warnings] == PSYCH_NOTES
    assert totals(result) == (63_480, 39_078, 24_402)


def test_a_damaged_xlsx_is_refused() -> None:
    with pytest.raises(TableInputError, match=r"^not a readable XLSX workbook"):
        rows_from_bytes(b"PK\x03\x04" + b"\x00" * 64, "t.xlsx")
