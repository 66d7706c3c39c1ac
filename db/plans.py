"""Reading plans and writing line volumes, with version checks and the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from db import clock
from db.audit_trail import Actor
from db.chain import record_change
from db.connection import write_transaction
from db.errors import NotFound
from planner.i18n import _
from planner.model import ZERO, Hospital, Plan, PlanLine, PriceClass, Prices, Volumes
from planner.prices import Totals, plan_totals

if TYPE_CHECKING:
    from sqlite_utils import Database

_LINE_SQL = """
    SELECT l.key, l.area, l.category, l.name, v.price_class, v.uppdrag, v.bas, v.tillagg, v.version
    FROM volumes v JOIN lines l ON l.key = v.line_key
    WHERE v.plan_id = ?
"""


@dataclass(frozen=True)
class PlanInfo:
    plan_id: int
    hospital: Hospital
    year: int
    created_at: str
    scenario: str | None = None
    base_plan_id: int | None = None

    @property
    def ref(self) -> tuple[str, int, str | None]:
        """Hospital code, year and scenario: what `load_plan` takes."""
        return self.hospital.code, self.year, self.scenario

    @property
    def label(self) -> str:
        """`NU 2026`, or `NU 2026/forslag-a` for a scenario."""
        scenario = f"/{self.scenario}" if self.scenario else ""
        return f"{self.hospital.code} {self.year}{scenario}"


_CLASSES = {cls.value: cls for cls in PriceClass}


def _line(row: tuple[Any, ...]) -> PlanLine:
    key, area, category, name, price_class, uppdrag, bas, tillagg, version = row
    return PlanLine(
        key, area, category, name, _CLASSES[price_class], Volumes(uppdrag, bas, tillagg), version
    )


def hospitals(db: Database, *, providers: bool = False) -> list[Hospital]:
    """The hospitals with volume lines; with `providers`, every provider (Närhälsan too)."""
    try:
        rows = db.execute(
            "SELECT code, name, short_name FROM hospitals"
            + ("" if providers else " WHERE has_lines = 1")
            + " ORDER BY has_lines DESC, rowid"
        ).fetchall()
    except sqlite3.OperationalError:  # a schema before m014: every provider has lines
        rows = db.execute("SELECT code, name, short_name FROM hospitals").fetchall()
    return [Hospital(code, name, short_name) for code, name, short_name in rows]


def find_hospital(db: Database, code: str, *, any_provider: bool = False) -> Hospital:
    """Look a hospital up by code or short name, ignoring case ("nu", "SÄS"); a provider
    without volume lines (Närhälsan) only when `any_provider`."""
    for hospital in hospitals(db, providers=True):
        if code.casefold() in (hospital.code.casefold(), hospital.short_name.casefold()):
            if any_provider or hospital in hospitals(db):
                return hospital
            raise NotFound(
                _(
                    "{name} has no volume lines: its decision's money is shown by"
                    " `planner --hospital {code} --year YYYY frame`"
                ).format(name=hospital.name, code=hospital.code)
            )
    known = ", ".join(h.code for h in hospitals(db, providers=True))
    raise NotFound(_("unknown hospital {code!r}; known: {known}").format(code=code, known=known))


def load_prices(db: Database, hospital: Hospital, year: int) -> Prices:
    rows = dict(
        db.execute(
            "SELECT price_class, unit_price FROM prices WHERE hospital = ? AND year = ?",
            [hospital.code, year],
        ).fetchall()
    )
    missing = [cls.value for cls in PriceClass if cls.value not in rows]
    if missing:
        raise NotFound(
            _(
                "no {year} price list for {short_name} ({missing} missing); add the"
                " prices for that year first"
            ).format(year=year, short_name=hospital.short_name, missing=", ".join(missing))
        )
    return Prices(**{cls.value: rows[cls.value] for cls in PriceClass})


_PLANS_SQL = (
    "SELECT id, hospital, year, created_at, scenario, base_plan_id FROM plans"
    " ORDER BY year, ifnull(base_plan_id, id), scenario IS NOT NULL, scenario"
)


def list_plans(db: Database, *, scenarios: bool = True) -> list[PlanInfo]:
    """Every plan, each followed by its scenarios (without them: `scenarios=False`)."""
    by_code = {h.code: h for h in hospitals(db)}
    infos = [
        PlanInfo(
            row["id"],
            by_code[row["hospital"]],
            row["year"],
            row["created_at"],
            row["scenario"],
            row["base_plan_id"],
        )
        for row in db.query(_PLANS_SQL)
    ]
    return [info for info in infos if scenarios or info.scenario is None]


def plans_with_totals(db: Database) -> list[tuple[PlanInfo, Totals]]:
    """Every plan with its uppdrag, bas, tillägg and cost at its own prices (plan switcher)."""
    return [(info, plan_totals(load_plan(db, *info.ref))) for info in list_plans(db)]


def _find_plan_id(
    db: Database, hospital_code: str, year: int, scenario: str | None = None
) -> int | None:
    try:
        row = db.execute(
            "SELECT id FROM plans WHERE hospital = ? AND year = ? AND scenario IS ?",
            [hospital_code, year, scenario],
        ).fetchone()
    except sqlite3.OperationalError:  # a schema before m016: no scenarios, one plan per year
        if scenario is not None:
            raise
        row = db.execute(
            "SELECT id FROM plans WHERE hospital = ? AND year = ?", [hospital_code, year]
        ).fetchone()
    return None if row is None else int(row[0])


def plan_exists(db: Database, hospital_code: str, year: int, scenario: str | None = None) -> bool:
    return _find_plan_id(db, hospital_code, year, scenario) is not None


def plan_id(db: Database, hospital: Hospital, year: int, scenario: str | None = None) -> int:
    found = _find_plan_id(db, hospital.code, year, scenario)
    if found is None and scenario is not None:
        raise NotFound(
            _(
                "no scenario {scenario!r} of {short_name} {year}; `planner scenario list`"
                " shows the scenarios"
            ).format(scenario=scenario, short_name=hospital.short_name, year=year)
        )
    if found is None:
        raise NotFound(
            _(
                "no plan for {short_name} {year}; `planner plan list` shows the plans,"
                " `planner plan create --hospital {code} --year {year}` adds one"
            ).format(short_name=hospital.short_name, year=year, code=hospital.code)
        )
    return found


def load_plan(db: Database, hospital_code: str, year: int, scenario: str | None = None) -> Plan:
    """The plan (or its named scenario) with its lines in catalogue order and its price list."""
    hospital = find_hospital(db, hospital_code)
    pid = plan_id(db, hospital, year, scenario)
    prices = load_prices(db, hospital, year)
    rows = db.execute(_LINE_SQL + " ORDER BY l.position", [pid]).fetchall()
    notes = load_notes(db, pid)
    return Plan(hospital, year, prices, tuple(_line(r) for r in rows), pid, scenario, notes)


def load_notes(db: Database, pid: int) -> dict[str, str]:
    """Line key → note, for every line of the plan that has one (db.notes writes them); none
    in a file from before notes (while a schema step before m017 runs)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'line_notes'").fetchone():
        return {}
    rows = db.execute("SELECT line_key, note FROM line_notes WHERE plan_id = ?", [pid])
    return {str(key): str(note) for key, note in rows}


def load_line(db: Database, pid: int, key: str) -> PlanLine:
    row = db.execute(_LINE_SQL + " AND v.line_key = ?", [pid, key]).fetchone()
    if row is None:
        raise NotFound(_("no line {key!r}; `planner lines` lists the keys").format(key=key))
    return _line(row)


def insert_plan(
    db: Database,
    hospital_code: str,
    year: int,
    volumes: Mapping[str, Volumes],
    actor: Actor,
    classes: Mapping[str, str] | None = None,
    scenario: tuple[str, int] | None = None,
) -> int:
    """Add a plan row and a volumes row for every catalogue line (zero where not given),
    each recorded in the chain.

    A line's price class is taken from `classes`, else from the catalogue (rule R3). With
    `scenario` (its name and its plan's id) the row is that plan's named scenario.
    """
    classes = classes or {}
    at = clock.now_iso()
    plan: dict[str, Any] = {"hospital": hospital_code, "year": year, "created_at": at}
    if scenario is not None:
        plan["scenario"], plan["base_plan_id"] = scenario
    pid = int(str(db.table("plans").insert(plan).last_pk))
    record_change(db, "plans", {"id": pid}, None, plan, actor, at)
    rows = [
        {
            "plan_id": pid,
            "line_key": key,
            "uppdrag": volumes.get(key, ZERO).uppdrag,
            "bas": volumes.get(key, ZERO).bas,
            "tillagg": volumes.get(key, ZERO).tillagg,
            "price_class": classes.get(key, catalogue_class),
            "version": 1,
        }
        for key, catalogue_class in db.execute(
            "SELECT key, price_class FROM lines ORDER BY position"
        ).fetchall()
    ]
    db.table("volumes").insert_all(rows)
    for row in rows:
        record_change(db, "volumes", row, None, row, actor, at)
    return pid


def create_plan(
    db: Database,
    hospital_code: str,
    year: int,
    actor: Actor,
    copy_from: tuple[str, int] | tuple[str, int, str | None] | None = None,
) -> Plan:
    """Add a plan with every catalogue line, at zero or copied from another plan."""
    hospital = find_hospital(db, hospital_code)
    load_prices(db, hospital, year)
    source = load_plan(db, *copy_from) if copy_from else None
    with write_transaction(db):
        if plan_exists(db, hospital.code, year):
            raise NotFound(
                _("a plan for {short_name} {year} already exists").format(
                    short_name=hospital.short_name, year=year
                )
            )
        copied = source.lines if source else ()
        insert_plan(
            db,
            hospital.code,
            year,
            {line.key: line.volumes for line in copied},
            actor,
            {line.key: line.price_class.value for line in copied},
        )
    return load_plan(db, hospital.code, year)
