"""Issue 21 §4 on the command line and in storage: making, editing, comparing and applying
scenarios, their refusals, and the plan they came from left alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook
from sqlite_utils import Database

from db.audit_trail import Actor
from db.maintenance import check
from db.plans import list_plans, load_plan
from db.region import load_region
from db.scenarios import apply_scenario, create_scenario
from db.setup import open_database
from db.snapshots import list_snapshots, load_snapshot
from planner.cli.main import main
from planner.model import Volumes

BUP = "psykiatri/forstabesok/bup"
VUP = "psykiatri/forstabesok/vup"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ANNA = Actor("anna", "cli")


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def make(db_path: Path, name: str = "forslag-a") -> Result:
    return run(
        db_path, "plan", "create", "--hospital", "NU", "--year", "2026",
        "--scenario", name, "--copy-from", "NU/2026",
    )  # fmt: skip


def test_a_scenario_is_a_copy_edited_without_touching_its_plan(db_path: Path) -> None:
    made = make(db_path)
    assert made.exit_code == 0, made.output
    assert made.output.startswith(
        "NU/2026/forslag-a: created the scenario of NU/2026 (49 lines, copied from NU/2026)"
    )
    edited = run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    assert edited.exit_code == 0, edited.output
    assert edited.output.startswith("NU 2026/forslag-a: psykiatri/forstabesok/bup:")
    db = open_database(db_path)
    assert load_plan(db, "NU", 2026).line(BUP).volumes == Volumes(1030, 700, 330)
    assert load_plan(db, "NU", 2026, "forslag-a").line(BUP).volumes == Volumes(1699, 700, 999)
    assert check(db) == []


def test_the_global_scenario_option_reaches_report_export_and_diff(
    db_path: Path, tmp_path: Path
) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    report = run(db_path, "--scenario", "forslag-a", "report")
    assert "999" in report.output
    exported = run(db_path, "--scenario", "forslag-a", "export", "--format", "csv", "-o", "-")
    assert exported.exit_code == 0, exported.output
    assert ";999;" in exported.output or ",999," in exported.output
    as_json = run(db_path, "--scenario", "forslag-a", "export", "--format", "json", "-o", "-")
    assert json.loads(as_json.output)["scenario"] == "forslag-a"
    plan_json = run(db_path, "export", "--format", "json", "-o", "-")
    assert "scenario" not in json.loads(plan_json.output)
    book = tmp_path / "forslag.xlsx"
    run(db_path, "--scenario", "forslag-a", "export", "--format", "xlsx", "-o", str(book))
    about = list(load_workbook(book)["About"].iter_rows(values_only=True))
    assert ("Scenario", "forslag-a") in about
    diff = run(db_path, "diff", "NU/2026", "NU/2026/forslag-a")
    assert diff.output.startswith("Changes NU 2026 (live) → NU 2026/forslag-a (live)")
    assert "330 → 999" in diff.output
    live = run(db_path, "--scenario", "forslag-a", "diff", "NU/2026", "live")
    assert "→ NU 2026/forslag-a (live)" in live.output.splitlines()[0]


def test_plan_and_scenario_lists_show_the_scenario_under_its_plan(db_path: Path) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    plans = run(db_path, "plan", "list").output.splitlines()
    assert plans[2].startswith("NU          2026    NU-sjukvården")
    assert plans[3].startswith("NU          2026    ◇ scenario forslag-a")
    listed = run(db_path, "scenario", "list").output.splitlines()
    cells = [cell.strip() for cell in listed[2].split("  ") if cell.strip()]
    assert cells == [
        "NU/2026/forslag-a", "1 line", "246\u00a0800\u00a0961", "+1\u00a0674\u00a0507", "delegation"
    ]  # fmt: skip


def test_refusals_name_the_problem_and_create_nothing(db_path: Path) -> None:
    assert make(db_path).exit_code == 0
    again = make(db_path)
    assert again.exit_code == 2
    assert again.stderr == (
        "error: NU 2026 already has a scenario 'forslag-a'; choose another name, or open it"
        " with --scenario forslag-a. Nothing was created.\n"
    )
    bad = make(db_path, "Förslag A")
    assert bad.exit_code == 2
    assert "error: 'Förslag A' is not a scenario name: use lower-case letters" in bad.stderr
    missing = run(
        db_path, "plan", "create", "--hospital", "NU", "--year", "2026",
        "--scenario", "b", "--copy-from", "SU/2026",
    )  # fmt: skip
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: no plan for SU 2026;")
    unknown = run(db_path, "--scenario", "nope", "report")
    assert unknown.stderr == (
        "error: no scenario 'nope' of NU 2026; `planner scenario list` shows the scenarios\n"
    )
    markup = run(db_path, "--scenario", "[red]x[/]", "report")
    assert markup.exit_code == 2 and "[red]x[/]" in markup.stderr
    assert len(list_plans(open_database(db_path))) == 2


def test_apply_dry_run_writes_nothing(db_path: Path) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    dry = run(db_path, "scenario", "apply", "NU/2026/forslag-a", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "330 → 999" in dry.output
    assert "decision: delegation" in dry.output
    assert dry.output.endswith("dry run: nothing was written\n")
    db = open_database(db_path)
    assert load_plan(db, "NU", 2026).line(BUP).volumes.tillagg == 330
    assert list_snapshots(db, load_plan(db, "NU", 2026).plan_id) == []


def test_apply_snapshots_then_writes_one_change_set_and_refuses_lines_changed_since(
    db_path: Path,
) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    run(db_path, "--scenario", "forslag-a", "set", VUP, "tillagg", "888")
    run(db_path, "set", VUP, "tillagg", "1")
    applied = run(db_path, "scenario", "apply", "NU/2026/forslag-a", "--reason", "OSN maj")
    assert applied.exit_code == 0, applied.output
    assert (
        "refused: VUP (psykiatri/forstabesok/vup): the plan changed since the scenario was made"
        " (450/280/170 visit then, 281/280/1 visit now); the scenario has 1\u00a0168/280/888 visit"
    ) in applied.output
    assert "applied 1 line after snapshot 1; `planner review --since 1` reviews" in applied.output
    assert "1 line refused" in applied.stderr
    db = open_database(db_path)
    plan = load_plan(db, "NU", 2026)
    assert plan.line(BUP).volumes == Volumes(1699, 700, 999)
    assert plan.line(VUP).volumes == Volumes(281, 280, 1)
    info, before = load_snapshot(db, 1)
    assert info.label == "before scenario NU/2026/forslag-a"
    assert before.line(BUP).volumes.tillagg == 330
    reasons = db.execute(
        "SELECT DISTINCT reason FROM audit_log WHERE plan_id = ? AND source = 'cli'"
        " AND reason LIKE 'OSN maj%'",
        [plan.plan_id],
    ).fetchall()
    assert reasons == [("OSN maj (scenario NU/2026/forslag-a)",)]
    assert check(db) == []
    twice = run(db_path, "scenario", "apply", "NU/2026/forslag-a")
    assert "nothing to apply" in twice.output


def test_a_line_applied_once_can_be_applied_again_after_the_scenario_changes_it(
    db_path: Path,
) -> None:
    """The scenario's own apply is not a change "since the scenario was made"."""
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    first = run(db_path, "scenario", "apply", "NU/2026/forslag-a")
    assert first.exit_code == 0, first.output
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "1000")
    again = run(db_path, "scenario", "apply", "NU/2026/forslag-a", "--reason", "andra")
    assert again.exit_code == 0, again.output
    assert "refused" not in again.output
    db = open_database(db_path)
    assert load_plan(db, "NU", 2026).line(BUP).volumes.tillagg == 1000
    run(db_path, "set", BUP, "tillagg", "5")
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "1001")
    third = run(db_path, "scenario", "apply", "NU/2026/forslag-a")
    assert "refused: BUP" in third.output


def test_apply_over_the_board_limit_says_so(db: Database) -> None:
    scenario = create_scenario(db, "NU", 2026, "stor", ANNA)
    from db.edits import edit_line
    from planner.model import Field

    edit_line(db, scenario.plan_id, BUP, Field.TILLAGG, 2000, ANNA)
    applied = apply_scenario(db, "NU", 2026, "stor", ANNA, dry_run=True)
    assert applied.preview.diff.cost_delta == (2000 - 330) * 2503
    assert applied.preview.diff.decision.value == "board"


def test_applying_a_plan_reference_is_refused(db_path: Path) -> None:
    result = run(db_path, "scenario", "apply", "NU/2026")
    assert result.exit_code == 2
    assert "names a plan, not a scenario" in result.stderr


def test_the_region_never_counts_a_scenario_as_the_plan(db: Database) -> None:
    scenario = create_scenario(db, "NU", 2026, "forslag-a", ANNA)
    from db.edits import edit_line
    from planner.model import Field

    edit_line(db, scenario.plan_id, BUP, Field.TILLAGG, 2000, ANNA)
    region = load_region(db, 2026)
    nu = [h.code for h in region.hospitals].index("NU")
    total = region.total.cells[nu]
    assert total is not None and total.cost == 245_126_454


def test_a_database_made_before_scenarios_upgrades_and_takes_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema-v3.db", path)
    db = open_database(path)
    rows = db.execute("SELECT scenario, base_plan_id FROM plans").fetchall()
    assert rows and all(row == (None, None) for row in rows)
    create_scenario(db, "NU", 2026, "forslag-a", ANNA)
    assert check(db) == []
    db.conn.close()
    assert run(path, "--scenario", "forslag-a", "report").exit_code == 0


def test_region_with_a_scenario_shows_it_beside_and_counts_the_plan(db_path: Path) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    text = run(db_path, "--scenario", "forslag-a", "region").output
    assert "NU ◇ forslag-a tillägg" in text.splitlines()[2]
    assert "NU ◇ forslag-a: a scenario, shown beside the plans and not counted" in text
    assert text.endswith("Region tilläggskostnad: 245\u00a0126\u00a0454 kr\n")


def test_scenarios_complete_as_names_and_as_references(db_path: Path) -> None:
    from tests.test_completion import complete

    make(db_path)
    assert complete(db_path, "--scenario f") == ["forslag-a"]
    assert complete(db_path, "scenario apply NU/2026/") == ["NU/2026/forslag-a"]
    assert complete(db_path, "diff NU/") == ["NU/2026", "NU/2026/forslag-a"]


def test_the_schema_keeps_one_plan_per_hospital_year_and_scenario(db: Database) -> None:
    import sqlite3

    import pytest

    create_scenario(db, "NU", 2026, "forslag-a", ANNA)
    insert = "INSERT INTO plans (hospital, year, created_at, scenario, base_plan_id)"
    for values in (
        " VALUES ('NU', 2026, 'x', NULL, NULL)",  # a second NU 2026 plan
        " VALUES ('NU', 2026, 'x', 'forslag-a', 1)",  # the same scenario again
        " VALUES ('NU', 2026, 'x', 'Förslag', 1)",  # not a slug
        " VALUES ('NU', 2026, 'x', 'b', NULL)",  # a scenario without its plan
    ):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(insert + values)


def test_the_log_names_a_scenario_and_keeps_to_it(db_path: Path) -> None:
    make(db_path)
    run(db_path, "--scenario", "forslag-a", "set", BUP, "tillagg", "999")
    run(db_path, "set", VUP, "tillagg", "1")
    ours = run(db_path, "--scenario", "forslag-a", "log").output
    assert "NU 2026/forslag-a" in ours and "tillägg 330 → 999" in ours
    assert "VUP" not in ours
    everything = run(db_path, "log").output
    assert "NU 2026/forslag-a" in everything and "tillägg 170 → 1" in everything
