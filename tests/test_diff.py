import json
from dataclasses import replace
from functools import partial
from pathlib import Path

from planner.diff import Decision, compare, decide
from planner.model import Plan, Volumes
from tests.conftest import run_cli

KATARAKT = "somatik/operation-atgard/katarakt"


def with_tillagg(plan: Plan, key: str, tillagg: int) -> Plan:
    lines = tuple(
        replace(line, volumes=Volumes(line.volumes.bas + tillagg, line.volumes.bas, tillagg))
        if line.key == key
        else line
        for line in plan.lines
    )
    return replace(plan, lines=lines)


def test_verdict_on_both_sides_of_three_million(seeded_plan: Plan) -> None:
    below = compare(seeded_plan, with_tillagg(seeded_plan, KATARAKT, 750 + 83))
    assert below.cost_delta == 83 * 35795 == 2_970_985
    assert below.decision is Decision.DELEGATION
    above = compare(seeded_plan, with_tillagg(seeded_plan, KATARAKT, 750 + 84))
    assert above.cost_delta == 3_006_780 and above.decision is Decision.BOARD
    cut = compare(seeded_plan, with_tillagg(seeded_plan, KATARAKT, 750 - 84))
    assert cut.cost_delta == -3_006_780 and cut.decision is Decision.BOARD
    assert decide(3_000_000) is Decision.DELEGATION and decide(3_000_001) is Decision.BOARD


def test_changes_per_category_and_total(seeded_plan: Plan) -> None:
    new = with_tillagg(with_tillagg(seeded_plan, KATARAKT, 800), "psykiatri/forstabesok/bup", 300)
    result = compare(seeded_plan, new)
    assert [c.key for c in result.changes] == ["psykiatri/forstabesok/bup", KATARAKT]
    assert result.by_category["Somatik/Operation/åtgärd"] == 50 * 35795
    assert result.by_category["Psykiatri/Förstabesök"] == -30 * 2503
    assert result.cost_delta == 50 * 35795 - 30 * 2503
    assert len(compare(seeded_plan, new, include_unchanged=True).changes) == 49
    assert compare(seeded_plan, seeded_plan).changes == []


def test_cli_diff_snapshot_against_live(db_path: Path) -> None:
    run = partial(run_cli, db_path)
    assert run("snapshot", "create", "--label", "base").exit_code == 0
    assert run("set", KATARAKT, "tillagg", "834").exit_code == 0
    result = run("diff", "1", "live", "--format", "json")
    doc = json.loads(result.output)
    assert doc["decision"] == "board"
    assert doc["totals"]["tillagg_cost_delta"] == 3_006_780
    change = doc["changes"][0]
    assert change["key"] == KATARAKT and change["tillagg_cost_delta"] == 3_006_780
    assert change["old"]["tillagg"] == 750 and change["new"]["tillagg"] == 834
    text = run("diff", "1", "live").output
    assert "Katarakt" in text and "+3\u00a0006\u00a0780" in text and "board decision" in text
    assert (
        "| Somatik / Operation/åtgärd / Katarakt"
        in run("diff", "1", "live", "--format", "md").output
    )
    assert (
        len(json.loads(run("diff", "1", "live", "--all", "--format", "json").output)["changes"])
        == 49
    )
    assert (
        json.loads(run("diff", "live", "1", "--format", "json").output)["totals"][
            "tillagg_cost_delta"
        ]
        == -3_006_780
    )
    assert run("diff", "1", "x").exit_code == 2
    assert run("diff", "9", "live").exit_code == 2


def test_board_warning_while_editing() -> None:
    from planner.diff import board_warning, edit_warning

    assert board_warning(3, 3_829_800) == (
        "since snapshot 3: +3\u00a0829\u00a0800 kr — needs a board decision"
    )
    assert board_warning(3, -3_000_001) == (
        "since snapshot 3: -3\u00a0000\u00a0001 kr — needs a board decision"
    )
    assert board_warning(3, 3_000_000) == ""
    assert board_warning(None, 9_000_000) == ""
    assert (
        edit_warning(3_579_500)
        == "this edit alone: +3\u00a0579\u00a0500 kr — needs a board decision"
    )
    assert edit_warning(-3_000_000) == ""
