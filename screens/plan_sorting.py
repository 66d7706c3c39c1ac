"""Sorting the plan view (S chooses a column and direction, O gives back the plan's order).

Only the view is sorted: lines, volumes and the plan's own order are never changed. Rows keep
their place while edits are saved; S again sorts by the new values.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from planner.grouping import SortOrder
from screens.dialogs.prompts import ChooseScreen

LABELS = {
    "line": "Line",
    "uppdrag": "Uppdrag",
    "bas": "Bas",
    "tillagg": "Tillägg",
    "price": "Price",
    "cost": "Tilläggskostnad",
    "delta_tillagg": "Δ Tillägg",
    "delta_cost": "Δ Kostnad",
}
FLATTEN, GROUP = "flatten", "group"


def choices(columns: list[str], current: SortOrder | None) -> list[tuple[str, str]]:
    """Each shown column in both directions, then the grouping switch."""
    options: list[tuple[str, str]] = []
    for column in columns:
        label = LABELS[column]
        if column == "line":
            options += [("line:asc", f"{label}, A to Ö"), ("line:desc", f"{label}, Ö to A")]
        else:
            options += [
                (f"{column}:desc", f"{label}, largest first"),
                (f"{column}:asc", f"{label}, smallest first"),
            ]
    grouped = current is None or current.grouped
    if grouped:
        options.append((FLATTEN, "Lines only, without area and category rows"))
    else:
        options.append((GROUP, "Lines under their area and category (each level sorted)"))
    return options


def describe(order: SortOrder) -> str:
    """ "Sorted by Tilläggskostnad, largest first, within the groups" for the status line."""
    direction = (
        ("Ö to A" if order.descending else "A to Ö")
        if order.column == "line"
        else ("largest first" if order.descending else "smallest first")
    )
    where = "within the groups" if order.grouped else "lines only"
    return f"Sorted by {LABELS[order.column]}, {direction}, {where}; O gives the plan's order"


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

    title = "Sort the view (the plan itself is not changed)"
    app.push_screen(ChooseScreen(title, choices(columns, current), selected), answer)
