"""Tamper evidence: the audit log's hash chain and the hash over a whole snapshot record.

Pure functions over plain values, so the writer and `planner check` compute the same hashes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from planner.i18n import _
from planner.model import Volumes
from planner.rules import EditRefused, check_volumes
from planner.snapshot import plan_from_document, sha256_hex

GENESIS = "0" * 64
AUDIT_FIELDS = (
    "id",
    "at",
    "user",
    "plan_id",
    "line_key",
    "field",
    "old",
    "new",
    "reason",
    "source",
)
ROW_FIELDS = ("tbl", "row_key")
"""Which chained table and row an entry changes; absent (None) in entries written before m008,
so their hashes stay as they were."""


class Untrusted(ValueError):
    """Stored data that does not match its hashes or breaks R1; the message says what."""


def _blob(value: object) -> object:
    """SQLite ANY columns may hold bytes; hash them as tagged hex instead of failing."""
    if isinstance(value, bytes):
        return {"blob": value.hex()}
    raise TypeError(f"cannot hash a {type(value).__name__}")


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_blob
)
"""One encoder for every hash: json.dumps with options builds a new one per call, which
dominates `check` on a log of hundreds of thousands of entries."""


def _digest(record: Mapping[str, Any]) -> str:
    return hashlib.sha256(_ENCODER.encode(record).encode("utf-8")).hexdigest()


def entry_hash(previous: str, entry: Mapping[str, Any]) -> str:
    """sha256 over the entry's content (AUDIT_FIELDS, and ROW_FIELDS when set) and the hash of
    the entry before it."""
    row = {name: entry[name] for name in ROW_FIELDS if entry.get(name) is not None}
    return _digest({"previous": previous, **{name: entry[name] for name in AUDIT_FIELDS}, **row})


def snapshot_record_hash(record: Mapping[str, Any]) -> str:
    """sha256 over a snapshot's whole record: who, when, what, and the audit head it saw."""
    names = ("id", "plan_id", "label", "note", "author", "created_at", "content")
    return _digest({name: record[name] for name in (*names, "audit_head_id", "audit_head")})


def chain_problem(entries: Iterable[Mapping[str, Any]]) -> str | None:
    """The first break in the audit chain (entries in id order, each with its `hash`), or None.

    Ids run 1, 2, 3... in an untouched log, so a gap names the entries that were removed.
    """
    previous, expected_id = GENESIS, 1
    for entry in entries:
        entry_id = entry["id"]
        if entry_id != expected_id:
            return _(
                "audit entry {expected_id} is missing (entry {entry_id} comes"
                " next): entries were removed or renumbered outside planner"
            ).format(expected_id=expected_id, entry_id=entry_id)
        if not entry["hash"]:
            return _("audit entry {entry_id} has no hash").format(entry_id=entry_id)
        if entry_hash(previous, entry) != entry["hash"]:
            return _(
                "audit entry {entry_id} does not match its hash: it"
                " or an entry before it was changed outside planner"
            ).format(entry_id=entry_id)
        previous, expected_id = entry["hash"], entry_id + 1
    return None


def verified_document(record: Mapping[str, Any]) -> dict[str, Any]:
    """The plan document of a snapshot record whose hashes match and whose lines keep R1."""
    content = record["content"]
    if sha256_hex(content) != record["sha256"]:
        raise Untrusted(_("its content does not match its sha256"))
    if record["record_sha256"] != snapshot_record_hash(record):
        raise Untrusted(
            _("its record (label, note, author, time, content) does not match its hash")
        )
    try:
        doc = json.loads(content)
    except ValueError as exc:
        raise Untrusted(_("its content is not valid JSON ({exc})").format(exc=exc)) from exc
    try:
        lines = plan_from_document(doc).lines
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise Untrusted(
            _("its content is not a plan document ({reason})").format(reason=reason)
        ) from exc
    for line in lines:
        require_r1(_("line {key}").format(key=repr(line.key)), line.volumes)
    return doc


def require_r1(where: str, volumes: Volumes) -> None:
    """Raise Untrusted naming `where` if the volumes break R1."""
    values = (volumes.uppdrag, volumes.bas, volumes.tillagg)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise Untrusted(
            _("{where}: volumes {values!r} are not whole numbers").format(
                where=where, values=values
            )
        )
    try:
        check_volumes(volumes)
    except EditRefused as exc:
        raise Untrusted(f"{where}: {exc}") from exc
