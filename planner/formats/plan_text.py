"""The plan as a human-readable table: plain text and Markdown, via tabulate."""

from __future__ import annotations

from planner.display import word
from planner.formats.text_table import tabulate
from planner.grouping import Row, RowKind, grouped_rows
from planner.i18n import N_, _
from planner.model import Plan, PriceClass, Prices
from planner.numbers import format_number
from planner.prices import Totals, plan_totals, totals_by_class
from planner.text import escape_control, md_cell

HEADERS = [
    N_("Line"),
    N_("Uppdrag"),
    N_("Bas"),
    N_("Tillägg"),
    N_("Price class"),
    N_("Unit price"),
    N_("Tilläggskostnad"),
]
_INDENT = {RowKind.AREA: 0, RowKind.CATEGORY: 1, RowKind.LINE: 2, RowKind.TOTAL: 0}


def _cells(row: Row, plan: Plan, markdown: bool) -> list[str]:
    label = md_cell(row.label) if markdown else escape_control(row.label)
    if markdown:
        label = f"**{label}**" if row.kind is not RowKind.LINE else label
        label = "\u00a0\u00a0" * _INDENT[row.kind] + label
    else:
        label = "  " * _INDENT[row.kind] + label
    price_class = unit_price = ""
    if row.line is not None:
        price_class = word(row.line.price_class.value)
        unit_price = format_number(plan.prices.unit_price(row.line.price_class))
    t = row.totals
    return [
        label,
        format_number(t.uppdrag),
        format_number(t.bas),
        format_number(t.tillagg),
        price_class,
        unit_price,
        format_number(t.cost),
    ]


def title(plan: Plan) -> str:
    """`NU-sjukvården (NU) 2026`, a scenario marked: `… 2026 · scenario forslag-a`."""
    name = f"{plan.hospital.name} ({plan.hospital.short_name}) {plan.year}"
    if plan.scenario:
        return _("{name} · scenario {scenario}").format(name=name, scenario=plan.scenario)
    return name


SUMMARY_HEADERS = [N_("Price class"), N_("Unit price"), N_("Tillägg"), N_("Tilläggskostnad")]
SUMMARY_ALIGN = ("left", "right", "right", "right")


def class_summary(
    prices: Prices, by_class: dict[PriceClass, Totals], total: Totals
) -> list[list[str]]:
    """Tillägg volume and cost (kr) per price class plus the total, as display cells."""
    rows = [
        [
            word(cls.value),
            f"{format_number(prices.unit_price(cls))} kr",
            format_number(by_class[cls].tillagg),
            f"{format_number(by_class[cls].cost)} kr",
        ]
        for cls in PriceClass
    ]
    rows.append([_("total"), "", format_number(total.tillagg), f"{format_number(total.cost)} kr"])
    return rows


def summary_table(
    prices: Prices, by_class: dict[PriceClass, Totals], total: Totals, fmt: str = "simple"
) -> str:
    return tabulate(
        class_summary(prices, by_class, total),
        [_(header) for header in SUMMARY_HEADERS],
        tablefmt=fmt,
        colalign=SUMMARY_ALIGN,
        disable_numparse=True,
    )


def _note(row: Row, plan: Plan, markdown: bool) -> str:
    note = plan.notes.get(row.line.key, "") if row.line is not None else ""
    return md_cell(note) if markdown else escape_control(note)


def render_table(plan: Plan, markdown: bool = False, heading: str | None = None) -> str:
    """The grouped plan and its per-class summary as plain text or Markdown; a Note column
    when a line has a note."""
    fmt = "github" if markdown else "simple"
    rows = grouped_rows(plan)
    body = [_cells(row, plan, markdown) for row in rows]
    align: tuple[str, ...] = ("left", "right", "right", "right", "left", "right", "right")
    headers = HEADERS
    if plan.notes:
        body = [[*cells, _note(row, plan, markdown)] for cells, row in zip(body, rows, strict=True)]
        align, headers = (*align, "left"), [*HEADERS, N_("Note")]
    table = tabulate(
        body,
        [_(header) for header in headers],
        tablefmt=fmt,
        colalign=align,
        disable_numparse=True,
        preserve_whitespace=True,
    )
    total = plan_totals(plan)
    summary = summary_table(plan.prices, totals_by_class(plan), total, fmt)
    head = heading or title(plan)
    if markdown:
        head = md_cell(head)
        by_class = _("Tillägg by price class")
        cost = _("Total tilläggskostnad: {cost} kr").format(cost=f"**{format_number(total.cost)}")
        return f"# {head}\n\n{table}\n\n## {by_class}\n\n{summary}\n\n{cost}**\n"
    head = escape_control(head)
    cost = _("Total tilläggskostnad: {cost} kr").format(cost=format_number(total.cost))
    return f"{head}\n\n{table}\n\n{summary}\n\n{cost}\n"
