"""The audit log as people read it: one row per edit, newest first, filtered by line, user, date.

A typed edit stores one entry per changed field (an uppdrag edit under R2 changes tillägg too),
all with the same time, user, source and reason; the reader sees them as one edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Protocol

from planner.display import month_label
from planner.i18n import N_, _
from planner.numbers import format_number
from planner.text import NONE_SHOWN
from planner.times import local_time


class Entry(Protocol):
    """What one stored audit entry holds (db.audit.AuditEntry has these)."""

    @property
    def id(self) -> int: ...

    @property
    def at(self) -> str: ...

    @property
    def user(self) -> str: ...

    @property
    def plan(self) -> str: ...

    @property
    def line_key(self) -> str: ...

    @property
    def field(self) -> str: ...

    @property
    def old(self) -> Any: ...

    @property
    def new(self) -> Any: ...

    @property
    def reason(self) -> str: ...

    @property
    def source(self) -> str: ...


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class LogRow:
    """One edit: every field it changed, with who, when, why and through what."""

    at: str
    user: str
    plan: str
    line_key: str
    changes: tuple[Change, ...]
    reason: str
    source: str

    def fields(self) -> str:
        return " / ".join(shown_field(c.field) for c in self.changes)

    def olds(self) -> str:
        return " / ".join(self._values("old"))

    def news(self) -> str:
        return " / ".join(self._values("new"))

    def _values(self, side: str) -> list[str]:
        """Each change's old or new value as the log shows it; a reason entry has none."""
        return [
            "" if c.field == "reason" else shown_value(c.field, getattr(c, side))
            for c in self.changes
        ]


_SHOWN_FIELDS = {"tillagg": N_("tillägg"), "price_class": N_("price class")}


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def shown_field(field: str) -> str:
    """ "tillägg" for tillagg, "price class", "performed apr" for performed:4; other fields
    as stored."""
    name, _sep, month = field.partition(":")
    if name == "performed" and month.isascii() and month.isdigit() and 1 <= int(month) <= 12:
        return _("performed {month}").format(month=month_label(int(month)))
    return _(_SHOWN_FIELDS[field]) if field in _SHOWN_FIELDS else field


def shown_value(field: str, value: Any) -> str:
    """A logged value as read: grouped numbers; a missing month is "not reported", else
    NONE_SHOWN (an en dash)."""
    if value is None:
        return _("not reported") if field.startswith("performed") else NONE_SHOWN
    return _value(value)


def change_text(field: str, old: Any, new: Any) -> str:
    """ "tillägg 330 → 1 300", "reason": one entry's change as read."""
    if field == "reason":
        return _("reason")
    return f"{shown_field(field)} {shown_value(field, old)} → {shown_value(field, new)}"


def log_line(entry: Entry, line_name: str, when: str) -> str:
    """One entry of `planner log`: time, user, plan, the line's name, field old → new, why."""
    why = f"  «{entry.reason}»" if entry.reason else ""
    return (
        f"{when}  {entry.user:<10} {entry.plan}  {line_name}"
        f"  {change_text(entry.field, entry.old, entry.new)}  [{entry.source}]{why}"
    )


def _edit_of(entry: Entry) -> tuple[str, str, str, str, str, str]:
    return (entry.at, entry.user, entry.plan, entry.line_key, entry.reason, entry.source)


def group_edits(entries: Iterable[Entry]) -> list[LogRow]:
    """Entries oldest first in, one row per edit newest first out.

    Consecutive entries of the same line, time, user, reason and source are one edit as long as
    no field repeats (one edit changes a field once, so two edits in one second stay apart); a
    `reason` entry added afterwards stays its own row, since it was written later on its own.
    """
    rows: list[LogRow] = []
    last: tuple[str, ...] | None = None
    for entry in entries:
        change = Change(entry.field, entry.old, entry.new)
        edit = _edit_of(entry)
        same_edit = rows and edit == last and all(c.field != change.field for c in rows[-1].changes)
        if same_edit and entry.field != "reason":
            rows[-1] = LogRow(*edit[:4], (*rows[-1].changes, change), *edit[4:])
        else:
            rows.append(LogRow(*edit[:4], (change,), *edit[4:]))
        last = edit if entry.field != "reason" else None
    rows.reverse()
    return rows


def filter_rows(
    rows: Sequence[LogRow],
    line: str = "",
    user: str = "",
    since: str = "",
    tz: tzinfo | None = None,
) -> list[LogRow]:
    """Rows whose line key holds `line`, whose user holds `user` (both ignoring case), and
    whose local date is on or after `since` (2026-03-01; empty: every date)."""
    line, user, since = line.strip().casefold(), user.strip().casefold(), since.strip()
    return [
        row
        for row in rows
        if line in row.line_key.casefold()
        and user in row.user.casefold()
        and (not since or local_time(row.at, tz)[:10] >= since)
    ]
