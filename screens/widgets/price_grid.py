"""The price list grid: one row per hospital, one column per price class, edited in place.

The same editable grid as the plan's: a digit or Enter on a price opens the editor, a change
("+100", "+2,5%") works on the price shown; Enter saves and moves down, Tab right.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate

from planner.display import word
from planner.i18n import N_, _
from planner.model import Hospital, PriceClass
from planner.numbers import format_number, parse_volume
from planner.prices import PriceList
from planner.relative_edit import is_relative, typed_value
from planner.rules import EditRefused
from screens.widgets.editable_grid import EditableGrid

CLASSES = list(PriceClass)


class PriceCell(NamedTuple):
    """A hospital's price of one class, and the price shown when the edit began."""

    hospital: Hospital
    price_class: PriceClass
    shown: int | None


def price_text(value: int | None) -> Text:
    return Text("—" if value is None else format_number(value), justify="right")


class PriceGrid(EditableGrid[PriceCell]):
    """Rows keyed "line:CODE"; `show` fills them, `show_price` changes one cell."""

    BINDINGS = [
        Binding("enter", "start_edit", N_("Edit"), tooltip=N_("Change the price under the cursor"))
    ]
    EDIT_STARTERS = "0123456789+-"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(range(1, len(CLASSES) + 1), zebra_stripes=True, **kwargs)
        self.hospitals: list[Hospital] = []
        self.prices: dict[tuple[str, PriceClass], int | None] = {}

    def on_mount(self) -> None:
        super().on_mount()
        self.add_column(Text(_("Hospital")), key="hospital")
        for cls in CLASSES:
            self.add_column(Text(f"{word(cls.value)} (kr)", justify="right"), key=cls.value)

    def show(self, hospitals: list[Hospital], prices: PriceList) -> None:
        self.clear()
        self.hospitals = hospitals
        for h in hospitals:
            values = [prices.get(h.code, cls) for cls in CLASSES]
            self.prices.update({(h.code, cls): v for cls, v in zip(CLASSES, values, strict=True)})
            self.add_row(
                Text(f"{h.short_name}  {h.name}"), *map(price_text, values), key=f"line:{h.code}"
            )

    def show_price(self, code: str, cls: PriceClass, value: int | None) -> None:
        self.prices[(code, cls)] = value
        self.update_cell(f"line:{code}", cls.value, price_text(value))

    def edit_target(
        self, coordinate: Coordinate, initial: str | None
    ) -> tuple[PriceCell, str] | None:
        code = self.line_at(coordinate.row)
        if code is None or coordinate.column == 0:
            self.post_message(self.Notice(_("Choose a price cell")))
            return None
        hospital = next(h for h in self.hospitals if h.code == code)
        cls = CLASSES[coordinate.column - 1]
        shown = self.prices.get((code, cls))
        return PriceCell(hospital, cls, shown), "" if shown is None else format_number(shown)

    def read_value(self, editing: PriceCell, text: str) -> int:
        """A new price, or a change of the one shown ("+2,5%"); a change needs a price."""
        if editing.shown is None:
            if is_relative(text):
                raise EditRefused(_("there is no price to change yet; type the new price"))
            return parse_volume(text)
        return typed_value(text, editing.shown)
