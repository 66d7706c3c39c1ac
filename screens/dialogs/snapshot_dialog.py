"""Ask for a snapshot's label and note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from planner.i18n import N_, _
from planner.snapshot import MAX_LABEL, MAX_NOTE
from planner.text import check_user_text
from screens.widgets.inert_text import inert


class SnapshotDialog(ModalScreen[tuple[str, str] | None]):
    """Label (required) and note; Enter moves on and finally saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(_("[b]Freeze the plan as a snapshot[/b]"))
            yield Label(_("Label"))
            yield Input(placeholder=_("e.g. OSN March revision"), max_length=MAX_LABEL, id="label")
            yield Label("", id="label-error", classes="field-error")
            yield Label(_("Note (optional)"))
            yield Input(placeholder=_("why, for whom"), max_length=MAX_NOTE, id="note")
            yield Label("", id="form-error")
            yield Label(_("Enter next / save · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        label = self.query_one("#label", Input).value
        if event.input.id == "label":
            self.set_focus(self.query_one("#note", Input))
            return
        note = self.query_one("#note", Input).value
        if not label.strip():
            self.query_one("#label-error", Label).update(
                _("A snapshot needs a label: type one here (the note may stay empty).")
            )
            self.set_focus(self.query_one("#label", Input))
            return
        self.query_one("#label-error", Label).update("")
        try:
            check_user_text(_("the label"), label, MAX_LABEL)
            check_user_text(_("the note"), note, MAX_NOTE, multiline=True)
        except ValueError as exc:
            self.query_one("#form-error", Label).update(inert(str(exc)))
            return
        self.dismiss((label, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
