"""A provider's frame for a year: loading it, storing a decision's money, and the edits people
make (bridge adjustments, item actuals). Every write is a chained row change (db/chain.py).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from db.audit_trail import Actor, check_reason
from db.chained_rows import keys_of, put_row
from db.connection import write_transaction
from db.errors import Invalid, NotFound
from db.plans import find_hospital
from planner.decision.frame import (
    MAX_AMOUNT,
    Adjustment,
    Bridge,
    Frame,
    Item,
    Money,
    check_month,
    next_bridge,
    uplifted,
)
from planner.i18n import N_, _
from planner.numbers import format_number
from planner.text import check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_LABEL = 300


def percent_text(value: Fraction) -> str:
    """A percent as stored: its shortest decimal ("2.2")."""
    return f"{float(value):g}"


def load_frame(db: Database, code: str, year: int) -> Frame:
    """The provider's frame for the year, or NotFound naming how to bring it in."""
    hospital = find_hospital(db, code, any_provider=True)
    row = db.execute(
        "SELECT unit, last_total, last_reference, uplift_percent, uplift, printed_total"
        " FROM frames WHERE hospital = ? AND year = ?",
        [hospital.code, year],
    ).fetchone()
    if row is None:
        raise NotFound(
            _(
                "no frame for {name} {year}; `planner import-decision FILE` reads it from the"
                " decision"
            ).format(name=hospital.short_name, year=year)
        )
    unit, last, reference, percent, uplift, printed = row
    where = [hospital.code, year]
    adjustments = db.execute(
        "SELECT number, label, amount FROM frame_adjustments WHERE hospital = ? AND year = ?"
        " ORDER BY number",
        where,
    ).fetchall()
    bridge = None
    if last is not None:
        bridge = Bridge(
            last,
            reference or "",
            Fraction(percent or "0"),
            uplift,
            tuple(Adjustment(label, amount) for _, label, amount in adjustments),
        )
    items = db.execute(
        "SELECT key, label, level, settled FROM frame_items WHERE hospital = ? AND year = ?"
        " ORDER BY position",
        where,
    ).fetchall()
    actuals: dict[str, dict[int, int]] = {}
    for key, month, actual in db.execute(
        "SELECT item_key, month, actual FROM frame_item_actuals WHERE hospital = ? AND year = ?",
        where,
    ):
        actuals.setdefault(key, {})[month] = actual
    return Frame(
        hospital,
        year,
        unit,
        bridge,
        printed,
        tuple(Item(key, label, level) for key, label, level, _ in items),
        any(settled for *_, settled in items),
        tuple(number for number, _, _ in adjustments),
        actuals,
    )


def has_frame(db: Database, code: str, year: int) -> bool:
    return (
        db.execute("SELECT 1 FROM frames WHERE hospital = ? AND year = ?", [code, year]).fetchone()
        is not None
    )


def _frame_row(money: Money) -> dict[str, Any]:
    bridge = money.bridge
    return {
        "unit": money.unit,
        "last_total": bridge.last_tkr if bridge else None,
        "last_reference": bridge.last_reference if bridge else None,
        "uplift_percent": percent_text(bridge.uplift_percent) if bridge else None,
        "uplift": bridge.uplift_tkr if bridge else None,
        "printed_total": money.printed_frame,
    }


def store_money(db: Database, code: str, year: int, money: Money, actor: Actor) -> int:
    """Make the stored frame hold `money` (in the caller's transaction); rows changed.

    Actuals of items the decision still has are kept; an item it dropped loses its actuals.
    """
    base = {"hospital": code, "year": year}
    changed = int(put_row(db, "frames", base, _frame_row(money), actor))
    adjustments = money.bridge.adjustments if money.bridge else ()
    for key in keys_of(db, "frame_adjustments", base):
        if key["number"] > len(adjustments):
            changed += put_row(db, "frame_adjustments", key, None, actor)
    for number, adjustment in enumerate(adjustments, start=1):
        row = {"label": adjustment.label, "amount": adjustment.tkr}
        changed += put_row(db, "frame_adjustments", {**base, "number": number}, row, actor)
    kept = {item.key for item in money.items}
    for key in keys_of(db, "frame_item_actuals", base):
        if key["item_key"] not in kept:
            changed += put_row(db, "frame_item_actuals", key, None, actor)
    for key in keys_of(db, "frame_items", base):
        if key["key"] not in kept:
            changed += put_row(db, "frame_items", key, None, actor)
    for position, item in enumerate(money.items, start=1):
        row = {"position": position, "label": item.label, "level": item.level}
        row["settled"] = int(money.settled)
        changed += put_row(db, "frame_items", {**base, "key": item.key}, row, actor)
    return changed


def _label(text: str) -> str:
    try:
        return check_user_text(N_("the label"), text.strip(), MAX_LABEL)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc


def _amount(value: int) -> int:
    if not -MAX_AMOUNT <= value <= MAX_AMOUNT:
        raise Invalid(_("{value} is too large for an amount").format(value=value))
    return value


def _bridged(db: Database, code: str, year: int, actor: Actor) -> Frame:
    if not actor.reason.strip():
        raise Invalid(_("give a reason: an adjustment of the frame is kept with why it was made"))
    check_reason(actor.reason)
    frame = load_frame(db, code, year)
    if frame.bridge is None:
        raise Invalid(_("the frame of {name} has no bridge to adjust").format(name=frame.name))
    return frame


def add_adjustment(
    db: Database, code: str, year: int, label: str, amount: int, actor: Actor
) -> int:
    """Add an adjustment at the end of the bridge; its number in the list."""
    with write_transaction(db):
        frame = _bridged(db, code, year, actor)
        number = max(frame.numbers, default=0) + 1
        key = {"hospital": frame.hospital.code, "year": year, "number": number}
        put_row(
            db, "frame_adjustments", key, {"label": _label(label), "amount": _amount(amount)}, actor
        )
        return len(frame.numbers) + 1


def change_adjustment(
    db: Database,
    code: str,
    year: int,
    index: int,
    actor: Actor,
    *,
    label: str | None = None,
    amount: int | None = None,
) -> tuple[Adjustment, Adjustment | None]:
    """Change (or with neither label nor amount, remove) adjustment `index` (1 = first);
    returns (old, new), new None when removed."""
    with write_transaction(db):
        frame = _bridged(db, code, year, actor)
        assert frame.bridge is not None
        if not 1 <= index <= len(frame.numbers):
            raise NotFound(
                _("no adjustment {index} in the bridge of {name}; it has {count}").format(
                    index=index, name=frame.name, count=len(frame.numbers)
                )
            )
        old = frame.bridge.adjustments[index - 1]
        key = {"hospital": frame.hospital.code, "year": year, "number": frame.numbers[index - 1]}
        if label is None and amount is None:
            put_row(db, "frame_adjustments", key, None, actor)
            return old, None
        new = Adjustment(
            old.label if label is None else _label(label),
            old.tkr if amount is None else _amount(amount),
        )
        put_row(db, "frame_adjustments", key, {"label": new.label, "amount": new.tkr}, actor)
        return old, new


def set_item_actual(
    db: Database, code: str, year: int, item_text: str, month: int, actual: int | None, actor: Actor
) -> tuple[Item, int | None]:
    """Store an item's actual cost to date at the end of `month` (None clears it); the item and
    the old value."""
    try:
        check_month(month)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    if actual is not None and not 0 <= actual <= MAX_AMOUNT:
        raise Invalid(
            _("an actual cost must be from 0 to {most}, not {actual}").format(
                most=format_number(MAX_AMOUNT), actual=format_number(actual)
            )
        )
    with write_transaction(db):
        frame = load_frame(db, code, year)
        try:
            item = frame.item(item_text)
        except LookupError as exc:
            raise NotFound(str(exc)) from exc
        if not frame.settled and actual is not None:
            raise Invalid(
                _(
                    "the decision of {name} settles none of its items against outcome (no"
                    ' items "med avräkning"), so {label} has no actual to enter; nothing'
                    " was saved"
                ).format(name=frame.name, label=item.label)
            )
        old = frame.actuals.get(item.key, {}).get(month)
        key = {"hospital": frame.hospital.code, "year": year, "item_key": item.key, "month": month}
        put_row(
            db, "frame_item_actuals", key, None if actual is None else {"actual": actual}, actor
        )
        return item, old


def start_next_frame(
    db: Database, source: tuple[str, int], code: str, year: int, percent: Fraction, actor: Actor
) -> Frame:
    """Next year's frame from `source`'s: its bridge starts from that frame with the uplift
    and no adjustments, each item's level uplifted (halves up); a frame in kronor (no bridge)
    has its items uplifted. Joins the caller's transaction."""
    with write_transaction(db):
        before = load_frame(db, *source)
        target = find_hospital(db, code, any_provider=True)
        if has_frame(db, target.code, year):
            raise Invalid(
                _("{name} {year} already has a frame; it was left as it is").format(
                    name=target.short_name, year=year
                )
            )
        bridge = None
        if before.unit == "tkr":
            bridge = next_bridge(before.total, f"Uppdrag {before.year}", percent)
        items = tuple(Item(i.key, i.label, uplifted(i.level, percent)) for i in before.items)
        store_money(
            db, target.code, year, Money(before.unit, bridge, None, items, before.settled), actor
        )
        return load_frame(db, target.code, year)


def frames_without_lines(db: Database) -> list[tuple[str, int, str]]:
    """(code, year, name) of every frame of a provider without volume lines (Närhälsan)."""
    rows = db.execute(
        "SELECT f.hospital, f.year, h.name FROM frames f JOIN hospitals h ON h.code = f.hospital"
        " WHERE h.has_lines = 0 ORDER BY f.hospital, f.year"
    ).fetchall()
    return [(code, year, name) for code, year, name in rows]
