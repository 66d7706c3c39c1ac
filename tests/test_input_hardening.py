"""Every input surface refuses bad input in one line (issue 19 §3): numbers, reasons, files."""

from __future__ import annotations

import difflib
import io
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from textual.widgets import Input, Static, TextArea

from db.errors import Invalid
from db.input_files import read_input_file
from planner.cli.app_factory import make_app
from planner.cli.main import main
from planner.numbers import NumberError, parse_whole, whole_number
from planner.readers.outcome_import import month_of
from planner.readers.xlsx_cells import sheet_rows
from screens.dialogs.import_dialog import ImportDialog

BUP = "psykiatri/forstabesok/bup"
ODD_DIGITS = ["²", "³", "\u0661\u0662", "\uff11\uff12", "\u0663"]


def run(db: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], input=stdin)


def refused(result: Result) -> str:
    """The one error line of a refused command (asserting there is nothing else)."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output, result.output
    last = result.output.rstrip("\n").splitlines()[-1]
    assert last.startswith("error: "), result.output
    return last.removeprefix("error: ")


@pytest.mark.parametrize("text", ODD_DIGITS)
def test_only_ascii_digits_make_a_whole_number(text: str) -> None:
    assert whole_number(text, 0, 10**9) is None
    assert month_of(text, 2026) is None
    with pytest.raises(NumberError, match="is not a whole number"):
        parse_whole(text, "a month", 1, 12)


def test_the_whole_number_parser_takes_the_readme_grouping() -> None:
    assert whole_number("1 234") == 1234
    assert whole_number("1\u00a0234") == 1234
    assert parse_whole("-1\u202f234", "a change", -5000, 5000) == -1234
    assert parse_whole("+80 615", "a change", 0, 10**6) == 80_615  # as an adjustment is shown
    assert parse_whole("+ 7", "a change", 0, 10) == 7
    with pytest.raises(NumberError, match="a change must be from -10 to 10, not 11"):
        parse_whole("11", "a change", -10, 10)


@pytest.mark.parametrize("digit", ["²", "١٢"])
@pytest.mark.parametrize(
    "args",
    [
        ("outcomes", "set", BUP, "{d}", "5"),
        ("outcomes", "set", BUP, "3", "{d}"),
        ("outcomes", "clear", BUP, "{d}"),
        ("followup", "--month", "{d}"),
        ("settlement", "--month", "{d}"),
        ("settlement", "--tertial", "{d}"),
        ("prices", "set", "--year", "{d}", "visit", "2600"),
        ("prices", "copy", "--from", "2026", "--to", "{d}", "--uplift", "2"),
        ("prices", "--year", "{d}"),
        ("region", "--year", "{d}"),
        ("serve", "--port", "{d}"),
        ("phasing", "set", *["1"] * 11, "{d}"),
        ("check", "--head", "{d}:" + "0" * 64),
    ],
)
def test_unicode_digits_are_refused_in_one_line(
    db_path: Path, digit: str, args: tuple[str, ...]
) -> None:
    result = run(db_path, *(a.replace("{d}", digit) for a in args))
    if args[0] == "check":
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert "is not an audit head" in result.output
        return
    assert digit in refused(result) or "not a month" in refused(result)


@pytest.mark.parametrize("figure", ["4 ²", "4 ³", "٤ 1"])
def test_import_table_refuses_unicode_digits(db_path: Path, figure: str) -> None:
    table = f"Somatik\nFörstabesök\nHud  {figure}  1\n"
    result = run(db_path, "import-table", "-", "--hospital", "NU", "--year", "2026", stdin=table)
    assert refused(result) == "2 error(s): nothing was imported"
    assert "is not a whole number" in result.output


def test_csv_header_with_a_superscript_is_not_a_crash(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "utfall.csv"
    source.write_text(f"key,²,1\n{BUP},3,4\n", encoding="utf-8")
    result = run(db_path, "outcomes", "import", str(source))
    assert result.exit_code == 0, result.output
    assert "1 values changed" in result.output


async def test_import_dialog_survives_unicode_digits(db_path: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.query_one("#paste", TextArea).text = "Somatik\nFörstabesök\nHud  4 ²  1\n"
        await pilot.press("ctrl+s")
        for worker in [w for w in app.workers if w.group == "import"]:
            await worker.wait()
        await pilot.pause()
        assert app.is_running and app.screen is dialog
        preview = str(dialog.query_one("#import-preview", Static).render())
        verdict = str(dialog.query_one("#import-verdict", Static).render())
        assert "bas '²' is not a whole number" in preview
        assert verdict == "2 error(s): nothing was imported"


@pytest.mark.parametrize(
    ("uplift", "message"),
    [
        ("9e999999999", "'9e999999999' is not a percent with at most two decimals, e.g. 2.2"),
        ("2.225", "'2.225' is not a percent with at most two decimals, e.g. 2.2"),
        ("-50.5", "an uplift of -50.5 % is outside -50 to +100 %"),
        ("101", "an uplift of 101 % is outside -50 to +100 %"),
        ("NaN", "'NaN' is not a percent with at most two decimals, e.g. 2.2"),
    ],
)
def test_uplift_is_a_bounded_decimal(db_path: Path, uplift: str, message: str) -> None:
    result = run(db_path, "prices", "copy", "--from", "2026", "--to", "2027", "--uplift", uplift)
    assert refused(result) == message


@pytest.mark.parametrize("uplift", ["2,2", "2.2"])
def test_uplift_takes_either_decimal_mark(db_path: Path, uplift: str) -> None:
    result = run(db_path, "prices", "copy", "--from", "2026", "--to", "2027", "--uplift", uplift)
    assert result.exit_code == 0, result.output
    assert "2\u00a0558" in result.output


@pytest.mark.parametrize("year", ["0", "-5", "99999"])
def test_price_years_are_plan_years(db_path: Path, year: str) -> None:
    result = run(db_path, "prices", "set", "--year", year, "visit", "2600")
    assert refused(result).startswith("Invalid value for '--year': a year must be from 2000")


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("\x1b]0;x\x07", "the reason contains the control character U+001B; type it without it"),
        ("\u202eevil", "the reason contains the control character U+202E; type it without it"),
        (
            "x" * 1001,
            "the reason is 1001 characters, more than the 1000 allowed; nothing was saved",
        ),
    ],
)
def test_phasing_reason_is_checked_like_every_reason(
    db_path: Path, reason: str, message: str
) -> None:
    result = run(db_path, "phasing", "set", *["2"] * 12, "--reason", reason)
    assert refused(result) == message
    assert "«" not in run(db_path, "phasing", "show").output


def test_an_import_reason_counts_only_what_was_typed(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / ("utfall-" + "x" * 200 + ".csv")
    source.write_text(f"key,month,performed\n{BUP},1,30\n", encoding="utf-8")
    typed = "r" * 1000
    result = run(db_path, "outcomes", "import", str(source), "--reason", typed)
    assert result.exit_code == 0, result.output
    log = run(db_path, "log", "--format", "json").output
    assert f"{typed} ({source.name} sha256 " in log
    source.write_text(f"key,month,performed\n{BUP},1,31\n", encoding="utf-8")
    longer = run(db_path, "outcomes", "import", str(source), "--reason", typed + "r")
    assert (
        refused(longer)
        == "the reason is 1001 characters, more than the 1000 allowed; nothing was saved"
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO nobody writes to: opening it to read would block for ever."""
    path = tmp_path / "utfall.csv"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["outcomes", "import-table"])
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_import_files_are_regular_files(
    db_path: Path, fifo: Path, tmp_path: Path, command: str, kind: str
) -> None:
    path = {"fifo": fifo, "device": Path("/dev/zero"), "folder": tmp_path}[kind]
    args = ["outcomes", "import"] if command == "outcomes" else ["import-table"]
    plan = [] if command == "outcomes" else ["--hospital", "NU", "--year", "2026"]
    message = refused(run(db_path, *args, str(path), *plan))
    assert "not a regular file" in message or "is a folder" in message or "directory" in message


def test_an_import_file_is_read_up_to_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 101)
    with pytest.raises(Invalid, match="is 101 bytes; an import file may be at most 100 bytes"):
        read_input_file(big, 100)
    assert read_input_file(big, 101) == b"x" * 101


async def test_import_dialog_refuses_a_fifo(db_path: Path, fifo: Path) -> None:
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("i")
        dialog = app.screen
        dialog.query_one("#path", Input).value = str(fifo)
        await pilot.press("enter")
        for worker in [w for w in app.workers if w.group == "import"]:
            await worker.wait()
        await pilot.pause()
        preview = str(dialog.query_one("#import-verdict", Static).render())
        assert "not a regular file" in preview


def test_file_text_reaches_the_terminal_escaped(db_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "utfall\x1b]0;x\x07.csv"
    source.write_text(f"key,2026-01 \x1b]0;pwn\x07\n{BUP},x\n", encoding="utf-8")
    result = run(db_path, "outcomes", "import", str(source))
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "column B (2026-01 \\x1b]0;pwn\\x07)" in result.output
    assert "problem(s) in utfall\\x1b]0;x\\x07.csv" in result.output


def test_a_foreign_trigger_name_is_shown_escaped(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute('CREATE TRIGGER "t\u202e\x9b" AFTER INSERT ON audit_log BEGIN SELECT 1; END')
    conn.commit()
    conn.close()
    result = run(db_path, "check")
    assert "problem: trigger t\\u202e\\x9b is not one of planner's" in result.output
    assert "\u202e" not in result.output and "\x9b" not in result.output


def test_many_unknown_keys_report_the_first_hundred_fast(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searches: list[str] = []
    close_matches = difflib.get_close_matches

    def counted_search(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        searches.append(word)
        return close_matches(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted_search)
    source = tmp_path / "utfall.csv"
    body = "".join(f"okänd/{n},1,5\n" for n in range(20_000))
    source.write_text("key,month,performed\n" + body, encoding="utf-8")
    result = run(db_path, "outcomes", "import", str(source))
    lines = result.output.splitlines()
    assert len(lines) == 102 and len(searches) == 100
    assert lines[-2] == "  utfall.csv: … and 19 900 more"
    assert refused(result) == "NU 2026: 20000 problem(s) in utfall.csv; nothing was imported"


def test_many_unknown_table_rows_report_the_first_hundred(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    searches: list[str] = []

    def no_match(word: str, *args: object, **kwargs: object) -> list[str]:
        searches.append(word)
        return []

    monkeypatch.setattr(difflib, "get_close_matches", no_match)
    table = "Somatik\nFörstabesök\n" + "".join(f"Okänd {n}\t1\t1\t0\n" for n in range(5_000))
    result = run(db_path, "import-table", "-", "--hospital", "NU", "--year", "2026", stdin=table)
    assert result.exit_code == 2 and len(searches) == 100
    assert "  error: … and 4 901 more" in result.output.splitlines()


def xlsx(tmp_path: Path, rows: list[list[object]], dimension: str = "") -> Path:
    """A small workbook; with `dimension` its sheet declares that range, whatever it holds."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    for row in rows:
        sheet.append(row)
    plain = io.BytesIO()
    book.save(plain)
    path = tmp_path / "utfall.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if dimension and item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), content
                )
            target.writestr(item, content)
    return path


def test_a_declared_huge_dimension_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = xlsx(tmp_path, [["key", "1"], [BUP, 5]], "A1:XFD1048576")
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert path.stat().st_size < 10_000
    assert sheet_rows(path.read_bytes(), computed=True) == [["key", "1"], [BUP, 5]]


def test_outcome_xlsx_with_a_huge_dimension_imports(db_path: Path, tmp_path: Path) -> None:
    path = xlsx(tmp_path, [["key", "1"], [BUP, 5]], "A1:XFD1048576")
    result = run(db_path, "outcomes", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "1 values changed" in result.output


def test_a_sheet_beyond_the_caps_is_refused(db_path: Path, tmp_path: Path) -> None:
    wide = xlsx(tmp_path, [["key", *[str(n) for n in range(1, 80)]]])
    assert "uses more than 64 columns; refused" in refused(
        run(db_path, "outcomes", "import", str(wide))
    )
    long = xlsx(tmp_path, [["key", "1"], *[[BUP, 1]] * 10_001])
    message = refused(run(db_path, "import-table", str(long), "--hospital", "NU", "--year", "2026"))
    assert message.endswith("the sheet has data beyond row 10 000; refused")


def test_a_formula_without_a_computed_value_is_named(db_path: Path, tmp_path: Path) -> None:
    path = xlsx(tmp_path, [["key", "1", "2"], [BUP, 5, "=B2+1"]])
    message = refused(run(db_path, "outcomes", "import", str(path)))
    assert message.startswith(f"{path}: C2: a formula without a computed value")


def test_a_failed_import_leaves_no_snapshot(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
    changed = table.read_text(encoding="utf-8").replace(
        "Ortopedi\t4 500\t2 310\t2 190", "Ortopedi\t4 600\t2 310\t2 290"
    )
    source = tmp_path / "table.txt"
    source.write_text(changed.replace("63 480\t39 078\t24 402", "63 580\t39 078\t24 502"))

    def killed(*args: object) -> None:
        raise RuntimeError("killed between the snapshot and the edits")

    monkeypatch.setattr("db.table_import.restore_line", killed)
    result = run(db_path, "import-table", str(source), "--hospital", "NU", "--year", "2026")
    assert isinstance(result.exception, RuntimeError)
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)
    conn.close()


def test_outcomes_import_dry_run_and_values_typed_by_others(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vup = "psykiatri/forstabesok/vup"
    monkeypatch.setattr("planner.cli.account.current_user", lambda: "anna")
    assert run(db_path, "outcomes", "set", BUP, "1", "12").exit_code == 0
    assert run(db_path, "outcomes", "set", vup, "1", "4").exit_code == 0
    monkeypatch.setattr("planner.cli.account.current_user", lambda: "bo")
    source = tmp_path / "utfall.csv"
    source.write_text(f"key,month,performed\n{BUP},1,30\n{vup},1,5\n{vup},2,7\n", encoding="utf-8")
    dry = run(db_path, "outcomes", "import", "--dry-run", str(source))
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [
        "NU 2026: utfall.csv would change 3 values",
        f"  {BUP} January: 12 → 30 (set by anna, cli)",
        f"  {vup} January: 4 → 5 (set by anna, cli)",
        f"  {vup} February: not reported → 7",
        "dry run: nothing was written; 2 replaced values were typed by others since the last"
        " import (anna 2)",
    ]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*), sum(performed) FROM outcomes").fetchone() == (2, 16)
    conn.close()
    done = run(db_path, "outcomes", "import", str(source))
    assert done.output.rstrip().endswith(
        "3 values changed, 0 unchanged; 2 replaced values were typed by others since the last"
        " import (anna 2)"
    )
    again = run(db_path, "outcomes", "import", str(source.with_name("utfall.csv")))
    assert "changes nothing" in again.output


def test_a_bad_plan_in_diff_does_not_blame_copy_from(db_path: Path) -> None:
    assert refused(run(db_path, "diff", "NU/\u00b2", "live")) == (
        "Invalid value: 'NU/\u00b2' is not CODE/YYYY, e.g. NU/2026"
    )
