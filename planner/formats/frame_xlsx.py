"""The frame and the payments as XLSX: live formulas (subtotal, frame, fixed part, instalment,
settlements) with their values cached, so the sheet shows figures before it recomputes."""

from __future__ import annotations

import io
from typing import Any

from planner.decision.frame import TKR, Frame, Payments, level_to_date, monthly_instalment
from planner.formats.xlsx_book import new_book
from planner.i18n import _
from planner.text import escape_control

_GUARDED = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """User text made inert: a leading formula character is quoted, control characters shown."""
    shown = escape_control(value)
    return "'" + shown if shown.startswith(_GUARDED) else shown


def render_frame_xlsx(frame: Frame) -> bytes:
    """One sheet: the bridge with its sums as formulas, the items, fixed part and instalment."""
    out = io.BytesIO()
    book, formats = new_book(out)
    sheet = book.add_worksheet(_("Frame"))
    sheet.set_column(0, 0, 70)
    sheet.set_column(1, 1, 16)
    number, bold = formats["number"], formats["bold_number"]
    sheet.write_string(
        0, 0, f"{frame.hospital.short_name} {frame.year} ({frame.unit})", formats["bold"]
    )
    row = 2
    bridge = frame.bridge
    if bridge is not None:
        sheet.write_string(
            row,
            0,
            _text(_("Last year's frame ({reference})").format(reference=bridge.last_reference)),
        )
        sheet.write_number(row, 1, bridge.last_tkr, number)
        sheet.write_string(row + 1, 0, _("Uplift percent"))
        sheet.write_number(row + 1, 1, float(bridge.uplift_percent))
        sheet.write_string(row + 2, 0, _("Uplift"))
        sheet.write_formula(
            row + 2, 1, f"=ROUND(B{row + 1}*B{row + 2}/100,0)", number, bridge.uplift_tkr
        )
        sheet.write_string(row + 3, 0, _("Subtotal"))
        sheet.write_formula(row + 3, 1, f"=B{row + 1}+B{row + 3}", bold, bridge.subtotal_tkr)
        first = row + 5
        for offset, adjustment in enumerate(bridge.adjustments):
            sheet.write_string(row + 4 + offset, 0, _text(adjustment.label))
            sheet.write_number(row + 4 + offset, 1, adjustment.tkr, number)
        last = row + 4 + len(bridge.adjustments)
        frame_row = last + 1
        sums = f"SUM(B{first}:B{last})" if bridge.adjustments else "0"
        sheet.write_string(last, 0, _("Frame {year}").format(year=frame.year), formats["bold"])
        sheet.write_formula(last, 1, f"=B{row + 4}+{sums}", bold, bridge.frame_tkr)
        row = last + 2
    else:
        frame_row = 0
    items_first = row + 2
    heading = _("Items settled against outcome") if frame.settled else _("Items")
    sheet.write_string(row, 0, heading, formats["bold"])
    for offset, item in enumerate(frame.items):
        sheet.write_string(row + 1 + offset, 0, _text(item.label))
        sheet.write_number(row + 1 + offset, 1, item.level, number)
    items_last = row + len(frame.items)
    row = items_last + 1
    item_sum = f"SUM(B{items_first}:B{items_last})" if frame.items else "0"
    if frame_row:
        fixed = frame.total - sum(i.level for i in frame.items)
        sheet.write_string(row, 0, _("Fixed part"))
        sheet.write_formula(row, 1, f"=B{frame_row}-{item_sum}", bold, fixed)
        sheet.write_string(row + 1, 0, _("Monthly instalment"))
        sheet.write_formula(
            row + 1, 1, f"=ROUND(B{frame_row}/12,0)", number, monthly_instalment(frame.total)
        )
    else:
        sheet.write_string(row, 0, _("Total of the items"))
        sheet.write_formula(row, 1, f"={item_sum}", bold, frame.total)
    book.close()
    return out.getvalue()


def _settlement_rows(
    sheet: Any, paid: Payments, formats: dict[str, Any], month_cell: str
) -> list[int]:
    """One row per item: level, actual to date, level to date and adjustment as formulas."""
    number = formats["number"]
    rows = []
    for offset, settled in enumerate(paid.items):
        r = 6 + offset
        excel = r + 1
        sheet.write_string(r, 0, _text(settled.item.label))
        sheet.write_number(r, 1, settled.item.level, number)
        if settled.actual is None:
            sheet.write_blank(r, 2, None)
            sheet.write_number(r, 4, 0, number)
        else:
            sheet.write_number(r, 2, settled.actual, number)
            sheet.write_formula(
                r, 4, f"=MIN(C{excel},D{excel})-D{excel}", number, settled.adjustment
            )
        due = level_to_date(settled.item.level, paid.settled_end) if paid.settled_end else 0
        sheet.write_formula(r, 3, f"=ROUND(B{excel}*{month_cell}/12,0)", number, due)
        rows.append(excel)
    return rows


def render_payments_xlsx(name: str, frame_tkr: int, paid: Payments) -> bytes:
    """The payments to the end of the month: frame paid, each item's settlement and the total."""
    out = io.BytesIO()
    book, formats = new_book(out)
    sheet = book.add_worksheet(_("Payments"))
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 4, 16)
    number, bold = formats["number"], formats["bold_number"]
    sheet.write_string(0, 0, _text(name), formats["bold"])
    cells = [
        (_("Frame (tkr)"), frame_tkr),
        (_("Month"), paid.month),
        (_("Settled at tertial end"), paid.settled_end),
    ]
    for r, (label, value) in enumerate(cells, start=1):
        sheet.write_string(r, 0, label)
        sheet.write_number(r, 1, value, number)
    sheet.write_string(4, 0, _("Frame paid (tkr)"))
    sheet.write_formula(4, 1, "=ROUND(B2*B3/12,0)", bold, paid.frame_paid_tkr)
    headers = [_("Item"), _("Level"), _("Actual to date"), _("Level to date"), _("Adjustment")]
    for c, head in enumerate(headers):
        sheet.write_string(5, c, head, formats["bold"])
    rows = _settlement_rows(sheet, paid, formats, "$B$4")
    r = 6 + len(rows)
    adjustments = f"SUM(E{rows[0]}:E{rows[-1]})" if rows else "0"
    sheet.write_string(r, 0, _("Item adjustments (tkr)"))
    sheet.write_formula(r, 4, f"={adjustments}", number, paid.item_adjustments_tkr)
    sheet.write_string(r + 1, 0, _("Frame part (tkr)"))
    sheet.write_formula(r + 1, 1, f"=B5+E{r + 1}", bold, paid.frame_part_tkr)
    sheet.write_string(r + 2, 0, _("Tillägg earned (kr)"))
    sheet.write_number(r + 2, 1, paid.tillagg_kr, number)
    sheet.write_string(r + 3, 0, _("Total (kr)"))
    sheet.write_formula(r + 3, 1, f"=B{r + 2}*{TKR}+B{r + 3}", bold, paid.total_kr)
    book.close()
    return out.getvalue()
