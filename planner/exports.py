"""Every export format behind one function: the bytes of a plan file in a chosen format."""

from __future__ import annotations

from typing import Any

from planner.export_data import render_csv, render_json
from planner.model import Plan
from planner.report import render_table

FORMATS = ("json", "csv", "xlsx", "md", "text")
EXTENSIONS = {"json": "json", "csv": "csv", "xlsx": "xlsx", "md": "md", "text": "txt"}


def render(plan: Plan, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None) -> str:
    """A text format (json, csv, md, text) as a string, for printing."""
    if fmt == "json":
        return render_json(plan, meta)
    if fmt == "csv":
        return render_csv(plan, sep, meta)
    heading = None
    if meta:
        heading = (
            f"{plan.hospital.name} {plan.year}: snapshot {meta['id']} \u00ab{meta['label']}\u00bb"
        )
    return render_table(plan, markdown=fmt == "md", heading=heading)


def export_bytes(plan: Plan, fmt: str, sep: str = ",", meta: dict[str, Any] | None = None) -> bytes:
    """The file contents: CSV with a UTF-8 BOM (for Excel), XLSX as a workbook, else UTF-8."""
    if fmt == "xlsx":
        from planner.export_xlsx import render_xlsx

        return render_xlsx(plan, meta)
    text = render(plan, fmt, sep, meta)
    return text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
