"""The plan grid's columns: keys, labels and widths (wide, and narrow below NARROW_BELOW)."""

from __future__ import annotations

from planner.model import Field

COLUMNS = [
    ("line", "Line"),
    ("uppdrag", "Uppdrag"),
    ("bas", "Bas"),
    ("tillagg", "Tillägg"),
    ("price", "Price"),
    ("cost", "Tilläggskostnad"),
]
DELTA_COLUMNS = [("delta_tillagg", "Δ Tillägg"), ("delta_cost", "Δ Kostnad")]
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
    "price": 9,
    "cost": 12,
    "delta_tillagg": 9,
    "delta_cost": 12,
}
NARROW_LABELS = {"cost": "Kostnad"}
