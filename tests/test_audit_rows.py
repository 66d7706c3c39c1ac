"""The audit log as read: one row per edit, newest first, filtered by line, user and date."""

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from planner.audit_rows import Change, filter_rows, group_edits


@dataclass(frozen=True)
class E:
    id: int
    at: str
    user: str
    line_key: str
    field: str
    old: Any
    new: Any
    reason: str = ""
    source: str = "tui"
    plan: str = "NU 2026"


T1 = "2026-02-28T22:30:00+00:00"  # 23:30 CET on the 28th
T2 = "2026-02-28T23:30:00+00:00"  # 00:30 CET on 1 March
ENTRIES = [
    E(1, T1, "anna", "psykiatri/bup", "uppdrag", 4600, 4700),
    E(2, T1, "anna", "psykiatri/bup", "tillagg", 2000, 2100),
    E(3, T2, "anna", "psykiatri/bup", "reason", None, None, reason="OSN 2026-03"),
    E(4, T2, "bo", "somatik/ogon", "bas", 100, 90, source="cli"),
]


def test_one_typed_edit_is_one_row_with_both_fields_newest_first() -> None:
    rows = group_edits(ENTRIES)
    assert [(r.line_key, r.fields(), r.olds(), r.news()) for r in rows] == [
        ("somatik/ogon", "bas", "100", "90"),
        ("psykiatri/bup", "reason", "", ""),
        (
            "psykiatri/bup",
            "uppdrag / tillägg",
            "4\u00a0600 / 2\u00a0000",
            "4\u00a0700 / 2\u00a0100",
        ),
    ]
    assert rows[2].changes == (Change("uppdrag", 4600, 4700), Change("tillagg", 2000, 2100))
    assert rows[1].reason == "OSN 2026-03"


def test_same_second_different_source_or_same_field_stays_apart() -> None:
    entries = [
        E(1, T1, "anna", "psykiatri/bup", "bas", 1, 2),
        E(2, T1, "anna", "psykiatri/bup", "bas", 2, 1, source="undo"),
        E(3, T1, "anna", "psykiatri/bup", "bas", 1, 3, source="undo"),
    ]
    assert [(r.source, r.news()) for r in group_edits(entries)] == [
        ("undo", "3"),
        ("undo", "1"),
        ("tui", "2"),
    ]


def test_filters_by_line_user_and_local_date() -> None:
    rows = group_edits(ENTRIES)
    stockholm = ZoneInfo("Europe/Stockholm")
    assert [r.line_key for r in filter_rows(rows, line="OGON")] == ["somatik/ogon"]
    assert [r.fields() for r in filter_rows(rows, user="anna")] == ["reason", "uppdrag / tillägg"]
    on_march_first = filter_rows(rows, since="2026-03-01", tz=stockholm)
    assert [r.fields() for r in on_march_first] == ["bas", "reason"]
    assert filter_rows(rows, line="bup", user="bo") == []
