"""What a Swedish planner's trial found still English or with a decimal point, now Swedish."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens.followup_screen import shown
from tests.conftest import run_cli

pytestmark = pytest.mark.lang("sv")


def test_the_follow_up_status_says_a_month_is_not_reported_in_swedish() -> None:
    assert shown(None) == "inte rapporterad"


def test_an_outcome_removed_is_shown_with_a_decimal_comma(db_path: Path) -> None:
    run_cli(db_path, "indicators", "set", "1", "2026-03", "95.5", check=True)
    cleared = run_cli(db_path, "indicators", "clear", "1", "2026-03", check=True).output
    assert cleared == "NU-2026-1 2026-03: 95,5 borttaget; ej rapporterat igen\n"


def test_an_empty_frame_log_says_so_in_swedish(db_path: Path) -> None:
    shown_log = run_cli(db_path, "frame", "log", check=True).output
    assert "Ingen ändring sedan beslutet lästes in." in shown_log


def test_a_scenario_may_not_be_called_live(db_path: Path) -> None:
    refused = run_cli(
        db_path, "plan", "create", "--hospital", "NU", "--year", "2026", "--scenario", "live"
    )
    assert refused.exit_code == 2
    assert "betecknar planen själv i jämförelser" in refused.output


def test_the_outcome_log_names_its_fields_in_swedish_with_a_decimal_comma(db_path: Path) -> None:
    run_cli(db_path, "indicators", "set", "1", "2026-03", "95.5", check=True)
    line = run_cli(db_path, "indicators", "log", "1", check=True).output.splitlines()[0]
    assert line.split("  ", 2)[2] == "1 2026-03 värde: inget → 95,5  [cli]"
