"""What the review screen says about a change, a changed note and the totals so far."""

from __future__ import annotations

from rich.text import Text

from db.audit import AuditEntry
from planner.audit_rows import change_text
from planner.diff import Decision
from planner.display import word
from planner.i18n import N_, _
from planner.numbers import format_number, format_signed
from planner.review import NoteChange, ReviewItem, Verdict, review_totals
from planner.text import NONE_SHOWN, escape_control
from planner.times import local_time

MARK = {Verdict.ACCEPTED: (N_("accepted"), "green"), Verdict.REJECTED: (N_("rejected"), "red")}
"""How a decided change is marked: its word and colour."""


def line_name(item: ReviewItem) -> str:
    """The changed line as area / category / name."""
    return f"{item.area} / {item.category} / {item.name}"


def decision_cell(item: ReviewItem) -> Text:
    """The decision in its colour, or "open"."""
    label, style = MARK[item.decision] if item.decision else (N_("open"), "yellow")
    return Text(_(label), style=style)


def describe_item(item: ReviewItem, index: int, count: int, history: list[AuditEntry]) -> Text:
    """A change: its volumes and class before and after, its cost, who changed the line since
    the snapshot and why (`history`), and the decision and comment so far."""
    text = Text()
    text.append(escape_control(line_name(item)), style="bold")
    text.append(_("   change {index} of {items}\n\n").format(index=index + 1, items=count))
    for label, old, new in (
        ("uppdrag", item.old.uppdrag, item.new.uppdrag),
        ("bas", item.old.bas, item.new.bas),
        ("tillägg", item.old.tillagg, item.new.tillagg),
    ):
        arrow = "→" if old != new else " "
        style = "bold #e0a030" if old != new else ""
        text.append(f"  {label:<9}{format_number(old):>11} {arrow} ")
        text.append(f"{format_number(new):>11}\n", style=style)
    if item.old_class != item.new_class:
        label = _("class")
        text.append(f"  {label:<9}{word(item.old_class.value):>11} → ")
        text.append(f"{word(item.new_class.value):>11}\n", style="bold #e0a030")
    text.append(
        _("  Δ tilläggskostnad {cost_delta} kr\n\n").format(
            cost_delta=format_signed(item.cost_delta)
        ),
        style="bold",
    )
    for entry in history:
        why = f": {entry.reason}" if entry.reason else ""
        what = change_text(entry.field, entry.old, entry.new)
        who = f"{entry.user} ({entry.source})"
        text.append(f"  {local_time(entry.at)} {escape_control(who)}")
        text.append(f" {escape_control(what + why)}\n")
    text.append(_("\n  Decision: "))
    text.append_text(decision_cell(item))
    if item.comment:
        text.append(_("   Comment: {comment}").format(comment=escape_control(item.comment)))
    return text


def describe_note(note: NoteChange, number: int, count: int) -> Text:
    """A changed note: what it said at the snapshot and now, who changed it last."""
    text = Text()
    text.append(escape_control(note.line), style="bold")
    text.append(
        _("   note {number} of {notes} changed since the snapshot\n\n").format(
            number=number, notes=count
        )
    )
    then, now = _("then"), _("now")
    width = max(len(then), len(now)) + 2
    text.append(f"  {then:<{width}}{escape_control(note.old) if note.old else NONE_SHOWN}\n")
    text.append(f"  {now:<{width}}{escape_control(note.new) if note.new else NONE_SHOWN}\n", "bold")
    who = escape_control(note.user)
    text.append(_("\n  last changed by {who}, {at}\n\n").format(who=who, at=local_time(note.at)))
    text.append(_("  A note is not accepted or rejected: it is in the minutes as written."))
    return text


def totals_text(items: list[ReviewItem]) -> Text:
    """The accepted, rejected and open cost changes, and what the accepted ones need (R7)."""
    totals = review_totals(items)
    text = Text()
    text.append(
        _("Accepted Δ {accepted} kr ({count_accepted})   ").format(
            accepted=format_signed(totals.accepted), count_accepted=totals.count_accepted
        )
    )
    text.append(
        _("Rejected Δ {rejected} kr ({count_rejected})   ").format(
            rejected=format_signed(totals.rejected), count_rejected=totals.count_rejected
        )
    )
    text.append(
        _("Open Δ {open} kr ({count_open})\n").format(
            open=format_signed(totals.open), count_open=totals.count_open
        )
    )
    style = "bold red" if totals.decision is Decision.BOARD else "bold green"
    text.append(_("Accepted so far needs: {text}").format(text=totals.decision.text), style=style)
    return text
