"""`planner indicators` and `planner places` through the CLI: the worked examples, --due,
the JSON keys, CSV and XLSX, imports of invented decisions, refusals."""

import io
import json
from pathlib import Path

import openpyxl

from tests.conftest import run_cli
from tests.test_decision_register import INVENTED, NH_DOC, PLACES

WORKED = [
    ("27", "2026-05", "92,4", "✗ not met (+2.4 pp)"),
    ("29", "2026-08", "8,5", "✓ met (0.0 pp)"),
    ("1", "2026-08", "89,9", "✗ not met (-0.1 pp)"),
    ("20", "2026-08", "90,0", "✗ not met (0.0 pp)"),
    ("38", "2026-08", "2,0", "✓ met (0.0 pp)"),
    ("8", "2026", "15", "✗ not met (short by 1)"),
    ("13", "2026-08", "Nej", "✗ not met"),
    ("26", "2026-04", "120", "? to judge"),
    ("26", "2026-05", "118", "✗ not met (-2 on 2026-04)"),
]


def test_the_worked_examples_through_the_cli(db_path: Path) -> None:
    for ident, period, value, shown in WORKED:
        out = run_cli(db_path, "indicators", "set", ident, period, value, check=True).output
        assert shown in out and "[saved]" in out
    again = run_cli(db_path, "indicators", "set", "27", "2026-05", "92.4", check=True).output
    assert "[unchanged]" in again
    assert run_cli(db_path, "check", check=True).output.count("ok") == 1


def test_due_lists_what_the_august_interim_needs(db_path: Path) -> None:
    run_cli(db_path, "indicators", "set", "29", "2026-08", "8,5", check=True)
    out = run_cli(db_path, "indicators", "--due", "2026-08", check=True).output
    assert "due for 2026-08" in out
    assert "2026-08: 8.5" in out and "✓ met" in out
    numbers = {row.split()[0] for row in out.splitlines()[5:] if row[:1].isdigit()}
    assert "8" not in numbers  # "Helår" only: due in December
    assert {"1", "27", "29", "13"} <= numbers
    december = run_cli(db_path, "indicators", "--due", "2026-12", "--format", "json").output
    due = {i["number"]: i["due"] for i in json.loads(december)["indicators"]}
    assert due[8] == ["2026"] and due[27] == ["2026-12"] and due[29] == ["2026"]


def test_json_has_the_named_keys(db_path: Path) -> None:
    run_cli(
        db_path, "indicators", "set", "27", "2026-05", "92,4", "--note", "[red]x[/]", check=True
    )
    document = json.loads(run_cli(db_path, "indicators", "--format", "json", check=True).output)
    by_number = {i["number"]: i for i in document["indicators"]}
    bed = by_number[27]
    assert {"id", "area", "text", "target", "schedule", "outcomes"} <= bed.keys()
    assert bed["target"] == {"kind": "le", "value": 90, "printed": "≤ 90 %"}
    assert bed["schedule"] == ["monthly"]
    assert bed["outcomes"] == [
        {
            "period": "2026-05",
            "value": 92.4,
            "status": "not met",
            "gap": "+2.4 pp",
            "note": "[red]x[/]",
            "judged_by_a_person": False,
        }
    ]
    assert by_number[29]["target"]["value"] == 8.5
    assert by_number[8]["target"] == {"kind": "count", "value": 16, "printed": "VGR: 140 NU: 16"}
    assert by_number[23]["filled_from"] == "follow-up"
    assert by_number[39]["check_note"].startswith("the printed row has its columns shifted")
    assert len(document["indicators"]) == 41


def test_csv_and_xlsx(db_path: Path, tmp_path: Path) -> None:
    run_cli(db_path, "indicators", "set", "26", "2026-04", "120", "--note", "=1+1", check=True)
    run_cli(db_path, "indicators", "set", "26", "2026-05", "118", check=True)
    text = run_cli(db_path, "indicators", "--format", "csv", check=True).output
    rows = [line for line in text.splitlines() if line.startswith("NU-2026-26,")]
    assert len(rows) == 2 and "'=1+1" in rows[0] and ",not met," in rows[1]
    out = tmp_path / "register.xlsx"
    run_cli(db_path, "indicators", "--format", "xlsx", "--output", str(out), check=True)
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))["Indicators"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    egen = [row for row in values if row[0] == "NU-2026-26"]
    assert [row[9:12] for row in egen] == [
        ["2026-04", "120", "to judge"],
        ["2026-05", "118", "not met"],
    ]


def test_refusals_name_the_problem_and_save_nothing(db_path: Path) -> None:
    cases = [
        (("23", "2026-05", "99"), "filled from the follow-up"),
        (("2", "2026", "1"), "refers to"),
        (("27", "2026-13", "90"), "is not a period"),
        (("27", "2027-01", "90"), "outside the register's years"),
        (("27", "2026-05", "hög"), "is not a number"),
        (("13", "2026-08", "kanske"), "is not Ja or Nej"),
        (("99", "2026-05", "1"), "has no indicator"),
    ]
    for args, message in cases:
        result = run_cli(db_path, "indicators", "set", *args)
        assert result.exit_code == 2 and message in result.output, result.output
    assert run_cli(db_path, "indicators", "--due", "2026-8").exit_code == 2
    assert "no indicator register" in run_cli(db_path, "--hospital", "SU", "indicators").output
    doc = json.loads(run_cli(db_path, "indicators", "--format", "json").output)
    assert all(not i["outcomes"] for i in doc["indicators"])


def test_import_an_invented_register_dry_run_then_for_real(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "decision.txt"
    source.write_text(INVENTED, encoding="utf-8")
    args = ("--hospital", "SU", "--year", "2027", "indicators", "import", str(source))
    dry = run_cli(db_path, *args, "--dry-run", check=True).output
    assert "would add 6" in dry and "check SU-2027-5" in dry
    assert (
        "no indicator register"
        in run_cli(db_path, "--hospital", "SU", "--year", "2027", "indicators").output
    )
    assert "added 6" in run_cli(db_path, *args, check=True).output
    assert "unchanged 6" in run_cli(db_path, *args, check=True).output
    shown = run_cli(db_path, "--hospital", "SU", "--year", "2027", "indicators", check=True).output
    assert "max 3%" in shown
    nh = tmp_path / "nh.txt"
    nh.write_text(NH_DOC, encoding="utf-8")
    unknown = run_cli(db_path, "--hospital", "XH", "indicators", "import", str(nh))
    assert unknown.exit_code == 2 and "'XH' is not a hospital code" in unknown.output
    out = run_cli(
        db_path,
        "--hospital",
        "NH",
        "--year",
        "2028",
        "indicators",
        "import",
        str(nh),
        "--until",
        "2030",
    ).output
    assert "3 indicators read; added 3" in out
    later = run_cli(db_path, "--hospital", "NH", "--year", "2030", "indicators", check=True).output
    assert "Antal besök" in later
    run_cli(db_path, "check", check=True)


def test_places_show_edit_flag_and_import(db_path: Path, tmp_path: Path) -> None:
    out = run_cli(db_path, "places", check=True).output
    assert "292  (as printed)" in out and "Psykiatri" in out and "108  (no printed total)" in out
    refused = run_cli(db_path, "places", "set", "AT", "NU", "72")
    assert refused.exit_code == 2 and "reason" in refused.output
    changed = run_cli(
        db_path, "places", "set", "AT", "NU", "72", "--reason", "två till", check=True
    )
    assert "70 → 72" in changed.output and "differs from the printed total 292" in changed.output
    shown = json.loads(run_cli(db_path, "places", "--format", "json", check=True).output)
    assert shown["tables"][0]["differs"] is True and shown["tables"][0]["total"] == 294
    source = tmp_path / "places.txt"
    source.write_text(PLACES, encoding="utf-8")
    unknown = run_cli(db_path, "places", "import", str(source))
    assert unknown.exit_code == 2 and "'Sjukhus A' is not a hospital's name" in unknown.output
    names = PLACES.replace("Sjukhus A", "NU-sjukvården").replace("Sjukhus B", "Skaraborgs Sjukhus")
    source.write_text(names, encoding="utf-8")
    out = run_cli(db_path, "places", "import", str(source), check=True).output
    assert "'Psykatri' read as 'Psykiatri'" in out
    later = run_cli(db_path, "places", "--year", "2027", check=True).output
    assert "1\u00a0022" in later and "differs from the printed total 1\u00a0020" in later
    run_cli(db_path, "check", check=True)


def test_the_outcome_log_names_who_what_and_why(db_path: Path) -> None:
    assert "no outcome" in run_cli(db_path, "indicators", "log", check=True).output
    run_cli(db_path, "indicators", "set", "27", "2026-05", "92,4", "--note", "wards", check=True)
    run_cli(db_path, "indicators", "set", "27", "2026-05", "91", "--reason", "rättad", check=True)
    run_cli(db_path, "indicators", "set", "29", "2026-08", "8", check=True)
    lines = run_cli(db_path, "indicators", "log", "27", check=True).output.splitlines()
    assert [line.split("  ", 2)[2] for line in lines] == [
        "27 2026-05 value: nothing → 92.4  [cli]",
        "27 2026-05 note: nothing → wards  [cli]",
        "27 2026-05 value: 92.4 → 91  [cli]  «rättad»",
    ]
    cleared = run_cli(db_path, "indicators", "clear", "27", "2026-05", "--reason", "fel period")
    assert cleared.output == "NU-2026-27 2026-05: 91 removed; not reported again\n"
    again = run_cli(db_path, "indicators", "clear", "27", "2026-05", check=True).output
    assert again == "NU-2026-27 2026-05: no outcome stored; nothing changed\n"
    lines = run_cli(db_path, "indicators", "log", "27", check=True).output.splitlines()
    assert lines[-2].split("  ", 2)[2] == "27 2026-05 value: 91 → nothing  [cli]  «fel period»"
    assert lines[-1].split("  ", 2)[2] == "27 2026-05 note: wards → nothing  [cli]  «fel period»"


def test_document_text_is_data_never_markup(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "decision.txt"
    source.write_text(INVENTED.replace("Andel <i>snabba</i> svar", "Andel [red]snabba[/] svar"))
    args = ("--hospital", "SU", "--year", "2027")
    run_cli(db_path, *args, "indicators", "import", str(source), check=True)
    shown = run_cli(db_path, *args, "indicators", check=True).output
    assert "Andel [red]snabba[/] svar" in shown
    semi = run_cli(db_path, *args, "indicators", "--format", "csv", "--sep", ";", check=True)
    assert semi.output.startswith("id;number;area;")


def test_a_person_judges_a_target_in_words(db_path: Path) -> None:
    out = run_cli(db_path, "indicators", "set", "25", "2026-08", "Fungerar delvis", check=True)
    assert "? to judge" in out.output
    judged = run_cli(
        db_path, "indicators", "set", "25", "2026-08", "Fungerar delvis", "--judged", "not-met"
    )
    assert "✗ not met (judged by a person) [saved]" in judged.output
    document = json.loads(run_cli(db_path, "indicators", "--format", "json", check=True).output)
    [outcome] = next(i for i in document["indicators"] if i["number"] == 25)["outcomes"]
    assert (outcome["status"], outcome["judged_by_a_person"]) == ("not met", True)
    refused = run_cli(db_path, "indicators", "set", "27", "2026-05", "92", "--judged", "met")
    assert refused.exit_code == 2 and "judged by its figure" in refused.output
    note = run_cli(db_path, "indicators", "set", "25", "2026-08", "Fungerar delvis", "--note", "x")
    assert "[saved]" in note.output and "✗ not met" in note.output  # the verdict is kept


def test_import_takes_whose_and_which_years_from_the_title(db_path: Path, tmp_path: Path) -> None:
    titled = tmp_path / "nh.txt"
    heading = "# Utökat uppdrag 2028\u20132030 från nämnden till styrelsen för Närhälsan\n\n"
    titled.write_text(heading + NH_DOC, encoding="utf-8")
    out = run_cli(db_path, "indicators", "import", str(titled), check=True).output
    assert "NH 2028 to 2030: 3 indicators read; added 3" in out
    assert (
        "Antal besök" in run_cli(db_path, "--hospital", "NH", "--year", "2029", "indicators").output
    )
    refused = run_cli(db_path, "--hospital", "NU", "indicators", "import", str(titled))
    assert refused.exit_code == 2
    assert "is Närhälsan's decision (its title), not NU's; nothing was imported" in refused.output
    assert (
        len(json.loads(run_cli(db_path, "indicators", "--format", "json").output)["indicators"])
        == 41
    )


def test_import_decision_brings_in_the_register_and_places_too(
    db_path: Path, tmp_path: Path
) -> None:
    from tests.decision_documents import hospital_decision

    places = PLACES.replace("Sjukhus A", "Sjukhusen i väster").replace(
        "Sjukhus B", "Skaraborgs Sjukhus"
    )
    document = hospital_decision(board="Sjukhusen i väster", year=2027)
    path = tmp_path / "sv.txt"
    path.write_text(f"{document}\n\n{places}\n\n{INVENTED}\n", encoding="utf-8")
    dry = run_cli(db_path, "import-decision", str(path), "--dry-run", check=True).output
    assert "indicators: 6 read; 6 new" in dry and "training places: 4 read, 5 to change" in dry
    assert "note: indicator SV-2027-5: the printed row has its columns shifted" in dry
    args = ("--hospital", "SV", "--year", "2027")
    assert "no indicator register" in run_cli(db_path, *args, "indicators").output
    done = run_cli(db_path, "import-decision", str(path), check=True).output
    assert "6 indicators added or changed" in done and "5 rows of training places changed" in done
    assert "max 3%" in run_cli(db_path, *args, "indicators", check=True).output
    assert "Psykiatri" in run_cli(db_path, "places", "--year", "2027", check=True).output
    again = run_cli(db_path, "import-decision", str(path), check=True).output
    assert "nothing to change" in again
    run_cli(db_path, "check", check=True)
