"""The register's domain rules: occasions, periods, what is due, outcomes in period order."""

import pytest

from planner.decision.register import (
    Indicator,
    Occasion,
    Outcome,
    PeriodError,
    assess,
    check_period,
    due_periods,
    is_due,
    parse_schedule,
    period_order,
)
from planner.decision.targets import Kind, Status, Target


@pytest.mark.parametrize(
    ("printed", "occasions"),
    [
        ("Månadsvis", (Occasion.MONTHLY,)),
        ("Delår augusti, helår", (Occasion.AUGUST, Occasion.YEAR)),
        ("Mitten av augusti, helår", (Occasion.AUGUST, Occasion.YEAR)),
        ("Helår", (Occasion.YEAR,)),
        ("Delårsrapport, årsredovisning", (Occasion.AUGUST, Occasion.YEAR)),
        (
            "Delår augusti, helår samt däremellan månatlig lägesrapport",
            (Occasion.MONTHLY, Occasion.AUGUST, Occasion.YEAR),
        ),
        ("", ()),
    ],
)
def test_occasions_as_printed(printed: str, occasions: tuple[Occasion, ...]) -> None:
    assert parse_schedule(printed) == occasions


def test_periods_are_months_or_the_year_inside_the_register() -> None:
    assert check_period(" 2026-08 ", 2026, 2026) == "2026-08"
    assert check_period("2027", 2025, 2027) == "2027"
    for bad in ("2026-00", "2026-13", "26-08", "2026/08", "2028", ""):
        with pytest.raises(PeriodError):
            check_period(bad, 2025, 2027)
    assert sorted(["2026", "2026-12", "2026-02"], key=period_order) == [
        "2026-02",
        "2026-12",
        "2026",
    ]


def test_what_is_due_when() -> None:
    monthly, interim = (Occasion.MONTHLY,), (Occasion.AUGUST, Occasion.YEAR)
    assert due_periods(monthly, 2026, 5) == ["2026-05"]
    assert due_periods(interim, 2026, 5) == []
    assert due_periods(interim, 2026, 8) == ["2026-08"]
    assert due_periods(interim, 2026, 12) == ["2026"]
    assert due_periods((Occasion.MONTHLY, Occasion.YEAR), 2026, 12) == ["2026-12", "2026"]


def indicator(kind: Kind, refers_to: str = "") -> Indicator:
    return Indicator(
        "NU",
        2026,
        1,
        2026,
        "A",
        "U",
        "T",
        "",
        Target(kind),
        "",
        "",
        "",
        (Occasion.MONTHLY,),
        refers_to,
    )


def test_a_referring_row_is_never_due() -> None:
    assert is_due(indicator(Kind.NONE), 2026, 3)
    assert not is_due(indicator(Kind.NONE, "Omställning"), 2026, 3)


def test_directions_compare_in_period_order_whatever_the_stored_order() -> None:
    judged = assess(
        indicator(Kind.INCREASE),
        [Outcome("2026-05", "118"), Outcome("2026-04", "120"), Outcome("2026-06", "130")],
    )
    assert [(a.period, a.status) for a in judged] == [
        ("2026-04", Status.TO_JUDGE),
        ("2026-05", Status.NOT_MET),
        ("2026-06", Status.MET),
    ]
