"""Import performed units into the follow-up: a file path or a pasted block, previewed first.

Like the plan's import dialog: the first Enter (or ctrl+s) shows every value that would
change, old → new (what `planner outcomes import --dry-run` prints); the next one, with the
input unchanged, applies it in one transaction. Reading and writing run on the storage thread.
"""

from __future__ import annotations

import hashlib

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from db.errors import StorageError
from db.outcomes import changes, import_outcomes, load_outcomes
from planner.display import month_name
from planner.i18n import _, ngettext
from planner.model import Plan
from planner.numbers import format_number
from planner.readers.outcome_import import Cell, ImportInvalid, parse_outcomes
from planner.readers.outcome_rows import OutcomeFileError, outcome_rows
from planner.text import first_problems
from screens.dialogs.preview_import import PreviewImportDialog
from screens.session import Session
from screens.widgets.inert_text import inert


def shown(value: int | None) -> str:
    return _("not reported") if value is None else format_number(value)


class OutcomeImportDialog(PreviewImportDialog):
    """Path or pasted block; Enter previews, Enter again applies; dismisses with the outcome."""

    def __init__(self, session: Session, plan: Plan) -> None:
        super().__init__(session)
        self.plan = plan
        self.values: dict[Cell, int] | None = None
        self.source = ""
        self.digest = ""

    def compose(self) -> ComposeResult:
        name = f"{self.plan.hospital.code} {self.plan.year}"
        with VerticalScroll(classes="dialog form", id="outcome-import-dialog"):
            yield Label(
                inert(_("Import performed units into the follow-up of {plan}").format(plan=name))
            )
            yield Label(_("File (CSV or XLSX; key and month columns, or one column per month)"))
            yield Input(placeholder=_("path/to/outcomes.csv"), id="path")
            yield Label(_("or paste a block with its header (key, jan, feb, …) here"))
            yield TextArea(id="paste")
            with VerticalScroll(id="import-preview-box"):
                yield Static("", id="import-preview")
            yield Static("", id="import-verdict")
            yield Label(_("Enter / ctrl+s preview, again to apply · Esc cancel"), classes="hint")

    def current_input(self) -> tuple[str, str]:
        return self.query_one("#path", Input).value.strip(), self.query_one("#paste", TextArea).text

    def ready(self) -> bool:
        return self.values is not None

    async def make_preview(self, current: object) -> None:
        assert isinstance(current, tuple)
        path, pasted = current
        self.values = None
        try:
            data, source = await self.read_input(path, pasted)
            rows = await self.session.off_thread(outcome_rows, data, source)
            values = parse_outcomes(rows, self.plan)
            stored = await self.session.run(load_outcomes, self.plan.plan_id)
        except (OutcomeFileError, StorageError) as exc:
            self.show("", _("error: {exc}").format(exc=exc))
            return
        except ImportInvalid as exc:
            problems = first_problems([str(p) for p in exc.problems])
            count = len(exc.problems)
            self.show(
                "\n".join(problems),
                ngettext(
                    "{count} problem in {source}; nothing can be imported.",
                    "{count} problems in {source}; nothing can be imported.",
                    count,
                ).format(count=count, source=source),
            )
            return
        diff = changes(stored, values)
        self.values, self.previewed = values, current
        self.source, self.digest = source, hashlib.sha256(data).hexdigest()
        details = [
            f"{self.plan.line(key).name} ({key}) {month_name(month)}:"
            f" {shown(old)} → {format_number(values[(key, month)])}"
            for (key, month), old in sorted(diff.items())
        ]
        unchanged = len(values) - len(diff)
        verdict = ngettext(
            "{source}: {count} value would change, {unchanged} unchanged.",
            "{source}: {count} values would change, {unchanged} unchanged.",
            len(diff),
        ).format(source=source, count=len(diff), unchanged=format_number(unchanged))
        self.show("\n".join(details), f"{verdict}\n{_('Press Enter again to apply.')}")

    async def apply(self) -> None:
        values = self.values
        assert values is not None
        actor = self.session.actor("import")
        describe = f"{self.source} sha256 {self.digest}"
        try:
            result = await self.session.run(
                import_outcomes, self.plan.plan_id, values, actor, describe
            )
        except StorageError as exc:
            self.show("", _("error: {exc}").format(exc=exc))
            return
        self.dismiss(
            ngettext(
                "Imported {source}: {count} value changed, {unchanged} unchanged",
                "Imported {source}: {count} values changed, {unchanged} unchanged",
                result.changed,
            ).format(
                source=self.source,
                count=result.changed,
                unchanged=format_number(result.unchanged),
            )
        )
