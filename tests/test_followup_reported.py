"""Issue 21 §2: totals over reported lines only, the decision's own indicator, and the
earned-tillägg reading (phased R6 or bas-first) per plan."""

import json
from pathlib import Path

from click.testing import CliRunner, Result
from openpyxl import load_workbook

from planner.cli.main import main
from planner.followup.indicator import indicator
from planner.followup.performance import follow_up
from planner.followup.phasing import EVEN
from planner.followup.reading import Reading
from planner.followup.settlement import settle
from planner.model import Hospital, Plan, PlanLine, PriceClass, Prices, Volumes

EXAMPLE = Path(__file__).parent.parent / "examples" / "outcomes-example.csv"
ORTOPEDI = "somatik/forstabesok/ortopedi"
GASTROSKOPI = "somatik/undersokning/gastroskopi"


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def test_fourteen_of_49_lines_reported_do_not_read_as_65_5_percent(
    db_path: Path, tmp_path: Path
) -> None:
    assert run(db_path, "outcomes", "import", str(EXAMPLE)).exit_code == 0
    text = run(db_path, "followup").output
    total = next(line for line in text.splitlines() if line.startswith("Totalsumma"))
    assert "101.4 %" in total and "▼" not in total and "65.5" not in text
    assert "over the lines with a reported month: 14 of 49 lines reported." in text
    md = run(db_path, "followup", "--format", "md").output
    assert "14 of 49 lines reported" in md
    doc = json.loads(run(db_path, "followup", "--format", "json").output)
    assert (doc["reported_lines"], doc["lines"]) == (14, 49)
    totals = doc["rows"][-1]
    assert (totals["fulfilment"], totals["reported"], totals["planned"]) == ("101.4 %", 14, 13_658)
    out = tmp_path / "f.xlsx"
    assert run(db_path, "followup", "--format", "xlsx", "--output", str(out)).exit_code == 0
    book = load_workbook(out)
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Subtotals compare over"] == "14 of 49 lines reported"
    sheet = book["Follow-up"]
    headers = [c.value for c in sheet[1]]
    category = [c.value for c in sheet[3]]  # Psykiatri / Förstabesök over BUP and VUP
    plan_col = headers.index("Plan to date")
    reported_col = headers.index("Reported")
    assert str(category[plan_col]).startswith("=SUMPRODUCT(")
    assert str([c.value for c in sheet[4]][reported_col]).startswith("=IF(COUNT(")


def small_plan() -> Plan:
    line = PlanLine(
        "a/b/c", "A", "B", "C", PriceClass.VISIT, Volumes(900, 600, 300)
    )  # bas 600, tillägg 300
    return Plan(Hospital("NU", "NU-sjukvården", "NU"), 2026, Prices(10, 100, 50), (line,))


def test_both_readings_end_the_year_equal_but_pay_tertials_differently() -> None:
    plan = small_plan()
    outcomes = {"a/b/c": dict.fromkeys(range(1, 13), 100)}
    phased = settle(plan, outcomes, EVEN, 12)
    literal = settle(plan, outcomes, EVEN, 12, Reading.BAS_FIRST)
    # phased: B(4)=200 → 200 units; B(8)=400 → 300 (capped); bas-first: B=600 throughout
    assert [t.payment["total"] for t in phased] == [2000, 1000, 0]
    assert [t.payment["total"] for t in literal] == [0, 2000, 1000]
    assert phased[-1].earned == literal[-1].earned
    result = follow_up(plan, outcomes, EVEN, 4, Reading.BAS_FIRST)
    assert (result.total.figures.bas_to_date, result.total.figures.earned_units) == (600, 0)


def test_reading_is_a_logged_plan_setting_shown_in_the_settlement(db_path: Path) -> None:
    assert run(db_path, "outcomes", "import", str(EXAMPLE)).exit_code == 0
    phased = run(db_path, "settlement", "--format", "json").output
    assert json.loads(phased)["earned_reading"] == "phased"
    assert (
        "(earned tillägg reading phased: above the bas phased to date)"
        in (run(db_path, "settlement").output.splitlines()[0])
    )
    changed = run(db_path, "plan", "reading", "bas-first", "--reason", "the decision's words")
    assert changed.output == "NU 2026: earned tillägg reading phased → bas-first [saved]\n"
    text = run(db_path, "settlement").output
    assert "(earned tillägg reading bas-first: only beyond the whole bas)" in text
    literal = json.loads(run(db_path, "settlement", "--format", "json").output)
    assert (
        literal["tertials"][0]["earned"]["total"]
        < json.loads(phased)["tertials"][0]["earned"]["total"]
    )
    shown = run(db_path, "plan", "reading").output
    assert shown.startswith("NU 2026: earned tillägg reading bas-first: only beyond")
    assert "phased → bas-first  [cli]  «the decision's words»" in shown
    assert run(db_path, "--year", "2026", "--hospital", "NU", "plan", "reading").exit_code == 0
    assert "bas-first" in run(db_path, "followup").output.splitlines()[0]
    assert run(db_path, "plan", "reading", "sideways").exit_code == 2


def test_the_decisions_indicator_counts_visits_and_treatments_only(nu_plan: Plan) -> None:
    outcomes = {
        ORTOPEDI: {1: 400, 2: 380, 3: 420, 4: 400},
        GASTROSKOPI: {1: 900, 2: 900, 3: 900, 4: 900},
    }
    found = indicator(follow_up(nu_plan, outcomes, EVEN, 4), EVEN)
    assert (found.performed, found.planned, found.lines, found.reported) == (1600, 1500, 47, 1)
    assert [(f.performed, f.planned) for f in found.months] == [
        (400, 375), (380, 375), (420, 375), (400, 375),
    ]  # fmt: skip


def test_indicator_in_followup_text_json_and_xlsx(db_path: Path, tmp_path: Path) -> None:
    assert run(db_path, "outcomes", "import", str(EXAMPLE)).exit_code == 0
    text = run(db_path, "followup").output
    assert (
        "Första besök och behandlingar: utförda volymer i förhållande till plan (target 100 %):"
        " 100.7 % to date, performed 11\u00a0239 against"
        " plan 11\u00a0158 (12 of 47 lines reported);"
        " by month: Jan 101.1 %, Feb 99.5 %, Mar 100.4 %, Apr 101.9 %"
    ) in text
    doc = json.loads(run(db_path, "followup", "--format", "json").output)["indicator"]
    assert (doc["performed"], doc["planned"], doc["fulfilment"]) == (11_239, 11_158, "100.7 %")
    assert [m["fulfilment"] for m in doc["months"]] == ["101.1 %", "99.5 %", "100.4 %", "101.9 %"]
    out = tmp_path / "f.xlsx"
    assert run(db_path, "followup", "--format", "xlsx", "--output", str(out)).exit_code == 0
    rows = [[c.value for c in r] for r in load_workbook(out)["Indicator"].iter_rows()]
    assert rows[1] == ["Month", "Performed", "Plan", "Fulfilment"]
    assert rows[-1][:3] == ["To date", 11_239, 11_158]


async def test_followup_screen_says_which_lines_count_and_shows_the_indicator(
    db_path: Path,
) -> None:
    from db.audit_trail import Actor
    from db.outcomes import import_outcomes
    from db.plan_settings import set_reading
    from db.setup import open_database
    from planner.cli.app_factory import make_app
    from screens.followup_screen import FollowupScreen
    from screens.widgets.followup_panels import SettlementPanel

    db = open_database(db_path)
    values = {(ORTOPEDI, m): v for m, v in zip(range(1, 5), (400, 380, 420, 400), strict=True)}
    import_outcomes(db, 1, values, Actor("anna", "import"), "example")
    set_reading(db, 1, "bas-first", Actor("anna", "cli"))
    db.conn.close()
    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FollowupScreen)
        await app.screen.settled()
        summary = str(app.screen.query_one("#followup-summary").render())
        assert summary == (
            "Totals: 1 of 49 lines reported · first visits + treatments 106.7 % of plan"
            " (target 100 %; 1 of 47 lines reported) · tillägg reading bas-first"
        )
        panel = app.screen.query_one(SettlementPanel)
        assert panel.table.title == "Tertial settlement (kr), bas-first reading"
        total = app.screen.result
        assert total is not None and total.total.figures.planned == 1500


def test_one_line_reported_for_may_leaves_the_others_at_april(db_path: Path) -> None:
    """Issue 21 trial: one line reported early for May must not pull every line's plan to May;
    each line is judged at its own month and the report says so; unreported lines show a dash."""
    assert run(db_path, "outcomes", "import", str(EXAMPLE)).exit_code == 0
    april = run(db_path, "followup").output
    total_april = next(ln for ln in april.splitlines() if ln.startswith("Totalsumma"))
    assert run(db_path, "outcomes", "set", ORTOPEDI, "maj", "400").exit_code == 0
    text = run(db_path, "followup").output
    total = next(ln for ln in text.splitlines() if ln.startswith("Totalsumma"))
    april_percent = next(w for w in total_april.split("  ") if "%" in w).strip()
    may_percent = next(w for w in total.split("  ") if "%" in w).strip()
    assert abs(float(may_percent.split()[0]) - float(april_percent.split()[0])) < 1
    assert (
        "Each line is judged at its own last reported month: 13 lines to April, 1 line to May."
        in text
    )
    allergologi = next(ln for ln in text.splitlines() if ln.strip().startswith("Allergologi"))
    assert "\u2013" in allergologi and "0.0 %" not in allergologi and "▼" not in allergologi


def test_xlsx_forecast_of_a_line_judged_at_its_own_month(db_path: Path, tmp_path: Path) -> None:
    assert run(db_path, "outcomes", "import", str(EXAMPLE)).exit_code == 0
    assert run(db_path, "outcomes", "set", ORTOPEDI, "maj", "400").exit_code == 0
    out = tmp_path / "f.xlsx"
    assert run(db_path, "followup", "--format", "xlsx", "--output", str(out)).exit_code == 0
    sheet = load_workbook(out)["Follow-up"]
    headers = [c.value for c in sheet[1]]
    rows = {row[headers.index("Key")].value: row for row in sheet.iter_rows(min_row=2)}
    forecast = headers.index("Forecast")
    gastroskopi = str(rows[GASTROSKOPI][forecast].value)
    assert gastroskopi.startswith("=ROUND(") and gastroskopi.endswith("*3/1,0)")  # S(4) = 1/3
    assert "About!$B$5" in str(rows[ORTOPEDI][forecast].value)  # May, the sheet's month
