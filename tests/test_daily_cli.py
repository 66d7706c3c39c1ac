"""Issue 21 §5 on the command line: the log as people read it, export's output rules, hints."""

from pathlib import Path

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
    assert "Psykiatri / Förstabesök / BUP  uppdrag 1 030 → 2 000  [cli]" in text
    assert "Psykiatri / Förstabesök / BUP  tillägg 330 → 1 300  [cli]" in text
    assert "Psykiatri / Förstabesök / BUP  performed apr not reported → 1 200  [cli]" in text


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
