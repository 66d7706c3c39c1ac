"""`planner frame log`: the frame's changes (bridge, items, actuals) as text, Markdown or JSON,
times in local time, reasons included."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import tzinfo

from planner.decision.frame import FrameChange
from planner.display import month_name
from planner.formats.text_table import tabulate
from planner.i18n import N_, _
from planner.numbers import format_number
from planner.text import NONE_SHOWN, escape_control, escape_json, md_cell
from planner.times import local_time

LOG_FORMATS = ("text", "md", "json")
_FIELDS = {
    "amount": N_("amount (tkr)"),
    "label": N_("label"),
    "level": N_("level"),
    "position": N_("position"),
    "settled": N_("settled against outcome"),
    "actual": N_("actual to date (tkr)"),
    "unit": N_("unit"),
    "last_total": N_("last year's frame"),
    "last_reference": N_("last year's reference"),
    "uplift_percent": N_("uplift %"),
    "uplift": N_("uplift"),
    "printed_total": N_("printed frame"),
}


def what(change: FrameChange) -> str:
    """What changed: the frame, adjustment N with its label, an item, or an item's month."""
    if change.kind == "adjustment":
        return _("adjustment {number}: {label}").format(number=change.ref, label=change.label)
    if change.kind == "item":
        return _("item {label}").format(label=change.label or change.ref)
    if change.kind == "actual" and change.month is not None:
        return _("{label}, to the end of {month}").format(
            label=change.label or change.ref, month=month_name(change.month)
        )
    return _("the frame")


def _value(value: object) -> str:
    if value is None:
        return NONE_SHOWN
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def _fields(change: FrameChange) -> str:
    """Each value's old → new; the label of an adjustment or item added or removed is already
    in the "what" column, so only its figures are repeated."""
    whole_row = change.action != "changed" and change.kind in {"adjustment", "item"}
    return "; ".join(
        f"{_field(f.field)} {_value(f.old)} → {_value(f.new)}"
        for f in change.fields
        if not (whole_row and f.field in {"label", "position"})
    )


def _field(name: str) -> str:
    return _(_FIELDS[name]) if name in _FIELDS else name


def change_text(change: FrameChange) -> str:
    """ "added: amount (tkr) … → 1 000", "removed: …", or the values changed."""
    if change.action == "added":
        return _("added: {fields}").format(fields=_fields(change))
    if change.action == "removed":
        return _("removed: {fields}").format(fields=_fields(change))
    return _fields(change)


def change_row(change: FrameChange, tz: tzinfo | None = None) -> tuple[str, ...]:
    """(time, user, what, change, reason, source) as read."""
    return (
        local_time(change.at, tz, seconds=True),
        change.user,
        what(change),
        change_text(change),
        change.reason or "",
        change.source,
    )


def render_frame_log(
    name: str, changes: Sequence[FrameChange], fmt: str, tz: tzinfo | None = None
) -> str:
    """Every change of the frame of `name`, oldest first."""
    if fmt == "json":
        rows = [
            {**asdict(c), "action": c.action, "local_time": local_time(c.at, tz, seconds=True)}
            for c in changes
        ]
        document = {"schema": "planner.frame_log/1", "frame": name, "changes": rows}
        return escape_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    title = _("{name}: changes of the frame, its bridge, items and actuals").format(name=name)
    heading = f"{'# ' if fmt == 'md' else ''}{title}"
    if not changes:
        nothing = _("No change since the decision was brought in.")
        return f"{heading}\n\n{nothing}\n"
    headers = [_("time"), _("user"), _("what"), _("change"), _("reason"), _("source")]
    inert = md_cell if fmt == "md" else escape_control
    table = tabulate(
        [tuple(inert(cell) for cell in change_row(c, tz)) for c in changes],
        headers,
        tablefmt="github" if fmt == "md" else "simple",
        disable_numparse=True,
    )
    return f"{heading}\n\n{table}\n"
