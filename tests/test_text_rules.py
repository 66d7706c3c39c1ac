"""The rules for user text: control characters refused at input, escaped on output."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planner.text import (
    CONTROL,
    check_length,
    check_user_text,
    counted,
    escape_control,
    escape_json,
    md_cell,
    refuse_control,
)

EXPECTED_CONTROL = {
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200E,
    0x200F,
    0x061C,
}
# Text that leans on the dangerous characters, with ordinary letters, markup and newlines.
hostile = st.text(
    st.one_of(
        st.sampled_from(sorted(EXPECTED_CONTROL)).map(chr),
        st.sampled_from(list("aÖ [/]|\\`*_<>\n\t")),
        st.characters(),
    )
)


# Every control character once, so each is tried on every run, not only when drawn.
ALL_CONTROL = "".join(map(chr, sorted(EXPECTED_CONTROL)))


def has_control(text: str, allowed: str = "") -> bool:
    return any(ord(ch) in EXPECTED_CONTROL and ch not in allowed for ch in text)


def test_control_set_is_c0_c1_and_bidi() -> None:
    assert set(CONTROL) == EXPECTED_CONTROL


@given(hostile)
@example(ALL_CONTROL)
def test_escape_control_output_holds_no_control_character(text: str) -> None:
    assert not has_control(escape_control(text))


@given(hostile)
@example(ALL_CONTROL)
def test_escape_control_multiline_keeps_only_newline_and_tab(text: str) -> None:
    shown = escape_control(text, multiline=True)
    assert not has_control(shown, allowed="\n\t")
    assert shown.count("\n") == text.count("\n")


@given(hostile)
@example(ALL_CONTROL)
def test_refuse_control_accepts_exactly_texts_without_control(text: str) -> None:
    if has_control(text):
        with pytest.raises(ValueError, match=r"control character U\+[0-9A-F]{4}"):
            refuse_control(text)
    else:
        assert refuse_control(text) == text


@given(hostile)
@example(ALL_CONTROL)
def test_refuse_control_multiline_accepts_newline_and_tab_only(text: str) -> None:
    if has_control(text, allowed="\n\t"):
        with pytest.raises(ValueError):
            refuse_control(text, multiline=True)
    else:
        assert refuse_control(text, multiline=True) == text


@given(hostile)
@example(ALL_CONTROL)
def test_md_cell_is_one_line_without_control_or_bare_pipe(text: str) -> None:
    cell = md_cell(text)
    assert not has_control(cell)
    assert "|" not in cell.replace("\\|", "").replace("\\\\", "")


@given(hostile)
@example(ALL_CONTROL)
def test_escape_json_decodes_to_the_same_value(text: str) -> None:
    dumped = escape_json(json.dumps({"label": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"label": text}
    assert not has_control(dumped)


def test_messages_name_the_character_and_the_limit() -> None:
    with pytest.raises(ValueError, match=r"^the reason contains the control character U\+001B;"):
        refuse_control("ok\x1b]0;owned\x07", name="the reason")
    with pytest.raises(ValueError, match=r"U\+202E"):
        refuse_control("abc\u202edef")
    with pytest.raises(ValueError, match=r"U\+000D"):
        refuse_control("line\rover", multiline=True)
    assert refuse_control("two\nlines\tok", multiline=True) == "two\nlines\tok"
    with pytest.raises(
        ValueError,
        match=r"^the reason is 1001 characters, more than the 1000 allowed; nothing was saved$",
    ):
        check_length("the reason", "x" * 1001, 1000)
    assert check_user_text("label", "Förslag [utkast] v2", 200) == "Förslag [utkast] v2"


def test_escapes_are_visible_and_markup_is_untouched() -> None:
    assert escape_control("a\x1b[2Jb\u202ec\x9b") == "a\\x1b[2Jb\\u202ec\\x9b"
    assert escape_control("[bold red]x[/]") == "[bold red]x[/]"
    assert escape_control("x\ny\tz\r", multiline=True) == "x\ny\tz\\x0d"


def test_md_cell_escapes_pipes_markup_and_line_breaks() -> None:
    assert md_cell("a | b") == "a \\| b"
    assert md_cell("one\r\ntwo\nthree") == "one<br>two<br>three"
    assert md_cell("**x** [l](u) <b> `c` \\") == "\\*\\*x\\*\\* \\[l\\](u) \\<b\\> \\`c\\` \\\\"
    assert md_cell("Höft- & knäprotes") == "Höft- & knäprotes"


def test_counts_name_one_line_and_many_lines() -> None:
    shown = [counted(n, "line") for n in (0, 1, 2, 49)]
    assert shown == ["0 lines", "1 line", "2 lines", "49 lines"]
