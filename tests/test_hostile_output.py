"""User text through the command line and the files: limits and control characters refused at
input; escaped in text, Markdown, CSV and JSON output, whatever is already in the database."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from db.audit_trail import Actor
from db.edits import edit_line
from db.errors import Invalid
from db.plans import load_line, load_plan
from db.reviews import get_review, set_comment, start_or_resume
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.model import Field
from tests.conftest import run_cli

BUP = "psykiatri/forstabesok/bup"
ESCAPES = "\x1b]0;owned\x07\x1b[2J\u202eevil\x9b31m"
ESCAPES_SHOWN = "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil\\x9b31m"
ESCAPES_MD = "\\x1b\\]0;owned\\x07\\x1b\\[2J\\u202eevil\\x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def assert_inert(output: str) -> None:
    assert not [ch for ch in RAW if ch in output]


def audit_count(db_path: Path) -> int:
    db = open_database(db_path)
    count = int(db.execute("SELECT count(*) FROM audit_log WHERE source != 'seed'").fetchone()[0])
    db.conn.close()
    return count


def test_set_reason_over_the_limit_is_refused_and_nothing_saved(db_path: Path) -> None:
    result = run_cli(db_path, "set", BUP, "uppdrag", "2000", "--reason", "x" * 100_000)
    assert result.exit_code == 2
    assert (
        result.output
        == "error: the reason is 100000 characters, more than the 1000 allowed; nothing was saved\n"
    )
    assert audit_count(db_path) == 0
    assert load_line(open_database(db_path), 1, BUP).volumes.uppdrag == 1030
    ok = run_cli(db_path, "set", BUP, "uppdrag", "2000", "--reason", "x" * 1000)
    assert ok.exit_code == 0, ok.output


def test_set_reason_with_control_characters_is_refused(db_path: Path) -> None:
    result = run_cli(db_path, "set", BUP, "uppdrag", "2000", "--reason", f"kö{ESCAPES}")
    assert result.exit_code == 2
    assert result.output == (
        "error: the reason contains the control character U+001B; type it without it\n"
    )
    assert audit_count(db_path) == 0


def test_snapshot_label_refuses_control_and_keeps_markup(db_path: Path) -> None:
    refused = run_cli(db_path, "snapshot", "create", "--label", f"OSN{ESCAPES}")
    assert refused.exit_code == 2
    assert refused.output.startswith("error: the label contains the control character U+001B")
    refused = run_cli(db_path, "snapshot", "create", "--label", "ok", "--note", "a\rb")
    assert refused.output.startswith("error: the note contains the control character U+000D")
    made = run_cli(
        db_path, "snapshot", "create", "--label", "[bold red]x[/]", "--note", "två\nrader"
    )
    assert made.exit_code == 0, made.output
    assert made.output.startswith("NU 2026: snapshot 1 «[bold red]x[/]» by ")
    shown = run_cli(db_path, "snapshot", "show", "1")
    assert "label   [bold red]x[/]\nnote    två\nrader\n" in shown.output


def test_review_comment_limit_and_control(db_path: Path) -> None:
    db = open_database(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), "s", "", "anna")
    edit_line(db, 1, BUP, Field.UPPDRAG, 2000, Actor("anna", "cli"))
    info = start_or_resume(db, 1, "anna")
    with pytest.raises(
        Invalid,
        match=r"^the comment is 4001 characters, more than the 4000 allowed; nothing was saved$",
    ):
        set_comment(db, info, BUP, "x" * 4001)
    with pytest.raises(Invalid, match=r"^the comment contains the control character U\+009B;"):
        set_comment(db, info, BUP, "\x9b2J")
    set_comment(db, info, BUP, "x" * 4000)


@pytest.fixture
def legacy(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database holding control characters everywhere, as rows written before the checks."""
    with monkeypatch.context() as patched:
        patched.setattr("db.audit_trail.check_reason", lambda reason: reason)
        patched.setattr("db.chain.check_reason", lambda reason: reason)
        patched.setattr("db.snapshots.check_user_text", lambda name, text, *a, **k: text)
        patched.setattr("db.reviews.check_user_text", lambda name, text, *a, **k: text)
        db = open_database(db_path)
        create_snapshot(db, load_plan(db, "NU", 2026), f"a|b\n{ESCAPES}", ESCAPES, ESCAPES)
        edit_line(db, 1, BUP, Field.UPPDRAG, 2000, Actor(ESCAPES, "cli", ESCAPES))
        info = start_or_resume(db, 1, ESCAPES)
        set_comment(db, get_review(db, info.id), BUP, f"a | b\n{ESCAPES}")
        db.conn.close()
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ["log"],
        ["log", "--format", "json"],
        ["snapshot", "list"],
        ["snapshot", "list", "--format", "json"],
        ["snapshot", "show", "1"],
        ["snapshot", "show", "1", "--format", "md"],
        ["snapshot", "show", "1", "--format", "json"],
        ["review", "list"],
        ["review", "list", "--format", "json"],
        ["review", "summary", "1", "--format", "text"],
        ["review", "summary", "1", "--format", "md"],
        ["review", "summary", "1", "--format", "json"],
        ["diff", "1", "live"],
        ["diff", "1", "live", "--format", "md"],
        ["diff", "1", "live", "--format", "json"],
    ],
)
def test_every_output_escapes_control_characters(legacy: Path, args: list[str]) -> None:
    result = run_cli(legacy, *args)
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    if "json" in args:
        json.loads(result.output)
    else:
        assert (ESCAPES_MD if "md" in args else ESCAPES_SHOWN) in result.output


def test_log_line_shows_the_escapes(legacy: Path) -> None:
    first, second = run_cli(legacy, "log").output.splitlines()
    assert first.endswith(f"uppdrag 1\u00a0030 → 2\u00a0000  [cli]  «{ESCAPES_SHOWN}»")
    assert second.endswith(f"tillägg 330 → 1\u00a0300  [cli]  «{ESCAPES_SHOWN}»")
    assert f"  {ESCAPES_SHOWN} NU 2026  " in first


def test_json_keeps_the_exact_text(legacy: Path) -> None:
    entry = json.loads(run_cli(legacy, "log", "--format", "json").output)[0]
    assert (entry["user"], entry["reason"]) == (ESCAPES, ESCAPES)
    [snapshot] = json.loads(run_cli(legacy, "snapshot", "list", "--format", "json").output)
    assert snapshot["label"] == f"a|b\n{ESCAPES}"


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def bare_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


def test_markdown_escapes_pipes_and_newlines(legacy: Path) -> None:
    diff = run_cli(legacy, "diff", "1", "live", "--format", "md").output
    heading = f'# Changes NU 2026 snapshot 1 "a\\|b<br>{ESCAPES_MD}" → NU 2026 (live)\n'
    assert diff.startswith(heading)
    minutes = run_cli(legacy, "review", "summary", "1", "--format", "md").output
    assert f"| a \\| b<br>{ESCAPES_MD} |" in minutes
    for row in table_rows(minutes):
        assert bare_pipes(row) == 7
    show = run_cli(legacy, "snapshot", "show", "1", "--format", "md").output
    assert f"\n# NU-sjukvården 2026: snapshot 1 «a\\|b<br>{ESCAPES_MD}»\n" in show


def test_csv_meta_lines_escape_control_characters(legacy: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    result = run_cli(legacy, "export", "--format", "csv", "--snapshot", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    assert_inert(text)
    assert f'#label,"a|b\n{ESCAPES_SHOWN}"\r\n' in text
    assert f"#author,{ESCAPES_SHOWN}\r\n" in text
