"""The follow-up screen's keys: its bindings, its palette-only actions (the ways to sort the
rows, undoing a paste) and the grid's own keys listed in its help."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from planner.i18n import N_

SORTS = [
    (
        N_("followup: sort by fulfilment, lowest first"),
        N_("Sort the rows by fulfilment, lowest first, within the groups"),
        N_("Sorted by fulfilment, lowest first, within the groups; unreported lines last"),
        "sort_rows('fulfilment', False)",
    ),
    (
        N_("followup: sort by fulfilment, highest first"),
        N_("Sort the rows by fulfilment, highest first, within the groups"),
        N_("Sorted by fulfilment, highest first, within the groups; unreported lines last"),
        "sort_rows('fulfilment', True)",
    ),
    (
        N_("followup: sort by earned kr, largest first"),
        N_("Sort the rows by earned kr, largest first, within the groups"),
        N_("Sorted by earned kr, largest first, within the groups; unreported lines last"),
        "sort_rows('earned_kr', True)",
    ),
    (
        N_("followup: sort by forecast, largest first"),
        N_("Sort the rows by forecast, largest first, within the groups"),
        N_("Sorted by forecast, largest first, within the groups; unreported lines last"),
        "sort_rows('forecast', True)",
    ),
    (
        N_("followup: sort by line name"),
        N_("Sort the rows by line name, within the groups"),
        N_("Sorted by line name, within the groups; unreported lines last"),
        "sort_rows('line', False)",
    ),
]
"""Palette title, palette help, status message and action of each way to sort the rows."""


FOLLOWUP_BINDINGS: list[BindingType] = [
    Binding("escape,q", "app.pop_screen", N_("Back"), id="followup.back"),
    Binding("delete", "clear_month", N_("Not reported"), id="followup.clear"),
    Binding(
        "i",
        "import_outcomes",
        N_("Import"),
        id="followup.import",
        tooltip=N_("Import performed units from a file or a pasted block, previewed first"),
    ),
    Binding(
        "c",
        "toggle_charts",
        N_("Charts"),
        id="followup.charts",
        tooltip=N_("Show or hide the charts and the settlement under the grid"),
    ),
    Binding("ctrl+r", "reload", N_("Reload"), show=False, id="followup.reload"),
    Binding("f1,question_mark", "help", N_("Help"), key_display="F1/?", id="followup.help"),
]
FOLLOWUP_PALETTE = [
    *((title, help_text, action) for title, help_text, _said, action in SORTS),
    (
        N_("followup: the plan's order"),
        N_("Show the rows in the plan's own order again"),
        "sort_rows('', False)",
    ),
    (
        N_("followup: undo the last paste"),
        N_("Put back the months the last pasted block changed (one step, logged)"),
        "undo_paste",
    ),
]
FOLLOWUP_EDIT_KEYS = [
    (N_("0-9 (on a month)"), N_("start typing that month's performed units")),
    ("enter", N_("edit the month under the cursor; in the editor: save and move down")),
    (N_("tab (in editor)"), N_("save and move right")),
    (N_("escape (in editor)"), N_("cancel the edit")),
    (N_("shift+arrows"), N_("select a block of cells")),
    ("ctrl+c", N_("copy the block (or the cell) with its header, tab-separated")),
    (
        N_("paste"),
        N_("a month column or a block from a spreadsheet fills months from the cursor"),
    ),
    ("ctrl+p", N_("palette: undo the last paste, sort the rows, the plan's order")),
]
