"""The minutes of a review: decided and open changes, totals and the R7 verdict."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from planner.display import word
from planner.formats.text_table import tabulate
from planner.i18n import _
from planner.model import Volumes
from planner.numbers import format_number, format_signed
from planner.review import NoteChange, ReviewInfo, ReviewItem, Verdict, review_totals
from planner.text import NONE_SHOWN, escape_control, escape_json, md_cell
from planner.times import local_time


def _volumes(v: Volumes) -> dict[str, int]:
    return {"uppdrag": v.uppdrag, "bas": v.bas, "tillagg": v.tillagg}


def _item_doc(item: ReviewItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "line": f"{item.area} / {item.category} / {item.name}",
        "old": {**_volumes(item.old), "price_class": item.old_class.value},
        "new": {**_volumes(item.new), "price_class": item.new_class.value},
        "tillagg_cost_delta": item.cost_delta,
        "decision": item.decision.value if item.decision else None,
        "comment": item.comment,
        "decided_at": item.decided_at,
    }


def _note_doc(note: NoteChange) -> dict[str, Any]:
    return {
        "key": note.key,
        "line": note.line,
        "old": note.old,
        "new": note.new,
        "user": note.user,
        "at": note.at,
    }


def minutes_document(
    info: ReviewInfo, items: list[ReviewItem], notes: Sequence[NoteChange] = ()
) -> dict[str, Any]:
    """The minutes as a JSON-ready dict; "notes" only when a note changed since the snapshot."""
    totals = review_totals(items)
    extra = {"notes": [_note_doc(note) for note in notes]} if notes else {}
    return {
        "schema": "planner.review/1",
        "review": info.meta(),
        "items": [_item_doc(item) for item in items],
        "totals": {
            "accepted_tillagg_cost_delta": totals.accepted,
            "rejected_tillagg_cost_delta": totals.rejected,
            "open_tillagg_cost_delta": totals.open,
            "accepted": totals.count_accepted,
            "rejected": totals.count_rejected,
            "open": totals.count_open,
        },
        "decision": totals.decision.value,
        **extra,
    }


def _arrow(old: int, new: int) -> str:
    """ "old → new", or the value alone when unchanged, so a bas-only change stands out."""
    return format_number(new) if old == new else f"{format_number(old)} → {format_number(new)}"


def _rows(items: list[ReviewItem], inert: Callable[[str], str]) -> list[list[str]]:
    return [
        [
            inert(f"{item.area} / {item.category} / {item.name}"),
            _arrow(item.old.uppdrag, item.new.uppdrag),
            _arrow(item.old.bas, item.new.bas),
            _arrow(item.old.tillagg, item.new.tillagg),
            format_signed(item.cost_delta),
            inert(item.comment),
        ]
        for item in items
    ]


def _note_rows(notes: Sequence[NoteChange], inert: Callable[[str], str]) -> list[list[str]]:
    return [
        [
            inert(note.line),
            inert(note.old) if note.old else NONE_SHOWN,
            inert(note.new) if note.new else NONE_SHOWN,
            inert(f"{note.user}, {local_time(note.at)}"),
        ]
        for note in notes
    ]


def render_minutes(
    info: ReviewInfo, items: list[ReviewItem], fmt: str, notes: Sequence[NoteChange] = ()
) -> str:
    """Minutes as `json`, `md` or `text`; user text is escaped so no reader interprets it.

    Notes changed since the snapshot get their own section (a note is not decided)."""
    if fmt == "json":
        dumped = json.dumps(minutes_document(info, items, notes), ensure_ascii=False, indent=2)
        return escape_json(dumped) + "\n"
    markdown = fmt == "md"
    inert = md_cell if markdown else escape_control
    table_fmt = "github" if markdown else "simple"
    headers = [
        _("Line"),
        _("Uppdrag"),
        _("Bas"),
        _("Tillägg"),
        _("Δ tilläggskostnad (kr)"),
        _("Comment"),
    ]
    totals = review_totals(items)
    out = []
    title = inert(
        _("Review {id}: {hospital} {year} since snapshot {since} ({label})").format(
            id=info.id,
            hospital=info.hospital,
            year=info.year,
            since=info.since,
            label=info.since_label,
        )
    )
    out.append(f"# {title}" if markdown else title)
    reviewer = inert(info.reviewer)
    out.append(
        _("Reviewer {reviewer}, started {time}, status {status}.").format(
            reviewer=reviewer, time=local_time(info.started_at), status=word(info.status)
        )
    )
    for heading, state in (
        (_("Accepted"), Verdict.ACCEPTED),
        (_("Rejected (snapshot values restored)"), Verdict.REJECTED),
        (_("Open"), None),
    ):
        chosen = [item for item in items if item.decision == state]
        out.append(f"## {heading}" if markdown else f"{heading}:")
        out.append(
            tabulate(_rows(chosen, inert), headers, tablefmt=table_fmt, disable_numparse=True)
            if chosen
            else _("(none)")
        )
    if notes:
        heading = _("Notes changed since the snapshot")
        out.append(f"## {heading}" if markdown else f"{heading}:")
        note_headers = [_("Line"), _("Note then"), _("Note now"), _("Changed by")]
        out.append(
            tabulate(
                _note_rows(notes, inert), note_headers, tablefmt=table_fmt, disable_numparse=True
            )
        )
    out.append(
        _(
            "Accepted Δ {accepted} kr ({count_accepted}), rejected Δ {rejected} kr"
            " ({count_rejected}), open Δ {open} kr ({count_open})."
        ).format(
            accepted=format_signed(totals.accepted),
            count_accepted=totals.count_accepted,
            rejected=format_signed(totals.rejected),
            count_rejected=totals.count_rejected,
            open=format_signed(totals.open),
            count_open=totals.count_open,
        )
    )
    out.append(_("Decision for what is accepted: {verdict}.").format(verdict=totals.decision.text))
    return "\n\n".join(out) + "\n"
