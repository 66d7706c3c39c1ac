"""The one edit path for a plan line: rules R1 to R3, the version check and the audit entries.

The CLI, the grid, undo/redo and review decisions all write lines through these functions,
each one transaction, so a rule or an audit detail is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.chain import record_change
from db.connection import write_transaction
from db.errors import Conflict
from db.plans import load_line
from planner.model import Field, PlanLine, PriceClass, Volumes
from planner.rules import apply_edit, check_price_class, check_volumes

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class EditResult:
    """The line before and after one edit; equal when the edit changed nothing."""

    before: PlanLine
    after: PlanLine

    @property
    def changed(self) -> bool:
        return self.before.version != self.after.version


Target = Callable[[PlanLine], tuple[Volumes, PriceClass]]


def _edit(
    db: Database,
    pid: int,
    key: str,
    target: Target,
    actor: Actor,
    expected_version: int | None,
) -> EditResult:
    """Read the line, check its version, compute the target, write it with its audit entries."""
    with write_transaction(db):
        current = load_line(db, pid, key)
        if expected_version is not None and current.version != expected_version:
            raise Conflict(current)
        volumes, price_class = target(current)
        if volumes == current.volumes and price_class == current.price_class:
            return EditResult(current, current)
        return EditResult(current, _write(db, pid, current, volumes, price_class, actor))


def _values(volumes: Volumes, price_class: PriceClass) -> dict[str, int | str]:
    """A line's chained values, as the volumes table holds them."""
    return {
        "uppdrag": volumes.uppdrag,
        "bas": volumes.bas,
        "tillagg": volumes.tillagg,
        "price_class": price_class.value,
    }


def _write(
    db: Database,
    pid: int,
    current: PlanLine,
    volumes: Volumes,
    price_class: PriceClass,
    actor: Actor,
) -> PlanLine:
    check_volumes(volumes)
    cursor = db.execute(
        "UPDATE volumes SET uppdrag = ?, bas = ?, tillagg = ?, price_class = ?,"
        " version = version + 1 WHERE plan_id = ? AND line_key = ? AND version = ?",
        [
            volumes.uppdrag,
            volumes.bas,
            volumes.tillagg,
            price_class.value,
            pid,
            current.key,
            current.version,
        ],
    )
    if cursor.rowcount != 1:
        raise Conflict(load_line(db, pid, current.key))
    record_change(
        db,
        "volumes",
        {"plan_id": pid, "line_key": current.key},
        _values(current.volumes, current.price_class),
        _values(volumes, price_class),
        actor,
    )
    return replace(current, volumes=volumes, price_class=price_class, version=current.version + 1)


def edit_line(
    db: Database,
    pid: int,
    key: str,
    which: Field,
    value: int,
    actor: Actor,
    expected_version: int | None = None,
) -> EditResult:
    """Set one volume field by rule R2; with `expected_version`, a newer line is a Conflict."""
    return _edit(
        db,
        pid,
        key,
        lambda line: (apply_edit(line.volumes, which, value), line.price_class),
        actor,
        expected_version,
    )


def set_price_class(
    db: Database,
    pid: int,
    key: str,
    price_class: PriceClass,
    actor: Actor,
    expected_version: int | None = None,
) -> EditResult:
    """Rule R3: a new price class for a line, its volumes unchanged; a first visit or a
    psychiatric line stays a visit (EditRefused)."""
    return _edit(
        db,
        pid,
        key,
        lambda line: (line.volumes, check_price_class(line, price_class)),
        actor,
        expected_version,
    )


def restore_line(
    db: Database,
    pid: int,
    key: str,
    volumes: Volumes,
    price_class: PriceClass,
    actor: Actor,
    expected_version: int | None = None,
) -> EditResult:
    """Put a line back to given volumes and class (undo, redo, a review's rejection)."""
    return _edit(db, pid, key, lambda _: (volumes, price_class), actor, expected_version)


def edit_lines(
    db: Database,
    pid: int,
    edits: Sequence[tuple[str, Field, int]],
    actor: Actor,
    expected_versions: Mapping[str, int],
) -> list[EditResult]:
    """Several volume fields of several lines (a pasted block) in one transaction, each line's
    edits applied in order by rule R2 and written once; a refusal or a newer line stores none."""
    by_line: dict[str, list[tuple[Field, int]]] = {}
    for key, which, value in edits:
        by_line.setdefault(key, []).append((which, value))
    results = []
    with write_transaction(db):
        for key, changes in by_line.items():
            current = load_line(db, pid, key)
            expected = expected_versions.get(key)
            if expected is not None and current.version != expected:
                raise Conflict(current)
            volumes = current.volumes
            for which, value in changes:
                volumes = apply_edit(volumes, which, value)
            if volumes == current.volumes:
                results.append(EditResult(current, current))
                continue
            after = _write(db, pid, current, volumes, current.price_class, actor)
            results.append(EditResult(current, after))
    return results


def restore_lines(
    db: Database,
    pid: int,
    targets: Sequence[tuple[str, Volumes, PriceClass, int | None]],
    actor: Actor,
) -> list[EditResult]:
    """Put several lines back (undo or redo of a pasted block) in one transaction; any line
    changed elsewhere (its version is not the expected one) restores none."""
    results = []
    with write_transaction(db):
        for key, volumes, price_class, expected in targets:
            current = load_line(db, pid, key)
            if expected is not None and current.version != expected:
                raise Conflict(current)
            if volumes == current.volumes and price_class == current.price_class:
                results.append(EditResult(current, current))
                continue
            results.append(
                EditResult(current, _write(db, pid, current, volumes, price_class, actor))
            )
    return results
