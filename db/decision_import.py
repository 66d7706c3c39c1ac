"""Importing a whole decision document as one checked, audited, all-or-nothing step.

The reading (planner/readers/decision.py) is checked first; applying writes, in one
transaction, the tillägg and endoscopy prices, the volume table (through the table import),
the frame with its bridge and items, and the decision's price table. Every row is compared
with what is stored, so importing the same document again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from db.audit_trail import Actor
from db.connection import write_transaction
from db.decision_parts import (
    PlacesPart,
    RegisterPart,
    places_changed,
    places_of,
    register_rows,
)
from db.errors import Invalid
from db.frames import Frame, has_frame, load_frame, store_money
from db.places import store_places
from db.plans import find_hospital, hospitals, plan_exists
from db.prices import load_price_list, set_price
from db.register import RegisterImport, compare_register, import_register
from db.seed_money import store_price_table
from db.table_import import apply_import, preview_import
from planner.i18n import _
from planner.model import ZERO, Hospital, PlanLine, PriceClass
from planner.readers.decision import Decision, read_decision
from planner.readers.decision_table import TableResult, check_table
from planner.readers.table_rows import fold
from planner.text import counted

if TYPE_CHECKING:
    from sqlite_utils import Database

_CATALOGUE_SQL = "SELECT key, area, category, name, price_class FROM lines ORDER BY position"


@dataclass(frozen=True)
class DecisionPreview:
    """A checked reading: whose and which year, the volume check, the prices it sets, the
    frame before; `errors` refuse the import."""

    source: str
    sha256: str
    decision: Decision
    hospital: Hospital
    year: int
    volumes: TableResult | None
    prices: dict[tuple[str, PriceClass], tuple[int | None, int]]
    frame_before: Frame | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    register: RegisterPart | None = None
    register_counts: RegisterImport | None = None
    places: PlacesPart | None = None
    places_changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def provider_codes(db: Database) -> dict[str, str]:
    """Folded provider names, short names and codes → code (the title names the board)."""
    return {
        fold(text): h.code
        for h in hospitals(db, providers=True)
        for text in (h.code, h.name, h.short_name)
    }


def _catalogue(db: Database) -> list[PlanLine]:
    return [
        PlanLine(key, area, category, name, PriceClass(cls), ZERO)
        for key, area, category, name, cls in db.execute(_CATALOGUE_SQL).fetchall()
    ]


def _price_changes(
    db: Database, decision: Decision, year: int
) -> dict[tuple[str, PriceClass], tuple[int | None, int]]:
    """(hospital, class) → (stored, decided) for every decided price that differs."""
    stored = load_price_list(db, year)
    wanted: dict[tuple[str, PriceClass], int] = {}
    for hospital in hospitals(db):
        for cls, value in (
            (PriceClass.VISIT, decision.prices.visit),
            (PriceClass.TREATMENT, decision.prices.treatment),
            (PriceClass.ENDOSCOPY, decision.prices.endoscopy.get(hospital.code)),
        ):
            if value is not None:
                wanted[(hospital.code, cls)] = value
    changes = {}
    for (code, cls), value in wanted.items():
        old = stored.get(code, cls)
        if old != value:
            changes[(code, cls)] = (old, value)
    return changes


def preview_decision(
    db: Database,
    text: str,
    source: str,
    sha256: str,
    *,
    hospital: str | None = None,
    year: int | None = None,
    accept_total_mismatch: bool = False,
) -> DecisionPreview:
    """Read and check the document against the database; write nothing."""
    decision = read_decision(text, provider_codes(db), accept_total_mismatch=accept_total_mismatch)
    code = hospital or decision.hospital
    chosen_year = year or decision.year
    if code is None or chosen_year is None:
        raise Invalid(
            _(
                "{source}: the title does not name the board and year ('… till styrelsen för X',"
                " 'Uppdrag YYYY'); give --hospital and --year"
            ).format(source=source)
        )
    provider = find_hospital(db, code, any_provider=True)
    errors = [str(p) for p in decision.findings.errors]
    warnings = [str(p) for p in decision.findings.warnings]
    if decision.hospital and decision.hospital != provider.code:
        warnings.append(
            _("the title names {named}; imported for {code}").format(
                named=decision.hospital, code=provider.code
            )
        )
    volumes = None
    if decision.volume_rows:
        volumes = check_table(
            decision.volume_rows, _catalogue(db), accept_total_mismatch=accept_total_mismatch
        )
        errors += [_("volume table: {problem}").format(problem=p) for p in volumes.errors]
        warnings += [_("volume table: {problem}").format(problem=p) for p in volumes.warnings]
    before = (
        load_frame(db, provider.code, chosen_year)
        if has_frame(db, provider.code, chosen_year)
        else None
    )
    register = counts = places = None
    if decision.register:
        last = decision.last_year if year is None and decision.last_year else chosen_year
        register = register_rows(decision.register, provider.code, chosen_year, last)
        counts = compare_register(db, register.rows)
        warnings += [_("indicator {check}").format(check=check) for check in register.checks]
    if decision.places:
        try:
            places = places_of(db, decision.places)
        except Invalid as exc:
            errors.append(_("training places: {error}").format(error=exc))
    return DecisionPreview(
        source,
        sha256,
        decision,
        provider,
        chosen_year,
        volumes,
        _price_changes(db, decision, chosen_year),
        before,
        errors,
        warnings,
        register,
        counts,
        places,
        0 if places is None else places_changed(db, places),
    )


@dataclass(frozen=True)
class DecisionApplied:
    """What the import changed: prices, volume lines (with the snapshot taken), money rows."""

    prices: int
    snapshot: int | None
    plan_created: bool
    lines_changed: int
    money_rows: int
    register_rows: int = 0
    place_rows: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.prices
            or self.snapshot
            or self.lines_changed
            or self.money_rows
            or self.register_rows
            or self.place_rows
        )


def apply_decision(db: Database, preview: DecisionPreview, user: str) -> DecisionApplied:
    """Write the previewed decision in one transaction; nothing at all when it fails."""
    if not preview.ok:
        raise Invalid(
            _("the decision has {errors}; nothing was imported").format(
                errors=counted(len(preview.errors), "error")
            )
        )
    note = f"import of {preview.source} (sha256 {preview.sha256})"
    actor = Actor(user, "import", note=note)
    code, year, decision = preview.hospital.code, preview.year, preview.decision
    with write_transaction(db):
        prices = Actor(user, "cli", note=note)  # the price history names cli or tui only
        for (hospital, cls), (_old, value) in preview.prices.items():
            set_price(db, year, cls, value, prices, hospital=hospital)
        snapshot, created, changed = None, False, 0
        if decision.volume_rows:
            table = preview_import(
                db,
                code,
                year,
                list(decision.volume_rows),
                preview.source,
                preview.sha256,
                accept_total_mismatch=preview.decision.findings.accept_total_mismatch,
            )
            created = not plan_exists(db, code, year)
            changed = len(table.new_plan.lines) if created else len(table.diff.changes)
            snapshot = apply_import(db, table, user, f"Beslut ({preview.source[:150]})")
        money_rows = 0
        if decision.money is not None:
            money_rows = store_money(db, code, year, decision.money, actor)
        if decision.prices.table:
            money_rows += store_price_table(db, year, decision.prices.table, actor)
        register_rows = place_rows = 0
        if preview.register is not None:
            counts = import_register(db, preview.register.rows, actor)
            register_rows = counts.added + len(counts.changed)
        if preview.places is not None:
            places = preview.places
            place_rows = places_changed(db, places)  # places and printed totals
            store_places(db, places.places, places.totals, actor)
    return DecisionApplied(
        len(preview.prices), snapshot, created, changed, money_rows, register_rows, place_rows
    )
