"""What the two import dialogs share: a path or pasted text, previewed first, applied on the
next Enter with the input unchanged; the preview and verdict shown under the inputs."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from db.files_root import named, read_confined
from planner.i18n import N_, _
from screens.session import Session
from screens.widgets.inert_text import inert


class PreviewImportDialog(ModalScreen[str | None]):
    """Enter (or ctrl+s) previews; again, with `current_input()` unchanged and the preview
    ready, applies. Subclasses compose #path, #import-preview and #import-verdict."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "submit", N_("Preview / apply")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.previewed: object = None
        self.work = session.work.for_screen(
            self.run_worker,
            lambda text, _error: self.show("", _("error: {text}").format(text=text)),
        )

    def current_input(self) -> object:
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether the last preview can be applied."""
        raise NotImplementedError

    async def make_preview(self, current: object) -> None:
        raise NotImplementedError

    async def apply(self) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        current = self.current_input()
        if self.ready() and current == self.previewed:
            self.work(self.apply)
        else:
            self.work(lambda: self.make_preview(current))

    async def read_input(self, path: str, pasted: str) -> tuple[bytes, str]:
        """The file's bytes (inside a served session's files folder) or the pasted text, and
        the name the summary gives it."""
        if not path:
            return pasted.encode("utf-8"), _("pasted text")
        root = self.session.files_root
        chosen = Path(path) if root is None else named(root, path)
        data = await self.session.off_thread(read_confined, root, chosen)
        return data, chosen.name

    def show(self, text: str, verdict: str) -> None:
        """Details in the scrolling box; the verdict under it, scrolled into view (80x24)."""
        self.query_one("#import-preview", Static).update(inert(text, multiline=True))
        shown = self.query_one("#import-verdict", Static)
        shown.update(inert(verdict, "bold", multiline=True))
        self.call_after_refresh(shown.scroll_visible, animate=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
