from pathlib import Path

from sqlite_utils import Database

from db.prices import load_price_list, price_changes
from planner.model import PriceClass
from tests.conftest import run_cli

NU_2027 = ("--hospital", "NU", "--year", "2027")
UPLIFT = ("--uplift-prices-from", "2026", "--uplift", "2.2")


def test_plan_list_shows_every_plans_totals(db_path: Path) -> None:
    su = ("--hospital", "SU", "--year", "2026", "--copy-from", "NU/2026")
    assert run_cli(db_path, "plan", "create", *su).exit_code == 0
    assert run_cli(db_path, "plan", "create", "--hospital", "SAS", "--year", "2026").exit_code == 0
    lines = run_cli(db_path, "plan", "list").output.splitlines()
    assert lines[0].split() == [
        "Hospital",
        "Year",
        "Name",
        "Uppdrag",
        "Bas",
        "Tillägg",
        "Tilläggskostnad",
        "(kr)",
    ]
    assert lines[2].startswith("NU ")
    assert lines[2].endswith(
        "63\u00a0480  39\u00a0078     24\u00a0402             245\u00a0126\u00a0454"
    )
    assert lines[3].startswith("SU ") and lines[3].endswith("245\u00a0004\u00a0930")
    assert lines[4].startswith("SÄS ") and lines[4].split()[-4:] == ["0", "0", "0", "0"]


def test_a_year_without_prices_names_the_command(db_path: Path, db: Database) -> None:
    refused = run_cli(db_path, "plan", "create", "--hospital", "NU", "--year", "2027")
    assert refused.exit_code == 2
    assert refused.output == (
        "error: no 2027 price list; `planner prices copy --from 2026 --to 2027 --uplift PERCENT`"
        " makes it, or add --uplift-prices-from 2026 --uplift PERCENT to this command\n"
    )
    half = run_cli(db_path, "plan", "create", "--hospital", "NU", "--year", "2027", "--uplift", "2")
    assert half.output == "error: --uplift-prices-from and --uplift go together\n"
    assert not load_price_list(db, 2027).prices


def test_create_with_uplifted_prices_in_one_step(db_path: Path, db: Database) -> None:
    made = run_cli(db_path, "plan", "create", *NU_2027, "--copy-from", "NU/2026", *UPLIFT)
    assert made.exit_code == 0, made.output
    assert made.output == (
        "NU 2027: created the plan (49 lines, copied from NU/2026)\n"
        "made the 2027 price list from 2026 + 2.2 %\n"
    )
    assert load_price_list(db, 2027).get("SV", PriceClass.ENDOSCOPY) == 4557
    assert price_changes(db, 2027)[0].reason == "uplift 2.2 % from 2026 for plan NU 2027"
    listing = run_cli(db_path, "plan", "list").output
    assert listing.splitlines()[-1].endswith("250\u00a0515\u00a0540")


def test_a_failed_plan_leaves_no_price_list(db_path: Path, db: Database) -> None:
    failed = run_cli(db_path, "plan", "create", *NU_2027, "--copy-from", "SU/2026", *UPLIFT)
    assert failed.exit_code == 2
    assert failed.output.startswith("error: no plan for SU 2026")
    assert not load_price_list(db, 2027).prices
