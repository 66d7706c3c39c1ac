"""Issue 21 §2/§3: a block copied from a spreadsheet, read onto a grid's cells all or nothing."""

import pytest

from planner.numbers import parse_volume
from planner.readers.pasted_block import BlockRefused, is_block, read_block, split_block

ROWS = [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")]
COLUMNS = [(1, "jan"), (2, "feb"), (3, "mar")]


def volume(_row: str, _column: int, text: str) -> int:
    return parse_volume(text)


def test_excel_block_with_swedish_and_plain_numbers() -> None:
    text = "1\u00a0234\t5 678\r\n12\t\t3\r\n"
    assert is_block(text) and not is_block("1 234\r\n")
    cells = split_block(text)
    assert cells == [["1\u00a0234", "5 678"], ["12", "", "3"]]
    values = read_block(cells, ROWS, COLUMNS, volume)
    assert values == {("a", 1): 1234, ("a", 2): 5678, ("b", 1): 12, ("b", 3): 3}


def test_first_bad_cell_refuses_the_whole_block_and_is_named() -> None:
    cells = split_block("1\t2\n3\tx\n-4\t5\n")
    with pytest.raises(BlockRefused, match=r"row 2, column 2 \(Beta, feb\): 'x' is not"):
        read_block(cells, ROWS, COLUMNS, volume)


def test_a_block_larger_than_the_room_from_the_cursor_is_refused() -> None:
    with pytest.raises(BlockRefused, match="4 rows but only 3 lines"):
        read_block(split_block("1\n2\n3\n4\n"), ROWS, COLUMNS, volume)
    with pytest.raises(BlockRefused, match="4 columns but only 3 editable"):
        read_block(split_block("1\t2\t3\t4"), ROWS, COLUMNS, volume)
    with pytest.raises(BlockRefused, match="no values"):
        read_block(split_block("\t\n\t\n"), ROWS, COLUMNS, volume)


def test_control_characters_in_a_bad_cell_are_shown_escaped() -> None:
    with pytest.raises(BlockRefused) as refused:
        read_block([["\x1b[31m"]], ROWS, COLUMNS, volume)
    assert "\x1b" not in str(refused.value) and "\\x1b" in str(refused.value)


def test_a_block_copied_with_its_header_pastes_without_it() -> None:
    """ctrl+c copies the column labels first; pasting that copy back fills only the values."""
    values = read_block(split_block("Jan\tFeb\r\n7\t8\r\n"), ROWS, COLUMNS, volume)
    assert values == {("a", 1): 7, ("a", 2): 8}
    with pytest.raises(BlockRefused, match="row 1, column 1"):
        read_block(split_block("jan\tx\r\n7\t8\r\n"), ROWS, COLUMNS, volume)
