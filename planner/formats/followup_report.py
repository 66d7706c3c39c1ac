"""The follow-up and the tertial settlement as text, Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from planner.display import month_label, month_labels, month_name, percent, word
from planner.display import tertial as tertial_text
from planner.followup.indicator import INDICATOR_NAME, Indicator, indicator
from planner.followup.performance import (
    NOT_REPORTED,
    FollowUp,
    Reading,
    Row,
    format_fulfilment,
    fulfilment_mark,
)
from planner.followup.phasing import EVEN
from planner.followup.settlement import CLASSES, Tertial
from planner.formats.plan_csv import neutralise
from planner.formats.plan_text import title
from planner.formats.text_table import tabulate
from planner.grouping import RowKind
from planner.i18n import N_, _
from planner.model import Plan
from planner.numbers import format_number

FIGURE_HEADERS = [
    N_("To date"),
    N_("Plan to date"),
    N_("Fulfilment"),
    N_("Earned units"),
    N_("Earned kr"),
    N_("Forecast"),
    N_("Forecast kr"),
]
_INDENT = {RowKind.AREA: 0, RowKind.CATEGORY: 1, RowKind.LINE: 2, RowKind.TOTAL: 0}
_MARKS = {"low": " ▼", "high": " ▲", "": ""}


def heading(plan: Plan, followup: FollowUp, weights: tuple[int, ...]) -> str:
    phasing = _("even") if weights == EVEN else " ".join(str(w) for w in weights)
    return _(
        "{plan}: follow-up to the end of {month} (phasing {phasing};"
        " earned tillägg reading {reading})"
    ).format(
        plan=title(plan),
        month=month_name(followup.month),
        phasing=phasing,
        reading=followup.reading.text,
    )


def reported_note(followup: FollowUp) -> str:
    """Which lines the subtotals and the total compare over (R8)."""
    return _(
        "Subtotals and the total compare performed with plan over the lines with a reported"
        " month: {reported}."
    ).format(reported=followup.total.figures.reported_text)


def judged(followup: FollowUp) -> str:
    """ " Each line is judged at its own last reported month: …" when they differ."""
    return f" {followup.judged_text}" if followup.judged_text else ""


def indicator_text(found: Indicator) -> str:
    """The decision's indicator to date and per month, one line."""
    months = ", ".join(f"{month_label(f.month)} {percent(f.fulfilment)}" for f in found.months)
    return _(
        "{indicator} (target {target}): {fulfilment} to date, performed {performed} against"
        " plan {planned} ({reported}); by month: {months}"
    ).format(
        indicator=INDICATOR_NAME,
        target=percent(100, 0),
        fulfilment=percent(found.fulfilment),
        performed=format_number(found.performed),
        planned=format_number(found.planned),
        reported=found.reported_text,
        months=months,
    )


def indicator_document(found: Indicator) -> dict[str, Any]:
    return {
        "name": INDICATOR_NAME,
        "price_classes": ["visit", "treatment"],
        "target_percent": 100,
        "performed": found.performed,
        "planned": found.planned,
        "fulfilment": format_fulfilment(found.fulfilment),
        "lines": found.lines,
        "reported_lines": found.reported,
        "months": [
            {
                "month": f.month,
                "performed": f.performed,
                "planned": f.planned,
                "fulfilment": format_fulfilment(f.fulfilment),
            }
            for f in found.months
        ],
    }


def month_cell(value: int | None) -> str:
    """A month's figure; blank when not reported (a reported 0 shows as 0)."""
    return "" if value is None else format_number(value)


def figure_cells(row: Row) -> list[str]:
    """A row's figures; NOT_REPORTED for a line not reported and a subtotal over none."""
    f = row.figures
    if not f.reported:
        return [NOT_REPORTED] * len(FIGURE_HEADERS)
    fulfilment = f.fulfilment
    return [
        format_number(f.performed),
        format_number(f.planned),
        percent(fulfilment) + _MARKS[fulfilment_mark(fulfilment)],
        format_number(f.earned_units),
        format_number(f.earned_kr),
        format_number(f.forecast),
        format_number(f.forecast_kr),
    ]


def render_followup_table(
    plan: Plan, followup: FollowUp, weights: tuple[int, ...], markdown: bool = False
) -> str:
    """Months 1..m and the to-date figures per line, subtotal and total."""
    m = followup.month
    body = []
    for row in followup.rows:
        label = ("\u00a0\u00a0" if markdown else "  ") * _INDENT[row.kind] + row.label
        if markdown and row.kind is not RowKind.LINE:
            label = f"**{label.strip()}**"
        body.append([label, *(month_cell(v) for v in row.months[:m]), *figure_cells(row)])
    headers = [_("Line"), *month_labels()[:m], *map(_, FIGURE_HEADERS)]
    table = tabulate(
        body,
        headers,
        tablefmt="github" if markdown else "simple",
        colalign=("left", *("right",) * (len(headers) - 1)),
        disable_numparse=True,
        preserve_whitespace=True,
    )
    note = (
        _(
            "Fulfilment ▼ below 90 %, ▲ above 110 % (target 100 %); blank month: not reported;"
            " {not_reported}: a line with no reported month."
        ).format(not_reported=NOT_REPORTED)
        + f"\n{reported_note(followup)}{judged(followup)}\n"
        + f"{indicator_text(indicator(followup, weights))}"
    )
    if markdown:
        note = note.replace("\n", "\n\n")
    head = heading(plan, followup, weights)
    return f"# {head}\n\n{table}\n\n{note}\n" if markdown else f"{head}\n\n{table}\n\n{note}\n"


def followup_document(plan: Plan, followup: FollowUp, weights: tuple[int, ...]) -> dict[str, Any]:
    """JSON-ready: every row with its 12 months (null: not reported) and integer figures."""
    rows = []
    for row in followup.rows:
        f = row.figures
        fulfilment = f.fulfilment
        rows.append(
            {
                "kind": str(row.kind),
                "label": row.label,
                "key": row.line.key if row.line else None,
                "price_class": row.line.price_class.value if row.line else None,
                "months": list(row.months),
                **{name: getattr(f, name) for name in f.__dataclass_fields__},
                "fulfilment": format_fulfilment(fulfilment),
            }
        )
    return {
        "schema": "planner.followup.performance/1",
        "hospital": plan.hospital.code,
        "year": plan.year,
        "month": followup.month,
        "phasing": list(weights),
        "earned_reading": str(followup.reading),
        "lines": followup.total.figures.lines,
        "reported_lines": followup.total.figures.reported,
        "indicator": indicator_document(indicator(followup, weights)),
        "rows": rows,
    }


CSV_FIELDS = [
    "kind", "key", "label", "price_class", *(f"m{m}" for m in range(1, 13)),
    "uppdrag", "bas", "tillagg", "performed", "planned", "bas_to_date", "fulfilment",
    "earned_units", "earned_kr", "forecast", "forecast_units", "forecast_kr", "lines", "reported",
]  # fmt: skip


def render_followup_csv(plan: Plan, followup: FollowUp, weights: tuple[int, ...], sep: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for row in followup_document(plan, followup, weights)["rows"]:
        months = {f"m{m}": v for m, v in enumerate(row.pop("months"), start=1)}
        row = {**row, **months, "label": neutralise(row["label"])}
        writer.writerow(["" if row[name] is None else row[name] for name in CSV_FIELDS])
    return out.getvalue()


def render_followup(
    plan: Plan, followup: FollowUp, weights: tuple[int, ...], fmt: str, sep: str = ","
) -> str:
    if fmt == "json":
        doc = followup_document(plan, followup, weights)
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return render_followup_csv(plan, followup, weights, sep)
    return render_followup_table(plan, followup, weights, markdown=fmt == "md")


def tertial_label(t: Tertial) -> str:
    return tertial_text(t.number, t.end)


def settlement_rows(tertials: list[Tertial]) -> list[list[str]]:
    """Per tertial and price class: cumulative earned kronor and the tertial's payment."""
    rows = []
    for t in tertials:
        if t.status == "open":
            rows.append([tertial_label(t), word("open"), "", "", ""])
            continue
        for cls in CLASSES:
            earned, payment = format_number(t.earned[cls]), format_number(t.payment[cls])
            rows.append([tertial_label(t), word(t.status), word(cls), earned, payment])
    return rows


def render_settlement(
    plan: Plan,
    tertials: list[Tertial],
    month: int,
    fmt: str,
    sep: str,
    reading: Reading = Reading.PHASED,
) -> str:
    """The settlement in a text format; earned is cumulative to the tertial's end."""
    if fmt == "json":
        doc = {
            "schema": "planner.followup.settlement/1",
            "hospital": plan.hospital.code,
            "year": plan.year,
            "month": month,
            "earned_reading": str(reading),
            "tertials": [
                {
                    "tertial": t.number,
                    "end_month": t.end,
                    "status": t.status,
                    "earned": t.earned,
                    "payment": t.payment,
                }
                for t in tertials
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    headers = [_("Tertial"), _("Status"), _("Price class"), _("Earned kr"), _("Payment kr")]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
        writer.writerow(["tertial", "end_month", "status", "price_class", "earned", "payment"])
        for t in tertials:
            for cls in CLASSES if t.status != "open" else ():
                writer.writerow([t.number, t.end, t.status, cls, t.earned[cls], t.payment[cls]])
            if t.status == "open":
                writer.writerow([t.number, t.end, "open", "", "", ""])
        return out.getvalue()
    markdown = fmt == "md"
    table = tabulate(
        settlement_rows(tertials),
        headers,
        tablefmt="github" if markdown else "simple",
        colalign=("left", "left", "left", "right", "right"),
        disable_numparse=True,
    )
    head = _(
        "{plan}: tertial settlement, reported through {month} (earned tillägg reading {reading})"
    ).format(plan=title(plan), month=month_name(month), reading=reading.text)
    note = _("T1 and T2 are preliminary, T3 (December) final; a negative payment is a repayment.")
    return f"# {head}\n\n{table}\n\n{note}\n" if markdown else f"{head}\n\n{table}\n\n{note}\n"
