"""The serve door's parts: token files, the web user's name, the command a session runs."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli.common import Context
from planner.cli.main import main
from planner.cli.serve import tui_command
from planner.cli.web_access import AccessError, check_web_user, new_token, token_matches


@pytest.mark.parametrize(
    ("content", "mode", "message"),
    [
        ("fixed-token-of-the-team-0123456789", 0o644, "is readable by others (mode 644)"),
        ("fixed-token-of-the-team-0123456789", 0o640, "is readable by others (mode 640)"),
        ("  \n", 0o600, "is empty"),
        ("short", 0o600, "must be at least 22 characters"),
    ],
)
def test_a_token_file_must_be_private_and_hold_a_token(
    db_path: Path, tmp_path: Path, content: str, mode: int, message: str
) -> None:
    token = tmp_path / "token"
    token.write_text(content)
    token.chmod(mode)
    result = CliRunner().invoke(main, ["--db", str(db_path), "serve", "--token-file", str(token)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the token") and message in lines[0]


def test_tokens_are_fresh_long_and_compared_exactly() -> None:
    token = new_token()
    assert len(token) >= 43 and token != new_token()
    assert token_matches(token, token)
    assert not token_matches(token.swapcase(), token)
    assert not token_matches(None, token) and not token_matches("ö" + token, token)


@pytest.mark.parametrize("name", ["anna", "anna.svensson@vgregion.se", "Åsa-Britt_2"])
def test_plain_user_names_are_taken(name: str) -> None:
    assert check_web_user(name) == name


@pytest.mark.parametrize(
    "name", ["", "anna) (web: bo", "a b", "anna\x1b[2J", "anna\u202e", "x;rm -rf ~", "a" * 65]
)
def test_other_user_names_are_refused(name: str) -> None:
    with pytest.raises(AccessError):
        check_web_user(name)


def test_the_session_command_quotes_every_word(tmp_path: Path) -> None:
    ctx = Context(tmp_path / "my plan.db", "NU", 2026)
    command = tui_command(ctx, "SU", None, tmp_path / "team files", "anna@x")
    assert shlex.split(command) == [
        sys.executable, "-m", "planner.cli", "--db", f"{tmp_path}/my plan.db",
        "--hospital", "SU", "--year", "2026", "--lang", "en", "tui",
        "--files-root", f"{tmp_path}/team files", "--web-user", "anna@x",
    ]  # fmt: skip
    with pytest.raises(AccessError):
        tui_command(ctx, "SU", None, None, "$(id)")


def test_tui_refuses_a_bad_web_user(db_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "tui", "--web-user", "a\x07b"])
    assert result.exit_code == 2 and "web user name" in result.output
