"""The follow-up through the command line: import, set/clear, followup, settlement, phasing."""

import json
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import run_cli

ORT = "somatik/forstabesok/ortopedi"
WIDE = f"key;jan;feb;mar;apr\n{ORT};400;380;420;400\n"


def write(tmp_path: Path, name: str, text: str, bom: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8-sig" if bom else "utf-8"))
    return path


def test_worked_example_end_to_end(db_path: Path, tmp_path: Path) -> None:
    first = run_cli(db_path, "outcomes", "import", str(write(tmp_path, "u.csv", WIDE)))
    assert first.exit_code == 0, first.output
    assert first.output.startswith("NU 2026: imported u.csv (sha256 ")
    assert first.output.endswith(": 4 values changed, 0 unchanged\n")
    again = run_cli(db_path, "outcomes", "import", str(tmp_path / "u.csv"))
    assert again.output == "NU 2026: u.csv changes nothing (4 values already stored)\n"
    doc = json.loads(run_cli(db_path, "followup", "--format", "json").output)
    row = next(r for r in doc["rows"] if r["key"] == ORT)
    assert doc["month"] == 4
    assert row["months"] == [400, 380, 420, 400, *[None] * 8]
    assert (row["performed"], row["planned"], row["bas_to_date"]) == (1600, 1500, 770)
    assert (row["fulfilment"], row["earned_units"], row["earned_kr"]) == ("106.7 %", 830, 2_077_490)
    assert (row["forecast"], row["forecast_units"], row["forecast_kr"]) == (4800, 2190, 5_481_570)
    text = run_cli(db_path, "followup").output
    ortopedi = " ".join(next(line for line in text.splitlines() if "Ortopedi" in line).split())
    assert ortopedi == "Ortopedi 400 380 420 400 1 600 1 500 106.7 % 830 2 077 490 4 800 5 481 570"
    settled = run_cli(db_path, "settlement", "--tertial", "1").output
    assert (
        "T1 (Jan\u2013Apr)  preliminary  visit            2\u00a0077\u00a0490"
        "     2\u00a0077\u00a0490" in settled
    )


def test_import_is_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.csv",
        f"key,month,performed\n{ORT},1,400\nsomatik/forstabesok/ortoped,2,1\n{ORT},1,5\n",
        bom=False,
    )
    result = run_cli(db_path, "outcomes", "import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "  bad.csv: row 3, column A (key): no line 'somatik/forstabesok/ortoped' in this plan;"
        f" did you mean '{ORT}'?",
        f"  bad.csv: row 4, column C (performed): {ORT} month 1 is also on row 2",
        "error: NU 2026: 2 problem(s) in bad.csv; nothing was imported",
    ]
    assert run_cli(db_path, "log").output == ""


def test_xlsx_import_and_wrong_plan(db_path: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["hospital", "year", "key", "month", "performed"])
    sheet.append(["NU", 2026, ORT, "2026-01", 400])
    book.save(tmp_path / "o.xlsx")
    ok = run_cli(db_path, "outcomes", "import", str(tmp_path / "o.xlsx"))
    assert "1 values changed" in ok.output
    sheet.append(["SU", 2026, ORT, 2, 1])
    book.save(tmp_path / "o.xlsx")
    wrong = run_cli(db_path, "outcomes", "import", str(tmp_path / "o.xlsx"))
    assert wrong.exit_code == 2
    assert "row 3, column A (hospital): hospital 'SU' is not this plan's (NU)" in wrong.stderr


def test_set_clear_and_log(db_path: Path, frozen: None) -> None:
    assert (
        run_cli(db_path, "outcomes", "set", ORT, "maj", "1\u00a0200").output
        == f"NU 2026: {ORT} May not reported → 1\u00a0200 [saved]\n"
    )
    assert run_cli(db_path, "outcomes", "clear", ORT, "5").output == (
        f"NU 2026: {ORT} May 1\u00a0200 → not reported [saved]\n"
    )
    bad = run_cli(db_path, "outcomes", "set", ORT, "13", "1")
    assert (bad.exit_code, bad.stderr) == (
        2,
        "error: '13' is not a month; use 1..12 or a name such as april\n",
    )
    unknown = run_cli(db_path, "outcomes", "set", "x/y/z", "1", "1")
    assert "error: no line 'x/y/z' in NU 2026" in unknown.stderr
    log = run_cli(db_path, "log").output.splitlines()
    assert [line.split("Somatik / Förstabesök / Ortopedi")[1] for line in log] == [
        "  performed May not reported → 1\u00a0200  [cli]",
        "  performed May 1\u00a0200 → not reported  [cli]",
    ]


def test_followup_without_outcomes_and_xlsx_needs_output(db_path: Path) -> None:
    empty = run_cli(db_path, "followup")
    assert empty.stderr == (
        "error: NU 2026 has no outcomes yet; `planner outcomes import FILE` adds them\n"
    )
    assert run_cli(db_path, "followup", "--month", "3", "--format", "xlsx").stderr == (
        "error: xlsx needs --output FILE\n"
    )


def test_phasing_changes_plan_to_date(db_path: Path, frozen: None) -> None:
    days = ["20", "19", "22", "21", "20", "20", "22", "15", "22", "23", "20", "17"]
    out = run_cli(db_path, "phasing", "set", *days, "--reason", "working days").output
    assert out == f"NU 2026: phasing {' '.join(days)} [saved]\n"
    shown = run_cli(db_path, "phasing", "show").output.splitlines()
    assert shown[1:4] == [
        "  Jan       20    8.3 %",
        "  Feb       19   16.2 %",
        "  Mar       22   25.3 %",
    ]
    assert shown[-1] == (
        "2026-03-02 10:15 CET  anna  1 1 1 1 1 1 1 1 1 1 1 1 → "
        + " ".join(days)
        + "  [cli]  «working days»"
    )
    run_cli(db_path, "outcomes", "set", ORT, "3", "0")
    doc = json.loads(run_cli(db_path, "followup", "--format", "json").output)
    row = next(r for r in doc["rows"] if r["key"] == ORT)
    assert (row["planned"], row["bas_to_date"]) == (1139, 585)  # 4 500 * 61/241, 2 310 * 61/241
    bad = run_cli(db_path, "phasing", "set", *days[:11], "0")
    assert bad.stderr == (
        "error: NU 2026: the weight for month 12 is 0;"
        " weights are whole numbers from 1 to 9999999\n"
    )


def test_xlsx_keeps_the_followup_alive(db_path: Path, tmp_path: Path) -> None:
    run_cli(db_path, "outcomes", "import", str(write(tmp_path, "u.csv", WIDE)))
    out = tmp_path / "f.xlsx"
    assert run_cli(db_path, "followup", "--format", "xlsx", "--output", str(out)).exit_code == 0
    sheet = load_workbook(out)["Follow-up"]
    header = [c.value for c in sheet[1]]
    r = next(row[0].row for row in sheet.iter_rows() if row[1].value == ORT)
    assert r is not None
    cell = {name: sheet.cell(r, i + 1).value for i, name in enumerate(header)}
    assert (cell["Jan"], cell["Apr"], cell["May"]) == (400, 400, None)
    assert cell["To date"] == f"=SUM(H{r}:K{r})"
    assert (cell["Plan to date"], cell["Bas to date"]) == (1500, 770)
    assert cell["Earned units"] == f"=MIN(MAX(T{r}-W{r},0),G{r})"
    assert cell["Earned kr"] == f"=X{r}*D{r}"
    assert cell["Forecast"] == f"=ROUND(T{r}/About!$B$5,0)"
    assert cell["Unit price"] == 2503
    total = sheet.cell(sheet.max_row, 24).value
    assert isinstance(total, str) and total.startswith("=SUM(X")
    assert load_workbook(out)["About"]["B5"].value == "=1/3"
    cached = load_workbook(out, data_only=True)["Follow-up"]
    value = {name: cached.cell(r, i + 1).value for i, name in enumerate(header)}
    assert (value["To date"], value["Earned units"], value["Earned kr"]) == (1600, 830, 2_077_490)
    assert (value["Forecast"], value["Forecast units"], value["Forecast kr"]) == (
        4800,
        2190,
        5_481_570,
    )
    fulfilment = value["Fulfilment"]
    assert isinstance(fulfilment, float) and round(fulfilment, 3) == 1.067
    totals = {name: cached.cell(sheet.max_row, i + 1).value for i, name in enumerate(header)}
    assert (totals["Earned units"], totals["Earned kr"]) == (830, 2_077_490)
    assert load_workbook(out, data_only=True)["About"]["B5"].value == 1 / 3


def test_the_example_file_imports_as_the_readme_says(db_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "outcomes-example.csv"
    assert "INVENTED NUMBERS" in example.read_text(encoding="utf-8").splitlines()[0]
    result = run_cli(db_path, "outcomes", "import", str(example))
    assert result.output.endswith(": 56 values changed, 0 unchanged\n")
    settled = run_cli(db_path, "settlement", "--format", "json").output
    t1 = json.loads(settled)["tertials"][0]
    assert (t1["status"], t1["earned"]["total"], t1["payment"]["total"]) == (
        "preliminary",
        34_647_124,
        34_647_124,
    )
