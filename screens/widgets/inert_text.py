"""User text for the screen: a rich Text, so it is never parsed as markup, with control
characters shown as escapes, so none reaches the terminal."""

from __future__ import annotations

from rich.text import Text

from planner.text import escape_control


def inert(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """`text` exactly as typed, in `style`; `multiline` keeps its newlines and tabs."""
    return Text(escape_control(text, multiline=multiline), style=style)
