import json
from pathlib import Path

from tests.conftest import run_cli

UPLIFT = ("--uplift-prices-from", "2026", "--uplift", "2.2")


def with_nu_2027(db: Path) -> None:
    made = run_cli(db, "plan", "create", "--hospital", "NU", "--year", "2027",
               "--copy-from", "NU/2026", *UPLIFT)  # fmt: skip
    assert made.exit_code == 0, made.output


def test_uplifted_copy_is_all_price_effect_and_needs_the_board(db_path: Path) -> None:
    with_nu_2027(db_path)
    doc = json.loads(run_cli(db_path, "diff", "NU/2026", "NU/2027", "--format", "json").output)
    assert (doc["old"], doc["new"], doc["note"]) == ("NU 2026 (live)", "NU 2027 (live)", "")
    assert doc["totals"] == {
        "old_tillagg_cost": 245_126_454,
        "new_tillagg_cost": 250_515_540,
        "tillagg_cost_delta": 5_389_086,
        "volume_effect": 0,
        "price_effect": 5_389_086,
    }
    assert doc["decision"] == "board"
    assert {c["price_class"]: c["price_effect"] for c in doc["by_price_class"]} == {
        "visit": 887_040,
        "treatment": 4_178_970,
        "endoscopy": 323_076,
    }
    kolo = next(c for c in doc["changes"] if c["key"] == "somatik/undersokning/koloskopi")
    assert (kolo["volume_effect"], kolo["price_effect"]) == (0, 1764 * (5064 - 4955))
    text = run_cli(db_path, "diff", "NU/2026", "NU/2027").output
    assert text.startswith("Changes NU 2026 (live) → NU 2027 (live)\n")
    assert (
        "Tilläggskostnad 245\u00a0126\u00a0454 → 250\u00a0515\u00a0540"
        " kr; total Δ tilläggskostnad: +5\u00a0389\u00a0086 kr"
        " (volume effect 0 kr, price effect +5\u00a0389\u00a0086 kr)\n"
        "Decision: board decision (|Δ tilläggskostnad| above 3\u00a0000\u00a0000 kr)\n"
    ) in text
    assert (
        "## By price class"
        in run_cli(db_path, "diff", "NU/2026", "NU/2027", "--format", "md").output
    )


def test_volume_change_next_year_splits_into_both_effects(db_path: Path) -> None:
    with_nu_2027(db_path)
    key = "somatik/operation-atgard/katarakt"
    run_cli(db_path, "set", key, "tillagg", "800", "--hospital", "NU", "--year", "2027")
    doc = json.loads(run_cli(db_path, "diff", "NU/2026", "NU/2027", "--format", "json").output)
    kat = next(c for c in doc["changes"] if c["key"] == key)
    assert (kat["volume_effect"], kat["price_effect"]) == (50 * 35795, 800 * (36582 - 35795))
    assert doc["totals"]["volume_effect"] == 50 * 35795
    assert (
        doc["totals"]["volume_effect"] + doc["totals"]["price_effect"]
        == (doc["totals"]["tillagg_cost_delta"])
    )


def test_plan_against_snapshot_and_live(db_path: Path) -> None:
    with_nu_2027(db_path)
    assert run_cli(db_path, "snapshot", "create", "--label", "base").exit_code == 0
    doc = json.loads(run_cli(db_path, "diff", "1", "NU/2027", "--format", "json").output)
    assert doc["old"] == 'NU 2026 snapshot 1 "base"' and doc["new"] == "NU 2027 (live)"
    assert doc["totals"]["price_effect"] == 5_389_086


def test_live_is_the_chosen_plan_never_the_other_side(db_path: Path) -> None:
    """Issue 21: `diff live NU/2027` with the default NU 2026 compares NU 2026 with NU 2027."""
    with_nu_2027(db_path)
    doc = json.loads(run_cli(db_path, "diff", "live", "NU/2027", "--format", "json").output)
    assert (doc["old"], doc["new"]) == ("NU 2026 (live)", "NU 2027 (live)")
    assert doc["totals"]["price_effect"] == 5_389_086
    text = run_cli(db_path, "diff", "live", "NU/2027").output
    assert text.startswith("Changes NU 2026 (live) → NU 2027 (live)\n")
    assert "No line changed" not in text
    md = run_cli(db_path, "diff", "NU/2027", "live", "--format", "md").output
    assert md.startswith("# Changes NU 2027 (live) → NU 2026 (live)\n")
    chosen = run_cli(db_path, "--year", "2027", "diff", "live", "NU/2027", "--format", "json")
    assert json.loads(chosen.output)["changes"] == []


def test_different_hospitals_say_so(db_path: Path) -> None:
    run_cli(
        db_path, "plan", "create", "--hospital", "SU", "--year", "2026", "--copy-from", "NU/2026"
    )
    text = run_cli(db_path, "diff", "NU/2026", "SU/2026").output
    assert text.startswith(
        "Changes NU 2026 (live) → SU 2026 (live)"
        " (different hospitals: NU and SU, each at its own prices)\n"
    )
    assert "price effect -121\u00a0524 kr" in text


def test_unknown_plan_reference_is_one_error(db_path: Path) -> None:
    missing = run_cli(db_path, "diff", "NU/2026", "NU/2031")
    assert missing.exit_code == 2
    assert missing.output.startswith("error: no plan for NU 2031;")
