"""Import a decision's volume table: a file path or pasted text, previewed before it is written.

The first Enter (or ctrl+s) shows the summary `planner import-table --dry-run` prints; the
next one, with the input unchanged and the table valid, applies it. Reading, checking and
writing run on the session's storage thread.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from db.errors import StorageError
from db.table_import import ImportPreview, apply_import, preview_import, sha256_of
from planner.formats.import_summary import split_verdict, summary_lines
from planner.i18n import _
from planner.readers.table_rows import TableInputError, rows_from_bytes
from planner.text import counted
from screens.dialogs.preview_import import PreviewImportDialog
from screens.session import Session
from screens.widgets.inert_text import inert


class ImportDialog(PreviewImportDialog):
    """Path or pasted table; Enter previews, Enter again applies; dismisses with the outcome."""

    def __init__(self, session: Session, hospital: str, year: int) -> None:
        super().__init__(session)
        self.hospital, self.year = hospital, year
        self.preview: ImportPreview | None = None

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

    def current_input(self) -> tuple[str, str, bool, bool]:
        """Path, pasted text and the two allowances: a change to any needs a new preview."""
        return (
            self.query_one("#path", Input).value.strip(),
            self.query_one("#paste", TextArea).text,
            self.query_one("#allow-missing", Checkbox).value,
            self.query_one("#accept-total", Checkbox).value,
        )

    def ready(self) -> bool:
        return self.preview is not None and self.preview.result.ok

    async def make_preview(self, current: object) -> None:
        assert isinstance(current, tuple)
        path, pasted, allow_missing, accept_total = current
        self.preview = None
        try:
            data, source = await self.read_input(path, pasted)
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
        self.preview, self.previewed = preview, current
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
