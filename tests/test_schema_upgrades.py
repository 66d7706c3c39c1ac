"""A database made by each earlier schema version opens, upgrades and keeps its data.

The fixtures (tests/fixtures/schema-vN.db, made by make_schema_fixtures.py) hold the seed,
three edits with their audit entries, a snapshot (v2 on) and a review (v3 on). The tests
assert on that data and on the current SCHEMA_VERSION, so each new migration must keep them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.edits import edit_line
from db.maintenance import check
from db.plans import load_plan
from db.reviews import list_reviews, load_items
from db.schema import SCHEMA_VERSION, needs_migration
from db.seed import seeded_plans
from db.setup import open_database
from db.snapshots import list_snapshots, load_snapshot
from planner.model import Field, PriceClass, Volumes
from planner.review import Verdict
from planner.snapshot import sha256_hex

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUP = "psykiatri/forstabesok/bup"
ORTOPEDI = "somatik/forstabesok/ortopedi"
VUP_BEHANDLING = "psykiatri/behandling/vup"
EDITED = {
    BUP: Volumes(2000, 700, 1300),
    ORTOPEDI: Volumes(4500, 2500, 2000),
}
AUDIT = [
    (BUP, "uppdrag", 1030, 2000, "anna", "cli", "kö"),
    (BUP, "tillagg", 330, 1300, "anna", "cli", "kö"),
    (ORTOPEDI, "bas", 2310, 2500, "bertil", "tui", ""),
    (ORTOPEDI, "tillagg", 2190, 2000, "bertil", "tui", ""),
    (VUP_BEHANDLING, "price_class", "visit", "treatment", "anna", "tui", "per kontakt"),
]


@pytest.fixture(params=[1, 2, 3], ids=lambda v: f"schema-v{v}")
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[int, Database]:
    """A copy of the fixture made by schema version N, opened (and so upgraded) by planner."""
    version: int = request.param
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / f"schema-v{version}.db", path)
    db = open_database(path)
    request.addfinalizer(db.conn.close)
    return version, db


SEEDED_AT_UPGRADE = [
    *("frames", "frame_adjustments", "frame_items", "decision_prices"),
    *("indicators", "training_places", "training_place_totals"),
]
"""Tables a later step adds and the seed fills on upgrade (the money, the register, places)."""


def audit_rows(db: Database) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in db.execute(
            "SELECT line_key, field, old, new, user, source, reason FROM audit_log"
            " WHERE source != 'checkpoint'"
            " AND NOT (source = 'seed' AND COALESCE(tbl, '') IN (SELECT value FROM json_each(?)))"
            " ORDER BY id",
            [json.dumps(SEEDED_AT_UPGRADE)],
        ).fetchall()
    ]


def test_fixtures_are_of_the_version_they_claim() -> None:
    for version in (1, 2, 3):
        raw = Database(FIXTURES / f"schema-v{version}.db")
        assert raw.execute("PRAGMA user_version").fetchone()[0] == version
        assert len(raw.execute("SELECT name FROM _sqlite_migrations").fetchall()) == version
        raw.conn.close()


def test_upgrade_reaches_the_current_schema(upgraded: tuple[int, Database]) -> None:
    _, db = upgraded
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not needs_migration(db)
    assert check(db) == []


def test_plan_keeps_its_edits_and_seed(upgraded: tuple[int, Database]) -> None:
    _, db = upgraded
    plan = load_plan(db, "NU", 2026)
    seeded = seeded_plans()[("NU", 2026)]
    assert len(plan.lines) == 49
    for line in plan.lines:
        assert line.volumes == EDITED.get(line.key, seeded[line.key]), line.key
    assert plan.line(VUP_BEHANDLING).price_class is PriceClass.TREATMENT
    assert plan.line(BUP).version == 2 and plan.line(VUP_BEHANDLING).version == 2
    assert sum(line.volumes.uppdrag for line in plan.lines) == 63_480 + 970


def test_audit_log_is_kept(upgraded: tuple[int, Database]) -> None:
    _, db = upgraded
    assert audit_rows(db) == AUDIT


def test_upgrade_seeds_the_register_and_places_into_the_chain(
    upgraded: tuple[int, Database],
) -> None:
    """m015_register: an older file gets the decisions' register and places, each row a seed
    entry of the chain, so `check` finds the tables and the chain agree."""
    _, db = upgraded
    assert db.execute("SELECT count(*) FROM indicators WHERE hospital = 'NU'").fetchone()[0] == 41
    assert (
        db.execute("SELECT sum(places) FROM training_places WHERE kind = 'AT'").fetchone()[0] == 292
    )
    seeded = db.execute(
        "SELECT count(DISTINCT row_key) FROM audit_log WHERE tbl = 'indicators' AND source = 'seed'"
    ).fetchone()[0]
    assert seeded == db["indicators"].count
    assert check(db) == []


def test_snapshot_is_kept_and_intact(upgraded: tuple[int, Database]) -> None:
    version, db = upgraded
    snapshots = list_snapshots(db)
    if version < 2:
        assert snapshots == []
        return
    [info] = snapshots
    assert (info.label, info.note, info.author) == (
        "Beslut OSN 2025-09-25",
        "före revisionen",
        "anna",
    )
    [content] = db.execute("SELECT content FROM snapshots WHERE id = ?", [info.id]).fetchone()
    assert sha256_hex(content) == info.sha256
    _, frozen = load_snapshot(db, info.id)
    assert frozen.line(BUP).volumes == Volumes(1030, 700, 330)
    assert frozen.line(VUP_BEHANDLING).price_class is PriceClass.VISIT


def test_review_is_kept(upgraded: tuple[int, Database]) -> None:
    version, db = upgraded
    reviews = list_reviews(db)
    if version < 3:
        assert reviews == []
        return
    [review] = reviews
    assert (review.reviewer, review.since_label, review.status) == (
        "cecilia",
        "Beslut OSN 2025-09-25",
        "open",
    )
    items = {item.key: (item.decision, item.comment) for item in load_items(db, review.id)}
    assert items[BUP] == (Verdict.ACCEPTED, "enligt beslut")
    assert items[ORTOPEDI] == (None, "fråga NU")


def test_upgraded_file_takes_new_edits(upgraded: tuple[int, Database]) -> None:
    _, db = upgraded
    edit_line(db, 1, BUP, Field.BAS, 800, Actor("dora", "cli"))
    assert load_plan(db, "NU", 2026).line(BUP).volumes == Volumes(2000, 800, 1200)
    assert audit_rows(db)[len(AUDIT) :] == [
        (BUP, "bas", 700, 800, "dora", "cli", ""),
        (BUP, "tillagg", 1300, 1200, "dora", "cli", ""),
    ]
    assert check(db) == []
