"""The cell editor: the text being typed into a cell, drawn over it and fed by the grid."""

from __future__ import annotations

from enum import StrEnum

from rich.text import Text
from textual.events import Key
from textual.reactive import reactive
from textual.widgets import Static

from planner.relative_edit import is_relative


class Outcome(StrEnum):
    """What a key does to the edit besides changing its text."""

    TYPING = "typing"
    UNUSED = "unused"
    COMMIT_DOWN = "down"
    COMMIT_RIGHT = "right"
    CANCEL = "cancel"


class CellEditor(Static):
    """Holds the typed text; never takes focus, so keys stay in the grid's queue, in order.

    Textual delivers keys to the focused widget through per-widget queues; moving focus
    between grid and editor would let quickly typed keys overtake each other.
    """

    value: reactive[str] = reactive("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.original = ""

    def start(self, text: str, original: str) -> None:
        self.original = original
        self.value = text
        self.display = True

    def stop(self) -> None:
        self.display = False

    @property
    def dirty(self) -> bool:
        """Whether the editor is open with text the user has not committed."""
        return bool(self.display) and self.value != self.original

    def typed_change(self) -> str:
        """The text to read: "+5%" typed after the current value (Enter, then +5%) is the
        change alone, as if typed on the cell."""
        rest = self.value[len(self.original) :]
        if self.original and self.value.startswith(self.original) and is_relative(rest):
            return rest
        return self.value

    def feed(self, event: Key) -> Outcome:
        """Apply one key: edit the text, or say that the edit ends and how."""
        if event.key == "enter":
            return Outcome.COMMIT_DOWN
        if event.key == "tab":
            return Outcome.COMMIT_RIGHT
        if event.key == "escape":
            return Outcome.CANCEL
        if event.key == "backspace":
            self.value = self.value[:-1]
        elif event.key == "ctrl+u":
            self.value = ""
        elif event.is_printable and event.character:
            self.value += event.character
        else:
            return Outcome.UNUSED
        return Outcome.TYPING

    def paste(self, text: str) -> None:
        self.value += text.strip()

    def render(self) -> Text:
        return Text(self.value) + Text(" ", style="reverse")
