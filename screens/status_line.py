"""The one-line status under a screen's content: what just happened, or why not."""

from __future__ import annotations

from textual.widgets import Static


class StatusLine(Static):
    def say(self, text: str, error: bool = False) -> None:
        self.update(text)
        self.set_class(error, "error")
