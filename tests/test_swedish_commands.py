"""Issue 24: the newer commands in Swedish (words, `2,2 %`, `89,5`, `p.e.`), English on request
with `2.2 %`, and their machine formats the same in both languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run_cli

NBSP = "\u00a0"
# English words that showed in Swedish mode before (issue 24's trial); none may be left.
ENGLISH = re.compile(
    r"\b(the|frame|Uplift|Subtotal|adjustments?|Items?|Fixed|instalment|Total|Places|printed"
    r"|reported|Indicators?|Target|Status|Gap|Latest|year|forecast|paid|earned|Scenario"
    r"|Differs|vs)\b"
)


def _sv(db_path: Path, *args: str) -> str:
    return run_cli(db_path, "--lang", "sv", *args, check=True).output


def _en(db_path: Path, *args: str) -> str:
    return run_cli(db_path, "--lang", "en", *args, check=True).output


def _without_user_text(text: str) -> str:
    """The output less what the decision itself printed (labels, references, indicator text)."""
    kept = [ln for ln in text.splitlines() if not re.match(r"\s*\d+\s", ln)]
    return "\n".join(kept).replace("Dnr OSN-2024-00191", "")


def test_frame_in_swedish_with_decimal_commas(db_path: Path) -> None:
    text = _sv(db_path, "frame")
    for shown in (
        "NU 2026: beslutets ersättningsram (tkr)",
        "Föregående års ersättningsram (Dnr OSN-2024-00191)",
        "Uppräkning 2,2 %",
        "Delsumma med uppräkningen",
        f"13 justeringar (+414{NBSP}134 / -179{NBSP}052)",
        f"Ersättningsram 2026, +357{NBSP}443 (+6,4 %) mot 2025",
        "Poster som avräknas mot utfall:",
        "Fast del (ersättningsramen minus posternas nivåer)",
        "Månadsbelopp",
    ):
        assert shown in text
    assert "2.2" not in text and "6.4" not in text
    assert not ENGLISH.search(_without_user_text(text))


def test_frame_in_english_with_decimal_points(db_path: Path) -> None:
    text = _en(db_path, "frame")
    assert "Uplift 2.2 %" in text and "(+6.4 %) on 2025" in text
    assert "Last year's frame" in text and "Monthly instalment" in text
    assert "2,2 %" not in text


def test_frame_xlsx_in_swedish_keeps_its_formulas(db_path: Path, tmp_path: Path) -> None:
    paths = {lang: tmp_path / f"frame-{lang}.xlsx" for lang in ("sv", "en")}
    for lang, path in paths.items():
        run_cli(db_path, "--lang", lang, "frame", "--format", "xlsx", "--output", str(path))
    books = {lang: openpyxl.load_workbook(io.BytesIO(p.read_bytes())) for lang, p in paths.items()}
    assert books["sv"].sheetnames == ["Ersättningsram"] and books["en"].sheetnames == ["Frame"]
    sv_sheet, en_sheet = books["sv"].worksheets[0], books["en"].worksheets[0]
    labels = [row[0] for row in sv_sheet.iter_rows(values_only=True) if row[0]]
    assert {"Uppräkning i procent", "Delsumma", "Fast del", "Månadsbelopp"} <= set(labels)
    assert [c.value for c in sv_sheet["B"]] == [c.value for c in en_sheet["B"]]


def test_payments_in_swedish(db_path: Path, tmp_path: Path) -> None:
    text = _sv(db_path, "payments", "--month", "8")
    for shown in (
        "NU 2026: vad regionen betalar till och med augusti",
        "poster och tillägg avräknade vid slutet av augusti (preliminär)",
        "t.o.m. augusti",
        "helår (prognos)",
        "Utbetald ersättningsram (tkr)",
        "inte rapporterad",
        "Justeringar av poster (tkr)",
        "Ramdel (tkr)",
        "Intjänat tillägg (kr)",
        "Totalt (kr)",
    ):
        assert shown in text
    assert not ENGLISH.search(_without_user_text(text))
    out = tmp_path / "payments.xlsx"
    _sv(db_path, "payments", "--month", "8", "--format", "xlsx", "--output", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Utbetalningar"]
    headers = [c.value for c in book.worksheets[0][6]]
    assert headers == ["Post", "Nivå", "Utfall hittills", "Nivå hittills", "Justering"]


def test_payments_in_english(db_path: Path) -> None:
    text = _en(db_path, "payments", "--month", "8")
    assert "what the region pays to the end of August" in text
    assert "to August" in text and "year (forecast)" in text and "not reported" in text


def test_places_in_swedish_and_english(db_path: Path) -> None:
    text = _sv(db_path, "places")
    assert "AT-/ST-platser 2026" in text and "Platser" in text
    assert "Totalt     292  (som tryckt)" in text
    assert "(ingen tryckt summa)" in text
    assert not ENGLISH.search(text)
    english = _en(db_path, "places")
    assert "(as printed)" in english and "(no printed total)" in english


def test_the_register_in_swedish_shows_decimal_commas_and_percentage_points(
    db_path: Path,
) -> None:
    said = _sv(db_path, "indicators", "set", "1", "2026-05", "89,5", "--reason", "SOS")
    assert said == "NU-2026-1 2026-05: 89,5 ✗ inte uppfylld (-0,5 p.e.) [sparad]\n"
    text = _sv(db_path, "indicators")
    assert "Indikatorer NU 2026" in text
    assert "41 indikatorer: 1 inte uppfylld, 38 inte rapporterade" in text
    assert "2026-05: 89,5" in text and "-0,5 p.e." in text and "89.5" not in text
    assert "se Omställning" in text
    english = _en(db_path, "indicators")
    assert "41 indicators: 1 not met, 38 not reported" in english
    assert "2026-05: 89.5" in english and "-0.5 pp" in english


def test_the_register_xlsx_in_swedish(db_path: Path, tmp_path: Path) -> None:
    _sv(db_path, "indicators", "set", "1", "2026-05", "89,5", "--reason", "SOS")
    out = tmp_path / "register.xlsx"
    _sv(db_path, "indicators", "--format", "xlsx", "--output", str(out))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.title == "Indikatorer"
    headers = [c.value for c in sheet[4]]
    assert headers[:3] == ["Id", "Nr", "Område"] and "Avvikelse" in headers
    first = [c.value for c in sheet[5]]
    assert first[headers.index("Utfall")] == "89,5"
    assert first[headers.index("Status")] == "inte uppfylld"
    assert first[headers.index("Avvikelse")] == "-0,5 p.e."


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_register_machine_formats_do_not_change_with_the_language(
    db_path: Path, fmt: str
) -> None:
    _sv(db_path, "indicators", "set", "1", "2026-05", "89,5", "--reason", "SOS")
    swedish = _sv(db_path, "indicators", "--format", fmt)
    assert swedish == _en(db_path, "indicators", "--format", fmt)
    assert "89.5" in swedish and "-0.5 pp" in swedish


def test_scenario_list_in_swedish(db_path: Path) -> None:
    assert "Inget scenario än" in _sv(db_path, "scenario", "list")
    create = ("plan", "create", "--hospital", "NU", "--year", "2026", "--scenario", "forslag-a")
    run_cli(db_path, *create, check=True)
    text = _sv(db_path, "scenario", "list")
    assert "Skiljer sig" in text and "Δ mot plan (kr)" in text and "delegation" in text
    assert "NU/2026/forslag-a" in text and "0 rader" in text
    english = _en(db_path, "scenario", "list")
    assert "Differs" in english and "Δ vs plan (kr)" in english and "0 lines" in english


def test_a_frame_refusal_in_swedish(db_path: Path) -> None:
    result = run_cli(db_path, "--lang", "sv", "frame", "adjust", "remove", "99", "--reason", "x")
    assert result.exit_code != 0
    assert "fel: ingen justering 99 i bryggan för NU 2026; den har 13" in result.stderr
