"""Relative edits typed in a cell: sign, percent, rounding halves up, then R1/R2."""

from __future__ import annotations

import pytest

from planner.model import Field, Volumes
from planner.numbers import NumberError
from planner.relative_edit import apply_relative, is_relative, typed_value
from planner.rules import EditRefused, apply_edit


@pytest.mark.parametrize(
    ("current", "text", "expected"),
    [
        (1030, "+100", 1130),
        (1030, "-50", 980),
        (1030, "+5%", 1082),  # 1 081.5 rounds up
        (4500, "-2,5%", 4388),  # 4 387.5 rounds up
        (4500, "-2.5%", 4388),
        (4500, "+2.5%", 4613),  # 4 612.5 rounds up
        (1030, "+ 1 000", 2030),
        (1030, "\u22125%", 979),  # 978.5 rounds up
        (330, "+0%", 330),
        (0, "+10%", 0),
        (40, "-50", -10),
        (1030, "-100%", 0),
    ],
)
def test_apply_relative(current: int, text: str, expected: int) -> None:
    assert apply_relative(current, text) == expected


@pytest.mark.parametrize("text", ["+", "-x", "+5%%", "+5 %x", "+,5%", "++5", "+abc%"])
def test_malformed_relative_is_refused(text: str) -> None:
    with pytest.raises(NumberError):
        apply_relative(100, text)


def test_sign_makes_text_relative() -> None:
    assert is_relative("+5") and is_relative(" -2,5%") and is_relative("\u221210")
    assert not is_relative("4 600") and not is_relative("")
    assert typed_value("4 600", 1030) == 4600
    assert typed_value("+5%", 1030) == 1082


def test_result_below_zero_is_refused_by_r1() -> None:
    volumes = Volumes(1030, 700, 330)
    value = typed_value("-400", volumes.tillagg)
    with pytest.raises(EditRefused, match=r"^tillägg -70 is outside 0..9\u00a0999\u00a0999$"):
        apply_edit(volumes, Field.TILLAGG, value)


def test_relative_bas_keeps_uppdrag() -> None:
    volumes = Volumes(1030, 700, 330)
    assert apply_edit(volumes, Field.BAS, typed_value("+10%", 700)) == Volumes(1030, 770, 260)
