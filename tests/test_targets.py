"""Typed indicator targets (R12): every printed kind, the issue's worked examples, the bounds."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.decision.targets import (
    Kind,
    Status,
    Target,
    TargetError,
    decimal_text,
    judge,
    normalise_value,
    parse_number,
    parse_target,
)


@pytest.mark.parametrize(
    ("printed", "kind", "value"),
    [
        ("≥90 % inom 20 minuter (regionalt mål)", Kind.GE, 90),
        ("≤ 90 %", Kind.LE, 90),
        ("≤ 8,5%", Kind.LE, Fraction(17, 2)),
        (">90%", Kind.GT, 90),
        ("SKR-mål max 2% av personalkostnaden", Kind.MAX, 2),
        ("100%", Kind.PERCENT, 100),
        ("100% av ST-läkarna ska ha tilldelade sidotjänstgöringsplatser", Kind.PERCENT, 100),
        ("50%", Kind.PERCENT, 50),
        ("16", Kind.COUNT, 16),
        ("Ja", Kind.YES, None),
        ("Ska öka", Kind.INCREASE, None),
        ("Fler individer med behov ska diagnostiseras", Kind.INCREASE, None),
        ("Ska minska", Kind.DECREASE, None),
        ("Behovet ska minska", Kind.DECREASE, None),
        ("Fungerar väl", Kind.TEXT, None),
        ("", Kind.NONE, None),
        ("saknas", Kind.NONE, None),
    ],
)
def test_every_printed_kind_is_typed(printed: str, kind: Kind, value: int | None) -> None:
    assert parse_target(printed, "NU") == Target(kind, None if value is None else Fraction(value))


def test_a_per_hospital_count_takes_the_hospitals_figure() -> None:
    assert parse_target("VGR: 140 NU: 16", "NU") == Target(Kind.COUNT, Fraction(16))
    assert parse_target("NU: 68", "NU") == Target(Kind.COUNT, Fraction(68))
    assert parse_target("VGR: 140 NU: 16", "SU").kind is Kind.TEXT


@pytest.mark.parametrize(
    ("printed", "value", "previous", "status", "gap"),
    [
        ("≤ 90 %", "92,4", None, Status.NOT_MET, "+2.4 pp"),
        ("≤ 8,5%", "8,5", None, Status.MET, "0.0 pp"),
        ("≥90 % inom 20 minuter", "89,9", None, Status.NOT_MET, "-0.1 pp"),
        (">90%", "90,0", None, Status.NOT_MET, "0.0 pp"),
        ("SKR-mål max 2% av personalkostnaden", "2,0", None, Status.MET, "0.0 pp"),
        ("VGR: 140 NU: 16", "15", None, Status.NOT_MET, "short by 1"),
        ("Ja", "Nej", None, Status.NOT_MET, ""),
        ("Ska öka", "118", "120", Status.NOT_MET, "-2 on 2026-04"),
    ],
)
def test_the_worked_examples(
    printed: str, value: str, previous: str | None, status: Status, gap: str
) -> None:
    target = parse_target(printed, "NU")
    stored = normalise_value(target, value)
    before = None if previous is None else normalise_value(target, previous)
    assert judge(target, stored, before, "2026-04") == (
        status,
        gap,
        gap,
    )  # English: shown as stored


def test_directions_are_strict_and_need_a_previous_period() -> None:
    up, down = Target(Kind.INCREASE), Target(Kind.DECREASE)
    assert judge(up, "120", "120", "2026-04").status is Status.NOT_MET
    assert judge(up, "121", "120", "2026-04") == (Status.MET, "+1 on 2026-04", "+1 on 2026-04")
    assert judge(down, "119", "120", "2026-04").status is Status.MET
    assert judge(up, "121").status is Status.TO_JUDGE


def test_text_and_none_are_judged_by_a_person() -> None:
    assert judge(Target(Kind.TEXT), "Fungerar delvis").status is Status.TO_JUDGE
    assert judge(Target(Kind.NONE), "412").status is Status.TO_JUDGE


def test_a_count_met_says_how_far_over() -> None:
    assert judge(Target(Kind.COUNT, Fraction(16)), "16") == (Status.MET, "on target", "on target")
    assert judge(Target(Kind.COUNT, Fraction(16)), "1216") == (
        Status.MET,
        "1\u00a0200 over",
        "1\u00a0200 over",
    )


@pytest.mark.parametrize("text", ["", "abc", "9x", "1e5", "--2", "[red]1"])
def test_bad_numbers_are_refused_with_the_text(text: str) -> None:
    with pytest.raises(TargetError):
        normalise_value(Target(Kind.LE, Fraction(90)), text)


def test_yes_accepts_ja_and_nej_only() -> None:
    assert normalise_value(Target(Kind.YES), " ja ") == "Ja"
    assert normalise_value(Target(Kind.YES), "Nej") == "Nej"
    with pytest.raises(TargetError):
        normalise_value(Target(Kind.YES), "kanske")


tenths = st.integers(min_value=0, max_value=10_000).map(lambda n: Fraction(n, 10))


@given(bound=tenths, value=tenths)
def test_bounds_inclusive_and_strict(bound: Fraction, value: Fraction) -> None:
    stored = decimal_text(value)
    assert parse_number(stored) == value
    met = {
        Kind.GE: value >= bound,
        Kind.PERCENT: value >= bound,
        Kind.LE: value <= bound,
        Kind.MAX: value <= bound,
        Kind.GT: value > bound,
    }
    for kind, expected in met.items():
        judged = judge(Target(kind, bound), stored)
        assert (judged.status is Status.MET) == expected
        assert judged.gap.endswith(" pp")
        assert judged.gap.startswith("+") == (value > bound)
        assert judged.gap.startswith("-") == (value < bound)


@given(bound=st.integers(0, 10_000), value=st.integers(0, 10_000))
def test_counts_are_at_least(bound: int, value: int) -> None:
    judged = judge(Target(Kind.COUNT, Fraction(bound)), str(value))
    assert (judged.status is Status.MET) == (value >= bound)
    if value < bound:
        assert judged.gap == f"short by {bound - value:,}".replace(",", "\u00a0")
