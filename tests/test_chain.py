"""The one hash chain: every plan-data table is rebuilt by replaying it, and `check` names
every row changed behind its back (the sqlite3 module as the attacker)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import suppress
from fractions import Fraction
from pathlib import Path
from unittest.mock import patch

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from db.audit_trail import Actor, audit_head
from db.chain import CHAINED_TABLES, live_state, replay
from db.connection import APPLICATION_ID, raw_connect
from db.edits import edit_line, restore_line, set_price_class
from db.maintenance import check
from db.outcomes import import_outcomes, set_outcome
from db.phasing import set_phasing
from db.plan_creation import create_plan_with_prices
from db.plan_settings import BASELINE, set_plan_setting, set_reading
from db.plans import load_plan
from db.prices import set_price
from db.reviews import decide, load_items, set_comment, start_or_resume
from db.schema import migrate, migrations
from db.seed import seed
from db.setup import open_database
from db.snapshots import create_snapshot
from db.table_import import apply_import, preview_import
from planner.cli.main import main
from planner.integrity import GENESIS, entry_hash
from planner.model import Field, PriceClass
from planner.readers.table_rows import rows_from_bytes
from planner.review import Verdict
from planner.rules import EditRefused
from tests.conftest import FIXED_TIME, plan_before_scenarios

HUD = "somatik/forstabesok/hud"
KATARAKT = "somatik/operation-atgard/katarakt"
BUP = "psykiatri/forstabesok/bup"
ANNA = Actor("anna", "cli", "test")
FIXTURES = Path(__file__).parent / "fixtures"


def cli(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def tamper(db_path: Path, *statements: str) -> None:
    """Change the file with plain SQL, as someone with write access to it could."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def assert_replay_matches(db: Database) -> None:
    assert replay(db) == live_state(db, CHAINED_TABLES)


# The entries


def test_the_table_and_row_are_hashed_and_entries_without_them_hash_as_before() -> None:
    entry = {
        "id": 1,
        "at": "2026-03-02T09:15:00+00:00",
        "user": "anna",
        "plan_id": 1,
        "line_key": BUP,
        "field": "bas",
        "old": 700,
        "new": 600,
        "reason": "",
        "source": "cli",
    }
    legacy = entry_hash(GENESIS, entry)
    assert entry_hash(GENESIS, {**entry, "tbl": None, "row_key": None}) == legacy
    chained = {**entry, "tbl": "volumes", "row_key": f'{{"plan_id":1,"line_key":"{BUP}"}}'}
    assert entry_hash(GENESIS, chained) != legacy
    assert entry_hash(GENESIS, {**chained, "row_key": '{"plan_id":2}'}) != entry_hash(
        GENESIS, chained
    )


# Rebuilding from the chain alone


def test_a_new_database_is_rebuilt_from_its_seed_entries(db: Database) -> None:
    sources = {row[0] for row in db.execute("SELECT DISTINCT source FROM audit_log")}
    assert sources == {"seed"}
    assert_replay_matches(db)


def test_replay_equals_the_tables_after_every_kind_of_write(db: Database) -> None:
    pid = load_plan(db, "NU", 2026).plan_id
    snapshot = create_snapshot(db, load_plan(db, "NU", 2026), "Beslut", "", "anna")
    edit_line(db, pid, HUD, Field.TILLAGG, 2290, ANNA)
    edit_line(db, pid, BUP, Field.UPPDRAG, 2000, ANNA)
    set_price_class(db, pid, KATARAKT, PriceClass.ENDOSCOPY, ANNA)
    restore_line(db, pid, HUD, load_plan(db, "NU", 2026).line(HUD).volumes, PriceClass.VISIT, ANNA)
    info = start_or_resume(db, snapshot.id, "cecilia")
    for item in load_items(db, info.id):
        decide(db, info, item, Verdict.REJECTED, "cecilia")
    set_price(db, 2026, PriceClass.VISIT, 2600, ANNA)
    set_phasing(db, pid, (1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 1), ANNA)
    set_phasing(db, pid, (3, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 1), ANNA)
    set_outcome(db, pid, HUD, 1, 400, ANNA)
    set_outcome(db, pid, HUD, 1, None, ANNA)
    set_reading(db, pid, "bas-first", ANNA)
    set_reading(db, pid, "phased", ANNA)
    set_plan_setting(db, pid, BASELINE, "decision", ANNA)
    import_outcomes(db, pid, {(HUD, 2): 10, (BUP, 2): 20}, ANNA, "f.csv (sha256 ab)")
    create_plan_with_prices(db, "SU", 2027, ("NU", 2026), (2026, Fraction(2)), ANNA)
    table = (FIXTURES / "nu-2026-volume-table.txt").read_bytes()
    changed = table.replace(b"Ortopedi\t4 500\t2 310\t2 190", b"Ortopedi\t4 600\t2 310\t2 290")
    changed = changed.replace(
        b"Totalsumma\t63 480\t39 078\t24 402", b"Totalsumma\t63 580\t39 078\t24 502"
    )
    apply_import(
        db, preview_import(db, "NU", 2026, rows_from_bytes(changed), "nu.txt", "f0"), "anna"
    )
    apply_import(db, preview_import(db, "SAS", 2026, rows_from_bytes(table), "s.txt", "f1"), "anna")
    assert_replay_matches(db)
    assert check(db) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("edit"), st.sampled_from(list(Field)), st.integers(0, 9000)),
            st.tuples(st.just("class"), st.sampled_from(list(PriceClass)), st.just(0)),
            st.tuples(st.just("outcome"), st.integers(1, 12), st.none() | st.integers(0, 500)),
            st.tuples(st.just("phasing"), st.integers(1, 12), st.integers(1, 9)),
            st.tuples(st.just("price"), st.sampled_from(list(PriceClass)), st.integers(0, 99999)),
        ),
        max_size=12,
    )
)
def test_any_sequence_of_writes_replays_to_the_tables(
    seeded_file: Path, tmp_path_factory: object, steps: list[tuple[str, object, object]]
) -> None:
    path = Path(str(tmp_path_factory.mktemp("chain"))) / "plan.db"  # type: ignore[attr-defined]
    shutil.copy2(seeded_file, path)
    db = open_database(path)
    try:
        weights = [1] * 12
        for kind, what, value in steps:
            if kind == "edit":
                assert isinstance(what, Field) and isinstance(value, int)
                with suppress(EditRefused):  # a refused edit changes nothing
                    edit_line(db, 1, BUP, what, value, ANNA)
            elif kind == "class":
                assert isinstance(what, PriceClass)
                set_price_class(db, 1, KATARAKT, what, ANNA)
            elif kind == "outcome":
                assert isinstance(what, int)
                set_outcome(db, 1, BUP, what, value if isinstance(value, int) else None, ANNA)
            elif kind == "phasing":
                assert isinstance(what, int) and isinstance(value, int)
                weights[what - 1] = value
                set_phasing(db, 1, tuple(weights), ANNA)
            else:
                assert isinstance(what, PriceClass) and isinstance(value, int)
                set_price(db, 2026, what, value, ANNA, "NU")
        assert_replay_matches(db)
    finally:
        db.conn.close()


# Changes behind the log's back


def test_each_table_changed_with_sql_is_named_with_both_values(db: Database, db_path: Path) -> None:
    set_outcome(db, 1, HUD, 3, 120, ANNA)
    set_phasing(db, 1, (1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 1), ANNA)
    set_reading(db, 1, "bas-first", ANNA)
    db.conn.close()
    tamper(
        db_path,
        "UPDATE prices SET unit_price = 3000 WHERE year = 2026 AND hospital = 'NU'"
        " AND price_class = 'visit'",
        f"UPDATE volumes SET tillagg = 1170, uppdrag = 4600 WHERE line_key = '{HUD}'",
        f"UPDATE volumes SET price_class = 'treatment' WHERE line_key = '{BUP}'",
        f"UPDATE outcomes SET performed = 999 WHERE line_key = '{HUD}'",
        "UPDATE phasing SET w3 = 7",
        "UPDATE plan_settings SET value = 'phased'",
        "INSERT INTO plan_settings (plan_id, name, value) VALUES (1, 'delta_baseline', 'decision')",
        "DELETE FROM prices WHERE year = 2026 AND hospital = 'SV' AND price_class = 'endoscopy'",
        f"INSERT INTO outcomes (plan_id, line_key, month, performed) VALUES (1, '{BUP}', 4, 50)",
    )
    result = cli(db_path, "check")
    assert result.exit_code == 2
    assert result.stdout == (
        "problem: prices year 2026 NU visit: table unit price 3\u00a0000, the log says 2\u00a0503\n"
        "problem: prices year 2026 SV endoscopy: in the log (unit price 4\u00a0459) but not in the"
        " table\n"
        f"problem: volumes NU/2026 {BUP}: table price class treatment, the log says visit\n"
        f"problem: volumes NU/2026 {HUD}: table uppdrag 4\u00a0600, the log says 4\u00a0500\n"
        f"problem: volumes NU/2026 {HUD}: table tillägg 1\u00a0170, the log says 1\u00a0070\n"
        f"problem: outcomes NU/2026 {BUP} month 4: in the table (performed 50) but not in the"
        " log\n"
        f"problem: outcomes NU/2026 {HUD} month 3: table performed 999, the log says 120\n"
        "problem: phasing NU/2026: table weight of month 3 7, the log says 2\n"
        "problem: plan_settings NU/2026 delta_baseline: in the table (value decision) but not in"
        " the log\n"
        "problem: plan_settings NU/2026 earned_reading: table value phased, the log says"
        " bas-first\n"
    )
    assert result.stderr == "error: 10 problem(s) found; restore from a backup (`planner backup`)\n"


def test_a_plan_row_changed_or_added_is_named(db_path: Path) -> None:
    tamper(
        db_path,
        "UPDATE plans SET year = 2027 WHERE id = 1",
        "INSERT INTO plans (hospital, year, created_at) VALUES ('SU', 2030, 'x')",
    )
    assert check(open_database(db_path)) == [
        "plans NU/2026: table year 2027, the log says 2026",
        "plans SU/2030: in the table (hospital SU, year 2030, created_at x, scenario nothing,"
        " base plan nothing) but not in the log",
    ]


def test_changes_made_through_planner_keep_check_clean_and_the_log_shows_volume_edits_only(
    db: Database, db_path: Path
) -> None:
    edit_line(db, 1, HUD, Field.TILLAGG, 1170, ANNA)
    set_price(db, 2026, PriceClass.VISIT, 2600, ANNA)
    set_phasing(db, 1, (2,) * 11 + (1,), ANNA)
    db.conn.close()
    assert cli(db_path, "check").exit_code == 0
    log = cli(db_path, "log").stdout.splitlines()
    assert [line.split("NU 2026  ")[1] for line in log] == [
        "Somatik / Förstabesök / Hud  uppdrag 4\u00a0500 → 4\u00a0600  [cli]  «test»",
        "Somatik / Förstabesök / Hud  tillägg 1\u00a0070 → 1\u00a0170  [cli]  «test»",
    ]


# Heads and checkpoints


def empty_database(path: Path) -> Database:
    """A planner file with the schema but nothing in it yet: the audit log is empty."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    db = Database(raw_connect(path), execute_plugins=False)
    migrate(db)
    return db


def test_the_head_of_an_empty_log_still_holds_after_entries_are_added(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    db = empty_database(path)
    first = cli(path, "check")
    assert first.exit_code == 0, first.output
    noted = first.stdout.rsplit("audit head ", 1)[1].strip()
    assert noted == f"0:{GENESIS}"
    seed(db)
    db.conn.close()
    later = cli(path, "check", "--head", noted)
    assert later.exit_code == 0, later.output
    forged = cli(path, "check", "--head", f"0:{'1' * 64}")
    assert forged.exit_code == 2


def test_an_empty_head_is_refused_in_one_line(db_path: Path) -> None:
    for value in ("", "  "):
        result = cli(db_path, "check", "--head", value)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "error: --head is empty; give the audit head as ID:HASH, as `planner check` prints it\n"
        )


def test_an_upgraded_database_starts_from_a_checkpoint_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema-v3.db", path)
    db = open_database(path)
    assert_replay_matches(db)
    checkpoint = db.execute("SELECT count(*) FROM audit_log WHERE source = 'checkpoint'")
    assert checkpoint.fetchone()[0] > 0
    head = audit_head(db)
    db.conn.close()
    ok = cli(path, "check")
    assert ok.exit_code == 0
    assert "note: the chain starts from a checkpoint taken at the upgrade on " in ok.stdout
    assert ok.stdout.endswith(f"audit head {head[0]}:{head[1]}\n")
    tamper(path, f"UPDATE volumes SET tillagg = 1400, uppdrag = 2100 WHERE line_key = '{BUP}'")
    bad = cli(path, "check")
    assert bad.exit_code == 2
    problem = f"problem: volumes NU/2026 {BUP}: table tillägg 1\u00a0400, the log says 1\u00a0300"
    assert problem + "\n" in bad.stdout
    assert "note: the chain starts from a checkpoint" in bad.stdout


# Which tables the chain covers

OUTSIDE_THE_CHAIN = {
    "audit_log": "the chain itself",
    "_sqlite_migrations": "the schema steps, checked by name on open",
    "settings": "the file's own identity and notes, not plan data",
    "hospitals": "the catalogue of hospitals, written only by the seed",
    "lines": "the catalogue of lines, written only by the seed",
    "snapshots": "immutable by trigger, each record hashed and anchored in the chain",
    "phasing_log": "append-only history beside the chain",
    "price_changes": "append-only history beside the chain",
    "plan_settings_log": "append-only history beside the chain",
}


def test_every_table_is_chained_or_named_here_with_why_not(db: Database) -> None:
    """A table added by a later schema step fails here until it is chained or explained."""
    tables = set(db.table_names())
    assert tables - CHAINED_TABLES.keys() == OUTSIDE_THE_CHAIN.keys()
    assert CHAINED_TABLES.keys() <= tables


def test_a_verdict_or_comment_changed_with_sql_is_named(
    db: Database, db_path: Path, frozen: None
) -> None:
    snapshot = create_snapshot(db, load_plan(db, "NU", 2026), "Beslut", "", "anna")
    edit_line(db, 1, HUD, Field.TILLAGG, 1170, ANNA)
    edit_line(db, 1, BUP, Field.TILLAGG, 430, ANNA)
    info = start_or_resume(db, snapshot.id, "cecilia")
    hud, bup = load_items(db, info.id)[1], load_items(db, info.id)[0]
    assert (hud.key, bup.key) == (HUD, BUP)
    decide(db, info, hud, Verdict.ACCEPTED, "cecilia")
    decide(db, info, bup, Verdict.REJECTED, "cecilia")
    set_comment(db, info, HUD, "as agreed with the clinic")
    assert_replay_matches(db)
    assert check(db) == []
    db.conn.close()
    tamper(
        db_path,
        f"UPDATE review_items SET decision = 'rejected' WHERE line_key = '{HUD}'",
        f"UPDATE review_items SET comment = '' WHERE line_key = '{HUD}'",
        "UPDATE reviews SET finished_at = NULL",
    )
    result = cli(db_path, "check")
    assert result.exit_code == 2
    assert result.stdout == (
        f"problem: reviews id 1: table finished_at nothing, the log says {FIXED_TIME}\n"
        f"problem: review_items review_id 1 {HUD}: table decision rejected, the log says accepted\n"
        f"problem: review_items review_id 1 {HUD}: table comment , the log says as agreed with"
        " the clinic\n"
    )


def test_reviews_stored_before_they_joined_the_chain_start_from_a_checkpoint(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    db = Database(raw_connect(path), execute_plugins=False)
    steps = [step.__name__ for step in migrations.functions]
    migrations.apply(db, stop_before="m013_chain_reviews")
    db.execute(f"PRAGMA user_version = {steps.index('m013_chain_reviews')}")
    with patch("db.plans._find_plan_id", plan_before_scenarios):
        seed(db)
        snapshot = create_snapshot(db, load_plan(db, "NU", 2026), "Beslut", "", "anna")
    db.execute(  # as the code before m013 wrote a review: no entries
        "INSERT INTO reviews (id, plan_id, since_snapshot, reviewer, started_at)"
        " VALUES (1, 1, ?, 'cecilia', '2026-03-02T09:15:00+00:00')",
        [snapshot.id],
    )
    db.execute(
        "INSERT INTO review_items (review_id, line_key, old_uppdrag, old_bas, old_tillagg,"
        " new_uppdrag, new_bas, new_tillagg, old_class, new_class, old_cost, new_cost, decision,"
        " comment, decided_at) VALUES (1, ?, 4500, 3430, 1070, 4500, 3430, 1170, 'visit',"
        " 'visit', 2678210, 2928510, 'accepted', 'ok', '2026-03-02T09:20:00+00:00')",
        [HUD],
    )
    db.conn.close()
    db = open_database(path)
    assert_replay_matches(db)
    assert check(db) == []
    db.conn.close()
    tamper(path, f"UPDATE review_items SET decision = 'rejected' WHERE line_key = '{HUD}'")
    problem, note = cli(path, "check").stdout.splitlines()
    assert problem == (
        f"problem: review_items review_id 1 {HUD}: table decision rejected, the log says accepted"
    )
    assert note.startswith("note: the chain starts from a checkpoint taken at the upgrade on ")
