"""Rules for text users type: refused with control characters, escaped on every output.

Control characters are C0 (U+0000-U+001F), DEL (U+007F), C1 (U+0080-U+009F) and the bidi
marks, embeddings, overrides and isolates (U+200E, U+200F, U+061C, U+202A-U+202E,
U+2066-U+2069). On output each is shown as its Python escape, `\\x1b` for ESC and `\\u202e`
for RIGHT-TO-LEFT OVERRIDE, so it is visible and reaches no terminal or viewer as a command.
"""

from __future__ import annotations

from planner.i18n import N_, _, ngettext

MAX_REASON = 1000
MAX_COMMENT = 4000
MAX_LINE_NOTE = 500
MAX_PROBLEMS = 100
NONE_SHOWN = "\u2013"  # an en dash: what a value that is not there shows as
THE_TEXT = N_("the text")  # what a refusal calls text it has no other name for

_BIDI = frozenset(
    [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
)
CONTROL = frozenset([*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI])
_MULTILINE_ALLOWED = frozenset([ord("\n"), ord("\t")])


def _shown(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ESCAPES = {code: _shown(code) for code in CONTROL}
_ESCAPES_MULTILINE = {c: s for c, s in _ESCAPES.items() if c not in _MULTILINE_ALLOWED}
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in CONTROL if code >= 0x7F}
_MD_SPECIAL = "\\|`*_[]<>"
_MD_ESCAPES = {ord(ch): "\\" + ch for ch in _MD_SPECIAL}


def refuse_control(text: str, *, multiline: bool = False, name: str = THE_TEXT) -> str:
    """Return text unchanged, or raise ValueError naming its first control character.

    With `multiline`, newline and tab are allowed (notes that span lines); nothing else is.
    """
    allowed = _MULTILINE_ALLOWED if multiline else frozenset()
    for ch in text:
        code = ord(ch)
        if code in CONTROL and code not in allowed:
            raise ValueError(
                _("{name} contains the control character U+{code:04X}; type it without it").format(
                    name=_(name), code=code
                )
            )
    return text


def check_length(name: str, text: str, limit: int) -> str:
    """Return text unchanged, or raise ValueError when it is longer than `limit` (refused whole:
    a text is never cut short)."""
    if len(text) > limit:
        raise ValueError(
            _(
                "{name} is {length} characters, more than the {limit} allowed; nothing was saved"
            ).format(name=_(name), length=len(text), limit=limit)
        )
    return text


def check_user_text(name: str, text: str, limit: int, *, multiline: bool = False) -> str:
    """Both input rules at once: no control characters and at most `limit` characters."""
    check_length(name, text, limit)
    return refuse_control(text, multiline=multiline, name=name)


def escape_control(text: str, *, multiline: bool = False) -> str:
    """Show each control character as its escape (`\\x1b`); `multiline` keeps \\n and \\t."""
    return text.translate(_ESCAPES_MULTILINE if multiline else _ESCAPES)


def md_cell(text: str) -> str:
    """User text for a Markdown table cell or heading: inert, on one line.

    Backslash, `|` and the inline syntax characters are backslash-escaped, line breaks
    become `<br>` and every other control character its visible escape.
    """
    escaped = text.translate(_MD_ESCAPES).replace("\r\n", "\n")
    return escape_control(escaped.replace("\n", "<br>"))


def escape_json(dumped: str) -> str:
    """JSON text with DEL, C1 and bidi characters as \\u escapes (json.dumps keeps them raw).

    They occur only inside JSON strings, so the result decodes to the same values.
    """
    return dumped.translate(_JSON_ESCAPES)


def first_problems(problems: list[str], limit: int = MAX_PROBLEMS) -> list[str]:
    """The first `limit` problems, then one line counting the rest ("… and 19 900 more")."""
    if len(problems) <= limit:
        return problems
    rest = f"{len(problems) - limit:,}".replace(",", " ")
    return [*problems[:limit], _("… and {rest} more").format(rest=rest)]


def counted(number: int, noun: str) -> str:
    """ "1 line", "49 lines": a count of lines or errors in the right number and language."""
    if noun == "line":
        return ngettext("{count} line", "{count} lines", number).format(count=number)
    if noun == "error":
        return ngettext("{count} error", "{count} errors", number).format(count=number)
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
