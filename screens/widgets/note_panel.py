"""The note of the line under the cursor, in full, while the cursor is on a noted line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from planner.text import escape_control


class NotePanel(Static):
    """A few wrapped lines under the grid; hidden on lines without a note."""

    def show_note(self, name: str, note: str) -> None:
        """Show `note` of the line called `name` as plain text (never markup), or hide."""
        self.display = bool(note)
        if note:
            self.update(
                Text.assemble(("✎ ", "bold #e0a030"), (f"{name}: ", "bold"), escape_control(note))
            )
