"""The follow-up as a live XLSX: change a month's figure and the to-date sums, earned units,
earned kronor, fulfilment and forecast recompute (rule R6 as spreadsheet formulas). Every
formula carries the value the core computed, so viewers that do not recompute show it.

Plan to date and bas to date are exact values from the core (whole units, halves up); the
forecast divides by the phasing share S(m) kept on the About sheet.
"""

from __future__ import annotations

import io
from typing import Any

from xlsxwriter.utility import xl_col_to_name

from planner import display
from planner.display import month_label, month_name
from planner.followup.indicator import INDICATOR_NAME, indicator
from planner.followup.performance import FollowUp, Row
from planner.followup.phasing import MONTH_LABELS, cumulative_share
from planner.formats.plan_csv import neutralise
from planner.formats.xlsx_book import new_book
from planner.grouping import RowKind
from planner.i18n import N_, _
from planner.model import Plan

# Column names (English, the keys of the formulas below); the sheet shows them translated.
HEADERS = [
    N_("Line"), N_("Key"), N_("Price class"), N_("Unit price"), N_("Uppdrag"), N_("Bas"),
    N_("Tillägg"), *MONTH_LABELS, N_("To date"), N_("Plan to date"), N_("Fulfilment"),
    N_("Bas to date"), N_("Earned units"), N_("Earned kr"), N_("Forecast"), N_("Forecast units"),
    N_("Forecast kr"), N_("Reported"),
]  # fmt: skip
COL = {name: xl_col_to_name(i) for i, name in enumerate(HEADERS)}
_SUMMED = ["Uppdrag", "Bas", "Tillägg", *MONTH_LABELS, "To date", "Plan to date"]
_SUMMED += ["Bas to date", "Earned units", "Earned kr", "Forecast", "Forecast units"]
_SUMMED += ["Forecast kr", "Reported"]
_REPORTED_ONLY = ("Plan to date", "Bas to date")


def _members(rows: list[Row]) -> dict[int, list[int]]:
    """Sheet rows each subtotal row sums: area → its categories, category → its lines."""
    members: dict[int, list[int]] = {len(rows) + 1: []}
    area = category = 0
    for r, row in enumerate(rows, start=2):
        if row.kind is RowKind.AREA:
            area = r
            members[r] = []
            members[len(rows) + 1].append(r)
        elif row.kind is RowKind.CATEGORY:
            category = r
            members[r] = []
            members[area].append(r)
        elif row.kind is RowKind.LINE:
            members[category].append(r)
    return members


def _share_cell() -> str:
    """The phasing share S(m) on the About sheet (named in the chosen language)."""
    return f"{_('About')}!$B$5"


def _header(name: str) -> str:
    """A column's name as the sheet shows it: months by label, the rest translated."""
    return month_label(MONTH_LABELS.index(name) + 1) if name in MONTH_LABELS else _(name)


def _line_formulas(r: int, month: int) -> dict[str, str]:
    c = COL
    last = MONTH_LABELS[month - 1]
    return {
        "To date": f"=SUM({c['jan']}{r}:{c[last]}{r})",
        "Earned units": f"=MIN(MAX({c['To date']}{r}-{c['Bas to date']}{r},0),{c['Tillägg']}{r})",
        "Earned kr": f"={c['Earned units']}{r}*{c['Unit price']}{r}",
        "Forecast": f"=ROUND({c['To date']}{r}/{_share_cell()},0)",
        "Forecast units": f"=MIN(MAX({c['Forecast']}{r}-{c['Bas']}{r},0),{c['Tillägg']}{r})",
        "Forecast kr": f"={c['Forecast units']}{r}*{c['Unit price']}{r}",
        "Reported": f"=IF(COUNT({c['jan']}{r}:{c[last]}{r})>0,1,0)",
    }


def _own_month_forecast(row: Row, r: int, month: int, weights: tuple[int, ...]) -> dict[str, str]:
    """A line judged at an earlier month of its own forecasts with that month's share S."""
    own = max((m for m, v in enumerate(row.months[:month], start=1) if v is not None), default=0)
    if own in (0, month):
        return {}
    share = cumulative_share(weights, own)
    to_date = f"{COL['To date']}{r}"
    return {"Forecast": f"=ROUND({to_date}*{share.denominator}/{share.numerator},0)"}


def _cached(row: Row) -> dict[str, Any]:
    """The value of every figure of a row as the core computed it (a formula's cached value)."""
    f = row.figures
    return {
        "Uppdrag": f.uppdrag,
        "Bas": f.bas,
        "Tillägg": f.tillagg,
        **{label: value or 0 for label, value in zip(MONTH_LABELS, row.months, strict=True)},
        "To date": f.performed,
        "Plan to date": f.planned,
        "Fulfilment": f.performed / f.planned if f.planned else "—",
        "Bas to date": f.bas_to_date,
        "Earned units": f.earned_units,
        "Earned kr": f.earned_kr,
        "Forecast": f.forecast,
        "Forecast units": f.forecast_units,
        "Forecast kr": f.forecast_kr,
        "Reported": f.reported,
    }


def _cells(plan: Plan, row: Row, r: int, month: int, members: list[int]) -> dict[str, Any]:
    """Each column's content: a value, or a formula (text starting with "=")."""
    c = COL
    values: dict[str, Any] = {"Line": neutralise(row.label)}
    f = row.figures
    if row.line is not None:
        values |= {
            "Key": row.line.key,
            "Price class": display.word(row.line.price_class.value),
            "Unit price": plan.prices.unit_price(row.line.price_class),
            "Uppdrag": f.uppdrag,
            "Bas": f.bas,
            "Tillägg": f.tillagg,
            "Plan to date": f.planned,
            "Bas to date": f.bas_to_date,
            **dict(zip(MONTH_LABELS, row.months, strict=True)),
            **_line_formulas(r, month),
        }
    else:
        for name in _SUMMED:
            summed = ",".join(f"{c[name]}{m}" for m in members)
            values[name] = f"=SUM({summed})" if summed else 0
        if row.kind is RowKind.CATEGORY and members:
            first, last = members[0], members[-1]
            flags = f"{c['Reported']}{first}:{c['Reported']}{last}"
            for name in _REPORTED_ONLY:
                values[name] = f"=SUMPRODUCT({flags},{c[name]}{first}:{c[name]}{last})"
    values["Fulfilment"] = (
        f'=IF({c["Plan to date"]}{r}=0,"—",{c["To date"]}{r}/{c["Plan to date"]}{r})'
    )
    return values


def _write_row(
    sheet: Any, r: int, cells: dict[str, Any], cached: dict[str, Any], formats: dict[str, Any]
) -> None:
    for col, name in enumerate(HEADERS):
        value = cells.get(name)
        fmt = formats["percent" if name == "Fulfilment" else "number"]
        if isinstance(value, str) and value.startswith("="):
            sheet.write_formula(r - 1, col, value, fmt, cached.get(name, 0))
        elif value is not None:
            sheet.write(r - 1, col, value, fmt)


def _indicator_sheet(
    sheet: Any, followup: FollowUp, weights: tuple[int, ...], percent: Any
) -> None:
    """The decision's indicator per month and to date, with fulfilment as a formula."""
    found = indicator(followup, weights)
    sheet.write(
        0,
        0,
        _("{indicator} (target {target}; {reported})").format(
            indicator=INDICATOR_NAME, target=display.percent(100, 0), reported=found.reported_text
        ),
    )
    sheet.set_column(0, 0, 14)
    for col, header in enumerate((_("Month"), _("Performed"), _("Plan"), _("Fulfilment"))):
        sheet.write(1, col, header)
    rows = [(month_name(f.month), f.performed, f.planned) for f in found.months]
    rows.append((_("To date"), found.performed, found.planned))
    for r, (name, performed, planned) in enumerate(rows, start=3):
        sheet.write(r - 1, 0, name)
        sheet.write(r - 1, 1, performed)
        sheet.write(r - 1, 2, planned)
        cached = performed / planned if planned else "—"
        sheet.write_formula(r - 1, 3, f'=IF(C{r}=0,"—",B{r}/C{r})', percent, cached)


def render_followup_xlsx(plan: Plan, followup: FollowUp, weights: tuple[int, ...]) -> bytes:
    """Sheets Follow-up (grouped, formulas with their values) and About (plan, month, S(m))."""
    out = io.BytesIO()
    book, formats = new_book(out)
    plain = {"number": formats["number"], "percent": formats["percent"]}
    bold = {"number": formats["bold_number"], "percent": formats["bold_percent"]}
    sheet = book.add_worksheet(_("Follow-up"))
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 28)
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, _header(header), bold["number"])
    members = _members(followup.rows)
    for r, row in enumerate(followup.rows, start=2):
        cells = _cells(plan, row, r, followup.month, members.get(r, []))
        if row.line is not None:
            cells |= _own_month_forecast(row, r, followup.month, weights)
        _write_row(sheet, r, cells, _cached(row), plain if row.line else bold)
    about = book.add_worksheet(_("About"))
    share = cumulative_share(weights, followup.month)
    for r, (name, value) in enumerate(
        (
            (_("Hospital"), f"{plan.hospital.name} ({plan.hospital.code})"),
            (_("Year"), plan.year),
            (_("Reporting month"), f"{followup.month} ({month_name(followup.month)})"),
            (_("Phasing"), " ".join(str(w) for w in weights)),
        )
    ):
        about.write(r, 0, name)
        about.write(r, 1, value)
    about.write(4, 0, _("Share S(m)"))
    about.write_formula(4, 1, f"={share.numerator}/{share.denominator}", None, float(share))
    about.write(5, 0, _("Earned tillägg"))
    about.write(5, 1, followup.reading.text)
    about.write(6, 0, _("Subtotals compare over"))
    about.write(6, 1, followup.total.figures.reported_text)
    _indicator_sheet(book.add_worksheet(_("Indicator")), followup, weights, plain["percent"])
    book.close()
    return out.getvalue()
