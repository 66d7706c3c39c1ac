"""Part-readers of a decision's money: the compensation table, the bridge and the items.

Every printed sum is checked against its parts (R11): the uplift against last year's frame
times the factor (halves up), the subtotal, the frame against subtotal + adjustments, the
compensation table's frame and total, and the sentence "Den totala ersättningsramen för YYYY
är … tusen kronor". A disagreement names both figures; it is an error unless accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from planner import display
from planner.decision.frame import MAX_AMOUNT, Adjustment, Bridge, Item, Money, uplift_amount
from planner.i18n import N_, _
from planner.keys import slug
from planner.numbers import NumberError, format_number, parse_whole
from planner.readers.decision_document import Document, Row, Table
from planner.readers.decision_table import Problem
from planner.readers.table_rows import fold
from planner.text import check_user_text

_COMPENSATION = re.compile(r"^ersattning (\d{4}) \(tusen kronor\)$")
_BRIDGE = re.compile(r"^ersattning \(tusen kronor\)$")
_ITEMS = re.compile(r"^ersattning$")
_DECIDED = re.compile(r"^beslutsdatum$")
_UPLIFT = re.compile(r"([0-9]+(?:[.,][0-9]+)?) ?%")
_REFERENCE = re.compile(r"\(([^)]*)\)")
_FRAME_SENTENCE = re.compile(r"totala ersattningsramen for (\d{4}) ar ([0-9][0-9 ]*) tusen kronor")
_KEY_END = re.compile(r"[,:(]")
MAX_LABEL = 300


@dataclass
class Findings:
    """Warnings and errors of a reading, each with its line in the document."""

    accept_total_mismatch: bool = False
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.errors.append(Problem(line, message))

    def mismatch(self, line: int, message: str) -> None:
        """A printed sum that disagrees with its parts: refused unless accepted."""
        if self.accept_total_mismatch:
            self.warnings.append(
                Problem(line, _("{message} (mismatch accepted)").format(message=message))
            )
        else:
            self.errors.append(Problem(line, message))


def figure(row: Row, cell: str, findings: Findings) -> int | None:
    """A signed whole number printed in a cell (None, with an error, when it is not one)."""
    try:
        return parse_whole(
            cell.replace("\u2212", "-"), row.label or N_("the row"), -MAX_AMOUNT, MAX_AMOUNT
        )
    except NumberError as exc:
        findings.error(row.line, str(exc))
        return None


def last_figure(row: Row, findings: Findings) -> int | None:
    """The row's last non-empty cell as a figure (None when the row has none)."""
    filled = [c for c in row.values if c]
    return figure(row, filled[-1], findings) if filled else None


def checked_label(row: Row, label: str, findings: Findings) -> str:
    """A label as printed: at most MAX_LABEL characters, control characters refused."""
    try:
        return check_user_text(N_("a label"), label, MAX_LABEL)
    except ValueError as exc:
        findings.error(row.line, str(exc))
        return label[:MAX_LABEL]


def item_key(label: str) -> str:
    """A short stable key of an item: the label up to its first , : or ( as a slug."""
    return slug(_KEY_END.split(label, maxsplit=1)[0]) or slug(label)


def find_table(doc: Document, pattern: re.Pattern[str]) -> Table | None:
    return next((t for _line, t in doc.tables() if t.header_has(pattern)), None)


def read_compensation(doc: Document, findings: Findings) -> tuple[int | None, list[Item]]:
    """The compensation table: its frame ("Ersättning länssjukvård") and the items below
    "Varav uppdrag med avräkning"; its last row (the total) must equal the frame."""
    table = find_table(doc, _COMPENSATION)
    if table is None:
        findings.error(
            0, _("no compensation table (a column headed 'Ersättning YYYY (tusen kronor)')")
        )
        return None, []
    body = [r for r in table.rows[1:]]
    if not body:
        findings.error(table.line, _("the compensation table has no rows"))
        return None, []
    frame = last_figure(body[0], findings)
    items: list[Item] = []
    in_items = False
    for row in body[1:-1]:
        if fold(row.label).startswith("varav"):
            in_items = True
            continue
        value = last_figure(row, findings)
        if in_items and value is not None:
            label = checked_label(row, row.label.rstrip(". "), findings)
            items.append(Item(item_key(label), label, value))
    total = last_figure(body[-1], findings) if len(body) > 1 else frame
    if frame is not None and total is not None and total != frame:
        findings.mismatch(
            body[-1].line,
            _("the compensation table prints {total} as its total but {frame} as the frame").format(
                total=format_number(total), frame=format_number(frame)
            ),
        )
    return frame, items


def _uplift_percent(label: str) -> Fraction | None:
    match = _UPLIFT.search(label)
    return Fraction(match[1].replace(",", ".")) if match else None


def read_bridge(doc: Document, findings: Findings) -> tuple[Bridge | None, int | None]:
    """The bridge ("Förändringar jämfört med föregående uppdrag") and its printed frame."""
    table = find_table(doc, _BRIDGE)
    if table is None:
        findings.error(0, _("no bridge table (a column headed 'Ersättning (tusen kronor)')"))
        return None, None
    last = uplift = subtotal = printed = None
    reference, percent = "", None
    adjustments: list[Adjustment] = []
    body = table.rows[1:]
    for index, row in enumerate(body):
        label, value = fold(row.label), last_figure(row, findings)
        if value is None:
            continue
        if index == 0 and label.startswith("ersattning"):
            last = value
            found = _REFERENCE.search(row.label)
            reference = found[1].strip() if found else row.label
        elif label.startswith("upprakning"):
            uplift, percent = value, _uplift_percent(row.label)
        elif label.startswith("delsumma"):
            subtotal = value
        elif index == len(body) - 1:
            printed = value
        else:
            adjustments.append(Adjustment(checked_label(row, row.label, findings), value))
    if last is None or uplift is None or percent is None:
        findings.error(table.line, _("the bridge lacks last year's frame or its uplift factor (%)"))
        return None, printed
    bridge = Bridge(last, reference, percent, uplift, tuple(adjustments))
    _check_bridge(table, bridge, subtotal, printed, findings)
    return bridge, printed


def _check_bridge(
    table: Table, bridge: Bridge, subtotal: int | None, printed: int | None, findings: Findings
) -> None:
    line = table.line
    expected = uplift_amount(bridge.last_tkr, bridge.uplift_percent)
    if expected != bridge.uplift_tkr:
        findings.mismatch(
            line,
            _(
                "the bridge prints an uplift of {uplift} but {last} times {percent} is {expected}"
            ).format(
                uplift=format_number(bridge.uplift_tkr),
                last=format_number(bridge.last_tkr),
                percent=display.percent(bridge.uplift_percent),
                expected=format_number(expected),
            ),
        )
    if subtotal is not None and subtotal != bridge.subtotal_tkr:
        findings.mismatch(
            line,
            _(
                "the bridge prints a subtotal of {subtotal} but last year's frame and the uplift"
                " sum to {sum}"
            ).format(subtotal=format_number(subtotal), sum=format_number(bridge.subtotal_tkr)),
        )
    if printed is None:
        findings.error(line, _("the bridge prints no new frame on its last row"))
    elif printed != bridge.frame_tkr:
        findings.mismatch(
            line,
            _(
                "the bridge prints a frame of {printed} but the subtotal and its {count}"
                " adjustments sum to {sum}"
            ).format(
                printed=format_number(printed),
                count=len(bridge.adjustments),
                sum=format_number(bridge.frame_tkr),
            ),
        )


def frame_sentence(doc: Document) -> tuple[int, int] | None:
    """(year, tkr) of "Den totala ersättningsramen för YYYY är … tusen kronor", if printed."""
    match = _FRAME_SENTENCE.search(fold(doc.text()))
    return (int(match[1]), int(match[2].replace(" ", ""))) if match else None


def read_hospital_money(doc: Document, findings: Findings) -> Money:
    """A hospital decision's money in tkr: bridge, compensation table and the sentence agree."""
    bridge, _printed = read_bridge(doc, findings)
    frame, items = read_compensation(doc, findings)
    if bridge is not None and frame is not None and frame != bridge.frame_tkr:
        findings.mismatch(
            0,
            _("the compensation table's frame {frame} differs from the bridge's {bridge}").format(
                frame=format_number(frame), bridge=format_number(bridge.frame_tkr)
            ),
        )
    sentence = frame_sentence(doc)
    if sentence is not None and bridge is not None and sentence[1] != bridge.frame_tkr:
        findings.mismatch(
            0,
            _(
                "the text says the total frame is {printed} tusen kronor but the bridge sums to"
                " {sum}"
            ).format(printed=format_number(sentence[1]), sum=format_number(bridge.frame_tkr)),
        )
    if items and frame is not None and sum(i.level for i in items) > frame:
        findings.error(0, _("the items settled against outcome exceed the frame"))
    return Money("tkr", bridge, frame, tuple(items), settled=True)


def read_provider_items(doc: Document, findings: Findings) -> Money | None:
    """A provider's compensation items in kronor (the Närhälsan layout: a `|` table with the
    columns Beslutsdatum and Ersättning); None when the document has no such table."""
    for _line, table in doc.tables():
        header = [fold(c) for c in table.rows[0].cells]
        if not any(_DECIDED.match(c) for c in header) or not any(_ITEMS.match(c) for c in header):
            continue
        column = next(i for i, c in enumerate(header) if _ITEMS.match(c))
        items, printed = [], None
        for row in table.rows[1:]:
            cell = row.cells[column] if column < len(row.cells) else ""
            label = row.label.rstrip(". ")
            if fold(label).startswith(("ny total", "total")):
                printed = figure(row, cell, findings) if cell else None
            elif cell:
                value = figure(row, cell, findings)
                if value is not None:
                    label = checked_label(row, label, findings)
                    items.append(Item(item_key(label), label, value))
        if printed is not None and printed != sum(i.level for i in items):
            findings.mismatch(
                table.line,
                _("the total prints {printed} but the items sum to {sum}").format(
                    printed=format_number(printed), sum=format_number(sum(i.level for i in items))
                ),
            )
        return Money("kr", None, printed, tuple(items), settled=False)
    return None
