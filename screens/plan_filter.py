"""The plan screen's line filter: `/` to type, Enter to keep, Escape to clear."""

from __future__ import annotations

from collections.abc import Callable

from textual.events import Key
from textual.timer import Timer
from textual.widgets import Input

from screens.plan_grid import PlanGrid

FILTER_DELAY = 0.15


class FilterActions:
    """Mixed into PlanScreen; the filter text narrows the grid, subtotals stay whole-plan."""

    filter_text: str
    filter_typing: bool
    filter_timer: Timer | None
    grid: PlanGrid
    query_one: Callable[..., Input]
    set_focus: Callable[..., None]
    say: Callable[..., None]
    show_plan: Callable[[], None]
    set_timer: Callable[..., Timer]

    @property
    def filter_box(self) -> Input:
        return self.query_one("#filter", Input)

    def action_filter(self) -> None:
        self.filter_box.display = True
        self.filter_typing = True
        self.set_focus(self.filter_box)

    def type_into_filter(self, event: Key) -> None:
        """A key that reached the grid while the filter box takes focus goes to the box."""
        box = self.filter_box
        if event.key == "enter":
            self.finish_filter()
        elif event.key == "escape":
            self.action_clear_filter()
        elif event.key == "backspace":
            box.action_delete_left()
        elif event.is_printable and event.character:
            box.insert_text_at_cursor(event.character)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Re-filter once typing pauses: a rebuild per key would lag on large plans."""
        if event.input is not self.filter_box:
            return
        if self.filter_timer is not None:
            self.filter_timer.stop()
        self.filter_timer = self.set_timer(FILTER_DELAY, self.apply_filter)

    def apply_filter(self) -> None:
        if self.filter_timer is not None:
            self.filter_timer.stop()
            self.filter_timer = None
        text = self.filter_box.value.strip()
        if text == self.filter_text:
            return
        self.filter_text = text
        self.show_plan()
        shown = sum(1 for key in self.grid.rows if str(key.value).startswith("line:"))
        self.say(f"filter {self.filter_text!r}: {shown} lines" if self.filter_text else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input is self.filter_box:
            self.finish_filter()

    def finish_filter(self) -> None:
        self.apply_filter()
        self.filter_typing = False
        self.set_focus(self.grid)

    def action_clear_filter(self) -> None:
        box = self.filter_box
        if not box.display and not self.filter_text:
            return
        box.value = ""
        box.display = False
        self.finish_filter()
        self.say("Filter cleared")
