"""Rule R11 in the domain core: the bridge, the monthly frame and the items settled at tertials."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from planner.decision.frame import (
    Adjustment,
    Bridge,
    Item,
    actual_doubts,
    frame_paid,
    item_adjustment,
    level_to_date,
    monthly_instalment,
    next_bridge,
    payments,
    settled_end,
    uplift_amount,
    uplifted,
    year_forecast,
)

NBSP = "\u00a0"
NU_ADJUSTMENTS = (
    37_399,
    24_932,
    24_932,
    80_615,
    1_571,
    3_023,
    236_780,
    -175_697,
    -3_355,
    2_500,
    1_594,
    37,
    751,
)
NU_BRIDGE = Bridge(
    5_561_881,
    "Dnr OSN-2024-00191",
    Fraction(22, 10),
    122_361,
    tuple(Adjustment(f"adjustment {n}", tkr) for n, tkr in enumerate(NU_ADJUSTMENTS, 1)),
)
NU_ITEMS = (
    Item("nursing-education", "Specialistutbildning sjuksköterskor", 9_799),
    Item("pharmacy-deliveries", "Läkemedelsleveranser", 4_783),
)


def test_the_nu_2026_bridge_adds_up() -> None:
    assert uplift_amount(5_561_881, Fraction(22, 10)) == 122_361
    assert NU_BRIDGE.subtotal_tkr == 5_684_242
    assert len(NU_BRIDGE.adjustments) == 13
    assert NU_BRIDGE.adjustments_tkr == 235_082
    assert (NU_BRIDGE.raised_tkr, NU_BRIDGE.lowered_tkr) == (414_134, -179_052)
    assert NU_BRIDGE.frame_tkr == 5_919_324
    assert NU_BRIDGE.change_tkr == 357_443
    assert round(float(NU_BRIDGE.change_percent or 0), 1) == 6.4


def test_fixed_part_and_instalment() -> None:
    frame = NU_BRIDGE.frame_tkr
    assert frame - sum(item.level for item in NU_ITEMS) == 5_904_742
    assert monthly_instalment(frame) == 493_277


def test_the_august_example() -> None:
    actuals = {"nursing-education": {8: 6_000}, "pharmacy-deliveries": {8: 3_300}}
    paid = payments(5_919_324, NU_ITEMS, actuals, 8, tillagg_kr=1_234_567)
    assert paid.frame_paid_tkr == 3_946_216
    nursing, pharmacy = paid.items
    assert (nursing.level_to_date, nursing.adjustment) == (6_533, -533)
    assert (pharmacy.level_to_date, pharmacy.adjustment) == (3_189, 0)
    assert paid.frame_part_tkr == 3_945_683
    assert paid.total_kr == 3_945_683_000 + 1_234_567
    assert paid.status == "preliminary"


def test_months_between_tertials_use_the_last_tertial_end() -> None:
    actuals = {"nursing-education": {4: 1_000}}
    paid = payments(5_919_324, NU_ITEMS, actuals, 7, 0)
    assert paid.settled_end == 4
    assert paid.items[0].adjustment == 1_000 - level_to_date(9_799, 4)
    assert paid.items[1].actual is None and paid.items[1].adjustment == 0
    assert payments(5_919_324, NU_ITEMS, actuals, 3, 0).item_adjustments_tkr == 0


def test_the_year_forecast_caps_levels_by_forecast_actuals() -> None:
    actuals = {"nursing-education": {8: 6_000}}
    year = year_forecast(5_919_324, NU_ITEMS, actuals, 0)
    assert year.frame_paid_tkr == 5_919_324
    assert year.items[0].actual == 9_000 and year.items[0].adjustment == -799
    assert year.items[1].adjustment == 0


def test_next_bridge_starts_from_this_frame() -> None:
    bridge = next_bridge(5_919_324, "Uppdrag 2026", Fraction(3))
    assert bridge.last_tkr == 5_919_324
    assert bridge.uplift_tkr == 177_580  # 177 579.72
    assert bridge.frame_tkr == 5_919_324 + 177_580
    assert uplifted(519_000, Fraction(22, 10)) == 530_418


frames = st.integers(min_value=0, max_value=10**9)
months = st.integers(min_value=1, max_value=12)


@given(frames, months, months)
def test_paid_to_date_never_decreases(frame: int, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert frame_paid(frame, low) <= frame_paid(frame, high)


@given(frames)
def test_december_completes_the_frame(frame: int) -> None:
    assert frame_paid(frame, 12) == frame
    assert (
        sum(frame_paid(frame, m) - frame_paid(frame, m - 1) for m in range(2, 13))
        + (frame_paid(frame, 1))
        == frame
    )


@given(frames, st.integers(min_value=0, max_value=10**9), months)
def test_item_adjustments_are_never_positive(level: int, actual: int, month: int) -> None:
    adjustment = item_adjustment(level, actual, month)
    assert adjustment <= 0
    assert adjustment >= -level_to_date(level, month)


@given(months)
def test_settled_end_is_a_tertial_end_not_after_the_month(month: int) -> None:
    end = settled_end(month)
    assert end in (0, 4, 8, 12) and end <= month < end + 4


def test_a_doubtful_actual_is_named_with_both_figures() -> None:
    """Actuals are cost to date: a fall against the month before (or a rise above a later
    month), or more than twice the level, is said (and kept by the callers)."""
    item = Item("lakemedelsleveranser", "Läkemedelsleveranser", 4_783)
    assert actual_doubts(item, {4: 1_000, 5: 1_200}, 5) == []
    fell = actual_doubts(item, {4: 1_000, 5: 900}, 5)
    assert len(fell) == 1 and "900" in fell[0] and f"1{NBSP}000" in fell[0]
    assert "April" in fell[0] and "May" in fell[0]
    rose = actual_doubts(item, {3: 2_000, 4: 1_000}, 3)
    assert len(rose) == 1 and f"2{NBSP}000" in rose[0] and f"1{NBSP}000" in rose[0]
    high = actual_doubts(item, {8: 9_567}, 8)
    assert len(high) == 1 and f"9{NBSP}567" in high[0] and f"4{NBSP}783" in high[0]
    assert actual_doubts(item, {8: 9_566}, 8) == []


@given(st.dictionaries(st.integers(1, 12), st.integers(0, 10**6), min_size=1))
def test_rising_actuals_within_twice_the_level_raise_no_doubt(months: dict[int, int]) -> None:
    rising = dict(zip(sorted(months), sorted(months.values()), strict=True))
    item = Item("x", "X", max(rising.values()))
    assert all(actual_doubts(item, rising, m) == [] for m in rising)
