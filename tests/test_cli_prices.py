import json
from pathlib import Path

from tests.conftest import run_cli


def test_prices_shows_the_seeded_list(db_path: Path) -> None:
    text = run_cli(db_path, "prices").output
    assert text.splitlines()[0] == "Unit prices 2026"
    assert "SÄS                2\u00a0503            35\u00a0795             4\u00a0997" in text
    doc = json.loads(run_cli(db_path, "prices", "--year", "2026", "--format", "json").output)
    nu = next(row for row in doc["prices"] if row["hospital"] == "NU")
    assert nu == {
        "hospital": "NU",
        "name": "NU-sjukvården",
        "visit": 2503,
        "treatment": 35795,
        "endoscopy": 4955,
    }
    csv_lines = run_cli(db_path, "prices", "--format", "csv").output.splitlines()
    assert csv_lines[:2] == ["year,hospital,visit,treatment,endoscopy", "2026,SU,2503,35795,4914"]
    assert "| SV         |" in run_cli(db_path, "prices", "--format", "md").output


def test_copy_with_uplift_then_set(db_path: Path) -> None:
    copied = run_cli(db_path, "prices", "copy", "--from", "2026", "--to", "2027", "--uplift", "2,2")
    assert copied.exit_code == 0, copied.output
    assert (
        "NU                 2\u00a0558            36\u00a0582             5\u00a0064"
        in copied.output
    )
    changed = run_cli(
        db_path, "prices", "set", "--year", "2027", "endoscopy", "5\u00a0100", "--hospital", "NU"
    )
    assert changed.output == "2027 NU endoscopy: 5\u00a0064 kr → 5\u00a0100 kr [saved]\n"
    again = run_cli(
        db_path, "prices", "set", "--year", "2027", "endoscopy", "5100", "--hospital", "NU"
    )
    assert again.output == "2027 endoscopy: already 5\u00a0100 kr [unchanged]\n"
    visit = run_cli(
        db_path, "prices", "set", "--year", "2027", "visit", "2600", "--reason", "index"
    )
    assert len(visit.output.splitlines()) == 5


def test_price_refusals_are_one_error_line(db_path: Path) -> None:
    cases = {
        ("prices", "--year", "2027"): "error: no 2027 price list; `planner prices copy --from"
        " 2026 --to 2027 --uplift PERCENT` makes it\n",
        ("prices", "set", "--year", "2026", "endoscopy", "5000"): "error: endoscopy is priced"
        " per hospital; name one with --hospital CODE\n",
        ("prices", "set", "--year", "2026", "visit", "4.5"): "error: '4.5' is not a whole number"
        " (digits with optional spaces)\n",
        ("prices", "copy", "--from", "2026", "--to", "2027", "--uplift", "x"): "error: 'x' is"
        " not a percent with at most two decimals, e.g. 2.2\n",
        ("prices", "copy", "--from", "2026", "--to", "2026", "--uplift", "2"): "error: 2026"
        " already has prices; change them with `planner prices set --year 2026 CLASS VALUE`\n",
    }
    for args, message in cases.items():
        result = run_cli(db_path, *args)
        assert (result.exit_code, result.output) == (2, message), args
