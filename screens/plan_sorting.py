"""Sorting the plan view (S chooses a column and direction, O gives back the plan's order).

Only the view is sorted: lines, volumes and the plan's own order are never changed. Rows keep
their place while edits are saved; S again sorts by the new values.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from planner.grouping import SortOrder
from planner.i18n import N_, _
from screens.dialogs.prompts import ChooseScreen

LABELS = {
    "line": N_("Line"),
    "uppdrag": N_("Uppdrag"),
    "bas": N_("Bas"),
    "tillagg": N_("Tillägg"),
    "price": N_("Price"),
    "cost": N_("Tilläggskostnad"),
    "delta_tillagg": N_("Δ Tillägg"),
    "delta_cost": N_("Δ Kostnad"),
}
FLATTEN, GROUP = "flatten", "group"
# (sorted by the line's name, descending, within the groups) → the status line's sentence
DESCRIBED = {
    (True, False, True): N_(
        "Sorted by {column}, A to Ö, within the groups; O gives the plan's order"
    ),
    (True, True, True): N_(
        "Sorted by {column}, Ö to A, within the groups; O gives the plan's order"
    ),
    (False, False, True): N_(
        "Sorted by {column}, smallest first, within the groups; O gives the plan's order"
    ),
    (False, True, True): N_(
        "Sorted by {column}, largest first, within the groups; O gives the plan's order"
    ),
    (True, False, False): N_("Sorted by {column}, A to Ö, lines only; O gives the plan's order"),
    (True, True, False): N_("Sorted by {column}, Ö to A, lines only; O gives the plan's order"),
    (False, False, False): N_(
        "Sorted by {column}, smallest first, lines only; O gives the plan's order"
    ),
    (False, True, False): N_(
        "Sorted by {column}, largest first, lines only; O gives the plan's order"
    ),
}


def choices(columns: list[str], current: SortOrder | None) -> list[tuple[str, str]]:
    """Each shown column in both directions, then the grouping switch."""
    options: list[tuple[str, str]] = []
    for column in columns:
        label = _(LABELS[column])
        if column == "line":
            options += [
                ("line:asc", _("{column}, A to Ö").format(column=label)),
                ("line:desc", _("{column}, Ö to A").format(column=label)),
            ]
        else:
            options += [
                (f"{column}:desc", _("{column}, largest first").format(column=label)),
                (f"{column}:asc", _("{column}, smallest first").format(column=label)),
            ]
    grouped = current is None or current.grouped
    if grouped:
        options.append((FLATTEN, _("Lines only, without area and category rows")))
    else:
        options.append((GROUP, _("Lines under their area and category (each level sorted)")))
    return options


def describe(order: SortOrder) -> str:
    """ "Sorted by Tilläggskostnad, largest first, within the groups" for the status line."""
    text = DESCRIBED[(order.column == "line", order.descending, order.grouped)]
    return _(text).format(column=_(LABELS[order.column]))


def chosen(choice: str, current: SortOrder | None) -> SortOrder:
    """The order a chooser answer asks for (the grouping switch keeps the column)."""
    if choice in (FLATTEN, GROUP):
        base = current or SortOrder("cost", True)
        return SortOrder(base.column, base.descending, grouped=choice == GROUP)
    column, direction = choice.split(":")
    grouped = current is None or current.grouped
    return SortOrder(column, direction == "desc", grouped)


def choose_order(
    app: App[None],
    columns: list[str],
    current: SortOrder | None,
    then: Callable[[SortOrder], None],
) -> None:
    """The S dialog: choose a column and direction, or flatten / group the rows."""
    selected = ""
    if current is not None:
        selected = f"{current.column}:{'desc' if current.descending else 'asc'}"

    def answer(choice: str | None) -> None:
        if choice:
            then(chosen(choice, current))

    title = _("Sort the view (the plan itself is not changed)")
    app.push_screen(ChooseScreen(title, choices(columns, current), selected), answer)
