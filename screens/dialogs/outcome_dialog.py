"""Entering one indicator outcome: the period, the value, a person's judgement where the target
is in words, and a note; checked as text here and as a figure by the storage service (which
names what was wrong)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from planner.i18n import N_, _
from planner.text import MAX_REASON, check_user_text
from screens.widgets.inert_text import inert

VERDICTS = ("", "met", "not met")
# What a refusal calls each field.
FIELDS = {
    "period": N_("the period"),
    "value": N_("the value"),
    "verdict": N_("the verdict"),
    "note": N_("the note"),
}


@dataclass(frozen=True)
class OutcomeEntry:
    period: str
    value: str
    note: str
    verdict: str | None = None
    """None where the target is judged by its figure."""


class OutcomeDialog(ModalScreen[OutcomeEntry | None]):
    """Enter moves to the next field and saves from the last; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self, title: str, period: str = "", note: str = "", verdict: str | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.period = period
        self.note = note
        self.verdict = verdict
        self.order = ["period", "value", *([] if verdict is None else ["verdict"]), "note"]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(inert(self.title_text, "bold"))
            yield Label(_("Period (YYYY-MM, or YYYY for the year)"))
            yield Input(self.period, max_length=7, id="period")
            yield Label(_("Outcome (a number such as 92,4; Ja or Nej; or text)"))
            yield Input("", max_length=1000, id="value")
            if self.verdict is not None:
                yield Label(_("Your judgement: met or not met (leave empty: to judge)"))
                yield Input(self.verdict, max_length=7, id="verdict")
            yield Label(_("Note (optional)"))
            yield Input(self.note, max_length=MAX_REASON, id="note")
            yield Label("", id="form-error")
            yield Label(_("Enter next / save · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#value" if self.period else "#period", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        current = event.input.id or "note"
        if current != "note":
            self.set_focus(self.query_one(f"#{self.order[self.order.index(current) + 1]}", Input))
            return
        values = {name: self.query_one(f"#{name}", Input).value for name in self.order}
        if not values["value"].strip():
            self.query_one("#form-error", Label).update(
                _("Write the outcome first; nothing was saved and the dialog stays open.")
            )
            self.set_focus(self.query_one("#value", Input))
            return
        try:
            for name, text in values.items():
                check_user_text(FIELDS[name], text, MAX_REASON)
        except ValueError as exc:
            self.query_one("#form-error", Label).update(inert(str(exc)))
            return
        verdict = values.get("verdict")
        if verdict is not None and verdict.strip().lower() not in VERDICTS:
            self.query_one("#form-error", Label).update(
                inert(
                    _(
                        "{verdict} is not a judgement; write met or not met, or leave it empty."
                    ).format(verdict=repr(verdict))
                )
            )
            return
        judged = None if verdict is None else verdict.strip().lower()
        self.dismiss(OutcomeEntry(values["period"], values["value"], values["note"], judged))

    def action_cancel(self) -> None:
        self.dismiss(None)
