from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.model import PriceClass
from planner.prices import PriceError, PriceList, parse_percent, round_half_up, uplift

TWO_POINT_TWO = parse_percent("2.2")


def test_decision_examples_at_two_point_two_percent() -> None:
    assert uplift(2503, TWO_POINT_TWO) == 2558
    assert uplift(35795, TWO_POINT_TWO) == 36582
    assert uplift(4955, TWO_POINT_TWO) == 5064
    assert [uplift(p, TWO_POINT_TWO) for p in (4459, 4770, 4914, 4997)] == [4557, 4875, 5022, 5107]


def test_halves_round_up_exactly() -> None:
    # 2 500 * 1.022 = 2 555.0; 250 * 1.002 = 250.5 → 251 (a float would give 250.49999…)
    assert uplift(2500, TWO_POINT_TWO) == 2555
    assert uplift(250, parse_percent("0.2")) == 251
    assert uplift(25, parse_percent("2")) == 26  # 25.5
    assert round_half_up(Fraction(-5, 2)) == -3


def test_percent_text_is_read_exactly() -> None:
    assert parse_percent("2,2") == Fraction(11, 5)
    assert parse_percent(" 2.2 % ") == Fraction(11, 5)
    assert parse_percent("-1.5") == Fraction(-3, 2)
    for bad in ("abc", "nan", "inf", "", "-100", "100.5"):
        with pytest.raises(PriceError):
            parse_percent(bad)


def test_price_list_uplift_keeps_every_entry() -> None:
    prices = PriceList(2026, {"NU": {PriceClass.VISIT: 2503, PriceClass.ENDOSCOPY: 4955}})
    next_year = prices.uplifted(2027, TWO_POINT_TWO)
    assert next_year.year == 2027
    assert next_year.get("NU", PriceClass.VISIT) == 2558
    assert next_year.get("NU", PriceClass.ENDOSCOPY) == 5064
    assert next_year.get("NU", PriceClass.TREATMENT) is None
    assert next_year.get("SU", PriceClass.VISIT) is None


@given(
    st.integers(min_value=0, max_value=10_000_000),
    st.decimals(min_value=-50, max_value=100, places=2),
)
def test_uplift_is_within_half_a_krona_of_the_exact_value(price: int, percent: object) -> None:
    exact = Fraction(price) * (100 + Fraction(str(percent))) / 100
    result = uplift(price, parse_percent(str(percent)))
    assert -Fraction(1, 2) < result - exact <= Fraction(1, 2)
