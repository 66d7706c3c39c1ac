from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from planner.diff import Decision, Effects, compare
from planner.grouping import RowKind
from planner.model import Hospital, Plan, PriceClass, Prices, Volumes
from planner.prices import parse_percent, uplift
from planner.region import region_view

SU = Hospital("SU", "Sahlgrenska Universitetssjukhuset", "SU")
SAS = Hospital("SAS", "Södra Älvsborgs Sjukhus", "SÄS")
KATARAKT = "somatik/operation-atgard/katarakt"


def as_hospital(plan: Plan, hospital: Hospital, endoscopy: int, year: int | None = None) -> Plan:
    prices = replace(plan.prices, endoscopy=endoscopy)
    return Plan(hospital, year or plan.year, prices, plan.lines)


def uplifted(plan: Plan, percent: str) -> Plan:
    p = parse_percent(percent)
    prices = Prices(*(uplift(plan.prices.unit_price(c), p) for c in PriceClass))
    return Plan(plan.hospital, plan.year + 1, prices, plan.lines)


def test_year_on_year_uplift_is_all_price_effect(seeded_plan: Plan) -> None:
    result = compare(seeded_plan, uplifted(seeded_plan, "2.2"))
    assert result.effects == Effects(volume=0, price=5_389_086)
    assert result.cost_delta == 5_389_086
    assert 245_126_454 + result.cost_delta == 250_515_540
    assert result.decision is Decision.BOARD
    assert result.effects_by_class == {
        "visit": Effects(0, 16128 * 55),
        "treatment": Effects(0, 5310 * 787),
        "endoscopy": Effects(0, 2964 * 109),
    }
    assert result.effects_by_category["Somatik/Undersökning"] == Effects(0, 2964 * 109)


def test_volume_and_price_effect_of_one_line(seeded_plan: Plan) -> None:
    more = tuple(
        replace(line, volumes=Volumes(line.volumes.bas + 800, line.volumes.bas, 800))
        if line.key == KATARAKT
        else line
        for line in seeded_plan.lines
    )
    new = uplifted(replace(seeded_plan, lines=more), "2.2")
    change = next(c for c in compare(seeded_plan, new).changes if c.key == KATARAKT)
    assert change.effects == Effects(50 * 35795, 800 * (36582 - 35795))
    assert change.effects.total == change.cost_delta == 800 * 36582 - 750 * 35795


volumes = st.integers(min_value=0, max_value=9_999_999)
prices = st.integers(min_value=0, max_value=1_000_000)


@given(
    st.lists(st.tuples(volumes, st.sampled_from(list(PriceClass))), min_size=49, max_size=49),
    st.tuples(prices, prices, prices),
    st.sets(st.integers(min_value=0, max_value=48), max_size=5),
)
def test_the_two_effects_add_up_to_the_total_delta(
    seeded_plan: Plan,
    new_lines: list[tuple[int, PriceClass]],
    new_prices: tuple[int, int, int],
    dropped: set[int],
) -> None:
    old = seeded_plan
    lines = tuple(
        replace(line, volumes=Volumes(line.volumes.bas + t, line.volumes.bas, t), price_class=c)
        for i, (line, (t, c)) in enumerate(zip(old.lines, new_lines, strict=True))
        if i not in dropped
    )
    new = Plan(old.hospital, 2027, Prices(*new_prices), lines)
    result = compare(old, new)
    assert result.effects.total == result.cost_delta
    assert sum(e.total for e in result.effects_by_class.values()) == result.cost_delta
    assert sum(e.total for e in result.effects_by_category.values()) == result.cost_delta
    for change in result.changes:
        assert change.effects.total == change.cost_delta


def test_region_of_nu_and_su_copy(seeded_plan: Plan) -> None:
    su = as_hospital(seeded_plan, SU, 4914)
    hospitals = [SU, seeded_plan.hospital, SAS]
    view = region_view(2026, hospitals, {"SU": su, "NU": seeded_plan})
    total = view.total
    assert total.kind is RowKind.TOTAL
    assert [c.cost if c else None for c in total.cells] == [245_004_930, 245_126_454, None]
    assert total.total.cost == 490_131_384
    assert total.total.uppdrag == 2 * 63480
    assert not view.has_plan(2) and view.has_plan(0)
    assert [c.cost if c else None for c in view.by_class[PriceClass.ENDOSCOPY]] == [
        2964 * 4914,
        2964 * 4955,
        None,
    ]
    koloskopi = next(r for r in view.rows if r.key == "somatik/undersokning/koloskopi")
    assert koloskopi.cells[2] is None
    assert koloskopi.cells[0] and koloskopi.cells[1]
    assert koloskopi.cells[0].tillagg == koloskopi.cells[1].tillagg
    assert [r.label for r in view.rows[:2]] == ["Psykiatri", "Förstabesök"]
    assert len([r for r in view.rows if r.kind is RowKind.LINE]) == 49


def test_region_without_plans_has_only_missing_cells(seeded_plan: Plan) -> None:
    view = region_view(2030, [SU, SAS], {})
    assert [r.kind for r in view.rows] == [RowKind.TOTAL]
    assert view.total.cells == (None, None)
    assert view.total.total.cost == 0
