"""Keys from one source: each action's key, id, palette title and description.

The plan screen's BINDINGS, its command palette entries and the help screen are generated
from `PLAN_KEYS`; other screens' palette entries and help come from their own BINDINGS. A
binding's id is what a user keymap file names to move the action to another key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One action: `keys` "" for a palette-only action; `title` is its palette name."""

    keys: str
    action: str
    description: str
    title: str
    help: str
    id: str | None = None
    show: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
            tooltip=self.help,
        )


# The footer shows keys in this order: the essential ones first, so 80 columns keep them.
PLAN_KEYS = [
    Key("", "edit", "Edit", "plan: edit cell", "Edit the volume under the cursor"),
    Key(
        "",
        "price_class",
        "Price class",
        "plan: price class",
        "Choose the price class of the line under the cursor",
    ),
    Key(
        "ctrl+z",
        "undo",
        "Undo",
        "plan: undo",
        "Undo the last edit (saved and logged)",
        "plan.undo",
        show=True,
    ),
    Key(
        "ctrl+y",
        "redo",
        "Redo",
        "plan: redo",
        "Redo the last undone edit (saved and logged)",
        "plan.redo",
    ),
    Key(
        "slash",
        "filter",
        "Filter",
        "plan: filter",
        "Show only lines matching a text",
        "plan.filter",
        show=True,
        key_display="/",
    ),
    Key(
        "f1,question_mark",
        "help",
        "Help",
        "plan: help",
        "List every key",
        "plan.help",
        show=True,
        key_display="F1/?",
    ),
    Key(
        "q",
        "app.quit",
        "Quit",
        "plan: quit",
        "Leave planner (every committed edit is saved)",
        "plan.quit",
        show=True,
    ),
    Key(
        "escape",
        "clear_filter",
        "Clear filter",
        "plan: clear filter",
        "Show every line again",
        "plan.clear_filter",
    ),
    Key(
        "o",
        "switch",
        "Open plan",
        "plan: switch",
        "Open another hospital's or year's plan, or a scenario",
        "plan.switch",
        show=True,
    ),
    Key(
        "s",
        "snapshot",
        "Snapshot",
        "snapshot: create",
        "Freeze the plan with a label and note",
        "snapshot.create",
        show=True,
    ),
    Key(
        "e",
        "export",
        "Export",
        "export: plan",
        "Write the plan as XLSX, CSV, JSON, Markdown or text",
        "export.plan",
        show=True,
    ),
    Key(
        "d",
        "compare",
        "Compare",
        "plan: compare with snapshot",
        "Changed lines, cost deltas and the R7 verdict",
        "plan.compare",
        show=True,
    ),
    Key(
        "v",
        "review",
        "Review",
        "review: start or resume",
        "Accept or reject each change since a snapshot",
        "review.start",
        show=True,
    ),
    Key(
        "f",
        "followup",
        "Follow-up",
        "followup: show",
        "Performed by month against plan, earned tillägg, settlement",
        "followup.show",
        show=True,
    ),
    Key(
        "i",
        "import_table",
        "Import",
        "import: volume table",
        "Bring in a decision's table (file or pasted), previewed",
        "import.table",
        show=True,
    ),
    Key(
        "r",
        "reason",
        "Reason",
        "plan: reason for last edit",
        "Add a reason to the last edit (kept in the log)",
        "plan.reason",
    ),
    Key(
        "N",
        "note",
        "Note",
        "plan: note on line",
        "Write or change the note on the line under the cursor: what its number rests on",
        "plan.note",
    ),
    Key(
        "L", "log", "Log", "log: show", "Every edit of this plan: who, when, what, why", "log.show"
    ),
    Key(
        "H",
        "line_history",
        "Line history",
        "log: line history",
        "Every edit of the line under the cursor, newest first",
        "log.line",
    ),
    Key(
        "ctrl+r",
        "reload",
        "Reload",
        "plan: reload",
        "Reload the plan from the database",
        "plan.reload",
    ),
    Key(
        "right_square_bracket",
        "next_category",
        "Next category",
        "go: next category",
        "First line of the next category (])",
        "go.next_category",
        key_display="]",
    ),
    Key(
        "left_square_bracket",
        "previous_category",
        "Previous category",
        "go: previous category",
        "First line of the previous category ([)",
        "go.previous_category",
        key_display="[",
    ),
    Key(
        "right_curly_bracket",
        "next_area",
        "Next area",
        "go: next area",
        "First line of the next area (})",
        "go.next_area",
        key_display="}",
    ),
    Key(
        "left_curly_bracket",
        "previous_area",
        "Previous area",
        "go: previous area",
        "First line of the previous area ({)",
        "go.previous_area",
        key_display="{",
    ),
    Key(
        "t",
        "totals_row",
        "Go to Totalsumma",
        "go: Totalsumma",
        "The plan's total row (t)",
        "plan.totals_row",
    ),
    Key(
        "D",
        "toggle_delta",
        "Δ column",
        "settings: Δ columns",
        "Show each line's change in tillägg and cost since the latest snapshot (on/off)",
        "plan.delta",
    ),
    Key(
        "w",
        "side_by_side",
        "Side by side",
        "plan: side by side with another plan or scenario",
        "Show another plan or scenario beside this one, with the Δ to it (w again hides it)",
        "plan.side_by_side",
    ),
    Key(
        "",
        "apply_scenario",
        "Apply scenario",
        "scenario: apply to its plan",
        "Bring the open scenario's differences into its plan, after a snapshot (R7 verdict shown)",
    ),
    Key(
        "B",
        "toggle_delta_baseline",
        "Δ since",
        "settings: Δ since the decision",
        "Mark changes since the decision snapshot, or again since the latest snapshot (B)",
        "plan.delta_since",
    ),
    Key(
        "",
        "toggle_reason_prompt",
        "Reason prompt",
        "settings: reason prompt",
        "Ask for a reason after each edit (on/off)",
    ),
    Key(
        "R",
        "region",
        "Region",
        "region: show",
        "Every hospital's plan for this year side by side",
        "region.show",
        show=True,
    ),
    Key(
        "M",
        "decision",
        "Decision",
        "decision: money",
        "The decision's frame, bridge, items and payments; adjustments and actuals editable",
        "decision.show",
    ),
    Key(
        "P",
        "prices",
        "Prices",
        "prices: show",
        "This year's unit prices per hospital, editable",
        "prices.show",
        show=True,
    ),
    Key(
        "I",
        "register",
        "Indicators",
        "register: indicators",
        "The decision's indicators with targets and outcomes; training places from there",
        "register.show",
    ),
    Key(
        "S",
        "sort",
        "Sort",
        "plan: sort the view",
        "Sort the view by a column (cost, Δ, name, …), grouped or lines only; data unchanged",
        "plan.sort",
    ),
    Key(
        "O",
        "plan_order",
        "Plan order",
        "plan: the plan's order",
        "Show the lines in the plan's own order again, under their areas and categories",
        "plan.plan_order",
    ),
]
# Keys the grid handles itself (typing, moving): listed in the plan screen's help.
EDITOR_KEYS = [
    ("0-9", "start editing the cell with that digit"),
    ("+ / -", "change the cell's value: +100, -50, +5%, -2,5% (whole units, halves up)"),
    ("enter", "edit the cell with its current value; on Price: choose the price class"),
    ("enter (in editor)", "save and move down one line"),
    ("tab (in editor)", "save and move right"),
    ("escape (in editor)", "cancel the edit"),
    ("arrows / h j k l", "move"),
    ("home / end", "first / last column"),
    ("pgup / pgdn", "one page up / down"),
    ("ctrl+home / ctrl+end", "first / last row"),
    ("shift+arrows", "select a block of cells"),
    ("ctrl+c", "copy the block (or the cell) with its header, tab-separated"),
    ("paste", "a block copied from a spreadsheet fills the cells from the cursor"),
]

APP_ACTIONS = {"quit", "region", "prices", "register", "decision"}
ON_APP = {
    "region",
    "prices",
    "register",
    "decision",
}  # bound on the app: they open from the plan screen's footer

PLAN_BINDINGS: list[BindingType] = [
    k.binding() for k in PLAN_KEYS if k.keys and k.action not in ON_APP
]
APP_BINDINGS: list[BindingType] = [k.binding() for k in PLAN_KEYS if k.keys and k.action in ON_APP]
PLAN_COMMANDS = [(k.title, k.help, k.action.removeprefix("app.")) for k in PLAN_KEYS]


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys as shown, description) for each binding, for the help table."""
    return [(b.key_display or b.key, b.description) for b in map(as_binding, bindings)]


def as_binding(binding: BindingType) -> Binding:
    if isinstance(binding, Binding):
        return binding
    key, action, description = (*binding, "")[:3]
    return Binding(key, action, description)


def keys_in_use(keymap: Mapping[str, str], bindings: Iterable[BindingType]) -> list[Binding]:
    """`bindings` with the keys a user keymap gave them (the help shows what works)."""
    moved = []
    for binding in map(as_binding, bindings):
        keys = keymap.get(binding.id) if binding.id else None
        moved.append(replace(binding, key=keys, key_display=None) if keys else binding)
    return moved


def plan_help(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """The plan screen's help: the grid's own keys, then every binding with its key now."""
    keys = binding_rows(keys_in_use(keymap, [*PLAN_BINDINGS, *APP_BINDINGS]))
    return [
        *EDITOR_KEYS,
        *(row for row in keys if row[1]),
        ("ctrl+p", "command palette: every action by name"),
        ("ctrl+q", "quit (as q)"),
    ]
