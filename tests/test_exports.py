import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest

from db.files import WriteError, write_atomic
from planner.formats.exports import export_bytes
from planner.formats.plan_csv import neutralise
from planner.model import Plan

META = {
    "id": 7,
    "label": "=HYPERLINK(x)",
    "note": "+1 @a -b\tc",
    "author": "@anna",
    "created_at": "2026-11-23T10:00:00+00:00",
    "sha256": "ab" * 32,
}


@pytest.mark.parametrize("text", ["=1+1", "+46", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Ögon") == "Ögon"


def evaluate(sheet: Any, ref: str) -> int:
    """Evaluate the few formula shapes the export writes: SUM over ranges/lists, + and *."""
    value = sheet[ref].value
    if not isinstance(value, str) or not value.startswith("="):
        return int(value)
    expr = value[1:]
    if expr.startswith("SUM("):
        total = 0
        for part in expr[4:-1].split(","):
            if ":" in part:
                start, end = part.split(":")
                col = start[0]
                total += sum(
                    evaluate(sheet, f"{col}{r}") for r in range(int(start[1:]), int(end[1:]) + 1)
                )
            else:
                total += evaluate(sheet, part)
        return total
    left, op, right = re.fullmatch(r"([A-Z]+\d+)([+*])([A-Z]+\d+)", expr).groups()  # type: ignore[union-attr]
    a, b = evaluate(sheet, left), evaluate(sheet, right)
    return a + b if op == "+" else a * b


def test_xlsx_has_live_formulas_that_compute_the_plan(seeded_plan: Plan) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(seeded_plan, "xlsx", meta=META)))
    sheet = book["Plan"]
    assert [c.value for c in sheet[1]] == [
        "Area",
        "Category",
        "Line",
        "Uppdrag",
        "Bas",
        "Tillägg",
        "Price class",
        "Unit price",
        "Tilläggskostnad",
        "Note",
    ]
    assert sheet.freeze_panes == "A2"
    total_row = sheet.max_row
    assert sheet.cell(total_row, 1).value == "Totalsumma"
    assert str(sheet.cell(total_row, 4).value).startswith("=SUM(")
    assert sheet.cell(total_row, 1).font.bold
    assert sheet["D2"].number_format == "#,##0"
    bup = 4
    assert [sheet.cell(bup, c).value for c in (1, 2, 3)] == ["Psykiatri", "Förstabesök", "BUP"]
    assert sheet.cell(bup, 4).value == f"=E{bup}+F{bup}"
    assert sheet.cell(bup, 9).value == f"=F{bup}*H{bup}"
    assert isinstance(sheet.cell(bup, 5).value, int)
    assert [evaluate(sheet, f"{c}{total_row}") for c in "DEFI"] == [63480, 39078, 24402, 245126454]
    assert evaluate(sheet, "D2") == 6140
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Label"] == "'=HYPERLINK(x)" and about["Author"] == "'@anna"
    assert about["sha256"] == "ab" * 32 and about["Year"] == 2026
    assert about["Time"] == "2026-11-23 11:00 CET"


def test_xlsx_caches_every_formula_value(seeded_plan: Plan) -> None:
    raw = export_bytes(seeded_plan, "xlsx", meta=META)
    formulas = openpyxl.load_workbook(io.BytesIO(raw))
    values = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    for name in ("Plan", "Price classes"):
        for row in formulas[name].iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    cached = values[name][c.coordinate].value
                    assert isinstance(cached, int), (name, c.coordinate, cached)
                    if name == "Plan":
                        assert cached == evaluate(formulas[name], c.coordinate), c.coordinate
    plan = values["Plan"]
    total = [plan.cell(plan.max_row, c).value for c in (4, 5, 6, 9)]
    assert total == [63480, 39078, 24402, 245126454]
    assert [plan.cell(4, c).value for c in (4, 9)] == [1030, 330 * 2503]
    classes = [list(r) for r in values["Price classes"].iter_rows(values_only=True)]
    assert classes[0] == [
        "Price class",
        "Unit price",
        "Uppdrag",
        "Bas",
        "Tillägg",
        "Tilläggskostnad",
    ]
    assert [(r[0], r[1], r[5]) for r in classes[1:]] == [
        ("visit", 2503, 40368384),
        ("treatment", 35795, 190071450),
        ("endoscopy", 4955, 14686620),
        ("Total", None, 245126454),
    ]
    assert classes[4][2:5] == [63480, 39078, 24402]
    assert sum(cast(int, r[4]) for r in classes[1:4]) == 24402


def test_csv_bom_separator_and_neutralised_meta(seeded_plan: Plan) -> None:
    raw = export_bytes(seeded_plan, "csv", ";", META)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    meta = dict(
        row for row in csv.reader([line for line in lines if line.startswith("#")], delimiter=";")
    )
    assert meta["#label"] == "'=HYPERLINK(x)" and meta["#note"] == "'+1 @a -b\tc"
    rows = list(csv.DictReader([line for line in lines if not line.startswith("#")], delimiter=";"))
    lines_only = [r for r in rows if r["row"] == "line"]
    assert len(lines_only) == 49 and lines_only[0]["uppdrag"] == "1030"
    assert rows[-1]["tillagg_cost"] == "245126454"


def test_json_carries_snapshot_metadata(seeded_plan: Plan) -> None:
    doc = json.loads(export_bytes(seeded_plan, "json", meta=META))
    assert doc["schema"] == "planner.plan/1" and doc["snapshot"]["sha256"] == "ab" * 32
    assert all(isinstance(line["tillagg_cost"], int) for line in doc["lines"])


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_tables(seeded_plan: Plan, fmt: str) -> None:
    text = export_bytes(seeded_plan, fmt, meta=META).decode()
    assert "snapshot 7" in text and "245\u00a0126\u00a0454" in text and "Totalsumma" in text


def test_write_atomic_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    os.chmod(target, 0o640)
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    with pytest.raises(WriteError, match="cannot write"):
        write_atomic(tmp_path / "no" / "such" / "dir.csv", b"x")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
