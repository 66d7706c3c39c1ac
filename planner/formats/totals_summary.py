"""The plan screen's totals panel as text: tillägg per price class beside the plan's totals."""

from __future__ import annotations

from planner.display import share, word
from planner.i18n import _
from planner.model import PriceClass, Prices
from planner.numbers import format_number
from planner.prices import Totals


def format_share(part: int, whole: int) -> str:
    """`part` of `whole` in percent with one decimal, halves up ("61,6 %" / "61.6 %")."""
    return "-" if whole == 0 else share(part, whole)


def panel_text(prices: Prices, by_class: dict[PriceClass, Totals], total: Totals) -> str:
    """Per-class tillägg and cost, with the plan's uppdrag, bas, tillägg and bas share."""
    left = [(_("Price class"), _("Unit price"), _("Tillägg"), _("Tilläggskostnad"))]
    left += [
        (
            word(cls.value),
            f"{format_number(prices.unit_price(cls))} kr",
            format_number(by_class[cls].tillagg),
            f"{format_number(by_class[cls].cost)} kr",
        )
        for cls in PriceClass
    ]
    left.append((_("total"), "", format_number(total.tillagg), f"{format_number(total.cost)} kr"))
    right = [
        (_("Plan total"), ""),
        (_("Uppdrag"), format_number(total.uppdrag)),
        (_("Bas"), format_number(total.bas)),
        (_("Tillägg"), format_number(total.tillagg)),
        (_("Bas share"), format_share(total.bas, total.uppdrag)),
    ]
    # Columns keep their usual widths and grow, keeping two spaces, for a figure too long.
    w_price, w_tillagg, w_cost = (
        max(usual, 2 + max(len(row[column]) for row in left[1:]))
        for column, usual in ((1, 11), (2, 9), (3, 17))
    )
    w_value = max(10, 2 + max(len(value) for _, value in right))
    return "\n".join(
        f"{name:<11}{price:>{w_price}}{tillagg:>{w_tillagg}}{cost:>{w_cost}}  │  "
        f"{label:<10}{value:>{w_value}}".rstrip()
        for (name, price, tillagg, cost), (label, value) in zip(left, right, strict=True)
    )
