import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from planner.cli.context import default_db_path
from tests.conftest import run_cli


def test_init_then_report_totals(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    result = run_cli(db, "init")
    assert result.exit_code == 0, result.output
    assert "49 lines" in result.output
    report = run_cli(db, "report")
    assert report.exit_code == 0
    assert "Totalsumma" in report.output
    assert (
        "63\u00a0480" in report.output
        and "39\u00a0078" in report.output
        and "24\u00a0402" in report.output
    )
    assert "245\u00a0126\u00a0454" in report.output
    assert "  Förstabesök" in report.output and "    BUP" in report.output


def test_commands_create_default_db_on_first_use() -> None:
    assert not default_db_path().exists()
    result = run_cli(None, "report", "--format", "md")
    assert result.exit_code == 0, result.output
    assert default_db_path().exists()
    assert "| **Totalsumma**" in result.output
    listed = run_cli(None, "snapshot", "list").output
    assert "Beslut OSN 2025-09-25 § 294" in listed and listed.count("\n") == 1


def test_explicit_missing_db_is_not_created(tmp_path: Path) -> None:
    for args in (["report"], ["lines"], ["plan", "list"]):
        result = run_cli(tmp_path / "typo.db", *args)
        assert result.exit_code == 2
        assert f"no database at {tmp_path / 'typo.db'}; run `planner init`" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_env_var_selects_db(db_path: Path) -> None:
    result = run_cli(None, "report", "--format", "json", env={"PLANNER_DB": str(db_path)})
    assert result.exit_code == 0
    assert json.loads(result.output)["totals"]["uppdrag"] == 63480


def test_lines_lists_keys(db_path: Path) -> None:
    out = run_cli(db_path, "lines").output.splitlines()
    keys = [line.split()[0] for line in out]
    assert len(keys) == 49
    assert {
        "somatik/forstabesok/ortopedi",
        "somatik/operation-atgard/hoft-knaprotes",
        "psykiatri/utredning/vup",
        "somatik/undersokning/koloskopi",
    } <= set(keys)


def test_set_applies_r2_and_logs(db_path: Path) -> None:
    result = run_cli(
        db_path, "set", "psykiatri/forstabesok/bup", "uppdrag", "2\u00a0000", "--reason", "kö"
    )
    assert result.exit_code == 0, result.output
    assert (
        "uppdrag 1\u00a0030 → 2\u00a0000" in result.output
        and "tillägg 330 → 1\u00a0300" in result.output
    )
    assert "+2\u00a0427\u00a0910 kr" in result.output
    doc = json.loads(run_cli(db_path, "report", "--format", "json").output)
    assert doc["totals"] == {
        "uppdrag": 64450,
        "bas": 39078,
        "tillagg": 25372,
        "tillagg_cost": 247554364,
    }


def assert_one_error_line(result: Result, message: str | None = None) -> None:
    """A refusal: exit code 2, nothing on stdout, exactly one `error:` line on stderr."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.endswith("\n")
    if message is not None:
        assert result.stderr == f"error: {message}\n"


ORTOPEDI = "somatik/forstabesok/ortopedi"


def test_refused_set_exits_2_and_changes_nothing(db_path: Path) -> None:
    before = db_path.read_bytes()
    refusals = {
        ("bas", "5000"): "bas 5 000 would exceed uppdrag 4 500",
        ("bas", "2.5"): "'2.5' is not a whole number (digits with optional spaces)",
        ("bas", "abc"): "'abc' is not a whole number (digits with optional spaces)",
        ("bas", "10000000"): "10 000 000 is above the maximum 9 999 999",
        ("uppdrag", "100"): "uppdrag 100 would be below bas 2 310",
        ("price_class", "drg"): "'drg' is not a price class; use visit, treatment or endoscopy",
    }
    for (field, value), message in refusals.items():
        assert_one_error_line(run_cli(db_path, "set", ORTOPEDI, field, value), message)
    negative = run_cli(db_path, "set", ORTOPEDI, "bas", "--", "-5")
    assert_one_error_line(negative, "-5 is negative: a volume must be 0 or more")
    assert_one_error_line(
        run_cli(db_path, "set", "nope/x/y", "bas", "1"),
        "no line 'nope/x/y' in NU 2026; `planner lines` lists the keys",
    )
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["set", ORTOPEDI, "bas", "-1"],
        ["set", ORTOPEDI, "bas"],
        ["set", ORTOPEDI, "volym", "1"],
        ["report", "--format", "pdf"],
        ["frobnicate"],
    ],
    ids=["negative-as-option", "missing-value", "unknown-field", "unknown-format", "no-command"],
)
def test_usage_errors_are_one_line(db_path: Path, args: list[str]) -> None:
    """Mistyped commands, options and arguments are refusals too: one `error:` line, exit 2."""
    before = db_path.read_bytes()
    assert_one_error_line(run_cli(db_path, *args))
    assert db_path.read_bytes() == before


def test_export_formats(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    assert run_cli(db_path, "export", "--format", "json", "--output", str(out)).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "planner.plan/1"
    assert doc["hospital"] == {"code": "NU", "name": "NU-sjukvården"}
    assert doc["prices"] == {"visit": 2503, "treatment": 35795, "endoscopy": 4955}
    assert len(doc["lines"]) == 49
    first = doc["lines"][0]
    assert first == {
        "key": "psykiatri/forstabesok/bup",
        "area": "Psykiatri",
        "category": "Förstabesök",
        "line": "BUP",
        "uppdrag": 1030,
        "bas": 700,
        "tillagg": 330,
        "price_class": "visit",
        "unit_price": 2503,
        "tillagg_cost": 825990,
        "note": "",
    }
    assert doc["totals"]["tillagg_cost"] == 245126454
    csv_out = tmp_path / "plan.csv"
    assert (
        run_cli(
            db_path, "export", "--format", "csv", "--sep", ";", "--output", str(csv_out)
        ).exit_code
        == 0
    )
    raw = csv_out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[-1]["row"] == "total" and rows[-1]["tillagg_cost"] == "245126454"
    for fmt in ("md", "text"):
        target = tmp_path / f"plan.{fmt}"
        assert run_cli(db_path, "export", "--format", fmt, "--output", str(target)).exit_code == 0
        assert "245\u00a0126\u00a0454" in target.read_text(encoding="utf-8")


def test_export_to_unwritable_path_is_one_line(db_path: Path, tmp_path: Path) -> None:
    result = run_cli(
        db_path, "export", "--format", "json", "--output", str(tmp_path / "missing" / "x.json")
    )
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot write") and result.output.count("\n") == 1


def test_plan_create_and_list(db_path: Path) -> None:
    assert run_cli(db_path, "plan", "create", "--hospital", "SU", "--year", "2026").exit_code == 0
    copied = run_cli(
        db_path, "plan", "create", "--hospital", "SV", "--year", "2026", "--copy-from", "NU/2026"
    )
    assert copied.exit_code == 0, copied.output
    listing = run_cli(db_path, "plan", "list").output
    assert "NU" in listing and "SU" in listing and "SV" in listing
    sv = json.loads(run_cli(db_path, "report", "--hospital", "SV", "--format", "json").output)
    assert sv["totals"]["uppdrag"] == 63480 and sv["prices"]["endoscopy"] == 4459
    missing = run_cli(db_path, "plan", "create", "--hospital", "NU", "--year", "2027")
    assert missing.exit_code == 2 and "no 2027 price list" in missing.output
    bad_ref = run_cli(
        db_path, "plan", "create", "--hospital", "SU", "--year", "2027", "--copy-from", "NU"
    )
    assert bad_ref.exit_code == 2


def test_foreign_file_is_one_line_error(tmp_path: Path) -> None:
    foreign = tmp_path / "x.db"
    foreign.write_text("hello")
    result = run_cli(foreign, "report")
    assert result.exit_code == 2
    assert result.output == f"error: {foreign} is not a planner database (not an SQLite file)\n"


@pytest.mark.parametrize(
    "args", [[], ["report"], ["set"], ["export"], ["plan"], ["plan", "create"], ["init"], ["lines"]]
)
def test_help_everywhere(args: list[str]) -> None:
    result = run_cli(None, *args, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_version() -> None:
    assert run_cli(None, "--version").output.startswith("planner, version ")


def test_real_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "PLANNER_DB": str(tmp_path / "sub.db")}
    cmd = [sys.executable, "-m", "planner.cli"]
    init = subprocess.run([*cmd, "init"], env=env, capture_output=True, text=True, check=False)
    assert init.returncode == 0, init.stderr
    refused = subprocess.run(
        [*cmd, "set", "psykiatri/forstabesok/bup", "bas", "5000"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2
    assert refused.stderr == "error: bas 5 000 would exceed uppdrag 1 030\n"
    assert "Traceback" not in refused.stderr


def test_set_price_class(db_path: Path) -> None:
    katarakt = "somatik/operation-atgard/katarakt"
    result = run_cli(db_path, "set", katarakt, "price_class", "visit")
    assert result.exit_code == 0, result.output
    assert (
        "price class treatment → visit" in result.output
        and "(-24\u00a0969\u00a0000 kr)" in result.output
    )
    doc = json.loads(run_cli(db_path, "report", "--format", "json").output)
    line = next(line for line in doc["lines"] if line["key"] == katarakt)
    assert line["price_class"] == "visit" and line["tillagg_cost"] == 750 * 2503
    refused = run_cli(db_path, "set", katarakt, "price_class", "drg")
    assert refused.exit_code == 2 and "not a price class" in refused.output


def test_a_psychiatric_line_stays_a_visit(db_path: Path) -> None:
    refused = run_cli(db_path, "set", "psykiatri/behandling/vup", "price_class", "treatment")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "error: VUP (Behandling) is a psychiatric line: rule R3 prices every first visit and"
        " every psychiatric line as a visit, so it cannot be treatment\n"
    )
    same = run_cli(db_path, "set", "psykiatri/behandling/vup", "price_class", "visit")
    assert same.output.endswith("[unchanged]\n")
    hud = run_cli(db_path, "set", "somatik/forstabesok/hud", "price_class", "endoscopy")
    assert "Hud (Förstabesök) is a first visit: rule R3" in hud.stderr
