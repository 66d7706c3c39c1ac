"""The plan screen's keys, in one table: its BINDINGS, the app's keys for the screens it
opens, its palette entries and its help screen are all generated from `PLAN_KEYS`."""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import BindingType

from planner.i18n import N_
from screens.keys import Key, binding_rows, keys_in_use

# The footer shows keys in this order: the essential ones first, so 80 columns keep them.
PLAN_KEYS = [
    Key("", "edit", N_("Edit"), N_("plan: edit cell"), N_("Edit the volume under the cursor")),
    Key(
        "",
        "price_class",
        N_("Price class"),
        N_("plan: price class"),
        N_("Choose the price class of the line under the cursor"),
    ),
    Key(
        "ctrl+z",
        "undo",
        N_("Undo"),
        N_("plan: undo"),
        N_("Undo the last edit (saved and logged)"),
        "plan.undo",
        show=True,
    ),
    Key(
        "ctrl+y",
        "redo",
        N_("Redo"),
        N_("plan: redo"),
        N_("Redo the last undone edit (saved and logged)"),
        "plan.redo",
    ),
    Key(
        "slash",
        "filter",
        N_("Filter"),
        N_("plan: filter"),
        N_("Show only lines matching a text"),
        "plan.filter",
        show=True,
        key_display="/",
    ),
    Key(
        "f1,question_mark",
        "help",
        N_("Help"),
        N_("plan: help"),
        N_("List every key"),
        "plan.help",
        show=True,
        key_display="F1/?",
    ),
    Key(
        "q",
        "app.quit",
        N_("Quit"),
        N_("plan: quit"),
        N_("Leave planner (every committed edit is saved)"),
        "plan.quit",
        show=True,
    ),
    Key(
        "escape",
        "clear_filter",
        N_("Clear filter"),
        N_("plan: clear filter"),
        N_("Show every line again"),
        "plan.clear_filter",
    ),
    Key(
        "o",
        "switch",
        N_("Open plan"),
        N_("plan: switch"),
        N_("Open another hospital's or year's plan, or a scenario"),
        "plan.switch",
        show=True,
    ),
    Key(
        "s",
        "snapshot",
        N_("Snapshot"),
        N_("snapshot: create"),
        N_("Freeze the plan with a label and note"),
        "snapshot.create",
        show=True,
    ),
    Key(
        "e",
        "export",
        N_("Export"),
        N_("export: plan"),
        N_("Write the plan as XLSX, CSV, JSON, Markdown or text"),
        "export.plan",
        show=True,
    ),
    Key(
        "d",
        "compare",
        N_("Compare"),
        N_("plan: compare with snapshot"),
        N_("Changed lines, cost deltas and the R7 verdict"),
        "plan.compare",
        show=True,
    ),
    Key(
        "v",
        "review",
        N_("Review"),
        N_("review: start or resume"),
        N_("Accept or reject each change since a snapshot"),
        "review.start",
        show=True,
    ),
    Key(
        "f",
        "followup",
        N_("Follow-up"),
        N_("followup: show"),
        N_("Performed by month against plan, earned tillägg, settlement"),
        "followup.show",
        show=True,
    ),
    Key(
        "i",
        "import_table",
        N_("Import"),
        N_("import: volume table"),
        N_("Bring in a decision's table (file or pasted), previewed"),
        "import.table",
        show=True,
    ),
    Key(
        "r",
        "reason",
        N_("Reason"),
        N_("plan: reason for last edit"),
        N_("Add a reason to the last edit (kept in the log)"),
        "plan.reason",
    ),
    Key(
        "N",
        "note",
        N_("Note"),
        N_("plan: note on line"),
        N_("Write or change the note on the line under the cursor: what its number rests on"),
        "plan.note",
    ),
    Key(
        "L",
        "log",
        N_("Log"),
        N_("log: show"),
        N_("Every edit of this plan: who, when, what, why"),
        "log.show",
    ),
    Key(
        "H",
        "line_history",
        N_("Line history"),
        N_("log: line history"),
        N_("Every edit of the line under the cursor, newest first"),
        "log.line",
    ),
    Key(
        "ctrl+r",
        "reload",
        N_("Reload"),
        N_("plan: reload"),
        N_("Reload the plan from the database"),
        "plan.reload",
    ),
    Key(
        "right_square_bracket",
        "next_category",
        N_("Next category"),
        N_("go: next category"),
        N_("First line of the next category (])"),
        "go.next_category",
        key_display="]",
    ),
    Key(
        "left_square_bracket",
        "previous_category",
        N_("Previous category"),
        N_("go: previous category"),
        N_("First line of the previous category ([)"),
        "go.previous_category",
        key_display="[",
    ),
    Key(
        "right_curly_bracket",
        "next_area",
        N_("Next area"),
        N_("go: next area"),
        N_("First line of the next area (})"),
        "go.next_area",
        key_display="}",
    ),
    Key(
        "left_curly_bracket",
        "previous_area",
        N_("Previous area"),
        N_("go: previous area"),
        N_("First line of the previous area ({)"),
        "go.previous_area",
        key_display="{",
    ),
    Key(
        "t",
        "totals_row",
        N_("Go to Totalsumma"),
        N_("go: Totalsumma"),
        N_("The plan's total row (t)"),
        "plan.totals_row",
    ),
    Key(
        "D",
        "toggle_delta",
        N_("Δ column"),
        N_("settings: Δ columns"),
        N_("Show each line's change in tillägg and cost since the latest snapshot (on/off)"),
        "plan.delta",
    ),
    Key(
        "w",
        "side_by_side",
        N_("Side by side"),
        N_("plan: side by side with another plan or scenario"),
        N_("Show another plan or scenario beside this one, with the Δ to it (w again hides it)"),
        "plan.side_by_side",
    ),
    Key(
        "",
        "apply_scenario",
        N_("Apply scenario"),
        N_("scenario: apply to its plan"),
        N_(
            "Bring the open scenario's differences into its plan, after a snapshot"
            " (R7 verdict shown)"
        ),
    ),
    Key(
        "B",
        "toggle_delta_baseline",
        N_("Δ since"),
        N_("settings: Δ since the decision"),
        N_("Mark changes since the decision snapshot, or again since the latest snapshot (B)"),
        "plan.delta_since",
    ),
    Key(
        "",
        "toggle_reason_prompt",
        N_("Reason prompt"),
        N_("settings: reason prompt"),
        N_("Ask for a reason after each edit (on/off)"),
    ),
    Key(
        "R",
        "region",
        N_("Region"),
        N_("region: show"),
        N_("Every hospital's plan for this year side by side"),
        "region.show",
        show=True,
    ),
    Key(
        "M",
        "decision",
        N_("Decision"),
        N_("decision: money"),
        N_("The decision's frame, bridge, items and payments; adjustments and actuals editable"),
        "decision.show",
    ),
    Key(
        "P",
        "prices",
        N_("Prices"),
        N_("prices: show"),
        N_("This year's unit prices per hospital, editable"),
        "prices.show",
        show=True,
    ),
    Key(
        "I",
        "register",
        N_("Indicators"),
        N_("register: indicators"),
        N_("The decision's indicators with targets and outcomes; training places from there"),
        "register.show",
    ),
    Key(
        "S",
        "sort",
        N_("Sort"),
        N_("plan: sort the view"),
        N_("Sort the view by a column (cost, Δ, name, …), grouped or lines only; data unchanged"),
        "plan.sort",
    ),
    Key(
        "O",
        "plan_order",
        N_("Plan order"),
        N_("plan: the plan's order"),
        N_("Show the lines in the plan's own order again, under their areas and categories"),
        "plan.plan_order",
    ),
]
# Keys the grid handles itself (typing, moving): listed in the plan screen's help.
EDITOR_KEYS = [
    ("0-9", N_("start editing the cell with that digit")),
    ("+ / -", N_("change the cell's value: +100, -50, +5%, -2,5% (whole units, halves up)")),
    ("enter", N_("edit the cell with its current value; on Price: choose the price class")),
    (N_("enter (in editor)"), N_("save and move down one line")),
    (N_("tab (in editor)"), N_("save and move right")),
    (N_("escape (in editor)"), N_("cancel the edit")),
    (N_("arrows / h j k l"), N_("move")),
    ("home / end", N_("first / last column")),
    ("pgup / pgdn", N_("one page up / down")),
    ("ctrl+home / ctrl+end", N_("first / last row")),
    (N_("shift+arrows"), N_("select a block of cells")),
    ("ctrl+c", N_("copy the block (or the cell) with its header, tab-separated")),
    (N_("paste"), N_("a block copied from a spreadsheet fills the cells from the cursor")),
]

APP_ACTIONS = {"quit", "region", "prices", "register", "decision"}
# Bound on the app: they open from the plan screen's footer.
ON_APP = {"region", "prices", "register", "decision"}

PLAN_BINDINGS: list[BindingType] = [
    k.binding() for k in PLAN_KEYS if k.keys and k.action not in ON_APP
]
APP_BINDINGS: list[BindingType] = [k.binding() for k in PLAN_KEYS if k.keys and k.action in ON_APP]
PLAN_COMMANDS = [(k.title, k.help, k.action.removeprefix("app.")) for k in PLAN_KEYS]


def plan_help(keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """The plan screen's help: the grid's own keys, then every binding with its key now."""
    keys = binding_rows(keys_in_use(keymap, [*PLAN_BINDINGS, *APP_BINDINGS]))
    return [
        *EDITOR_KEYS,
        *(row for row in keys if row[1]),
        ("ctrl+p", N_("command palette: every action by name")),
        ("ctrl+q", N_("quit (as q)")),
    ]
