"""Issue 21 §1: the decided table as an immutable snapshot, offered to diff, review and choosers."""

import json
from pathlib import Path

from click.testing import CliRunner, Result
from textual.widgets import OptionList

from db.decisions import decision_snapshot
from db.plans import load_plan
from db.setup import open_database
from db.snapshots import list_snapshots
from planner.cli.app_factory import make_app
from planner.cli.main import main

FIXTURE = Path(__file__).parent / "fixtures" / "nu-2026-volume-table.txt"
DECISION = "Beslut OSN 2025-09-25 § 294"
HUD = "somatik/forstabesok/hud"


def run(db_path: Path, *args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["--db", str(db_path), *args], input=stdin)


def test_init_freezes_the_decided_table_once(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    first = run(path, "init")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == f"decision snapshot 1 «{DECISION}» (the decided table)"
    again = run(path, "init")
    assert "decision snapshot" not in again.output
    listed = json.loads(run(path, "snapshot", "list", "--format", "json").output)
    assert [(s["id"], s["label"], s["decision"]) for s in listed] == [(1, DECISION, True)]
    assert run(path, "snapshot", "list").output.rstrip().endswith("◆ decision")
    assert run(path, "set", HUD, "uppdrag", "5000").exit_code == 0
    text = run(path, "diff", "decision", "live").output
    assert text.startswith(f'Changes NU 2026 snapshot 1 "{DECISION}" → NU 2026 (live)\n')
    assert "Somatik / Förstabesök / Hud  4\u00a0500 → 5\u00a0000" in text
    assert run(path, "check").exit_code == 0


def test_an_edited_plan_is_never_frozen_as_decided(db_path: Path) -> None:
    assert run(db_path, "set", HUD, "uppdrag", "5000").exit_code == 0
    assert "decision snapshot" not in run(db_path, "init").output
    refused = run(db_path, "diff", "decision", "live")
    assert refused.exit_code == 2
    assert "NU 2026 has no decision snapshot" in refused.stderr


def test_import_table_creating_a_plan_freezes_it_with_its_decision(db_path: Path) -> None:
    data = FIXTURE.read_bytes()
    made = run(
        db_path, "--hospital", "SAS", "import-table", "-", "--decision", "Beslut OSN § 1",
        stdin=data,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert made.output.splitlines()[-1] == (
        "imported: the plan was created; decision snapshot 1 «Beslut OSN § 1»"
        " (`planner diff decision live` compares with it)"
    )
    other = run(db_path, "import-table", "-", "--hospital", "SV", "--year", "2026", stdin=data)
    assert "decision snapshot 2 «Beslut (import stdin)»" in other.output
    db = open_database(db_path)
    try:
        sas = load_plan(db, "SAS", 2026)
        found = decision_snapshot(db, sas.plan_id)
        assert found is not None and found.label == "Beslut OSN § 1"
        assert [s.id for s in list_snapshots(db)] == [1, 2]
    finally:
        db.conn.close()
    diff = run(db_path, "--hospital", "SAS", "diff", "decision", "live", "--format", "json")
    assert json.loads(diff.output)["old"] == 'SÄS 2026 snapshot 1 "Beslut OSN § 1"'


def test_a_failed_import_says_what_failed(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("hello world\nfoo bar\n", encoding="utf-8")
    result = run(db_path, "import-table", str(bad), "--hospital", "SU")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "table bad.txt: not imported, 3 errors:"
    assert "0 lines read" not in result.stderr


async def test_choosers_list_the_decision_first_and_mark_it(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert run(path, "init").exit_code == 0
    assert run(path, "snapshot", "create", "--label", "Mars").exit_code == 0
    app = make_app(path, "NU", 2026)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith("snapshot 1  ") and first.endswith(f"{DECISION}  ◆ decision")
        assert str(options.get_option_at_index(1).prompt).endswith("  Mars")
        await pilot.press("escape", "v")
        await pilot.pause()
        review = app.screen.query_one(OptionList)
        assert str(review.get_option_at_index(0).prompt).endswith("◆ decision")


async def test_delta_columns_can_count_from_the_decision(tmp_path: Path) -> None:
    from screens.plan_screen import PlanScreen
    from screens.widgets.plan_grid import PlanGrid

    path = tmp_path / "new.db"
    assert run(path, "init").exit_code == 0
    assert run(path, "set", HUD, "uppdrag", "5000").exit_code == 0
    assert run(path, "snapshot", "create", "--label", "Mars").exit_code == 0
    app = make_app(path, "NU", 2026)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        for _ in range(5):
            await pilot.pause(0.05)
        await pilot.press("D")
        for _ in range(50):
            if "delta_tillagg" in [str(c.key.value) for c in screen.grid.ordered_columns]:
                break
            await pilot.pause(0.02)

        def delta() -> str:
            return screen.query_one(PlanGrid).get_cell(f"line:{HUD}", "delta_tillagg").plain

        assert delta() == ""
        await pilot.press("B")
        for _ in range(50):
            if delta():
                break
            await pilot.pause(0.02)
        assert delta() == "+500"
        status = str(screen.query_one("#status").render())
        assert status == "Δ columns and changed cells now since the decision (snapshot 1)"
        await pilot.press("B")
        for _ in range(50):
            if not delta():
                break
            await pilot.pause(0.02)
        assert delta() == ""
    db = open_database(path)
    try:
        log = db.execute("SELECT name, old, new, source FROM plan_settings_log").fetchall()
        assert log == [
            ("delta_baseline", "latest", "decision", "tui"),
            ("delta_baseline", "decision", "latest", "tui"),
        ]
    finally:
        db.conn.close()
