"""Training places as text, Markdown, CSV or JSON: each table with its total, the printed total
and a flag when they differ."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from planner.decision.training_places import PlaceTable
from planner.formats.plan_csv import neutralise
from planner.formats.text_table import tabulate
from planner.i18n import _
from planner.numbers import format_number
from planner.text import escape_control, md_cell

PLACES_FORMATS = ("text", "md", "csv", "json")
FLAG = "⚠"


def render_places(year: int, tables: Sequence[PlaceTable], fmt: str) -> str:
    if fmt == "json":
        document = {
            "schema": "planner.places/1",
            "year": year,
            "tables": [
                {
                    "kind": t.kind,
                    "provider": t.provider or None,
                    "rows": [{"label": p.label, "places": p.places} for p in t.rows],
                    "total": t.total,
                    "printed_total": t.printed,
                    "differs": t.differs,
                }
                for t in tables
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["year", "kind", "provider", "specialty", "places"])
        for t in tables:
            for p in t.rows:
                writer.writerow([p.year, p.kind, p.provider, neutralise(p.specialty), p.places])
        return out.getvalue()
    markdown = fmt == "md"
    clean = md_cell if markdown else escape_control
    parts = []
    for t in tables:
        rows = [[clean(p.label), format_number(p.places)] for p in t.rows]
        flag = f"{FLAG} " if t.differs else ""
        rows.append([_("Total"), f"{format_number(t.total)}  {flag}({t.total_note})"])
        table = tabulate(
            rows,
            [t.title, _("Places")],
            tablefmt="github" if markdown else "simple",
            colalign=("left", "right"),
            disable_numparse=True,
        )
        parts.append(f"## {t.title}\n\n{table}" if markdown else table)
    heading = _("Training places {year}").format(year=year)
    body = "\n\n".join(parts) if parts else _("no training places for this year")
    return f"# {heading}\n\n{body}\n" if markdown else f"{heading}\n\n{body}\n"
