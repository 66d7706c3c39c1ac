"""The indicator register as text, Markdown, CSV or JSON: each indicator with its latest outcome,
or with `due` the outcome due for that period.

Status shows as a word with a symbol (✓ met, ✗ not met, ? to judge, · not reported), so it
never relies on colour. JSON keys: id, area, text, target (kind, value), schedule, outcomes
(period, value, status); outcome values are as stored (numbers with a decimal point).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.decision.register import (
    NOT_REPORTED,
    Assessed,
    Indicator,
    Outcome,
    assess,
    due_periods,
)
from planner.decision.targets import NUMBER_KINDS, Status, shown_value
from planner.formats.plan_csv import neutralise
from planner.formats.text_table import tabulate
from planner.i18n import N_, _, ngettext
from planner.text import escape_control, escape_json, md_cell

REGISTER_FORMATS = ("text", "md", "csv", "json", "xlsx")
SYMBOLS: dict[str, str] = {
    Status.MET: "✓",
    Status.NOT_MET: "✗",
    Status.TO_JUDGE: "?",
    NOT_REPORTED: "·",
}
CSV_COLUMNS = [
    "id",
    "number",
    "area",
    "uppdrag",
    "text",
    "target",
    "target_kind",
    "target_value",
    "schedule",
    "period",
    "value",
    "status",
    "gap",
    "note",
    "check_note",
]
# The XLSX headers of CSV_COLUMNS, in the same order, translated where shown.
XLSX_HEADERS = (
    N_("Id"),
    N_("No."),
    N_("Area"),
    N_("Uppdrag"),
    N_("Indicator"),
    N_("Target"),
    N_("Target kind"),
    N_("Target value"),
    N_("When"),
    N_("Period"),
    N_("Outcome"),
    N_("Status"),
    N_("Gap"),
    N_("Note"),
    N_("Check how it was read"),
)


@dataclass(frozen=True)
class RegisterLine:
    """An indicator with its judged outcomes and the one shown: the latest, or the due one."""

    indicator: Indicator
    outcomes: tuple[Assessed, ...]
    period: str
    shown: Assessed | None
    due: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        if self.indicator.refers_to:
            return ""
        return NOT_REPORTED if self.shown is None else self.shown.status.value


def status_text(status: str) -> str:
    """ "✓ met", "✗ not met", "? to judge", "· not reported" in the chosen language; "" for a
    referring row."""
    if not status:
        return ""
    return f"{SYMBOLS[status]} {status_word(status)}"


def status_word(status: str) -> str:
    """A status as a word in the chosen language ("uppfylld", "inte rapporterad")."""
    words = {
        Status.MET: _("met"),
        Status.NOT_MET: _("not met"),
        Status.TO_JUDGE: _("to judge"),
        NOT_REPORTED: _("not reported"),
    }
    return words.get(status, status)


def register_lines(
    indicators: Sequence[Indicator],
    outcomes: Mapping[str, Sequence[Outcome]],
    due: tuple[int, int] | None = None,
) -> list[RegisterLine]:
    """Every indicator (with `due` (year, month): those due then) with what to show."""
    lines = []
    for ind in indicators:
        judged = tuple(assess(ind, outcomes.get(ind.id, ())))
        if due is None:
            latest = judged[-1] if judged else None
            lines.append(RegisterLine(ind, judged, latest.period if latest else "", latest))
            continue
        periods = () if ind.refers_to else tuple(due_periods(ind.schedule, *due))
        if not periods:
            continue
        found = {a.period: a for a in judged}
        period = next((p for p in reversed(periods) if p in found), periods[-1])
        lines.append(RegisterLine(ind, judged, period, found.get(period), periods))
    return lines


def _outcome_value(ind: Indicator, value: str) -> Any:
    if ind.target.kind in NUMBER_KINDS:
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def register_document(
    hospital: str, year: int, lines: Sequence[RegisterLine], due: str | None
) -> dict[str, Any]:
    items = []
    for line in lines:
        ind = line.indicator
        target_value = ind.target.value
        items.append(
            {
                "id": ind.id,
                "number": ind.number,
                "area": ind.area,
                "uppdrag": ind.uppdrag,
                "text": ind.text,
                "target": {
                    "kind": ind.target.kind.value,
                    "value": None
                    if target_value is None
                    else _outcome_value(ind, ind.target.value_text or ""),
                    "printed": ind.target_printed,
                },
                "schedule": [o.value for o in ind.schedule],
                "schedule_text": ind.schedule_printed,
                "source": ind.source,
                "reporter": ind.reporter,
                "refers_to": ind.refers_to or None,
                "filled_from": "follow-up" if ind.auto else None,
                "check_note": ind.check_note or None,
                "due": list(line.due) if due else None,
                "status": line.status or None,
                "outcomes": [
                    {
                        "period": a.period,
                        "value": _outcome_value(ind, a.value),
                        "status": a.status.value,
                        "gap": a.gap,
                        "note": a.note,
                        "judged_by_a_person": bool(a.verdict),
                    }
                    for a in line.outcomes
                ],
            }
        )
    return {
        "schema": "planner.indicators/1",
        "hospital": hospital,
        "year": year,
        "due": due,
        "indicators": items,
    }


def _cells(line: RegisterLine, markdown: bool) -> list[str]:
    ind = line.indicator
    clean = md_cell if markdown else escape_control
    shown = line.shown
    what = _("see {other}").format(other=ind.refers_to) if ind.refers_to else ind.text
    if ind.check_note:
        what = _("{text} (check how it was read)").format(text=what)
    value = "" if shown is None else f"{line.period}: {shown_value(ind.target, shown.value)}"
    return [
        str(ind.number),
        clean(ind.uppdrag),
        clean(what),
        clean(ind.target_printed),
        clean(ind.schedule_printed),
        clean(value),
        status_text(line.status),
        "" if shown is None else shown.shown_gap,
    ]


def render_register(
    hospital: str,
    year: int,
    lines: Sequence[RegisterLine],
    fmt: str,
    due: str | None = None,
    sep: str = ",",
) -> str:
    """The register in `fmt` (text, md, csv with `sep`, json); xlsx is register_xlsx's."""
    if fmt == "json":
        document = register_document(hospital, year, lines, due)
        return escape_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        return _csv(lines, sep)
    markdown = fmt == "md"
    shown = _("Due") if due else _("Latest")
    headers = [_("No."), _("Uppdrag"), _("Indicator"), _("Target"), _("When"), shown]
    table = tabulate(
        [_cells(line, markdown) for line in lines],
        [*headers, _("Status"), _("Gap")],
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
        maxcolwidths=None if markdown else [None, 18, 40, 16, 14, 16, 18, 16],
    )
    counts = summary(lines)
    heading = register_heading(hospital, year, due)
    if markdown:
        return f"# {heading}\n\n{counts}\n\n{table}\n"
    return f"{heading}\n{counts}\n\n{table}\n"


def summary(lines: Sequence[RegisterLine]) -> str:
    """ "41 indicators: 3 met, 2 not met, 1 to judge, 33 not reported" (referring rows aside)."""
    order = [s.value for s in Status] + [NOT_REPORTED]
    counted = {name: 0 for name in order}
    for line in lines:
        if line.status:
            counted[line.status] += 1
    parts = ", ".join(_status_count(name, n) for name, n in counted.items() if n)
    total = len(lines)
    if parts:
        return ngettext("{count} indicator: {parts}", "{count} indicators: {parts}", total).format(
            count=total, parts=parts
        )
    return ngettext("{count} indicator", "{count} indicators", total).format(count=total)


def _status_count(status: str, count: int) -> str:
    """ "3 met", "33 not reported": a count of one status in the chosen language."""
    if status == Status.MET:
        text = ngettext("{count} met", "{count} met", count)
    elif status == Status.NOT_MET:
        text = ngettext("{count} not met", "{count} not met", count)
    elif status == Status.TO_JUDGE:
        text = ngettext("{count} to judge", "{count} to judge", count)
    else:
        text = ngettext("{count} not reported", "{count} not reported", count)
    return text.format(count=count)


def register_heading(hospital: str, year: int, due: str | None) -> str:
    """ "Indicators NU 2026", or with `due` "Indicators NU 2026, due for 2026-08"."""
    if due:
        return _("Indicators {hospital} {year}, due for {due}").format(
            hospital=hospital, year=year, due=due
        )
    return _("Indicators {hospital} {year}").format(hospital=hospital, year=year)


def csv_rows(lines: Sequence[RegisterLine], people: bool = False) -> list[list[Any]]:
    """One row per indicator and outcome (an indicator without any: one row), text neutralised;
    `people` (XLSX) shows status, value and gap in the chosen language, CSV keeps them plain."""
    rows = []
    for line in lines:
        ind = line.indicator
        head = [
            ind.id,
            ind.number,
            neutralise(ind.area),
            neutralise(ind.uppdrag),
            neutralise(ind.text),
            neutralise(ind.target_printed),
            ind.target.kind.value,
            ind.target.value_text or "",
            neutralise(ind.schedule_printed),
        ]
        tail = [neutralise(ind.check_note)]
        outcomes = line.outcomes or (None,)
        for a in outcomes:
            if a is None:
                body = ["", "", status_word(line.status) if people else line.status, "", ""]
            elif people:
                value = shown_value(ind.target, a.value)
                body = [a.period, value, status_word(a.status), a.shown_gap, neutralise(a.note)]
            else:
                body = [a.period, a.value, a.status.value, a.gap, neutralise(a.note)]
            rows.append([*head, *body, *tail])
    return rows


def _csv(lines: Sequence[RegisterLine], sep: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(lines))
    return out.getvalue()
