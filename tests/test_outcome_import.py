"""Parsing outcome files: long and wide form, lines by key or name, and every kind of bad row."""

from collections.abc import Sequence

import pytest

from planner.model import Plan
from planner.readers.outcome_import import ImportInvalid, month_of, parse_outcomes

ORT = "somatik/forstabesok/ortopedi"
BUP = "psykiatri/forstabesok/bup"


def problems(rows: Sequence[Sequence[object]], plan: Plan) -> list[str]:
    with pytest.raises(ImportInvalid) as info:
        parse_outcomes(rows, plan)
    return [str(p) for p in info.value.problems]


def test_long_form(seeded_plan: Plan) -> None:
    rows: list[list[object]] = [
        ["key", "month", "performed"],
        [ORT, "1", "400"],
        [ORT, "feb", "1 380"],
        [BUP, 3, 0],
    ]
    assert parse_outcomes(rows, seeded_plan) == {(ORT, 1): 400, (ORT, 2): 1380, (BUP, 3): 0}


def test_wide_form_with_names_plan_columns_and_empty_cells(seeded_plan: Plan) -> None:
    rows: list[list[object]] = [
        ["Hospital", "Year", "Area", "Category", "Line", "januari", "2026-02", "3", "Apr"],
        ["NU", "2026", "Somatik", "Förstabesök", "Ortopedi", 400, 380.0, "", "400"],
        [None, None, None, None, None],
    ]
    assert parse_outcomes(rows, seeded_plan) == {(ORT, 1): 400, (ORT, 2): 380, (ORT, 4): 400}


def test_key_column_may_hold_the_printed_name(seeded_plan: Plan) -> None:
    rows = [["key", "1"], ["Somatik / Förstabesök / Ortopedi", "7"]]
    assert parse_outcomes(rows, seeded_plan) == {(ORT, 1): 7}


def test_month_words() -> None:
    assert [month_of(w, 2026) for w in ("1", "12", "maj", "Okt", "december", "2026-03")] == [
        1,
        12,
        5,
        10,
        12,
        3,
    ]
    assert [month_of(w, 2026) for w in ("0", "13", "2025-03", "x", None)] == [None] * 5


def test_every_problem_with_row_and_column(seeded_plan: Plan) -> None:
    rows: list[list[object]] = [
        ["key", "month", "performed", "hospital", "year"],
        ["somatik/forstabesok/ortopedl", "1", "5", "NU", "2026"],
        [ORT, "13", "5", "NU", "2026"],
        [ORT, "2", "12x", "NU", "2026"],
        [ORT, "3", "10", "SU", "2025"],
        [ORT, "3", "11", "NU", "2026"],
        [ORT, "4", "-1", "NU", "2026"],
        [ORT, "5", "10\u00a0000\u00a0000", "", ""],
        [ORT, "6", 10_000_000, "", ""],
    ]
    assert problems(rows, seeded_plan) == [
        "row 2, column A (key): no line 'somatik/forstabesok/ortopedl' in this plan;"
        " did you mean 'somatik/forstabesok/ortopedi'?",
        "row 3, column B (month): month '13' is not a month 1..12",
        "row 4, column C (performed): '12x' is not a whole number (digits with optional spaces)",
        "row 5, column D (hospital): hospital 'SU' is not this plan's (NU)",
        "row 5, column E (year): year '2025' is not this plan's (2026)",
        "row 6, column C (performed): somatik/forstabesok/ortopedi month 3 is also on row 5",
        "row 7, column C (performed): -1 is negative: a volume must be 0 or more",
        "row 8, column C (performed): 10\u00a0000\u00a0000"
        " is above the maximum 9\u00a0999\u00a0999",
        "row 9, column C (performed): 10\u00a0000\u00a0000 is outside 0..9\u00a0999\u00a0999",
    ]


def test_header_problems(seeded_plan: Plan) -> None:
    assert problems([], seeded_plan) == ["row 1: the file is empty"]
    assert problems([["line", "performed"]], seeded_plan) == [
        "row 1: no `key` column (nor area, category and line)",
        "row 1: need columns month and performed, or one column per month (1..12)",
    ]
    assert problems([["key", "x"]], seeded_plan) == [
        "row 1: need columns month and performed, or one column per month (1..12)"
    ]
    assert problems([["key", "2025-01"], [ORT, "1"]], seeded_plan)[0] == (
        "row 1, column B (2025-01): '2025-01' is not in this plan's year 2026"
    )


def test_wide_form_bad_cell_and_fractional_number(seeded_plan: Plan) -> None:
    rows: list[list[object]] = [["key", "jan", "feb"], [ORT, 1.5, "abc"]]
    assert problems(rows, seeded_plan) == [
        "row 2, column B (jan): 1.5 is not a whole number",
        "row 2, column C (feb): 'abc' is not a whole number (digits with optional spaces)",
    ]


def test_comment_rows_are_skipped_and_rows_keep_their_numbers(seeded_plan: Plan) -> None:
    rows = [["# invented numbers"], ["key", "jan"], ["# a note"], [ORT, "x"]]
    assert problems(rows, seeded_plan) == [
        "row 4, column B (jan): 'x' is not a whole number (digits with optional spaces)"
    ]
