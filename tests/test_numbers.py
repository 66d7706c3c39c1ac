import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.numbers import MAX_VOLUME, NumberError, format_number, format_signed, parse_volume


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4600", 4600),
        ("4 600", 4600),
        ("4\u00a0700", 4700),
        ("4\u202f800", 4800),
        ("0", 0),
        (" 12 ", 12),
        ("9 999 999", 9_999_999),
        ("1 234 567", 1_234_567),
    ],
)
def test_accepted(text: str, value: int) -> None:
    assert parse_volume(text) == value


def not_a_number(text: str) -> str:
    return f"{text!r} is not a whole number (digits with optional spaces)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "-5 is negative: a volume must be 0 or more"),
        ("-1 234", "-1 234 is negative: a volume must be 0 or more"),
        ("\u22125", "\u22125 is negative: a volume must be 0 or more"),
        ("9" * 5000, "a 5000-digit number is above the maximum 9 999 999"),
        ("2.5", not_a_number("2.5")),
        ("2,5", not_a_number("2,5")),
        ("1e3", not_a_number("1e3")),
        ("1_000", not_a_number("1_000")),
        ("\uff15", not_a_number("\uff15")),
        ("NaN", not_a_number("NaN")),
        ("nan", not_a_number("nan")),
        ("inf", not_a_number("inf")),
        ("99999999999999999999", "99 999 999 999 999 999 999 is above the maximum 9 999 999"),
        ("10000000", "10 000 000 is above the maximum 9 999 999"),
        ("10 000 000", "10 000 000 is above the maximum 9 999 999"),
        ("", "enter a whole number, e.g. 4 600"),
        ("   ", "enter a whole number, e.g. 4 600"),
        ("0x10", not_a_number("0x10")),
        ("1 2 3 4", not_a_number("1 2 3 4")),
        ("12 34", not_a_number("12 34")),
        ("1  234", not_a_number("1  234")),
        ("abc", not_a_number("abc")),
        ("+5", not_a_number("+5")),
        ("-0", not_a_number("-0")),
        ("\u0663", not_a_number("\u0663")),
    ],
)
def test_refused_with_message(text: str, message: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_volume(text)
    assert str(info.value).replace("\u00a0", " ") == message  # grouping: test_format


def test_leading_zeros_are_the_same_number() -> None:
    assert parse_volume("00000012") == 12
    assert parse_volume("000") == 0
    assert parse_volume("00000000042") == 42


@given(st.integers(min_value=0, max_value=MAX_VOLUME))
def test_format_round_trips(value: int) -> None:
    assert parse_volume(format_number(value)) == value


def test_format() -> None:
    assert format_number(63480) == "63\u00a0480"
    assert format_number(245126454) == "245\u00a0126\u00a0454"
    assert format_number(-1200) == "-1\u00a0200"
    assert format_signed(970) == "+970"
    assert format_signed(0) == "0"
