import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from tests.conftest import run_cli


def with_su_copy(db: Path) -> None:
    made = run_cli(
        db, "plan", "create", "--hospital", "SU", "--year", "2026", "--copy-from", "NU/2026"
    )
    assert made.exit_code == 0, made.output


def test_region_of_nu_and_su_json(db_path: Path) -> None:
    with_su_copy(db_path)
    doc = json.loads(run_cli(db_path, "region", "--year", "2026", "--format", "json").output)
    assert doc["schema"] == "planner.region/1"
    assert [h["has_plan"] for h in doc["hospitals"]] == [True, True, False, False, False]
    total = doc["rows"][-1]
    assert total["hospitals"]["SU"]["tillagg_cost"] == 245_004_930
    assert total["hospitals"]["NU"]["tillagg_cost"] == 245_126_454
    assert total["hospitals"]["SV"] is None
    assert total["region"]["tillagg_cost"] == doc["totals"]["tillagg_cost"] == 490_131_384
    endoscopy = next(c for c in doc["by_price_class"] if c["price_class"] == "endoscopy")
    assert endoscopy["hospitals"]["SU"]["tillagg_cost"] == 2964 * 4914
    assert endoscopy["hospitals"]["SAS"] is None


def test_region_text_names_missing_plans(db_path: Path) -> None:
    with_su_copy(db_path)
    text = run_cli(db_path, "region").output
    assert "No 2026 plan (shown as —): SkaS, SÄS, SV\n" in text
    assert text.endswith("Region tilläggskostnad: 490\u00a0131\u00a0384 kr\n")
    assert re.search(
        r"endoscopy\s+14\u00a0565\u00a0096\s+14\u00a0686\u00a0620\s+—\s+—\s+—\s+29\u00a0251\u00a0716",
        text,
    )
    assert "| **Totalsumma**" in run_cli(db_path, "region", "--format", "md").output
    rows = list(csv.reader(io.StringIO(run_cli(db_path, "region", "--format", "csv").output)))
    assert rows[0][:6] == ["row", "key", "label", "SU_uppdrag", "SU_tillagg", "SU_cost"]
    assert rows[-1][0] == "total" and rows[-1][-1] == "490131384"
    assert rows[-1][9:12] == ["", "", ""]


def _evaluate(sheet: Any, ref: str) -> int:
    """The formula shapes the region sheet writes: =SUM over cells and ranges; text is skipped."""
    value = sheet[ref].value
    if isinstance(value, str) and not value.startswith("="):
        return 0
    if not isinstance(value, str):
        return int(value)
    total = 0
    for part in value[5:-1].split(","):
        start, _, end = part.partition(":")
        end = end or start
        (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in (start, end))  # type: ignore[union-attr]
        for col in range(column_index_from_string(c1), column_index_from_string(c2) + 1):
            for row in range(int(r1), int(r2) + 1):
                total += _evaluate(sheet, f"{sheet.cell(1, col).column_letter}{row}")
    return total


def test_region_xlsx_computes_the_totals_with_formulas(db_path: Path, tmp_path: Path) -> None:
    with_su_copy(db_path)
    out = tmp_path / "region.xlsx"
    result = run_cli(db_path, "region", "--format", "xlsx", "--output", str(out))
    assert result.output == f"wrote {out} (xlsx, region 2026)\n"
    book = load_workbook(out)
    sheet = book["Region"]
    last = sheet.max_row
    assert sheet["A1"].value == "Line" and sheet["S1"].value == "Region tilläggskostnad"
    assert sheet[f"S{last}"].value == f"=SUM(D{last},G{last})"
    assert _evaluate(sheet, f"D{last}") == 245_004_930
    assert _evaluate(sheet, f"S{last}") == 490_131_384
    assert sheet[f"J{last}"].value == "—"
    classes = book["Price classes"]
    assert classes["G5"].value == "=SUM(B5:F5)"
    assert _evaluate(classes, "G5") == 490_131_384
    assert _evaluate(classes, "G4") == 2964 * (4914 + 4955)
    values = load_workbook(out, data_only=True)
    assert values["Region"][f"S{last}"].value == 490_131_384
    assert values["Region"][f"D{last}"].value == 245_004_930
    assert values["Price classes"]["G5"].value == 490_131_384
    for name in ("Region", "Price classes"):
        for row in book[name].iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert values[name][c.coordinate].value == _evaluate(book[name], c.coordinate)


def test_region_refusals(db_path: Path) -> None:
    assert (
        run_cli(db_path, "region", "--format", "xlsx").output == "error: xlsx needs --output FILE\n"
    )
    empty = run_cli(db_path, "region", "--year", "2030")
    assert (empty.exit_code, empty.output) == (
        2,
        "error: no plan for 2030; `planner plan list` shows the plans\n",
    )


def test_a_price_change_moves_the_region_at_once(db_path: Path) -> None:
    with_su_copy(db_path)
    run_cli(db_path, "prices", "set", "--year", "2026", "endoscopy", "5000", "--hospital", "SU")
    doc = json.loads(run_cli(db_path, "region", "--format", "json").output)
    assert doc["totals"]["tillagg_cost"] == 490_131_384 + 2964 * (5000 - 4914)
