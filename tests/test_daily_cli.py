"""Issue 21 §5 on the command line: the log as people read it, export's output rules, hints."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from planner.cli.main import main

BUP = "psykiatri/forstabesok/bup"


def run(db_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def test_log_names_lines_groups_numbers_and_never_prints_none(db_path: Path) -> None:
    assert run(db_path, "set", BUP, "uppdrag", "2000").exit_code == 0
    assert run(db_path, "outcomes", "set", BUP, "april", "1200").exit_code == 0
    text = run(db_path, "log").output
    assert "None" not in text
    assert BUP not in text
    assert "Psykiatri / Förstabesök / BUP  uppdrag 1\u00a0030 → 2\u00a0000  [cli]" in text
    assert "Psykiatri / Förstabesök / BUP  tillägg 330 → 1\u00a0300  [cli]" in text
    assert "Psykiatri / Förstabesök / BUP  performed Apr not reported → 1\u00a0200  [cli]" in text


def test_an_unknown_line_key_gets_a_did_you_mean(db_path: Path) -> None:
    hud = run(db_path, "set", "hud", "uppdrag", "5000")
    assert hud.exit_code == 2
    assert hud.stderr == (
        "error: no line 'hud' in NU 2026; did you mean 'somatik/forstabesok/hud'?"
        " `planner lines` lists the keys\n"
    )
    typo = run(db_path, "outcomes", "set", "somatik/forstabesok/hudd", "1", "5")
    assert "did you mean 'somatik/forstabesok/hud'?" in typo.stderr
    nothing = run(db_path, "set", "zzzz", "bas", "1")
    assert nothing.stderr == "error: no line 'zzzz' in NU 2026; `planner lines` lists the keys\n"


def test_export_to_standard_output_with_a_dash(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(db_path, "export", "--format", "json", "--output", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["totals"]["uppdrag"] == 63_480
    assert not (tmp_path / "-").exists()
    refused = run(db_path, "export", "--output", "-")
    assert refused.exit_code == 2 and "give --format" in refused.stderr


def test_export_guesses_the_format_from_the_file_name_and_says_so(
    db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    result = run(db_path, "export", "--output", str(out))
    assert result.output == f"wrote {out} (xlsx, from the file name, live plan, 49 lines)\n"
    assert out.read_bytes()[:2] == b"PK"
    md = tmp_path / "plan.md"
    assert "(md, from the file name" in run(db_path, "export", "-o", str(md)).output
    unknown = run(db_path, "export", "-o", str(tmp_path / "plan.pdf"))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: cannot tell the format from")
    given = run(db_path, "export", "--format", "csv", "-o", str(tmp_path / "plan.txt"))
    assert "(csv, live plan" in given.output


def test_export_and_backup_share_one_rule_for_an_existing_file(
    db_path: Path, tmp_path: Path
) -> None:
    for command in (["export", "--format", "json"], ["backup"]):
        target = tmp_path / f"{command[0]}.out"
        target.write_text("keep")
        args = [*command, str(target)] if command == ["backup"] else [*command, "-o", str(target)]
        refused = run(db_path, *args)
        assert refused.stderr == (
            f"error: {target} exists; add --force to replace it (nothing was written)\n"
        )
        assert target.read_text() == "keep"
        assert run(db_path, *args, "--force").exit_code == 0
        assert target.read_bytes() != b"keep"
