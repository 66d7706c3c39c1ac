"""Import a decision's volume table: a file path or pasted text, previewed before it is written.

The first Enter (or ctrl+s) shows the summary `planner import-table --dry-run` prints; the
next one, with the input unchanged and the table valid, applies it. Reading, checking and
writing run on the session's storage thread.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from db.errors import StorageError
from db.files_root import named, read_confined
from db.table_import import ImportPreview, apply_import, preview_import, sha256_of
from planner.formats.import_summary import split_verdict, summary_lines
from planner.i18n import N_, _
from planner.readers.table_rows import TableInputError, rows_from_bytes
from planner.text import counted
from screens.session import Session
from screens.widgets.inert_text import inert


class ImportDialog(ModalScreen[str | None]):
    """Path or pasted table; Enter previews, Enter again applies; dismisses with the outcome."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "submit", N_("Preview / apply")),
    ]

    def __init__(self, session: Session, hospital: str, year: int) -> None:
        super().__init__()
        self.session, self.hospital, self.year = session, hospital, year
        self.preview: ImportPreview | None = None
        self.previewed_input: tuple[str, str, bool, bool] | None = None
        self.work = session.work.for_screen(
            self.run_worker,
            lambda text, _error: self.show("", _("error: {text}").format(text=text)),
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form", id="import-dialog"):
            yield Label(
                inert(
                    _("Import a volume table into {hospital} {year}").format(
                        hospital=self.hospital, year=self.year
                    )
                )
            )
            yield Label(_("File (text, CSV or XLSX)"))
            yield Input(placeholder=_("path/to/table.txt"), id="path")
            yield Label(_("or paste the table here"))
            yield TextArea(id="paste")
            yield Checkbox(
                _("Keep the plan's values for lines the table lacks"),
                id="allow-missing",
                compact=True,
            )
            yield Checkbox(
                _("Accept a Totalsumma that differs from its lines"),
                id="accept-total",
                compact=True,
            )
            with VerticalScroll(id="import-preview-box"):
                yield Static("", id="import-preview")
            yield Static("", id="import-verdict")
            yield Label(_("Enter / ctrl+s preview, again to apply · Esc cancel"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def current_input(self) -> tuple[str, str, bool, bool]:
        """Path, pasted text and the two allowances: a change to any needs a new preview."""
        return (
            self.query_one("#path", Input).value.strip(),
            self.query_one("#paste", TextArea).text,
            self.query_one("#allow-missing", Checkbox).value,
            self.query_one("#accept-total", Checkbox).value,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def show(self, text: str, verdict: str) -> None:
        """Details in the scrolling box; the verdict under it, scrolled into view (80x24)."""
        self.query_one("#import-preview", Static).update(inert(text, multiline=True))
        shown = self.query_one("#import-verdict", Static)
        shown.update(inert(verdict, "bold", multiline=True))
        self.call_after_refresh(shown.scroll_visible, animate=False)

    def action_submit(self) -> None:
        current = self.current_input()
        ready = self.preview is not None and self.preview.result.ok
        if ready and current == self.previewed_input:
            self.work(self.apply)
        else:
            self.work(lambda: self.make_preview(current))

    async def make_preview(self, current: tuple[str, str, bool, bool]) -> None:
        path, pasted, allow_missing, accept_total = current
        self.preview = None
        try:
            if path:
                root = self.session.files_root
                chosen = Path(path) if root is None else named(root, path)
                data = await self.session.off_thread(read_confined, root, chosen)
                source = chosen.name
            else:
                data, source = pasted.encode("utf-8"), _("pasted text")
            rows = await self.session.off_thread(rows_from_bytes, data, source)
            preview = await self.session.run(
                preview_import,
                self.hospital,
                self.year,
                rows,
                source,
                sha256_of(data),
                allow_missing=allow_missing,
                accept_total_mismatch=accept_total,
            )
        except (TableInputError, StorageError) as exc:
            self.show("", _("error: {exc}").format(exc=exc))
            return
        self.preview, self.previewed_input = preview, current
        lines = summary_lines(
            source, preview.new_plan, preview.diff, preview.result, preview.created
        )
        details, verdict = split_verdict(lines, preview.result.ok, preview.created)
        if preview.result.ok:
            verdict.append(_("Press Enter again to apply."))
        self.show("\n".join(details), "\n".join(verdict))

    async def apply(self) -> None:
        preview = self.preview
        assert preview is not None
        try:
            snapshot = await self.session.run(apply_import, preview, self.session.user)
        except StorageError as exc:
            self.show("", _("error: {exc}").format(exc=exc))
            return
        changed = counted(len(preview.diff.changes), "line")
        if preview.created:
            self.dismiss(_("Imported {source}: the plan was created").format(source=preview.source))
        elif snapshot is None:
            self.dismiss(_("{source} changes nothing in this plan").format(source=preview.source))
        else:
            self.dismiss(
                _("Imported {source}: {changed} changed after snapshot {snapshot}").format(
                    source=preview.source, changed=changed, snapshot=snapshot
                )
            )

    def action_cancel(self) -> None:
        self.dismiss(None)
