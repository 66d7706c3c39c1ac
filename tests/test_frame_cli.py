"""`planner import-decision`, `planner frame` and `planner payments` through the CLI (R11)."""

import io
import json
from pathlib import Path

import openpyxl
from sqlite_utils import Database

from db.outcomes import load_outcomes
from db.phasing import load_phasing
from db.plans import load_plan
from db.setup import open_database
from planner.followup.settlement import settle
from tests.conftest import run_cli
from tests.decision_documents import NARHALSAN, hospital_decision, seeded_nu_decision

NBSP = "\u00a0"
ORT = "somatik/forstabesok/ortopedi"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def audit_count(db_path: Path) -> int:
    db = Database(db_path)
    count = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    db.conn.close()
    return int(count)


def test_the_seeded_frame_as_text_and_json(db_path: Path) -> None:
    text = run_cli(db_path, "frame", check=True).output
    for shown in ("5 561 881", "122 361", "5 684 242", "+235 082", "5 919 324", "5 904 742"):
        assert shown.replace(" ", NBSP) in text
    assert "+357 443 (+6.4 %) on 2025".replace(" 4", f"{NBSP}4") in text
    assert (
        "13 adjustments (+414 134 / -179 052)".replace("4 1", f"4{NBSP}1").replace(
            "9 0", f"9{NBSP}0"
        )
        in text
    )
    document = json.loads(run_cli(db_path, "frame", "--format", "json", check=True).output)
    assert {"bridge", "adjustments", "frame_tkr", "items", "fixed_tkr", "monthly_tkr"} <= set(
        document
    )
    assert document["bridge"]["subtotal_tkr"] == 5_684_242
    assert len(document["adjustments"]) == 13
    assert sum(a["tkr"] for a in document["adjustments"]) == 235_082
    assert document["frame_tkr"] == 5_919_324
    assert [(i["key"], i["level_tkr"]) for i in document["items"]] == [
        ("utbildningsbefattningar", 9_799),
        ("lakemedelsleveranser", 4_783),
    ]
    assert (document["fixed_tkr"], document["monthly_tkr"]) == (5_904_742, 493_277)
    md = run_cli(db_path, "frame", "--format", "md", check=True).output
    assert md.startswith("# NU 2026") and "| " in md


def test_the_frame_as_xlsx_keeps_live_formulas(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "frame.xlsx"
    assert run_cli(db_path, "frame", "--format", "xlsx").exit_code == 2
    run_cli(db_path, "frame", "--format", "xlsx", "--output", str(out), check=True)
    formulas = openpyxl.load_workbook(out)["Frame"]
    cached = openpyxl.load_workbook(out, data_only=True)["Frame"]
    cells = {row[0].value: row[1].coordinate for row in formulas.iter_rows() if row[0].value}
    assert formulas[cells["Subtotal"]].value.startswith("=")
    assert cached[cells["Subtotal"]].value == 5_684_242
    assert formulas[cells["Frame 2026"]].value.startswith("=")
    assert cached[cells["Frame 2026"]].value == 5_919_324
    assert cached[cells["Fixed part"]].value == 5_904_742
    assert cached[cells["Monthly instalment"]].value == 493_277


def test_the_august_example(db_path: Path) -> None:
    run_cli(db_path, "frame", "actual", "1", "6000", "--month", "8", check=True)
    run_cli(db_path, "frame", "actual", "lakemedelsleveranser", "3 300", "--month", "8", check=True)
    run_cli(db_path, "outcomes", "set", ORT, "8", "3000", check=True)
    document = json.loads(
        run_cli(db_path, "payments", "--month", "8", "--format", "json", check=True).output
    )
    db = open_database(db_path)
    plan = load_plan(db, "NU", 2026)
    tertials = settle(plan, load_outcomes(db, plan.plan_id), load_phasing(db, plan.plan_id), 8)
    db.conn.close()
    earned = tertials[1].earned["total"]
    assert earned > 0
    assert document["month"] == 8
    assert document["frame_paid_tkr"] == 3_946_216
    assert [i["adjustment_tkr"] for i in document["items"]] == [-533, 0]
    assert [i["level_to_date_tkr"] for i in document["items"]] == [6_533, 3_189]
    assert document["item_adjustments_tkr"] == -533
    assert document["tillagg_kr"] == earned
    assert document["total_kr"] == 3_945_683_000 + earned
    text = run_cli(db_path, "payments", check=True).output  # the latest reported month: August
    assert "3 945 683".replace(" ", NBSP) in text and "August" in text


def test_payments_before_anything_is_reported_need_a_month(db_path: Path) -> None:
    result = run_cli(db_path, "payments")
    assert result.exit_code == 2 and "give --month" in result.stderr
    document = json.loads(run_cli(db_path, "payments", "--month", "3", "--format", "json").output)
    assert document["settled_at"] is None and document["item_adjustments_tkr"] == 0


def test_adjustments_are_edited_with_a_reason_and_the_frame_follows(db_path: Path) -> None:
    refused = run_cli(db_path, "frame", "adjust", "add", "Invented", "1000", "--reason", "")
    assert refused.exit_code == 2 and "reason" in refused.stderr
    added = run_cli(db_path, "frame", "adjust", "add", "Ny satsning", "1000", "--reason", "OSN §1")
    assert "adjustment 14 added" in added.output
    assert f"5{NBSP}920{NBSP}324 tkr" in added.output
    changed = run_cli(db_path, "frame", "adjust", "change", "14", "--tkr", "-500", "--reason", "r")
    assert f"5{NBSP}918{NBSP}824 tkr" in changed.output
    removed = run_cli(db_path, "frame", "adjust", "remove", "8", "--reason", "moved")
    assert "-175" in removed.output
    document = json.loads(run_cli(db_path, "frame", "--format", "json").output)
    assert len(document["adjustments"]) == 13
    assert document["frame_tkr"] == 5_919_324 - 500 + 175_697
    missing = run_cli(db_path, "frame", "adjust", "remove", "99", "--reason", "x")
    assert missing.exit_code == 2 and "no adjustment 99" in missing.stderr
    assert run_cli(db_path, "check").exit_code == 0
    db = Database(db_path)
    reasons = [
        r[0] for r in db.execute("SELECT reason FROM audit_log WHERE tbl = 'frame_adjustments'")
    ]
    db.conn.close()
    assert "OSN §1" in reasons and "moved" in reasons


def test_importing_the_seeded_decision_again_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "nu.txt", seeded_nu_decision())
    before = audit_count(db_path)
    result = run_cli(db_path, "import-decision", str(path), check=True)
    assert "nothing to change" in result.output
    assert audit_count(db_path) == before


def test_a_new_hospital_year_is_imported_whole_and_only_once(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "sv.txt", hospital_decision(board="Sjukhusen i väster", year=2027))
    before = audit_count(db_path)
    dry = run_cli(db_path, "import-decision", str(path), "--dry-run", check=True)
    assert "Sjukhusen i väster 2027" in dry.output and "dry run: nothing was written" in dry.output
    assert audit_count(db_path) == before
    done = run_cli(db_path, "import-decision", str(path), check=True)
    assert "the plan created" in done.output
    shown = json.loads(
        run_cli(db_path, "--hospital", "SV", "--year", "2027", "frame", "--format", "json").output
    )
    assert shown["frame_tkr"] == 5_919_324
    prices = run_cli(db_path, "prices", "--year", "2027", check=True).output
    assert f"4{NBSP}459" in prices
    after = audit_count(db_path)
    again = run_cli(db_path, "import-decision", str(path), check=True)
    assert "nothing to change" in again.output and audit_count(db_path) == after
    assert run_cli(db_path, "check").exit_code == 0


def test_a_disagreeing_total_is_refused_unless_accepted(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "bad.txt", hospital_decision(year=2027, frame="5 919 000"))
    before = audit_count(db_path)
    refused = run_cli(db_path, "import-decision", str(path))
    assert refused.exit_code == 2
    assert f"prints a frame of 5{NBSP}919{NBSP}000" in refused.stderr
    assert "nothing was imported" in refused.stderr
    assert audit_count(db_path) == before
    accepted = run_cli(db_path, "import-decision", str(path), "--accept-total-mismatch")
    assert accepted.exit_code == 0, accepted.output
    assert "mismatch accepted" in accepted.output


def test_options_override_the_title(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", hospital_decision(year=2027))
    result = run_cli(db_path, "import-decision", str(path), "--hospital", "SU", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Sahlgrenska Universitetssjukhuset 2027" in result.output
    assert "the title names NU; imported for SU" in result.output


def test_narhalsan_is_a_provider_without_lines(db_path: Path, tmp_path: Path) -> None:
    document = json.loads(
        run_cli(
            db_path, "--hospital", "NH", "--year", "2025", "frame", "--format", "json", check=True
        ).output
    )
    assert document["frame_kr"] == 16_498_099 and document["frame_printed"] is False
    assert [i["level_kr"] for i in document["items"]] == [6_024_640, 519_000, 2_154_459, 7_800_000]
    assert set(document) >= {
        "bridge",
        "adjustments",
        "frame_tkr",
        "items",
        "fixed_tkr",
        "monthly_tkr",
    }
    text = run_cli(db_path, "--hospital", "NH", "--year", "2025", "frame").output
    assert "not printed in the decision" in text
    path = write(tmp_path, "nh.txt", NARHALSAN)
    assert "nothing to change" in run_cli(db_path, "import-decision", str(path), check=True).output
    plan = run_cli(db_path, "--hospital", "NH", "--year", "2025", "lines")
    assert plan.exit_code == 2 and "no volume lines" in plan.stderr
    region = run_cli(db_path, "region", "--year", "2026", check=True).output
    assert "Närhälsan" not in region
    paid = run_cli(db_path, "--hospital", "NH", "--year", "2025", "payments", "--month", "4")
    assert paid.exit_code == 2 and "kronor" in paid.stderr


def test_not_a_text_file_is_refused(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.7\xff\xfe")
    result = run_cli(db_path, "import-decision", str(path))
    assert result.exit_code == 2 and "not UTF-8 text" in result.stderr
    assert io.StringIO(result.stderr).read().count("\n") == 1


def test_next_years_frame_starts_from_this_years_uplifted(db_path: Path) -> None:
    made = run_cli(
        db_path,
        "plan", "create", "--hospital", "NU", "--year", "2027", "--copy-from", "NU/2026",
        "--uplift-prices-from", "2026", "--uplift", "2.2", "--uplift-frame", "2,2",
        check=True,
    )  # fmt: skip
    assert "started the frame from NU/2026 + 2,2 %" in made.output
    document = json.loads(run_cli(db_path, "--year", "2027", "frame", "--format", "json").output)
    assert document["bridge"]["last_tkr"] == 5_919_324
    assert document["bridge"]["uplift_tkr"] == 130_225  # 130 225.128
    assert document["adjustments"] == []
    assert [i["level_tkr"] for i in document["items"]] == [10_015, 4_888]
    db = Database(db_path)
    reasons = {r[0] for r in db.execute("SELECT reason FROM audit_log WHERE tbl = 'frames'")}
    db.conn.close()
    assert any("frame uplift 2,2 % (as entered) from NU/2026" in r for r in reasons)
    again = run_cli(
        db_path, "plan", "create", "--hospital", "NH", "--year", "2025",
        "--copy-from", "NH/2025", "--uplift-frame", "1",
    )  # fmt: skip
    assert again.exit_code == 2 and "already has a frame" in again.stderr
    nh = run_cli(
        db_path, "plan", "create", "--hospital", "NH", "--year", "2026",
        "--copy-from", "NH/2025", "--uplift-frame", "2.2", check=True,
    )  # fmt: skip
    assert f"16{NBSP}861{NBSP}057 kr" in nh.output
    alone = run_cli(
        db_path, "plan", "create", "--hospital", "SU", "--year", "2026", "--uplift-frame", "2"
    )
    assert alone.exit_code == 2 and "needs --copy-from" in alone.stderr
    assert run_cli(db_path, "check").exit_code == 0


def test_the_decisions_price_table_is_shown(db_path: Path) -> None:
    text = run_cli(db_path, "prices", "table", check=True).output
    assert "Pris/plats/år" in text and f"2{NBSP}666{NBSP}525" in text and "—" in text
    document = json.loads(run_cli(db_path, "prices", "table", "--format", "json").output)
    assert len(document["rows"]) == 11
    bup = document["rows"][3]
    assert bup["prices_kr"] == {
        "SU": 14_961, "NU": 15_153, "SKAS": None, "SAS": 18_052, "SV": None, "calculated": 15_434
    }  # fmt: skip
    missing = run_cli(db_path, "prices", "table", "--year", "2030")
    assert missing.exit_code == 2 and "no decision price table for 2030" in missing.stderr


def test_payments_as_xlsx_keep_live_formulas(db_path: Path, tmp_path: Path) -> None:
    run_cli(db_path, "frame", "actual", "1", "6000", "--month", "8", check=True)
    out = tmp_path / "payments.xlsx"
    run_cli(
        db_path, "payments", "--month", "8", "--format", "xlsx", "--output", str(out), check=True
    )
    formulas = openpyxl.load_workbook(out)["Payments"]
    cached = openpyxl.load_workbook(out, data_only=True)["Payments"]
    assert formulas["B5"].value == "=ROUND(B2*B3/12,0)" and cached["B5"].value == 3_946_216
    assert formulas["E7"].value.startswith("=MIN(") and cached["E7"].value == -533
    assert cached["D8"].value == 3_189 and cached["E8"].value == 0
    labels = {row[0].value: row[0].row for row in formulas.iter_rows() if row[0].value}
    assert cached[f"B{labels['Frame part (tkr)']}"].value == 3_945_683
    assert cached[f"B{labels['Total (kr)']}"].value == 3_945_683_000


def test_an_item_named_by_a_digit_int_cannot_read_is_refused_not_a_crash(db_path: Path) -> None:
    result = run_cli(db_path, "frame", "actual", "²", "--month", "8", "100")
    assert result.exit_code == 2 and "no item '²' in the frame of NU 2026" in result.output


def test_doubtful_actuals_are_kept_with_a_warning_and_cleared(db_path: Path) -> None:
    run_cli(db_path, "frame", "actual", "1", "5000", "--month", "4", check=True)
    fell = run_cli(db_path, "frame", "actual", "1", "4000", "--month", "5", check=True)
    assert f"warning: 4{NBSP}000 tkr to the end of May is less than the 5{NBSP}000 tkr" in (
        fell.stderr
    )
    assert "end of April (Utbildningsbefattningar: Specialistutbildning" in fell.stderr
    high = run_cli(db_path, "frame", "actual", "2", "9567", "--month", "8", check=True)
    assert f"twice the level for the year, 4{NBSP}783 tkr (Läkemedelsleveranser)" in high.stderr
    quiet = run_cli(db_path, "frame", "actual", "2", "3300", "--month", "8", check=True)
    assert "warning" not in quiet.stderr
    cleared = run_cli(db_path, "frame", "actual", "1", "--month", "5", "--clear", check=True)
    assert "→ not reported" in cleared.stdout
    payload = json.loads(run_cli(db_path, "payments", "--month", "8", "--format", "json").stdout)
    assert payload["items"][0]["actual_tkr"] == 5_000


def test_narhalsan_items_take_no_actuals(db_path: Path) -> None:
    refused = run_cli(
        db_path, "--hospital", "NH", "--year", "2025", "frame", "actual", "1", "100", "--month", "3"
    )
    assert refused.exit_code != 0
    assert "settles none of its items against outcome" in refused.stderr
    assert "nothing was saved" in refused.stderr
