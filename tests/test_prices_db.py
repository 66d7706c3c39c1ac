import sqlite3
from fractions import Fraction
from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.errors import Invalid, NotFound, PriceConflict
from db.plans import load_plan
from db.prices import copy_prices, load_price_list, price_changes, set_price
from db.schema import SCHEMA_VERSION
from db.setup import open_database
from db.snapshots import create_snapshot, load_snapshot
from planner.model import PriceClass
from planner.prices import plan_totals

ANNA = Actor("anna", "cli", "OSN 2026-03")


def test_set_endoscopy_for_one_hospital_is_audited(db: Database, frozen: None) -> None:
    changed = set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "nu")
    assert changed == [("NU", 4955)]
    assert load_price_list(db, 2026).get("NU", PriceClass.ENDOSCOPY) == 5000
    assert load_price_list(db, 2026).get("SU", PriceClass.ENDOSCOPY) == 4914
    [entry] = price_changes(db)
    assert (entry.at, entry.user, entry.year, entry.hospital) == (
        "2026-03-02T09:15:00+00:00",
        "anna",
        2026,
        "NU",
    )
    assert (entry.price_class, entry.old, entry.new, entry.reason, entry.source) == (
        PriceClass.ENDOSCOPY,
        4955,
        5000,
        "OSN 2026-03",
        "cli",
    )


def test_a_price_change_moves_the_live_cost_but_not_a_snapshot(db: Database) -> None:
    before = load_plan(db, "NU", 2026)
    info = create_snapshot(db, before, "before", "", "anna")
    set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "NU")
    assert plan_totals(load_plan(db, "NU", 2026)).cost == 245_126_454 + 2964 * 45
    _, frozen_plan = load_snapshot(db, info.id)
    assert frozen_plan.prices.endoscopy == 4955
    assert plan_totals(frozen_plan).cost == 245_126_454


def test_visit_applies_to_every_hospital_and_endoscopy_needs_one(db: Database) -> None:
    changed = set_price(db, 2026, PriceClass.VISIT, 2600, ANNA)
    assert [code for code, _ in changed] == ["SU", "NU", "SKAS", "SAS", "SV"]
    assert {old for _, old in changed} == {2503}
    assert len(price_changes(db)) == 5
    assert set_price(db, 2026, PriceClass.VISIT, 2600, ANNA) == []
    with pytest.raises(Invalid, match="endoscopy is priced per hospital"):
        set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA)
    with pytest.raises(NotFound, match="unknown hospital"):
        set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "XX")


def test_a_stale_price_is_a_conflict(db: Database) -> None:
    set_price(db, 2026, PriceClass.TREATMENT, 36000, ANNA, "NU")
    with pytest.raises(PriceConflict, match="it is now 36\u00a0000 kr; nothing was saved"):
        set_price(db, 2026, PriceClass.TREATMENT, 37000, ANNA, "NU", expected=35795)
    assert load_price_list(db, 2026).get("NU", PriceClass.TREATMENT) == 36000


def test_copy_with_uplift_makes_next_year_once(db: Database) -> None:
    made = copy_prices(db, 2026, 2027, Fraction(11, 5), ANNA)
    assert made.get("NU", PriceClass.ENDOSCOPY) == 5064
    stored = load_price_list(db, 2027)
    assert stored.get("SU", PriceClass.VISIT) == 2558
    assert stored.get("SV", PriceClass.TREATMENT) == 36582
    assert len(price_changes(db, 2027)) == 15
    assert all(c.old is None for c in price_changes(db, 2027))
    with pytest.raises(Invalid, match="2027 already has prices"):
        copy_prices(db, 2026, 2027, Fraction(2), ANNA)
    with pytest.raises(NotFound, match="no 2030 price list to copy"):
        copy_prices(db, 2030, 2031, Fraction(2), ANNA)


def test_price_log_is_append_only(db: Database) -> None:
    set_price(db, 2026, PriceClass.VISIT, 2600, ANNA, "NU")
    for sql in ("UPDATE price_changes SET new = 1", "DELETE FROM price_changes"):
        with pytest.raises(sqlite3.IntegrityError, match="the price log is append-only"):
            db.execute(sql)


def test_a_database_without_the_price_log_is_upgraded(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.executescript(
        "DROP TABLE price_changes;"
        " DELETE FROM _sqlite_migrations WHERE name = 'm007_price_changes';"
        f" PRAGMA user_version = {SCHEMA_VERSION - 1};"
        " UPDATE volumes SET uppdrag = 2000, bas = 2000 - tillagg"
        " WHERE line_key = 'psykiatri/forstabesok/bup';"
    )
    conn.close()
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert load_plan(db, "NU", 2026).line("psykiatri/forstabesok/bup").volumes.uppdrag == 2000
    set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "NU")
    assert len(price_changes(db)) == 1
    db.conn.close()


def test_init_again_keeps_changed_prices(db_path: Path, db: Database) -> None:
    set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "NU")
    again = open_database(db_path, reseed=True)
    assert load_price_list(again, 2026).get("NU", PriceClass.ENDOSCOPY) == 5000
    again.conn.close()


def test_visit_and_treatment_are_set_for_every_hospital_even_through_one(db: Database) -> None:
    """README and rule R4: visit and treatment prices are region-wide; endoscopy per hospital."""
    changed = set_price(db, 2026, PriceClass.VISIT, 2600, ANNA, "NU")
    assert [code for code, _ in changed] == ["SU", "NU", "SKAS", "SAS", "SV"]
    prices = load_price_list(db, 2026)
    assert {prices.get(code, PriceClass.VISIT) for code in ("SU", "NU", "SKAS", "SAS", "SV")} == {
        2600
    }
    set_price(db, 2026, PriceClass.ENDOSCOPY, 5000, ANNA, "NU")
    prices = load_price_list(db, 2026)
    assert prices.get("NU", PriceClass.ENDOSCOPY) == 5000
    assert prices.get("SU", PriceClass.ENDOSCOPY) == 4914
