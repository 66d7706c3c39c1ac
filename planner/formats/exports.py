"""Every export format behind one function: the bytes of a plan file in a chosen format."""

from __future__ import annotations

from typing import Any

from planner.formats.plan_csv import render_csv
from planner.formats.plan_json import render_json
from planner.formats.plan_table import PlanTable, plan_table
from planner.i18n import _
from planner.model import Plan

FORMATS = ("json", "csv", "xlsx", "md", "text")
EXTENSIONS = {"json": "json", "csv": "csv", "xlsx": "xlsx", "md": "md", "text": "txt"}
# Formats rendered from export rows (formats.plan_table), so a live plan needs no Plan object.
TABLE_FORMATS = ("json", "csv", "xlsx")


def render(plan: Plan, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None) -> str:
    """A text format (json, csv, md, text) as a string, for printing."""
    if fmt in ("json", "csv"):
        return render_rows(plan_table(plan), fmt, sep, meta)
    from planner.formats.plan_text import render_table  # tabulate, only for md and text

    heading = None
    if meta:
        heading = _("{name} {year}: snapshot {meta} «{meta2}»").format(
            name=plan.hospital.name, year=plan.year, meta=meta["id"], meta2=meta["label"]
        )
    return render_table(plan, markdown=fmt == "md", heading=heading)


def render_rows(
    table: PlanTable, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None
) -> str:
    """json or csv of export rows as a string."""
    if fmt == "json":
        return render_json(table, meta)
    return render_csv(table, sep, meta)


def export_bytes(plan: Plan, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None) -> bytes:
    """The file contents: CSV with a UTF-8 BOM (for Excel), XLSX as a workbook, else UTF-8."""
    if fmt in TABLE_FORMATS:
        return export_rows(plan_table(plan), fmt, sep, meta)
    return render(plan, fmt, sep, meta).encode("utf-8")


def export_rows(
    table: PlanTable, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None
) -> bytes:
    """json, csv or xlsx file contents from export rows (the fast path for large live plans)."""
    if fmt == "xlsx":
        from planner.formats.plan_xlsx import render_xlsx

        return render_xlsx(table, meta)
    text = render_rows(table, fmt, sep, meta)
    return text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
