"""Rules R6 and R8: phasing, performed against plan, earned tillägg, forecast and settlement."""

import itertools
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.followup.performance import (
    follow_up,
    format_fulfilment,
    fulfilment_mark,
    line_figures,
    reporting_month,
    with_line,
)
from planner.followup.phasing import (
    EVEN,
    PhasingError,
    check_weights,
    cumulative_share,
    round_half_up,
    to_date,
    year_forecast,
)
from planner.followup.settlement import settle
from planner.grouping import RowKind
from planner.model import Hospital, Plan, PlanLine, PriceClass, Prices, Volumes

ORTOPEDI = "somatik/forstabesok/ortopedi"
WORKED = {ORTOPEDI: {1: 400, 2: 380, 3: 420, 4: 400}}
PRICES = Prices(2503, 35795, 4955)


def test_worked_example(nu_plan: Plan) -> None:
    row = follow_up(nu_plan, WORKED, EVEN, 4).line_row(ORTOPEDI)
    f = row.figures
    assert (f.uppdrag, f.bas, f.tillagg) == (4500, 2310, 2190)
    assert (f.performed, f.planned, f.bas_to_date) == (1600, 1500, 770)
    assert format_fulfilment(f.fulfilment) == "106.7 %"
    assert (f.earned_units, f.earned_kr) == (830, 2_077_490)
    assert (f.forecast, f.forecast_units, f.forecast_kr) == (4800, 2190, 5_481_570)
    assert row.months == (400, 380, 420, 400, *(None,) * 8)


def test_subtotals_and_total_sum_the_lines(nu_plan: Plan) -> None:
    result = follow_up(nu_plan, WORKED, EVEN, 4)
    groups = {row.group: row for row in result.rows if row.kind is not RowKind.LINE}
    for group in ("Somatik", "Somatik/Förstabesök", ""):
        assert groups[group].figures.earned_kr == 2_077_490
        assert groups[group].months[:5] == (400, 380, 420, 400, None)
    assert groups["Psykiatri"].figures.performed == 0
    assert groups["Psykiatri"].months == (None,) * 12
    assert result.total.figures.uppdrag == 63_480
    # only the reported line's plan to date counts (R8): 1 of 49 lines reported
    assert result.total.figures.planned == 1500
    assert result.total.figures.reported_text == "1 of 49 lines reported"
    assert groups["Psykiatri"].figures.planned == 0
    assert groups["Psykiatri"].figures.fulfilment is None
    assert result.rows[-1].kind is RowKind.TOTAL


def test_totals_count_reported_lines_only(nu_plan: Plan) -> None:
    """With every line reported, the total sums the lines' rounded plan-to-date figures."""
    everyone = {line.key: {4: 0} for line in nu_plan.lines}  # each judged at April
    result = follow_up(nu_plan, {**everyone, **WORKED}, EVEN, 4)
    # round(63 480 / 3) would be 21 160
    assert result.total.figures.planned == 21_157
    assert result.total.figures.reported_text == "49 of 49 lines reported"
    one_cleared = {**everyone, **WORKED}
    one_cleared.pop(ORTOPEDI)
    changed = with_line(result, nu_plan, one_cleared, EVEN, ORTOPEDI)
    assert changed.total.figures == follow_up(nu_plan, one_cleared, EVEN, 4).total.figures
    assert changed.total.figures.reported == 48


def test_not_reported_differs_from_zero_only_in_the_months() -> None:
    assert reporting_month({}) is None
    assert reporting_month({"a": {}, "b": {3: 0}}) == 3
    assert reporting_month(WORKED) == 4


def test_fulfilment_format_and_marks() -> None:
    assert format_fulfilment(None) == "—"
    assert format_fulfilment(Fraction(200, 3)) == "66.7 %"
    assert format_fulfilment(Fraction(1001, 10) + Fraction(1, 20)) == "100.2 %"
    assert format_fulfilment(Fraction(100)) == "100.0 %"
    assert fulfilment_mark(Fraction(8999, 100)) == "low"
    assert fulfilment_mark(Fraction(90)) == ""
    assert fulfilment_mark(Fraction(110)) == ""
    assert fulfilment_mark(Fraction(11001, 100)) == "high"
    assert fulfilment_mark(None) == ""


def test_phasing_rounding_and_validation() -> None:
    weights = (20, 19, 22, 21, 20, 20, 22, 15, 22, 23, 20, 17)
    assert cumulative_share(weights, 3) == Fraction(61, 241)
    assert cumulative_share(weights, 12) == 1
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(3, 2)) == 2
    assert round_half_up(Fraction(7, 3)) == 2
    assert to_date(3, EVEN, 6) == 2  # 1.5 rounds up
    with pytest.raises(PhasingError, match="needs 12 month weights, got 11"):
        check_weights((1,) * 11)
    with pytest.raises(PhasingError, match="the weight for month 2 is 0"):
        check_weights((1, 0, *(1,) * 10))
    with pytest.raises(PhasingError, match=r"month 13 is outside 1\.\.12"):
        cumulative_share(EVEN, 13)


def test_settlement_worked_example(nu_plan: Plan) -> None:
    t1, t2, t3 = settle(nu_plan, WORKED, EVEN, 4)
    assert (t1.status, t1.earned["visit"], t1.payment["total"]) == (
        "preliminary",
        2_077_490,
        2_077_490,
    )
    assert t1.earned["treatment"] == t1.earned["endoscopy"] == 0
    assert (t2.status, t2.earned, t3.status) == ("open", {}, "open")


def test_settlement_final_in_december(nu_plan: Plan) -> None:
    outcomes = {ORTOPEDI: dict.fromkeys(range(1, 13), 400)}
    t1, t2, t3 = settle(nu_plan, outcomes, EVEN, 12)
    assert [t.status for t in (t1, t2, t3)] == ["preliminary", "preliminary", "final"]
    # D(4)=1600, B(4)=770 → 830; D(8)=3200, B(8)=1540 → 1660; D(12)=4800 → min(2490, 2190)
    assert [t.earned["visit"] for t in (t1, t2, t3)] == [830 * 2503, 1660 * 2503, 2190 * 2503]
    assert [t.payment["visit"] for t in (t1, t2, t3)] == [830 * 2503, 830 * 2503, 530 * 2503]


def _line(bas: int, tillagg: int) -> PlanLine:
    return PlanLine("a/b/c", "A", "B", "C", PriceClass.VISIT, Volumes(bas + tillagg, bas, tillagg))


volumes = st.integers(0, 9_999_999)
weights_st = st.lists(st.integers(1, 40), min_size=12, max_size=12)
months_st = st.dictionaries(st.integers(1, 12), st.integers(0, 9_999_999), max_size=12)


@given(volumes, volumes, weights_st, months_st)
def test_earned_within_tillagg_and_monotone(
    bas: int, tillagg: int, weights: list[int], months: dict[int, int]
) -> None:
    line = _line(bas, tillagg)
    series = [line_figures(line, PRICES, months, weights, m) for m in range(1, 13)]
    for f in series:
        assert 0 <= f.earned_units <= tillagg
        assert f.earned_kr == f.earned_units * 2503
        assert 0 <= f.forecast_units <= tillagg
    for before, after in itertools.pairwise(series):
        assert before.performed <= after.performed
        assert before.planned <= after.planned
        assert before.bas_to_date <= after.bas_to_date
    assert series[-1].bas_to_date == bas
    assert series[-1].planned == bas + tillagg
    assert series[-1].forecast == series[-1].performed


@given(st.integers(1, 100_000), st.integers(1, 100_000), weights_st, st.data())
def test_a_month_below_its_bas_share_can_give_a_repayment(
    bas: int, tillagg: int, weights: list[int], data: st.DataObject
) -> None:
    """Ahead of bas in T1, nothing performed in T2: earned falls and T2's payment is negative."""
    line = _line(bas, tillagg)
    plan = Plan(HOSPITAL, 2026, PRICES, (line,))
    b4, b8 = to_date(bas, weights, 4), to_date(bas, weights, 8)
    ahead = data.draw(st.integers(1, tillagg))
    t1, t2, _ = settle(plan, {line.key: {1: b4 + ahead}}, weights, 8)
    assert t1.payment["total"] == ahead * 2503
    assert t2.payment["total"] == (max(b4 + ahead - b8, 0) - ahead) * 2503
    assert (t2.payment["total"] < 0) == (b8 > b4)


def test_repayment_example(nu_plan: Plan) -> None:
    """Ortopedi 1 600 by April, nothing May-August: B(8) = 1 540, E falls 830 → 60 units."""
    _, t2, _ = settle(nu_plan, WORKED, EVEN, 8)
    assert (t2.earned["visit"], t2.payment["visit"]) == (150_180, -1_927_310)


HOSPITAL = Hospital("NU", "NU-sjukvården", "NU")


def test_reporting_month_zero_differs_from_missing(nu_plan: Plan) -> None:
    reported_zero = follow_up(nu_plan, {ORTOPEDI: {5: 0}}, EVEN, 5).line_row(ORTOPEDI)
    assert reported_zero.months[4] == 0
    assert reported_zero.months[3] is None
    line = replace(nu_plan.line(ORTOPEDI))
    assert line_figures(line, PRICES, {}, EVEN, 5).performed == 0


def test_chart_series(nu_plan: Plan) -> None:
    from planner.followup.series import performed_series, planned_series

    line = nu_plan.line(ORTOPEDI)
    assert planned_series([line], EVEN) == [375 * m for m in range(1, 13)]
    assert performed_series((400, None, 420, *(None,) * 9), 4) == [400, 400, 820, 820]
    assert planned_series(nu_plan.lines, EVEN)[-1] == 63_480


@given(st.integers(0, 9_999_999), weights_st, st.integers(1, 12))
def test_integer_phasing_equals_the_exact_fraction(
    volume: int, weights: list[int], month: int
) -> None:
    share = cumulative_share(weights, month)
    assert to_date(volume, weights, month) == round_half_up(volume * share)
    assert year_forecast(volume, weights, month) == round_half_up(volume / share)


KEYS = [ORTOPEDI, "somatik/forstabesok/hud", "psykiatri/forstabesok/bup"]


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(KEYS), st.dictionaries(st.integers(1, 11), st.integers(0, 5000)), max_size=3
    ),
    st.sampled_from(KEYS),
    st.integers(1, 12),
    st.none() | st.integers(0, 5000),
)
def test_with_line_equals_a_full_recompute(
    seeded_plan: Plan,
    outcomes: dict[str, dict[int, int]],
    key: str,
    month: int,
    value: int | None,
) -> None:
    """The screen's one-line update gives the same rows as recomputing the whole plan."""
    outcomes = {k: dict(v) for k, v in outcomes.items()}
    outcomes.setdefault(KEYS[0], {})[12] = 1  # the reporting month stays December
    before = follow_up(seeded_plan, outcomes, EVEN, 12)
    months = outcomes.setdefault(key, {})
    if value is None:
        months.pop(month, None)
    else:
        months[month] = value
    outcomes[KEYS[0]][12] = 1
    assert with_line(before, seeded_plan, outcomes, EVEN, key) == follow_up(
        seeded_plan, outcomes, EVEN, 12
    )


def test_one_line_reported_early_does_not_pull_every_line_into_that_month(nu_plan: Plan) -> None:
    """Issue 21 (trial): 48 lines to April and one to May; each line is judged at its own month."""
    april = {line.key: {4: to_date(line.volumes.uppdrag, EVEN, 4)} for line in nu_plan.lines}
    before = follow_up(nu_plan, april, EVEN, 4)
    assert before.total.figures.fulfilment == 100
    assert before.judged_text == ""
    early = {**april, ORTOPEDI: {**april[ORTOPEDI], 5: 375}}
    after = follow_up(nu_plan, early, EVEN, 5)
    assert after.month == 5
    assert format_fulfilment(after.total.figures.fulfilment) == "100.0 %"
    bup = after.line_row("psykiatri/forstabesok/bup").figures
    assert bup.planned == to_date(1030, EVEN, 4)  # its own April, not May
    assert after.line_row(ORTOPEDI).figures.planned == to_date(4500, EVEN, 5)
    assert after.judged_months() == {4: 48, 5: 1}
    assert after.judged_text == (
        "Each line is judged at its own last reported month: 48 lines to April, 1 line to May."
    )
    # the same total whether computed whole or moved by one line's change
    moved = with_line(before, nu_plan, early, EVEN, ORTOPEDI)
    assert moved.line_row(ORTOPEDI).figures.planned == to_date(4500, EVEN, 4)  # month 4 view


@pytest.mark.lang("sv")
def test_the_judged_months_in_swedish_count_lines_in_the_right_number(nu_plan: Plan) -> None:
    """followup.judged_text went through no catalog: "48 line(s) to april" in Swedish mode."""
    april = {line.key: {4: to_date(line.volumes.uppdrag, EVEN, 4)} for line in nu_plan.lines}
    early = {**april, ORTOPEDI: {**april[ORTOPEDI], 5: 375}}
    assert follow_up(nu_plan, early, EVEN, 5).judged_text == (
        "Varje rad bedöms vid sin egen senast rapporterade månad: 48 rader t.o.m. april,"
        " 1 rad t.o.m. maj."
    )
