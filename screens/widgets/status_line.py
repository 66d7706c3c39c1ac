"""The one-line status under a screen's content: what just happened, or why not."""

from __future__ import annotations

from textual.widgets import Static

from screens.widgets.inert_text import inert


class StatusLine(Static):
    def say(self, text: str, error: bool = False) -> None:
        """Show plain text (it often quotes what a user typed): never read as markup.

        One line whatever the text, so no layout pass (a long text is cut at the edge)."""
        self.update(inert(text), layout=False)
        self.set_class(error, "error")
