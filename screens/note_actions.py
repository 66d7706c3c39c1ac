"""The plan screen's notes on lines: writing one (key N) and showing the one under the cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.notes import set_note
from planner.i18n import N_, _
from planner.text import MAX_LINE_NOTE
from screens.dialogs.prompts import PromptScreen
from screens.widgets.note_panel import NotePanel

if TYPE_CHECKING:
    from screens.plan_screen import PlanScreen


def show_note_at_cursor(screen: PlanScreen) -> None:
    """The note panel follows the cursor: the line's note in full, hidden without one."""
    grid = screen.grid
    key = grid.line_at(grid.cursor_coordinate.row) if grid.row_count else None
    line = screen.state.lines.get(key) if key else None
    note = screen.state.notes.get(key, "") if key else ""
    screen.query_one(NotePanel).show_note(line.name if line else "", note)


def edit_note(screen: PlanScreen) -> None:
    """Ask for the note of the line under the cursor; empty removes it. Saved and logged."""
    key = screen.grid.line_at(screen.grid.cursor_coordinate.row)
    if key is None:
        screen.say(_("Move to a line to write its note (a subtotal has none)"))
        return
    state, session = screen.state, screen.session
    line, pid = state.lines[key], state.plan.plan_id
    current = state.notes.get(key, "")

    def save(text: str | None) -> None:
        if text is None or text.strip() == current:
            return
        actor = session.actor("tui")

        async def work() -> None:
            _note, new = await session.run(set_note, pid, key, text.strip() or None, actor)
            if new:
                state.notes[key] = new
            else:
                state.notes.pop(key, None)
            screen.grid.show_note(key, new)
            show_note_at_cursor(screen)
            if new:
                said = _("Note kept on {name} ({category})")
            else:
                said = _("Note removed from {name} ({category})")
            screen.say(said.format(name=line.name, category=line.category))

        screen.work(work)

    title = _("Note on {name} ({category}): what the number rests on (empty removes it)").format(
        name=line.name, category=line.category
    )
    prompt = PromptScreen(title, current, MAX_LINE_NOTE, N_("the note"), cut=False)
    screen.app.push_screen(prompt, save)
