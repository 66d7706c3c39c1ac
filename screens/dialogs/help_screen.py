"""F1 / ? help: every key of the screen it was opened from, with what it does."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from planner.i18n import N_, _
from screens.widgets.inert_text import inert


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", N_("Close"))]

    def __init__(self, title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=False)
        table.add_column(style="bold #e0a030", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(inert(_(key)), inert(_(description)))
        with VerticalScroll(classes="dialog help"):
            yield Label(inert(self.title_text, "bold"))
            yield Static(table)
            hint = _("Esc closes this help · ctrl+p opens the command palette")
            yield Label(hint, classes="hint")
