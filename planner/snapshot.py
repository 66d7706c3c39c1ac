"""The plan document (schema planner.plan/1) and frozen plans: canonical JSON, its sha256,
and the plan read back from it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from planner.i18n import N_, _
from planner.model import Hospital, Plan, PlanLine, PriceClass, Prices, Volumes
from planner.prices import line_cost, plan_totals

SCHEMA = "planner.plan/1"
MAX_LABEL = 200
MAX_NOTE = 4000
DECISION_NOTE = "The decided table, frozen when the plan was created from its decision."  # data
DECISION_MARK = N_("◆ decision")


def plan_document(
    plan: Plan, meta: dict[str, Any] | None = None, notes: bool = False
) -> dict[str, Any]:
    """The plan as a JSON-ready dict; every amount and volume is an int. With `notes` (an
    export), each line's note and a scenario's name too; a snapshot's canonical text holds
    neither."""
    total = plan_totals(plan)
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "hospital": {"code": plan.hospital.code, "name": plan.hospital.name},
        "year": plan.year,
        **({"scenario": plan.scenario} if notes and plan.scenario else {}),
        "prices": {cls.value: plan.prices.unit_price(cls) for cls in PriceClass},
        "lines": [
            {
                "key": line.key,
                "area": line.area,
                "category": line.category,
                "line": line.name,
                "uppdrag": line.volumes.uppdrag,
                "bas": line.volumes.bas,
                "tillagg": line.volumes.tillagg,
                "price_class": line.price_class.value,
                "unit_price": plan.prices.unit_price(line.price_class),
                "tillagg_cost": line_cost(line, plan.prices),
                **({"note": plan.notes.get(line.key, "")} if notes else {}),
            }
            for line in plan.lines
        ],
        "totals": {
            "uppdrag": total.uppdrag,
            "bas": total.bas,
            "tillagg": total.tillagg,
            "tillagg_cost": total.cost,
        },
    }
    if meta:
        doc["snapshot"] = meta
    return doc


@dataclass(frozen=True)
class SnapshotInfo:
    """A snapshot's metadata; the frozen plan itself is its canonical JSON."""

    id: int
    plan_id: int
    label: str
    note: str
    author: str
    created_at: str
    sha256: str

    @property
    def title(self) -> str:
        """How comparisons and reviews name it: "snapshot 3 (Mars)"."""
        return _("snapshot {id} ({label})").format(id=self.id, label=self.label)

    @property
    def is_decision(self) -> bool:
        """The plan's decided table (taken at init or import), not a planner's own snapshot."""
        return self.note == DECISION_NOTE

    def named(self, plan: Plan) -> str:
        """The full name comparisons show: `NU 2026 snapshot 3 "Mars"`."""
        return _('{short_name} {year} snapshot {id} "{label}"').format(
            short_name=plan.hospital.short_name, year=plan.year, id=self.id, label=self.label
        )

    def meta(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "note": self.note,
            "author": self.author,
            "created_at": self.created_at,
            "sha256": self.sha256,
        }


def decision_first(found: list[SnapshotInfo]) -> list[SnapshotInfo]:
    """Snapshots as choosers list them: the decision snapshot first, then the rest by id."""
    return sorted(found, key=lambda s: (not s.is_decision, s.id))


def chooser_label(info: SnapshotInfo, when: str) -> str:
    """ "snapshot 3  <when>  label", the decision marked ("◆ decision")."""
    mark = f"  {_(DECISION_MARK)}" if info.is_decision else ""
    return _("snapshot {id}  {when}  {label}{mark}").format(
        id=info.id, when=when, label=info.label, mark=mark
    )


def live_name(plan: Plan) -> str:
    """The full name of a plan as it is now: `NU 2026 (live)`, `NU 2026/forslag-a (live)`."""
    scenario = f"/{plan.scenario}" if plan.scenario else ""
    return _("{short_name} {year}{scenario} (live)").format(
        short_name=plan.hospital.short_name, year=plan.year, scenario=scenario
    )


def canonical_json(plan: Plan) -> str:
    """The plan as JSON with sorted keys and no whitespace: equal plans give equal text."""
    return json.dumps(
        plan_document(plan), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_from_document(doc: dict[str, Any], short_name: str = "") -> Plan:
    """Rebuild the Plan that `plan_document` wrote (volumes, classes, prices)."""
    hospital = Hospital(doc["hospital"]["code"], doc["hospital"]["name"], short_name)
    prices = Prices(**{cls.value: int(doc["prices"][cls.value]) for cls in PriceClass})
    lines = tuple(
        PlanLine(
            line["key"],
            line["area"],
            line["category"],
            line["line"],
            PriceClass(line["price_class"]),
            Volumes(line["uppdrag"], line["bas"], line["tillagg"]),
        )
        for line in doc["lines"]
    )
    return Plan(hospital, int(doc["year"]), prices, lines)
