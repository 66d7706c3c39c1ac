import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.model import Field, Volumes
from planner.numbers import MAX_VOLUME
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
    with pytest.raises(EditRefused, match="bas 5 000 would exceed uppdrag 4 600"):
        apply_edit(Volumes(4600, 3000, 1600), Field.BAS, 5000)
    with pytest.raises(EditRefused, match="uppdrag 500 would be below bas 700"):
        apply_edit(Volumes(1030, 700, 330), Field.UPPDRAG, 500)
    with pytest.raises(EditRefused, match="above the maximum 9 999 999"):
        apply_edit(Volumes(9_000_000, 9_000_000, 0), Field.TILLAGG, 1_000_000)
    with pytest.raises(EditRefused):
        apply_edit(Volumes(1, 1, 0), Field.BAS, -1)


def test_check_volumes_refuses_broken_sum() -> None:
    with pytest.raises(EditRefused):
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


@given(volumes, edits)
def test_refused_edit_changes_nothing(start: Volumes, edit: tuple[Field, int]) -> None:
    snapshot = Volumes(start.uppdrag, start.bas, start.tillagg)
    with contextlib.suppress(EditRefused):
        apply_edit(start, *edit)
    assert start == snapshot


@given(volumes, st.sampled_from(list(Field)))
def test_edit_to_itself_changes_nothing(start: Volumes, which: Field) -> None:
    assert apply_edit(start, which, start.get(which)) == start
