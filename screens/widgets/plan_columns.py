"""The plan grid's columns: keys, labels and widths (wide, and narrow below NARROW_BELOW)."""

from __future__ import annotations

from planner.i18n import N_
from planner.model import Field

COLUMNS = [
    ("line", N_("Line")),
    ("uppdrag", N_("Uppdrag")),
    ("bas", N_("Bas")),
    ("tillagg", N_("Tillägg")),
    ("price", N_("Price")),
    ("cost", N_("Tilläggskostnad")),
]
DELTA_COLUMNS = [("delta_tillagg", N_("Δ Tillägg")), ("delta_cost", N_("Δ Kostnad"))]
VOLUME_COLUMNS = {1: Field.UPPDRAG, 2: Field.BAS, 3: Field.TILLAGG}
PRICE_COLUMN = 4
WIDTHS = {
    "line": 24,
    "uppdrag": 10,
    "bas": 10,
    "tillagg": 10,
    "price": 18,
    "cost": 15,
    "delta_tillagg": 10,
    "delta_cost": 13,
}
NARROW_BELOW = 110  # terminal columns under which the narrow widths keep the cost in view
NARROW_WIDTHS = {
    "line": 18,
    "uppdrag": 9,
    "bas": 9,
    "tillagg": 9,
    "price": 10,
    "cost": 11,
    "delta_tillagg": 9,
    "delta_cost": 12,
}
NARROW_LABELS = {"cost": N_("Kostnad")}
