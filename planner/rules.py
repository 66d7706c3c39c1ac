"""Rules R1 to R3: valid volumes, what editing one field does to the others, and which price
classes a line may have."""

from __future__ import annotations

from planner.display import word
from planner.i18n import _
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
                _("{label} {value} is outside 0..{MAX_VOLUME}").format(
                    label=which.label,
                    value=format_number(value),
                    MAX_VOLUME=format_number(MAX_VOLUME),
                )
            )
    if volumes.uppdrag != volumes.bas + volumes.tillagg:
        raise EditRefused(
            _("uppdrag {uppdrag} is not bas {bas} + tillägg {tillagg}").format(
                uppdrag=format_number(volumes.uppdrag),
                bas=format_number(volumes.bas),
                tillagg=format_number(volumes.tillagg),
            )
        )
    return volumes


def apply_edit(current: Volumes, which: Field, value: int) -> Volumes:
    """Apply R2: uppdrag keeps bas, bas keeps uppdrag, tillägg keeps bas; refuse below zero."""
    if not 0 <= value <= MAX_VOLUME:
        raise EditRefused(
            _("{label} {value} is outside 0..{MAX_VOLUME}").format(
                label=which.label, value=format_number(value), MAX_VOLUME=format_number(MAX_VOLUME)
            )
        )
    if which is Field.UPPDRAG:
        if value < current.bas:
            raise EditRefused(
                _("uppdrag {value} would be below bas {bas}").format(
                    value=format_number(value), bas=format_number(current.bas)
                )
            )
        return Volumes(value, current.bas, value - current.bas)
    if which is Field.BAS:
        if value > current.uppdrag:
            raise EditRefused(
                _("bas {value} would exceed uppdrag {uppdrag}").format(
                    value=format_number(value), uppdrag=format_number(current.uppdrag)
                )
            )
        return Volumes(current.uppdrag, value, current.uppdrag - value)
    uppdrag = current.bas + value
    if uppdrag > MAX_VOLUME:
        raise EditRefused(
            _("uppdrag would be {uppdrag}, above the maximum {MAX_VOLUME}").format(
                uppdrag=format_number(uppdrag), MAX_VOLUME=format_number(MAX_VOLUME)
            )
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
        parts.append(
            _("price class {old} → {new}").format(
                old=word(before.price_class.value), new=word(after.price_class.value)
            )
        )
    return ", ".join(parts)


def visit_only(line: PlanLine) -> bool:
    """Rule R3: every first visit (Förstabesök) and every psychiatric line is priced per visit."""
    area, category = [*line.key.split("/"), "", ""][:2]
    return area == "psykiatri" or category == "forstabesok"


def check_price_class(line: PlanLine, price_class: PriceClass) -> PriceClass:
    """The class if rule R3 allows it for the line, else EditRefused naming the rule."""
    if price_class is PriceClass.VISIT or not visit_only(line):
        return price_class
    if line.key.startswith("psykiatri/"):
        message = _(
            "{name} ({category}) is a psychiatric line: rule R3 prices every first visit and"
            " every psychiatric line as a visit, so it cannot be {price_class}"
        )
    else:
        message = _(
            "{name} ({category}) is a first visit: rule R3 prices every first visit and every"
            " psychiatric line as a visit, so it cannot be {price_class}"
        )
    raise EditRefused(
        message.format(name=line.name, category=line.category, price_class=word(price_class.value))
    )
