"""Choose an export format and a path; the plan is written atomically."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from planner.exports import EXTENSIONS

CHOICES = [
    ("xlsx", "XLSX: Excel / LibreOffice workbook with live formulas"),
    ("csv", "CSV, comma separated (UTF-8 with BOM)"),
    ("csv;", "CSV, semicolon separated (Swedish Excel)"),
    ("json", "JSON (planner.plan/1)"),
    ("md", "Markdown"),
    ("text", "Plain text"),
]


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    sep: str
    path: str


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Pick a format (the path's extension follows it), edit the path, Enter writes."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, stem: str) -> None:
        super().__init__()
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("[b]Export the plan[/b]")
            yield OptionList(*(Option(text, id=key) for key, text in CHOICES), id="formats")
            yield Label("File")
            yield Input(f"{self.stem}.xlsx", id="path")
            yield Label("", id="form-error")
            yield Label("↑↓ format · Enter choose / write · Esc cancel", classes="hint")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fmt = (event.option.id or "xlsx").rstrip(";")
        self.query_one("#path", Input).value = f"{self.stem}.{EXTENSIONS[fmt]}"

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#path", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            self.query_one("#form-error", Label).update("Enter a file name.")
            return
        choice = CHOICES[self.query_one(OptionList).highlighted or 0][0]
        sep = ";" if choice.endswith(";") else ","
        self.dismiss(ExportRequest(choice.rstrip(";"), sep, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
