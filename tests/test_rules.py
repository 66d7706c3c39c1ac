import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.model import Field, Volumes
from planner.numbers import MAX_VOLUME, format_number
from planner.rules import EditRefused, apply_edit, check_volumes

volumes = st.builds(
    lambda bas, tillagg: Volumes(bas + tillagg, bas, tillagg),
    st.integers(0, MAX_VOLUME // 2),
    st.integers(0, MAX_VOLUME // 2),
)
edits = st.tuples(st.sampled_from(list(Field)), st.integers(-10, MAX_VOLUME + 10))


def test_uppdrag_keeps_bas() -> None:
    assert apply_edit(Volumes(1030, 700, 330), Field.UPPDRAG, 2000) == Volumes(2000, 700, 1300)


def test_bas_keeps_uppdrag() -> None:
    assert apply_edit(Volumes(1030, 700, 330), Field.BAS, 800) == Volumes(1030, 800, 230)


def test_tillagg_keeps_bas() -> None:
    assert apply_edit(Volumes(1030, 700, 330), Field.TILLAGG, 100) == Volumes(800, 700, 100)


def test_refusals_name_the_numbers() -> None:
    with pytest.raises(EditRefused, match="bas 5\u00a0000 would exceed uppdrag 4\u00a0600"):
        apply_edit(Volumes(4600, 3000, 1600), Field.BAS, 5000)
    with pytest.raises(EditRefused, match="uppdrag 500 would be below bas 700"):
        apply_edit(Volumes(1030, 700, 330), Field.UPPDRAG, 500)
    with pytest.raises(EditRefused, match="above the maximum 9\u00a0999\u00a0999"):
        apply_edit(Volumes(9_000_000, 9_000_000, 0), Field.TILLAGG, 1_000_000)
    with pytest.raises(EditRefused, match=r"^bas -1 is outside 0\.\.9\u00a0999\u00a0999$"):
        apply_edit(Volumes(1, 1, 0), Field.BAS, -1)


def test_check_volumes_refuses_broken_sum() -> None:
    with pytest.raises(EditRefused, match=r"^uppdrag 10 is not bas 5 \+ tillägg 4$"):
        check_volumes(Volumes(10, 5, 4))


@given(volumes, st.lists(edits, max_size=30))
def test_invariant_survives_any_edit_sequence(
    start: Volumes, steps: list[tuple[Field, int]]
) -> None:
    current = start
    for which, value in steps:
        try:
            new = apply_edit(current, which, value)
        except EditRefused:
            continue
        assert new.get(which) == value
        current = check_volumes(new)
    assert current.uppdrag == current.bas + current.tillagg


def r2_result(current: Volumes, which: Field, value: int) -> Volumes:
    """What R2 asks for, before R1 is checked: the oracle for apply_edit."""
    if which is Field.UPPDRAG:
        return Volumes(value, current.bas, value - current.bas)
    if which is Field.BAS:
        return Volumes(current.uppdrag, value, current.uppdrag - value)
    return Volumes(current.bas + value, current.bas, value)


def satisfies_r1(v: Volumes) -> bool:
    in_range = all(0 <= v.get(f) <= MAX_VOLUME for f in Field)
    return in_range and v.uppdrag == v.bas + v.tillagg


near_bounds = st.one_of(
    st.integers(-3, 3), st.integers(MAX_VOLUME - 3, MAX_VOLUME + 3), st.integers(-10, 10**8)
)


@given(near_bounds, near_bounds, near_bounds)
def test_check_volumes_accepts_exactly_r1(uppdrag: int, bas: int, tillagg: int) -> None:
    candidate = Volumes(uppdrag, bas, tillagg)
    if satisfies_r1(candidate):
        assert check_volumes(candidate) == candidate
        return
    with pytest.raises(EditRefused) as refused:
        check_volumes(candidate)
    message = str(refused.value)
    bad = next((f for f in Field if not 0 <= candidate.get(f) <= MAX_VOLUME), None)
    if bad is not None:
        assert message == (
            f"{bad.label} {format_number(candidate.get(bad))} is outside 0..9\u00a0999\u00a0999"
        )
    else:
        assert message == (
            f"uppdrag {format_number(uppdrag)} is not bas {format_number(bas)}"
            f" + tillägg {format_number(tillagg)}"
        )


@given(volumes, edits)
def test_edit_is_r2_or_refused_naming_both_numbers(start: Volumes, edit: tuple[Field, int]) -> None:
    which, value = edit
    expected = r2_result(start, which, value)
    if satisfies_r1(expected):
        assert apply_edit(start, which, value) == expected
        return
    with pytest.raises(EditRefused) as refused:
        apply_edit(start, which, value)
    message = str(refused.value)
    if not 0 <= value <= MAX_VOLUME:
        assert message == f"{which.label} {format_number(value)} is outside 0..9\u00a0999\u00a0999"
    elif which is Field.UPPDRAG:
        assert message == (
            f"uppdrag {format_number(value)} would be below bas {format_number(start.bas)}"
        )
    elif which is Field.BAS:
        assert message == (
            f"bas {format_number(value)} would exceed uppdrag {format_number(start.uppdrag)}"
        )
    else:
        assert message == (
            f"uppdrag would be {format_number(expected.uppdrag)},"
            " above the maximum 9\u00a0999\u00a0999"
        )


@given(volumes, st.sampled_from(list(Field)))
def test_edit_to_itself_changes_nothing(start: Volumes, which: Field) -> None:
    assert apply_edit(start, which, start.get(which)) == start
