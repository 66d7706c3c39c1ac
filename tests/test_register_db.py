"""The register and training places in storage: seeded, outcomes per period, edits chained."""

from pathlib import Path

import pytest
from sqlite_utils import Database

from db.audit_trail import Actor
from db.errors import Invalid, NotFound
from db.maintenance import check
from db.places import load_place_tables, set_places
from db.register import (
    clear_outcome,
    find_indicator,
    import_register,
    load_indicator_outcomes,
    load_register,
    set_outcome,
)
from db.seed import seeded_register
from planner.decision.register import assess
from planner.decision.targets import Status
from planner.decision.training_places import Place
from tests.test_chain import assert_replay_matches, tamper

ANNA = Actor("anna", "cli")


def test_the_seed_holds_nus_register_and_narhalsans_plan(db: Database) -> None:
    nu = load_register(db, "NU", 2026)
    assert len(nu) == 41
    assert sum(1 for i in nu if i.refers_to) == 2
    assert [i.number for i in nu if i.check_note] == [39, 40]
    assert [i.number for i in nu if i.auto] == [23]
    nh = load_register(db, "NH", 2026)
    assert len(nh) == 4 and all(i.target_printed == "" for i in nh)
    assert load_register(db, "NH", 2028) == []
    assert load_register(db, "NU", 2027) == []


def test_an_outcome_is_stored_judged_and_in_the_chain(db: Database) -> None:
    somatic = find_indicator(db, "NU", 2026, "27")
    assert somatic.text == "Beläggningsgrad, somatisk vård"
    assert set_outcome(db, somatic, "2026-05", "92,4", "tre avdelningar", ANNA) == (
        None,
        "92.4",
        True,
    )
    assert set_outcome(db, somatic, "2026-05", "91", "", ANNA) == ("92.4", "91", True)
    outcomes = load_indicator_outcomes(db, [somatic])[somatic.id]
    [judged] = assess(somatic, outcomes)
    assert (judged.status, judged.gap) == (Status.NOT_MET, "+1.0 pp")
    assert_replay_matches(db)
    assert check(db) == []


def test_a_cleared_outcome_is_not_reported_again_and_the_removal_is_chained(
    db: Database,
) -> None:
    somatic = find_indicator(db, "NU", 2026, "27")
    set_outcome(db, somatic, "2026-05", "92,4", "tre avdelningar", ANNA)
    assert clear_outcome(db, somatic, "2026-05", Actor("anna", "cli", "fel period")) == "92.4"
    assert load_indicator_outcomes(db, [somatic])[somatic.id] == []
    assert clear_outcome(db, somatic, "2026-05", ANNA) is None  # nothing there: nothing written
    with pytest.raises(Invalid, match="is not a period"):
        clear_outcome(db, somatic, "2026-13", ANNA)
    with pytest.raises(Invalid, match="filled from the follow-up"):
        clear_outcome(db, find_indicator(db, "NU", 2026, "23"), "2026-05", ANNA)
    assert_replay_matches(db)
    assert check(db) == []


def test_refused_outcomes_save_nothing(db: Database) -> None:
    production = find_indicator(db, "NU", 2026, "NU-2026-23")
    with pytest.raises(Invalid, match="filled from the follow-up"):
        set_outcome(db, production, "2026-05", "99", "", ANNA)
    with pytest.raises(Invalid, match="refers to"):
        set_outcome(db, find_indicator(db, "NU", 2026, "2"), "2026", "1", "", ANNA)
    bed = find_indicator(db, "NU", 2026, "27")
    for period, value in (("2026-13", "90"), ("2025", "90"), ("2026-05", "mycket")):
        with pytest.raises(Invalid, match="nothing was saved"):
            set_outcome(db, bed, period, value, "", ANNA)
    with pytest.raises(NotFound):
        find_indicator(db, "NU", 2026, "99")
    assert db["indicator_outcomes"].count == 0


def test_an_outcome_changed_behind_planners_back_is_named(db: Database, db_path: Path) -> None:
    bed = find_indicator(db, "NU", 2026, "27")
    set_outcome(db, bed, "2026-05", "92,4", "", ANNA)
    db.conn.close()
    tamper(db_path, "UPDATE indicator_outcomes SET value = '89.0'")
    from db.setup import open_for_check

    checked = open_for_check(db_path)
    assert any("indicator_outcomes" in line and "89.0" in line for line in check(checked))
    checked.conn.close()


def test_importing_the_seed_again_changes_nothing(db: Database) -> None:
    result = import_register(db, seeded_register(), ANNA, dry_run=True)
    assert (result.added, result.changed, result.same) == (0, (), 45)


def test_places_edit_needs_a_reason_and_a_changed_total_is_flagged(db: Database) -> None:
    [at, st] = load_place_tables(db, 2026)
    assert (at.total, at.printed, at.differs) == (292, 292, False)
    assert (st.title, st.total, st.printed) == ("ST-A NU 2026", 108, None)
    assert [p.label for p in st.rows][-1] == "Psykiatri"
    with pytest.raises(Invalid, match="reason"):
        set_places(db, Place(2026, "AT", "NU", "", 72), ANNA)
    assert set_places(db, Place(2026, "AT", "NU", "", 72), Actor("anna", "cli", "två till")) == 70
    at = load_place_tables(db, 2026)[0]
    assert (at.total, at.differs, at.total_note) == (
        294,
        True,
        "differs from the printed total 292",
    )
    assert_replay_matches(db)
    assert check(db) == []


def test_the_production_indicator_is_filled_from_the_follow_up(db: Database) -> None:
    from db.outcomes import set_outcome as set_performed

    production = find_indicator(db, "NU", 2026, "23")
    assert load_indicator_outcomes(db, [production])[production.id] == []
    set_performed(db, 1, "somatik/forstabesok/hud", 1, 375, ANNA)  # 4 500 a year: 375 a month
    [january] = load_indicator_outcomes(db, [production])[production.id]
    assert (january.period, january.value) == ("2026-01", "100")
    assert "1 of" in january.note
    [judged] = assess(production, [january])
    assert judged.status is Status.MET
