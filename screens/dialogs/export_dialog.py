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

from db.files_root import OutsideFolder, confined, named
from planner.formats.exports import EXTENSIONS
from planner.i18n import N_, _
from screens.dialogs.prompts import ConfirmScreen
from screens.widgets.inert_text import inert

CHOICES = [
    ("xlsx", N_("XLSX: Excel / LibreOffice workbook with live formulas")),
    ("csv", N_("CSV, comma separated (UTF-8 with BOM)")),
    ("csv;", N_("CSV, semicolon separated (Swedish Excel)")),
    ("json", N_("JSON (planner.plan/1)")),
    ("md", N_("Markdown")),
    ("text", N_("Plain text")),
]


def full_path(typed: str, root: Path | None = None) -> Path:
    """The absolute path a typed name means: `~` expanded, relative to the working folder.

    In a served session (`root` set) it is a path inside the files folder (judged by its text;
    the disk check is `confined`) or OutsideFolder.
    """
    if root is not None:
        return named(root, typed)
    return Path(os.path.abspath(os.path.expanduser(typed.strip())))


def checked_path(typed: str, root: Path | None) -> Path:
    """The path to write, symlinks followed when served: touches the disk, so off the UI."""
    return full_path(typed) if root is None else confined(root, typed)


def target_problem(path: Path) -> str | None:
    """Why `path` cannot be written as a file (None: it can be tried). Touches the disk."""
    if path.is_dir():
        return _("{path} is a folder: add a file name").format(path=path)
    if not path.parent.is_dir():
        return _("No folder {parent}: create it first or choose another").format(parent=path.parent)
    return None


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    sep: str
    path: str


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Pick a format (the path's extension follows it), edit the path, Enter writes."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, stem: str, files_root: Path | None = None) -> None:
        super().__init__()
        self.stem, self.files_root = stem, files_root
        self.checking: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(_("[b]Export the plan[/b]"))
            yield OptionList(*(Option(_(text), id=key) for key, text in CHOICES), id="formats")
            yield Label(_("File"))
            yield Input(f"{self.stem}.xlsx", id="path")
            yield Label(self.writes(f"{self.stem}.xlsx"), id="full-path")
            yield Label("", id="form-error")
            yield Label(_("↑↓ format · Enter choose / write · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        fmt = (event.option.id or "xlsx").rstrip(";")
        self.query_one("#path", Input).value = f"{self.stem}.{EXTENSIONS[fmt]}"

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#path", Input))

    def writes(self, typed: str) -> Text:
        if not typed.strip():
            return inert("")
        try:
            return inert(_("Writes {typed}").format(typed=full_path(typed, self.files_root)))
        except OutsideFolder as exc:
            return inert(str(exc))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#full-path", Label).update(self.writes(event.value))
        self.query_one("#form-error", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#form-error", Label).update(_("Enter a file name."))
            return
        self.checking = self.run_worker(self.submit(event.value), exclusive=True)

    async def submit(self, typed: str) -> None:
        """Check the path off the UI thread; ask before replacing a file; then write."""
        try:
            path = await asyncio.to_thread(checked_path, typed, self.files_root)
        except OutsideFolder as exc:
            self.query_one("#form-error", Label).update(inert(str(exc)))
            return
        problem = await asyncio.to_thread(target_problem, path)
        if problem:
            self.query_one("#form-error", Label).update(inert(problem))
            return
        choice = CHOICES[self.query_one(OptionList).highlighted or 0][0]
        request = ExportRequest(choice.rstrip(";"), ";" if choice.endswith(";") else ",", str(path))
        if not await asyncio.to_thread(path.exists):
            self.dismiss(request)
            return
        question = _("{path} exists. Replace it?").format(path=path)
        if await self.app.push_screen_wait(ConfirmScreen(question)):
            self.dismiss(request)
        else:
            self.query_one("#form-error", Label).update(_("Not written: choose another name."))

    def action_cancel(self) -> None:
        self.dismiss(None)
