"""Choose an export format and a path; the plan is written atomically.

The dialog shows the full path it will write (with `~` expanded), asks before replacing an
existing file, and stays open with a message when the path cannot be written.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from planner.formats.exports import EXTENSIONS
from screens.dialogs.prompts import ConfirmScreen
from screens.widgets.inert_text import inert

CHOICES = [
    ("xlsx", "XLSX: Excel / LibreOffice workbook with live formulas"),
    ("csv", "CSV, comma separated (UTF-8 with BOM)"),
    ("csv;", "CSV, semicolon separated (Swedish Excel)"),
    ("json", "JSON (planner.plan/1)"),
    ("md", "Markdown"),
    ("text", "Plain text"),
]


def full_path(typed: str) -> Path:
    """The absolute path a typed name means: `~` expanded, relative to the working folder."""
    return Path(os.path.abspath(os.path.expanduser(typed.strip())))


def target_problem(path: Path) -> str | None:
    """Why `path` cannot be written as a file (None: it can be tried). Touches the disk."""
    if path.is_dir():
        return f"{path} is a folder: add a file name"
    if not path.parent.is_dir():
        return f"No folder {path.parent}: create it first or choose another"
    return None


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
        self.checking: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("[b]Export the plan[/b]")
            yield OptionList(*(Option(text, id=key) for key, text in CHOICES), id="formats")
            yield Label("File")
            yield Input(f"{self.stem}.xlsx", id="path")
            yield Label(self.writes(f"{self.stem}.xlsx"), id="full-path")
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

    @staticmethod
    def writes(typed: str) -> Text:
        return inert(f"Writes {full_path(typed)}" if typed.strip() else "")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#full-path", Label).update(self.writes(event.value))
        self.query_one("#form-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#form-error", Label).update("Enter a file name.")
            return
        self.checking = self.run_worker(self.submit(full_path(event.value)), exclusive=True)

    async def submit(self, path: Path) -> None:
        """Check the path off the UI thread; ask before replacing a file; then write."""
        problem = await asyncio.to_thread(target_problem, path)
        if problem:
            self.query_one("#form-error", Label).update(inert(problem))
            return
        choice = CHOICES[self.query_one(OptionList).highlighted or 0][0]
        request = ExportRequest(choice.rstrip(";"), ";" if choice.endswith(";") else ",", str(path))
        if not await asyncio.to_thread(path.exists):
            self.dismiss(request)
            return
        question = f"{path} exists. Replace it?"
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            self.dismiss(request)
        else:
            self.query_one("#form-error", Label).update("Not written: choose another name.")

    def action_cancel(self) -> None:
        self.dismiss(None)
