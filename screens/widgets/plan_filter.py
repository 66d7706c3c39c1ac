"""The plan screen's line filter box: `/` to type, Enter to keep, Escape to clear."""

from __future__ import annotations

from textual.events import Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from planner.i18n import _

FILTER_DELAY = 0.15


class PlanFilter(Input):
    """Posts `Applied` once typing pauses (a rebuild per key would lag on large plans)."""

    class Applied(Message):
        """The filter text to show lines for; `done` when typing in the box has finished,
        `to_first` when the cursor should go to the first line shown (Down)."""

        def __init__(self, text: str, done: bool, to_first: bool = False) -> None:
            super().__init__()
            self.text = text
            self.done = done
            self.to_first = to_first

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder=_("filter lines: area, category or name"), **kwargs)  # type: ignore[arg-type]
        self.timer: Timer | None = None

    def open(self) -> None:
        self.display = True
        self.focus()

    def type_key(self, key: str, character: str | None, printable: bool) -> None:
        """A key that reached the grid while this box was taking focus belongs here."""
        if key == "enter":
            self.finish()
        elif key == "down":
            self.apply(done=True, to_first=True)
        elif key == "escape":
            self.clear_text()
        elif key == "backspace":
            self.action_delete_left()
        elif printable and character:
            self.insert_text_at_cursor(character)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.set_timer(FILTER_DELAY, self.apply)

    def apply(self, done: bool = False, to_first: bool = False) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.post_message(self.Applied(self.value.strip(), done, to_first))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.finish()

    def on_key(self, event: Key) -> None:
        if event.key == "escape":
            self.clear_text()
        elif event.key == "down":
            self.apply(done=True, to_first=True)
        else:
            return
        event.stop()
        event.prevent_default()

    def finish(self) -> None:
        self.apply(done=True)

    def clear_text(self) -> None:
        self.value = ""
        self.display = False
        self.apply(done=True)
