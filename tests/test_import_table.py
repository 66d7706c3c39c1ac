"""Importing a volume table: a new SÄS plan, 0 changes to NU, audited edits, the CLI."""

import time
from pathlib import Path

from sqlite_utils import Database

from db.plans import list_plans, load_plan
from db.snapshots import list_snapshots
from db.table_import import apply_import, preview_import
from planner.formats.exports import export_bytes
from planner.prices import plan_totals
from planner.readers.table_rows import rows_from_bytes
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
DATA = FIXTURE.read_bytes()


def audit_sources(db: Database) -> list[tuple[str, str, str]]:
    return [
        (row["source"], row["field"], row["reason"])
        for row in db.query(
            "SELECT source, field, reason FROM audit_log WHERE source != 'seed' ORDER BY id"
        )
    ]


def test_the_2026_table_creates_a_sas_plan(db: Database) -> None:
    start = time.perf_counter()
    preview = preview_import(db, "SAS", 2026, rows_from_bytes(DATA), "t.txt", "abc")
    assert preview.created and preview.result.ok
    assert apply_import(db, preview, "anna") == 1  # its decision snapshot
    assert time.perf_counter() - start < 2
    plan = load_plan(db, "SAS", 2026)
    total = plan_totals(plan)
    assert (total.uppdrag, total.bas, total.tillagg, total.cost) == (
        63_480,
        39_078,
        24_402,
        245_250_942,
    )
    assert plan.prices.endoscopy == 4_997


def test_the_2026_table_changes_nothing_in_nu(db: Database) -> None:
    preview = preview_import(db, "NU", 2026, rows_from_bytes(DATA), "t.txt", "abc")
    assert not preview.created and preview.diff.changes == []
    assert len(preview.result.warnings) == 3
    assert apply_import(db, preview, "anna") is None
    assert list_snapshots(db) == [] and audit_sources(db) == []


def test_changes_are_snapshotted_then_written_as_audited_import_edits(db: Database) -> None:
    text = DATA.replace(b"Ortopedi\t4 500\t2 310\t2 190", b"Ortopedi\t4 600\t2 310\t2 290")
    text = text.replace(b"Totalsumma\t63 480", b"Totalsumma\t63 580")
    text = text.replace(
        b"Totalsumma\t63 580\t39 078\t24 402", b"Totalsumma\t63 580\t39 078\t24 502"
    )
    preview = preview_import(db, "NU", 2026, rows_from_bytes(text), "nu.txt", "f00d")
    assert [c.key for c in preview.diff.changes] == ["somatik/forstabesok/ortopedi"]
    assert preview.diff.cost_delta == 100 * 2_503
    snapshot = apply_import(db, preview, "anna")
    (info,) = list_snapshots(db)
    assert info.id == snapshot and info.label == "before import of nu.txt"
    assert audit_sources(db) == [
        ("import", "uppdrag", "import of nu.txt (sha256 f00d)"),
        ("import", "tillagg", "import of nu.txt (sha256 f00d)"),
    ]
    assert load_plan(db, "NU", 2026).line("somatik/forstabesok/ortopedi").volumes.tillagg == 2_290


def test_planners_own_csv_and_xlsx_exports_round_trip_with_no_change(db: Database) -> None:
    plan = load_plan(db, "NU", 2026)
    for fmt, sep, name in (("csv", ";", "nu.csv"), ("csv", ",", "nu"), ("xlsx", ",", "nu.xlsx")):
        data = export_bytes(plan, fmt, sep)
        preview = preview_import(db, "NU", 2026, rows_from_bytes(data, name), name, "x")
        assert preview.result.errors == [], fmt
        assert preview.result.warnings == [], fmt
        assert preview.diff.changes == [], fmt
        assert len(preview.result.volumes) == 49


def test_cli_dry_run_prints_the_summary_and_writes_nothing(db_path: Path, db: Database) -> None:
    result = run_cli(
        db_path, "import-table", str(FIXTURE), "--hospital", "SAS", "--year", "2026", "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-3:] == [
        "SÄS 2026: new plan with 49 lines",
        "uppdrag 63\u00a0480, bas 39\u00a0078, tillägg"
        " 24\u00a0402; tilläggskostnad 245\u00a0250\u00a0942 kr",
        "dry run: nothing was written",
    ]
    assert [p.hospital.code for p in list_plans(db)] == ["NU"]


def test_cli_imports_from_stdin_into_nu_with_no_change(db_path: Path) -> None:
    result = run_cli(db_path, "import-table", "-", "--hospital", "NU", "--year", "2026", stdin=DATA)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "table stdin: 49 lines read"
    assert sum(line.startswith("  note: line ") for line in lines) == 3
    assert "NU 2026: 0 lines changed" in lines
    assert (
        "Δ tilläggskostnad 0 kr; R7: delegation (|Δ tilläggskostnad|"
        " at most 3\u00a0000\u00a0000 kr)" in lines
    )
    assert lines[-1] == "nothing to change: the plan already holds this table"


def test_cli_refuses_a_bad_table_listing_every_problem(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(
        DATA.replace(b"Ortopedi\t", b"Ortoped\t").replace(b"Hud\t4 500", b"Hud\t4 500,5")
    )
    result = run_cli(db_path, "import-table", str(bad), "--hospital", "NU", "--year", "2026")
    assert result.exit_code == 2
    assert (
        "  error: line 20: Hud: uppdrag 4 500,5 has decimals: volumes are whole numbers"
        in result.stderr
    )
    assert "did you mean 'Ortopedi'?" in result.stderr
    assert result.stderr.splitlines()[-1] == "error: 3 error(s): nothing was imported"


def test_cli_refuses_empty_binary_and_huge_files_quickly(db_path: Path, tmp_path: Path) -> None:
    empty, binary, huge = tmp_path / "e.txt", tmp_path / "b.bin", tmp_path / "huge.txt"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 4)
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    expected = {
        empty: "error: e.txt: the table is empty",
        binary: "error: b.bin: this is binary data, not a table (it contains NUL bytes)",
        huge: f"error: {huge} is 52 428 800 bytes; an import file may be at most 5 242 880 bytes",
    }
    for path, message in expected.items():
        start = time.perf_counter()
        result = run_cli(db_path, "import-table", str(path), "--hospital", "NU", "--year", "2026")
        assert time.perf_counter() - start < 1
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [message]
