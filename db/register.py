"""The indicator register in storage: loading it, outcomes per period, importing a decision's.

Every write goes through the hash chain (record_change) in the write's transaction, so the
chain entry is the audit: who, when, old and new value, why. The production indicator is filled
from the follow-up, so an outcome for it is refused here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db.audit_trail import Actor
from db.chain import CHAINED_TABLES, record_change, stored_row
from db.connection import write_transaction
from db.errors import Invalid, NotFound
from planner.decision.register import (
    Indicator,
    Outcome,
    PeriodError,
    check_period,
    parse_schedule,
    production_outcomes,
)
from planner.decision.targets import (
    PERSON_JUDGES,
    Status,
    TargetError,
    normalise_value,
    parse_target,
)
from planner.i18n import N_, _
from planner.text import MAX_REASON, check_user_text

if TYPE_CHECKING:
    from sqlite_utils import Database

_COLUMNS = CHAINED_TABLES["indicators"].values


@dataclass(frozen=True)
class RegisterImport:
    """What importing a register would do: rows added, changed (by number) and unchanged."""

    added: int
    changed: tuple[int, ...]
    same: int


def _indicator(row: dict[str, Any]) -> Indicator:
    return Indicator(
        hospital=row["hospital"],
        first_year=row["first_year"],
        number=row["number"],
        last_year=row["last_year"],
        area=row["area"],
        uppdrag=row["uppdrag"],
        text=row["text"],
        target_printed=row["target"],
        target=parse_target(row["target"], row["hospital"]),
        source=row["source"],
        reporter=row["reporter"],
        schedule_printed=row["schedule"],
        schedule=parse_schedule(row["schedule"]),
        refers_to=row["refers_to"],
        auto=row["auto"],
        check_note=row["check_note"],
    )


def load_register(db: Database, hospital: str, year: int) -> list[Indicator]:
    """The hospital's indicators in force in `year`, in the decision's order."""
    return [
        _indicator(row)
        for row in db.query(
            "SELECT * FROM indicators WHERE hospital = ? AND first_year <= ? AND last_year >= ?"
            " ORDER BY first_year, number",
            [hospital, year, year],
        )
    ]


def load_indicator_outcomes(
    db: Database, indicators: Sequence[Indicator]
) -> dict[str, list[Outcome]]:
    """Indicator id → its outcomes (any period order); the production indicator's come from
    the plan's follow-up (none without a plan or outcomes)."""
    found: dict[str, list[Outcome]] = {i.id: [] for i in indicators}
    for ind in indicators:
        for period, value, note, verdict in db.execute(
            "SELECT period, value, note, verdict FROM indicator_outcomes"
            " WHERE hospital = ? AND first_year = ? AND number = ?",
            [ind.hospital, ind.first_year, ind.number],
        ):
            found[ind.id].append(Outcome(period, value, note, verdict))
        if ind.auto:
            found[ind.id] = followed_production(db, ind.hospital, ind.first_year)
    return found


def followed_production(db: Database, hospital: str, year: int) -> list[Outcome]:
    """First visits and treatments against plan per reported month of the plan's follow-up."""
    from db.outcomes import load_outcomes
    from db.phasing import load_phasing
    from db.plan_settings import load_reading
    from db.plans import load_plan
    from planner.followup.indicator import indicator
    from planner.followup.performance import follow_up, reporting_month

    try:
        plan = load_plan(db, hospital, year)
    except NotFound:
        return []
    reported = load_outcomes(db, plan.plan_id)
    month = reporting_month(reported)
    if month is None:
        return []
    weights = load_phasing(db, plan.plan_id)
    result = follow_up(plan, reported, weights, month, load_reading(db, plan.plan_id))
    return production_outcomes(indicator(result, weights), year)


def find_indicator(db: Database, hospital: str, year: int, ident: str) -> Indicator:
    """An indicator by its number in the register ("27") or its id ("NU-2026-27")."""
    text = ident.strip().upper()
    for indicator in load_register(db, hospital, year):
        if text in (indicator.id.upper(), str(indicator.number)):
            return indicator
    raise NotFound(
        _(
            "{hospital} {year} has no indicator {text}; `planner indicators` lists them by number"
        ).format(hospital=hospital, year=year, text=repr(text))
    )


def set_outcome(
    db: Database,
    indicator: Indicator,
    period: str,
    value: str,
    note: str | None,
    actor: Actor,
    verdict: str | None = None,
) -> tuple[str | None, str, bool]:
    """Store the outcome of `period` (replacing one there; a note or verdict of None keeps the
    stored one); returns (old value, new value, whether anything changed). A verdict ("met",
    "not met", "" withdraws it) is taken only where a person judges: a target in words, or none.
    """
    _check_verdict(indicator, verdict)
    _check_typed(indicator)
    try:
        stored_period = check_period(period, indicator.first_year, indicator.last_year)
        stored = normalise_value(indicator.target, check_user_text(N_("the outcome"), value, 1000))
        typed_note = None if note is None else check_user_text(N_("the note"), note, MAX_REASON)
    except (PeriodError, TargetError, ValueError) as exc:
        raise Invalid(_("{problem}; nothing was saved").format(problem=exc)) from exc
    key = _outcome_key(indicator, stored_period)
    with write_transaction(db):
        old = stored_row(db, "indicator_outcomes", key)
        if typed_note is None:
            typed_note = "" if old is None else str(old["note"])
        if verdict is None:
            verdict = "" if old is None else str(old["verdict"])
        new = {"value": stored, "note": typed_note, "verdict": verdict}
        if old == new:
            return stored, stored, False
        record_change(db, "indicator_outcomes", key, old, new, actor)
        db.execute(
            "INSERT INTO indicator_outcomes"
            " (hospital, first_year, number, period, value, note, verdict)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hospital, first_year, number, period)"
            " DO UPDATE SET value = excluded.value, note = excluded.note,"
            " verdict = excluded.verdict, version = version + 1",
            [*key.values(), stored, typed_note, verdict],
        )
    return (None if old is None else str(old["value"])), stored, True


def clear_outcome(db: Database, indicator: Indicator, period: str, actor: Actor) -> str | None:
    """Remove the outcome of `period` (it is "not reported" again; the removal is in the
    chain); returns the value it had, or None when there was none and nothing was written."""
    _check_typed(indicator)
    try:
        stored_period = check_period(period, indicator.first_year, indicator.last_year)
    except PeriodError as exc:
        raise Invalid(_("{problem}; nothing was changed").format(problem=exc)) from exc
    key = _outcome_key(indicator, stored_period)
    with write_transaction(db):
        old = stored_row(db, "indicator_outcomes", key)
        if old is None:
            return None
        record_change(db, "indicator_outcomes", key, old, None, actor)
        db.execute(
            "DELETE FROM indicator_outcomes"
            " WHERE hospital = ? AND first_year = ? AND number = ? AND period = ?",
            list(key.values()),
        )
    return str(old["value"])


def _outcome_key(indicator: Indicator, period: str) -> dict[str, Any]:
    return {
        "hospital": indicator.hospital,
        "first_year": indicator.first_year,
        "number": indicator.number,
        "period": period,
    }


def _check_typed(indicator: Indicator) -> None:
    """Refuse an indicator whose outcomes are not typed here: one filled from the follow-up,
    or one followed under another indicator."""
    if indicator.auto:
        raise Invalid(
            _(
                "indicator {number} is filled from the follow-up (first visits and treatments"
                " against plan); enter outcomes with `planner outcomes`"
            ).format(number=indicator.number)
        )
    if indicator.refers_to:
        raise Invalid(
            _("indicator {number} refers to {other!r}; enter the outcome there").format(
                number=indicator.number, other=indicator.refers_to
            )
        )


NARHALSAN = "NH"
"""Närhälsan: a provider with a register before it has a hospitals row of its own."""


def board_code(db: Database, board: str) -> str | None:
    """The code of the board a title names (a hospital's name, short name or code, or
    Närhälsan), or None."""
    wanted = board.strip().casefold()
    if wanted == "närhälsan":
        return NARHALSAN
    for code, name, short in db.execute("SELECT code, name, short_name FROM hospitals"):
        if wanted in (code.casefold(), name.casefold(), short.casefold()):
            return str(code)
    return None


def known_provider(db: Database, code: str) -> bool:
    """A hospital code, or Närhälsan's."""
    found = db.execute("SELECT 1 FROM hospitals WHERE code = ?", [code]).fetchone()
    return code == NARHALSAN or found is not None


def _check_verdict(indicator: Indicator, verdict: str | None) -> None:
    """Refuse a verdict on a typed target, or one that is not met / not met / withdrawn."""
    if verdict not in (None, "", Status.MET.value, Status.NOT_MET.value):
        raise Invalid(
            _("{verdict} is not a verdict; use met or not met").format(verdict=repr(verdict))
        )
    if verdict and indicator.target.kind not in PERSON_JUDGES:
        raise Invalid(
            _(
                "indicator {number} is judged by its figure against {target}; a verdict is only"
                " for a target a person judges"
            ).format(number=indicator.number, target=repr(indicator.target_printed))
        )


def register_row(
    hospital: str, first_year: int, last_year: int, number: int, row: dict[str, str]
) -> dict[str, Any]:
    """A register row as stored, from a seed or reader row with the chained value columns."""
    return {
        "hospital": hospital,
        "first_year": first_year,
        "number": number,
        "last_year": last_year,
        **{name: row.get(name, "") for name in _COLUMNS if name != "last_year"},
    }


def seed_register(db: Database, rows: Sequence[dict[str, Any]], actor: Actor) -> None:
    """Insert the seeded rows that are not stored yet (a row a person changed stays)."""
    for row in rows:
        key = {name: row[name] for name in ("hospital", "first_year", "number")}
        if stored_row(db, "indicators", key) is None:
            import_register(db, [row], actor)


def import_register(
    db: Database, rows: Sequence[dict[str, Any]], actor: Actor, *, dry_run: bool = False
) -> RegisterImport:
    """Add or update register rows (keyed by hospital, first year and number) as one step;
    outcomes stay. `dry_run` counts without writing (on a read-only connection too)."""
    counts = compare_register(db, rows)
    if dry_run:
        return counts
    with write_transaction(db):
        for row in rows:
            key = {name: row[name] for name in ("hospital", "first_year", "number")}
            new = {name: row[name] for name in _COLUMNS}
            old = stored_row(db, "indicators", key)
            if old == new:
                continue
            record_change(db, "indicators", key, old, new, actor)
            columns = [*key, *new]
            db.execute(
                f"INSERT INTO indicators ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
                " ON CONFLICT (hospital, first_year, number) DO UPDATE SET "
                + ", ".join(f"{name} = excluded.{name}" for name in new)
                + ", version = version + 1",
                [*key.values(), *new.values()],
            )
    return counts


def compare_register(db: Database, rows: Sequence[dict[str, Any]]) -> RegisterImport:
    """What storing `rows` would do: how many are new, which numbers change, how many stay."""
    added, changed, same = 0, [], 0
    for row in rows:
        key = {name: row[name] for name in ("hospital", "first_year", "number")}
        old = stored_row(db, "indicators", key)
        if old == {name: row[name] for name in _COLUMNS}:
            same += 1
        elif old is None:
            added += 1
        else:
            changed.append(int(row["number"]))
    return RegisterImport(added, tuple(changed), same)


@dataclass(frozen=True)
class OutcomeChange:
    """One change of an outcome as the chain keeps it."""

    at: str
    user: str
    number: int
    period: str
    field: str
    old: str | None
    new: str | None
    reason: str
    source: str


def outcome_history(db: Database, hospital: str, first_year: int) -> list[OutcomeChange]:
    """Every change of a register's outcomes (value and note), oldest first, from the chain."""
    rows = db.execute(
        "SELECT at, user, json_extract(row_key, '$.number'), json_extract(row_key, '$.period'),"
        " field, old, new, reason, source FROM audit_log WHERE tbl = 'indicator_outcomes'"
        " AND json_extract(row_key, '$.hospital') = ?"
        " AND json_extract(row_key, '$.first_year') = ?"
        " AND coalesce(old, '') != coalesce(new, '') ORDER BY id",
        [hospital, first_year],
    )
    return [OutcomeChange(*row) for row in rows]
