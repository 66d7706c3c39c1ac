"""Rules R1 to R3: valid volumes, what editing one field does to the others, and which price
classes a line may have."""

from __future__ import annotations

from planner.model import Field, PlanLine, PriceClass, Volumes
from planner.numbers import MAX_VOLUME, format_number


class EditRefused(ValueError):
    """An edit would break R1; the message names the numbers and nothing is stored."""


def check_volumes(volumes: Volumes) -> Volumes:
    """Return the volumes if they satisfy R1, else raise EditRefused."""
    for which in Field:
        value = volumes.get(which)
        if not 0 <= value <= MAX_VOLUME:
            raise EditRefused(
                f"{which.label} {format_number(value)} is outside 0..{format_number(MAX_VOLUME)}"
            )
    if volumes.uppdrag != volumes.bas + volumes.tillagg:
        raise EditRefused(
            f"uppdrag {format_number(volumes.uppdrag)} is not bas {format_number(volumes.bas)}"
            f" + tillägg {format_number(volumes.tillagg)}"
        )
    return volumes


def apply_edit(current: Volumes, which: Field, value: int) -> Volumes:
    """Apply R2: uppdrag keeps bas, bas keeps uppdrag, tillägg keeps bas; refuse below zero."""
    if not 0 <= value <= MAX_VOLUME:
        raise EditRefused(
            f"{which.label} {format_number(value)} is outside 0..{format_number(MAX_VOLUME)}"
        )
    if which is Field.UPPDRAG:
        if value < current.bas:
            raise EditRefused(
                f"uppdrag {format_number(value)} would be below bas {format_number(current.bas)}"
            )
        return Volumes(value, current.bas, value - current.bas)
    if which is Field.BAS:
        if value > current.uppdrag:
            raise EditRefused(
                f"bas {format_number(value)} would exceed uppdrag {format_number(current.uppdrag)}"
            )
        return Volumes(current.uppdrag, value, current.uppdrag - value)
    uppdrag = current.bas + value
    if uppdrag > MAX_VOLUME:
        raise EditRefused(
            f"uppdrag would be {format_number(uppdrag)}, above the maximum"
            f" {format_number(MAX_VOLUME)}"
        )
    return Volumes(uppdrag, current.bas, value)


def changed_fields(before: Volumes, after: Volumes) -> list[tuple[Field, int, int]]:
    """The fields whose values differ, as (field, old, new), in display order."""
    return [(f, before.get(f), after.get(f)) for f in Field if before.get(f) != after.get(f)]


def describe_change(before: PlanLine, after: PlanLine, unchanged: bool = False) -> str:
    """ "uppdrag 1 030 → 2 000, tillägg 330 → 1 300" (and a price-class move if any);
    with `unchanged`, the unchanged volumes too."""
    parts = []
    for which in Field:
        old, new = before.volumes.get(which), after.volumes.get(which)
        if old != new:
            parts.append(f"{which.label} {format_number(old)} → {format_number(new)}")
        elif unchanged:
            parts.append(f"{which.label} {format_number(new)}")
    if before.price_class != after.price_class:
        parts.append(f"price class {before.price_class} → {after.price_class}")
    return ", ".join(parts)


def visit_only(line: PlanLine) -> bool:
    """Rule R3: every first visit (Förstabesök) and every psychiatric line is priced per visit."""
    area, category = [*line.key.split("/"), "", ""][:2]
    return area == "psykiatri" or category == "forstabesok"


def check_price_class(line: PlanLine, price_class: PriceClass) -> PriceClass:
    """The class if rule R3 allows it for the line, else EditRefused naming the rule."""
    if price_class is PriceClass.VISIT or not visit_only(line):
        return price_class
    kind = "a psychiatric line" if line.key.startswith("psykiatri/") else "a first visit"
    raise EditRefused(
        f"{line.name} ({line.category}) is {kind}: rule R3 prices every first visit and every"
        f" psychiatric line as a visit, so it cannot be {price_class.value}"
    )
