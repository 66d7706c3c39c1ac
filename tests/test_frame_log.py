"""`planner frame log`: adjustments, items and actuals changed since the decision, with their
reasons, in local time (the tests run in Europe/Stockholm), as text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

NBSP = "\u00a0"


def test_frame_changes_are_listed_with_reasons_in_local_time(db_path: Path, frozen: None) -> None:
    assert "No change since the decision" in run_cli(db_path, "frame", "log", check=True).output
    run_cli(db_path, "frame", "adjust", "change", "8", "--tkr", "-175000", "--reason", "OSN § 12")
    run_cli(db_path, "frame", "adjust", "add", "Ny [b]satsning", "1000", "--reason", "beslut")
    run_cli(db_path, "frame", "adjust", "remove", "9", "--reason", "flyttad")
    run_cli(db_path, "frame", "actual", "2", "3300", "--month", "8", check=True)
    lines = run_cli(db_path, "frame", "log", check=True).output.splitlines()
    rows = lines[4:]
    assert len(rows) == 4
    changed = rows[0]
    assert changed.startswith("2026-03-02 10:15:00 CET  anna ")
    assert "adjustment 8: Fördelning växling ändrad internhandel DÖK" in changed
    assert f"-175{NBSP}697 → -175{NBSP}000" in changed and "OSN § 12" in changed
    added, removed = rows[1], rows[2]
    assert "adjustment 14: Ny [b]satsning" in added and "beslut" in added
    assert f"added: amount (tkr) \u2013 → 1{NBSP}000" in added
    assert "adjustment 9: Fördelning växling Konferensverksamhet" in removed
    assert f"removed: amount (tkr) -3{NBSP}355 → \u2013" in removed and "flyttad" in removed
    assert "Läkemedelsleveranser, to the end of August" in rows[-1]
    assert f"\u2013 → 3{NBSP}300" in rows[-1]
    md = run_cli(db_path, "frame", "log", "--format", "md", check=True).output
    assert md.startswith("# NU 2026: changes of the frame") and "| anna " in md
    document = json.loads(run_cli(db_path, "frame", "log", "--format", "json", check=True).output)
    first, last = document["changes"][0], document["changes"][-1]
    assert first["at"] == "2026-03-02T09:15:00+00:00"
    assert first["local_time"] == "2026-03-02 10:15:00 CET"
    assert (first["kind"], first["ref"], first["action"], first["reason"]) == (
        "adjustment",
        "8",
        "changed",
        "OSN § 12",
    )
    assert first["fields"] == [{"field": "amount", "old": -175_697, "new": -175_000}]
    assert [f["field"] for f in document["changes"][1]["fields"]] == ["label", "amount"]
    assert (last["kind"], last["ref"], last["month"], last["action"]) == (
        "actual",
        "lakemedelsleveranser",
        8,
        "added",
    )


def test_narhalsans_frame_has_its_own_log(db_path: Path) -> None:
    run_cli(db_path, "frame", "actual", "2", "3300", "--month", "8", check=True)
    shown = run_cli(db_path, "--hospital", "NH", "--year", "2025", "frame", "log", check=True)
    assert "Närhälsan 2025" in shown.output and "No change" in shown.output


@pytest.mark.lang("sv")
def test_the_log_and_the_warnings_speak_swedish(db_path: Path) -> None:
    run_cli(db_path, "frame", "actual", "1", "5000", "--month", "4", check=True)
    fell = run_cli(db_path, "frame", "actual", "1", "4000", "--month", "5", check=True)
    assert "varning: " in fell.stderr and "till och med maj är mindre än de 5" in fell.stderr
    assert "ett utfall är kostnaden hittills; behållet som angivet" in fell.stderr
    shown = run_cli(db_path, "frame", "log", check=True).output
    assert "NU 2026: ändringar av ersättningsramen" in shown
    assert "utfall hittills (tkr)" in shown and "till och med april" in shown
    refused = run_cli(
        db_path, "--hospital", "NH", "--year", "2025", "frame", "actual", "1", "100", "--month", "3"
    )
    assert "avräknar ingen av sina poster mot utfall" in refused.stderr
