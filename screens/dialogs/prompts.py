"""Small modal dialogs: a yes/no confirmation and a chooser from a list of options."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from planner.i18n import N_, _
from planner.text import MAX_REASON, THE_TEXT, check_user_text
from screens.widgets.inert_text import inert


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; y or Enter answers yes, n or Escape answers no."""

    BINDINGS = [
        Binding("y,j,enter", "answer(True)", N_("Yes")),  # j: ja
        Binding("n,escape", "answer(False)", N_("No")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(inert(self.question))
            yield Label(_("[b]y[/b] yes   [b]n[/b] no"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChooseScreen(ModalScreen[str | None]):
    """Pick one option by arrows and Enter (or type its number); Escape picks nothing."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, options: list[tuple[str, str]], current: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(inert(self.title_text, "bold"))
            yield OptionList(*(Option(inert(label), id=value) for value, label in self.options))
            yield Label(_("↑↓ choose · Enter open · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [value for value, _ in self.options]
        if self.current in ids:
            option_list.highlighted = ids.index(self.current)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; Enter returns it, Escape returns None.

    Text with a control character (pasted, say) is refused in the dialog, naming it. With
    `cut` False a longer text is not cut at `max_length` as it is typed or pasted but refused
    on Enter with its length, so nothing is lost unseen.
    """

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        title: str,
        initial: str = "",
        max_length: int = MAX_REASON,
        what: str = THE_TEXT,
        cut: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.max_length = max_length
        self.what = what
        self.cut = cut

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(inert(self.title_text, "bold"))
            yield Input(
                self.initial,
                max_length=self.max_length if self.cut else 0,
                select_on_focus=False,  # typing adds to the text given; it never wipes it
                id="prompt",
            )
            yield Label("", id="form-error")
            yield Label(_("Enter save · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            check_user_text(self.what, event.value, self.max_length)
        except ValueError as exc:
            self.query_one("#form-error", Label).update(inert(str(exc)))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
