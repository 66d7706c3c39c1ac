"""The frame and its bridge, and the payments, as text, Markdown or JSON (R11)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from planner import display
from planner.decision.frame import Frame, Payments, monthly_instalment
from planner.formats.text_table import tabulate
from planner.i18n import _, ngettext
from planner.numbers import format_number, format_signed
from planner.readers.decision_prices import CALCULATED, PriceRow
from planner.text import escape_control, escape_json, md_cell

FRAME_FORMATS = ("text", "md", "json", "xlsx")
MIN_LABEL = 20
"""The narrowest a wrapped label column gets in the app's payments panel."""


def percent(value: Fraction | None, *, signed: bool = False) -> str:
    """One decimal, halves up away from zero, in the language's style ("+6,4 %", "2,2 %")."""
    shown = display.percent(value)
    return "+" + shown if signed and value is not None and value > 0 else shown


def _decimal(value: Fraction) -> float | int:
    return int(value) if value.denominator == 1 else float(value)


def frame_document(frame: Frame) -> dict[str, Any]:
    """The frame as JSON: bridge, adjustments, frame_tkr, items, fixed_tkr and monthly_tkr.

    A frame in kronor (Närhälsan) has no bridge: its items carry `level_kr`, its total
    `frame_kr` with `frame_printed` false when the decision prints none.
    """
    bridge = frame.bridge
    level = "level_tkr" if frame.unit == "tkr" else "level_kr"
    document: dict[str, Any] = {
        "schema": "planner.decision.frame/1",
        "hospital": frame.hospital.code,
        "year": frame.year,
        "unit": frame.unit,
        "bridge": None,
        "adjustments": [],
        "frame_tkr": frame.total if frame.unit == "tkr" else None,
        "frame_printed": frame.printed_total is not None,
        "items": [
            {"key": i.key, "label": i.label, level: i.level, "settled": frame.settled}
            for i in frame.items
        ],
        "fixed_tkr": None,
        "monthly_tkr": None,
    }
    if frame.unit == "kr":
        document["frame_kr"] = frame.total
    if bridge is not None:
        document["bridge"] = {
            "last_tkr": bridge.last_tkr,
            "last_reference": bridge.last_reference,
            "uplift_percent": _decimal(bridge.uplift_percent),
            "uplift_tkr": bridge.uplift_tkr,
            "subtotal_tkr": bridge.subtotal_tkr,
            "adjustments_tkr": bridge.adjustments_tkr,
            "raised_tkr": bridge.raised_tkr,
            "lowered_tkr": bridge.lowered_tkr,
            "frame_tkr": bridge.frame_tkr,
            "change_tkr": bridge.change_tkr,
            "change_percent": None
            if bridge.change_percent is None
            else round(float(bridge.change_percent), 1),
        }
        document["adjustments"] = [{"label": a.label, "tkr": a.tkr} for a in bridge.adjustments]
    if frame.unit == "tkr":
        document["fixed_tkr"] = frame.total - sum(i.level for i in frame.items)
        document["monthly_tkr"] = monthly_instalment(frame.total)
    return document


def frame_rows(frame: Frame) -> list[tuple[str, str, str]]:
    """(number, label, amount) rows: the bridge, the frame, the items, fixed part, instalment."""
    rows: list[tuple[str, str, str]] = []
    bridge = frame.bridge
    if bridge is not None:
        last = _("Last year's frame ({reference})").format(reference=bridge.last_reference)
        uplift = _("Uplift {percent}").format(percent=percent(bridge.uplift_percent))
        rows += [
            ("", last, format_number(bridge.last_tkr)),
            ("", uplift, format_number(bridge.uplift_tkr)),
            ("", _("Subtotal with the uplift"), format_number(bridge.subtotal_tkr)),
        ]
        rows += [
            (str(n), a.label, format_signed(a.tkr)) for n, a in enumerate(bridge.adjustments, 1)
        ]
        count = len(bridge.adjustments)
        adjustments = ngettext(
            "{count} adjustment (+{raised} / {lowered})",
            "{count} adjustments (+{raised} / {lowered})",
            count,
        ).format(
            count=count,
            raised=format_number(bridge.raised_tkr),
            lowered=format_signed(bridge.lowered_tkr),
        )
        rows.append(("", adjustments, format_signed(bridge.adjustments_tkr)))
        change = _("Frame {year}, {change} ({percent}) on {last_year}").format(
            year=frame.year,
            change=format_signed(bridge.change_tkr),
            percent=percent(bridge.change_percent, signed=True),
            last_year=frame.year - 1,
        )
        rows.append(("", change, format_number(bridge.frame_tkr)))
    else:
        total = (
            _("Total of the items")
            if frame.printed_total is not None
            else _("Total of the items (not printed in the decision)")
        )
        rows.append(("", total, format_number(frame.total)))
    heading = _("Items settled against outcome:") if frame.settled else _("Compensation items:")
    rows.append(("", heading, ""))
    rows += [
        (str(n), f"{i.label} [{i.key}]", format_number(i.level))
        for n, i in enumerate(frame.items, 1)
    ]
    if frame.unit == "tkr":
        fixed = frame.total - sum(i.level for i in frame.items)
        rows.append(("", _("Fixed part (frame less the items' levels)"), format_number(fixed)))
        instalment = format_number(monthly_instalment(frame.total))
        rows.append(("", _("Monthly instalment"), instalment))
    return rows


def _table(
    rows: Sequence[tuple[str, ...]],
    headers: list[str],
    fmt: str,
    align: tuple[str, ...],
    first_width: int | None = None,
) -> str:
    """A text or Markdown table; `first_width` wraps the first column's text to that width."""
    inert = md_cell if fmt == "md" else escape_control
    widths = None if first_width is None else [first_width, *(None for _ in headers[1:])]
    return tabulate(
        [tuple(inert(c) for c in row) for row in rows],
        headers,
        tablefmt="github" if fmt == "md" else "simple",
        colalign=align,
        disable_numparse=True,
        maxcolwidths=widths,
    )


def render_frame(frame: Frame, fmt: str) -> str:
    """The frame in `fmt` (text, md or json)."""
    if fmt == "json":
        return escape_json(json.dumps(frame_document(frame), ensure_ascii=False, indent=2)) + "\n"
    title = _("{name} {year}: the decision's frame ({unit})").format(
        name=frame.hospital.short_name, year=frame.year, unit=frame.unit
    )
    table = _table(frame_rows(frame), ["#", "", frame.unit], fmt, ("right", "left", "right"))
    return f"{'# ' if fmt == 'md' else ''}{title}\n\n{table}\n"


def payments_document(paid: Payments, year: Payments) -> dict[str, Any]:
    """The payments as JSON: month, frame_paid_tkr, item_adjustments_tkr, tillagg_kr, total_kr,
    and the year as forecast under `year`."""

    def part(p: Payments) -> dict[str, Any]:
        return {
            "month": p.month,
            "settled_at": p.settled_end or None,
            "status": p.status,
            "frame_paid_tkr": p.frame_paid_tkr,
            "item_adjustments_tkr": p.item_adjustments_tkr,
            "items": [
                {
                    "key": s.item.key,
                    "level_to_date_tkr": s.level_to_date,
                    "actual_tkr": s.actual,
                    "adjustment_tkr": s.adjustment,
                }
                for s in p.items
            ],
            "tillagg_kr": p.tillagg_kr,
            "total_kr": p.total_kr,
        }

    return {"schema": "planner.payments/1", **part(paid), "year": part(year)}


def payment_rows(paid: Payments, year: Payments) -> list[tuple[str, str, str]]:
    """(what, to date, year as forecast) rows; items by their labels."""
    rows = [
        (
            _("Frame paid (tkr)"),
            format_number(paid.frame_paid_tkr),
            format_number(year.frame_paid_tkr),
        )
    ]
    for now, whole in zip(paid.items, year.items, strict=True):
        shown = _("not reported") if now.actual is None else format_signed(now.adjustment)
        forecast = display.DASH if whole.actual is None else format_signed(whole.adjustment)
        rows.append((f"{now.item.label} (tkr)", shown, forecast))
    rows += [
        (
            _("Item adjustments (tkr)"),
            format_signed(paid.item_adjustments_tkr),
            format_signed(year.item_adjustments_tkr),
        ),
        (
            _("Frame part (tkr)"),
            format_number(paid.frame_part_tkr),
            format_number(year.frame_part_tkr),
        ),
        (_("Tillägg earned (kr)"), format_number(paid.tillagg_kr), format_number(year.tillagg_kr)),
        (_("Total (kr)"), format_number(paid.total_kr), format_number(year.total_kr)),
    ]
    return rows


def render_payments(
    name: str, paid: Payments, year: Payments, fmt: str, *, width: int | None = None
) -> str:
    """What the region pays to the end of the month and for the year as forecast; `width`
    (the app's panel) puts the title on two lines and wraps the labels to fit that width."""
    if fmt == "json":
        document = {"plan": name, **payments_document(paid, year)}
        return escape_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    settled = (
        _("items and tillägg settled at the end of {month} ({status})").format(
            month=display.month_name(paid.settled_end), status=display.word(paid.status)
        )
        if paid.settled_end
        else _("no tertial has ended: nothing settled yet")
    )
    title = _("{name}: what the region pays to the end of {month}").format(
        name=name, month=display.month_name(paid.month)
    )
    title += f"\n{settled}" if width else f"; {settled}"
    headers = [
        "",
        _("to {month}").format(month=display.month_name(paid.month)),
        _("year (forecast)"),
    ]
    rows = payment_rows(paid, year)
    first = None
    if width:
        # tabulate pads each figure column to its widest cell + 2 and puts 2 between columns
        figures = sum(max(len(row[i]) for row in [headers, *rows]) + 4 for i in (1, 2))
        first = max(MIN_LABEL, width - figures)
    table = _table(rows, headers, fmt, ("left", "right", "right"), first)
    return f"{'# ' if fmt == 'md' else ''}{title}\n\n{table}\n"


def render_price_table(year: int, rows: Sequence[PriceRow], fmt: str) -> str:
    """The decision's other price table ("Priser YYYY"), per hospital and the calculated
    price; "—" where the decision prints "-"."""
    columns = [code for code, _price in rows[0].prices] if rows else []
    if fmt == "json":
        document = {
            "schema": "planner.decision_prices/1",
            "year": year,
            "rows": [{"group": r.group, "name": r.name, "prices_kr": dict(r.prices)} for r in rows],
        }
        return escape_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    cells = [
        (r.group, r.name, *(display.DASH if p is None else format_number(p) for _c, p in r.prices))
        for r in rows
    ]
    align = ("left", "left", *("right" for _column in columns))
    shown = [_("calculated") if code == CALCULATED else code for code in columns]
    table = _table(cells, [_("Group"), _("Price"), *shown], fmt, align)
    title = _("The decision's prices {year} (kr)").format(year=year)
    return f"{'# ' if fmt == 'md' else ''}{title}\n\n{table}\n"
