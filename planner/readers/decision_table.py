"""Checking a decision's volume table against the line catalogue and its own printed sums.

Rows are matched by their area and category context and name (accent- and case-insensitive,
with an alias list); each line must keep uppdrag = bas + tillägg (R1). Printed subtotals and
the Totalsumma are compared with the sums of their lines; the line values win.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.i18n import _
from planner.model import PlanLine, Volumes
from planner.numbers import NumberError, format_number, parse_volume
from planner.readers.table_rows import FIELDS, Figure, RawRow, fold
from planner.text import MAX_PROBLEMS

ALIASES = {"forstabetesok": "forstabesok", "forstabesoek": "forstabesok"}
TOTAL_LABELS = frozenset(["totalsumma", "total", "totalt", "summa"])
_DECIMAL = re.compile(r"-?[0-9][0-9 \u00a0\u202f]*[.,][0-9]+")


@dataclass(frozen=True)
class Problem:
    """One finding with the input line it is about (0: the table as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return (
            _("line {line}: {message}").format(line=self.line, message=self.message)
            if self.line
            else self.message
        )


@dataclass(frozen=True)
class TableResult:
    """The volumes per line key, what was completed or disagreed (warnings) and the errors."""

    volumes: dict[str, Volumes]
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _name(text: str) -> str:
    folded = fold(text)
    return ALIASES.get(folded, folded)


def _shown(value: int | None) -> str:
    return "\u2013" if value is None else format_number(value)


def _triple(values: Sequence[int | None]) -> str:
    return " / ".join(_shown(v) for v in values)


@dataclass
class _Reader:
    catalogue: Sequence[PlanLine]
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    volumes: dict[str, Volumes] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    printed: list[tuple[RawRow, str, tuple[int | None, ...]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_key = {line.key: line for line in self.catalogue}
        self.areas = {_name(line.area): line.area for line in self.catalogue}
        self.categories: dict[tuple[str, str], str] = {}
        self.lines: dict[tuple[str, str, str], PlanLine] = {}
        for line in self.catalogue:
            self.categories[(line.area, _name(line.category))] = line.category
            self.lines[(line.area, line.category, _name(line.name))] = line
        self.area = ""
        self.category = ""

    def error(self, row: RawRow, message: str) -> None:
        self.errors.append(Problem(row.number, message))

    def figures(self, row: RawRow) -> tuple[int | None, ...] | None:
        values: list[int | None] = []
        ok = True
        for which, figure in zip(FIELDS, row.figures, strict=True):
            try:
                values.append(_figure(figure))
            except NumberError as exc:
                self.error(row, f"{row.label or _('the row')}: {which} {exc}")
                ok = False
        return tuple(values) if ok else None

    def read(self, row: RawRow) -> None:
        if row.problem:
            self.error(row, f"{row.label or _('the row')}: {row.problem}")
            return
        if row.key:
            line = self.by_key.get(row.key)
            if line is None:
                self.error(
                    row, _("no line with the key {key!r} in the catalogue").format(key=row.key)
                )
                return
            self.area, self.category = line.area, line.category
            self.line(row, line)
            return
        name = _name(row.label)
        if row.kind in ("", "line") and self.category:
            line = self.lines.get((self.area, self.category, name))
            if line is not None:
                self.line(row, line)
                return
        if row.kind in ("", "category") and (self.area, name) in self.categories:
            self.category = self.categories[(self.area, name)]
            self.subtotal(row, f"{self.area}/{self.category}")
        elif row.kind in ("", "area") and name in self.areas:
            self.area, self.category = self.areas[name], ""
            self.subtotal(row, self.area)
        elif row.kind in ("", "total") and name in TOTAL_LABELS:
            self.subtotal(row, "")
        else:
            self.unknown(row)

    def unknown(self, row: RawRow) -> None:
        names = [line.name for line in self.catalogue if line.area == self.area]
        names = [n for n in names if (self.area, self.category, _name(n)) in self.lines]
        names += [c for (a, _), c in self.categories.items() if a == self.area]
        names += [*self.areas.values(), "Totalsumma"]
        by_fold = {_name(n): n for n in names}
        searched = len(self.errors) < MAX_PROBLEMS  # beyond, only the count is shown
        close = difflib.get_close_matches(_name(row.label), list(by_fold), n=1) if searched else []
        message = (
            _("{label!r} is not a line, category or area under {group}").format(
                label=row.label, group=f"{self.area}/{self.category}"
            )
            if self.category
            else _("{label!r} is not a line, category or area").format(label=row.label)
        )
        if close:
            message = _("{message}; did you mean {name!r}?").format(
                message=message, name=by_fold[close[0]]
            )
        self.error(row, message)

    def subtotal(self, row: RawRow, group: str) -> None:
        values = self.figures(row)
        if values is not None and not row.derived:
            self.printed.append((row, group, values))

    def line(self, row: RawRow, line: PlanLine) -> None:
        first = self.seen.get(line.key)
        if first is not None:
            self.error(
                row,
                _("{name} ({area}/{category}) again; first on line {first}").format(
                    name=line.name, area=line.area, category=line.category, first=first
                ),
            )
            return
        self.seen[line.key] = row.number
        values = self.figures(row)
        if values is None:
            return
        volumes = self.complete(row, line, values)
        if volumes is not None:
            self.volumes[line.key] = volumes

    def complete(
        self, row: RawRow, line: PlanLine, values: tuple[int | None, ...]
    ) -> Volumes | None:
        uppdrag, bas, tillagg = values
        missing = [f for f, v in zip(FIELDS, values, strict=True) if v is None]
        if len(missing) > 1:
            self.error(
                row,
                _("{name}: {missing} missing; give at least two figures").format(
                    name=line.name, missing=" and ".join(missing)
                ),
            )
            return None
        if uppdrag is None:
            assert bas is not None and tillagg is not None
            uppdrag = bas + tillagg
        elif bas is None:
            assert tillagg is not None
            bas = uppdrag - tillagg
        elif tillagg is None:
            tillagg = uppdrag - bas
        if bas < 0 or tillagg < 0:
            self.error(
                row,
                _("{name}: uppdrag {uppdrag} is less than {field} {bas}").format(
                    name=line.name,
                    uppdrag=format_number(uppdrag),
                    field="tillägg" if bas < 0 else "bas",
                    bas=format_number(max(bas, tillagg)),
                ),
            )
            return None
        if uppdrag != bas + tillagg:
            self.error(
                row,
                _(
                    "{name}: uppdrag {uppdrag} is not bas {bas} + tillägg {tillagg} (= {bas2})"
                ).format(
                    name=line.name,
                    uppdrag=format_number(uppdrag),
                    bas=format_number(bas),
                    tillagg=format_number(tillagg),
                    bas2=format_number(bas + tillagg),
                ),
            )
            return None
        if missing and not row.derived:
            self.warnings.append(
                Problem(
                    row.number,
                    _("{name}: {missing} missing, completed as {shown}").format(
                        name=line.name,
                        missing=missing[0],
                        shown=_shown((uppdrag, bas, tillagg)[FIELDS.index(missing[0])]),
                    ),
                )
            )
        return Volumes(uppdrag, bas, tillagg)


def _figure(figure: Figure) -> int | None:
    if figure is None:
        return None
    if isinstance(figure, int):
        if figure < 0:
            raise NumberError(
                _("{figure} is negative: a volume must be 0 or more").format(figure=figure)
            )
        return parse_volume(str(figure))
    if _DECIMAL.fullmatch(figure.strip()):
        raise NumberError(
            _("{strip} has decimals: volumes are whole numbers").format(strip=figure.strip())
        )
    return parse_volume(figure)


def _sums(volumes: dict[str, Volumes], lines: Sequence[PlanLine], group: str) -> tuple[int, ...]:
    chosen = [
        volumes[line.key]
        for line in lines
        if line.key in volumes and group in ("", line.area, f"{line.area}/{line.category}")
    ]
    return (
        sum(v.uppdrag for v in chosen),
        sum(v.bas for v in chosen),
        sum(v.tillagg for v in chosen),
    )


def _check_sums(reader: _Reader, accept_total_mismatch: bool) -> None:
    for row, group, printed in reader.printed:
        sums = _sums(reader.volumes, reader.catalogue, group)
        agree = all(p is None or p == s for p, s in zip(printed, sums, strict=True))
        if agree and (any(p is not None for p in printed) or not any(sums)):
            continue
        shown = _triple(printed) if any(p is not None for p in printed) else _("no figures")
        message = _(
            "{value} prints {shown} but its lines sum to {sums}; the line values are used"
        ).format(value=group or "Totalsumma", shown=shown, sums=_triple(sums))
        if group:
            reader.warnings.append(Problem(row.number, message))
        elif accept_total_mismatch:
            reader.warnings.append(Problem(row.number, message + _(" (mismatch accepted)")))
        else:
            reader.errors.append(
                Problem(row.number, message.replace(_("; the line values are used"), ""))
            )


def check_table(
    rows: Sequence[RawRow],
    catalogue: Sequence[PlanLine],
    *,
    allow_missing: bool = False,
    accept_total_mismatch: bool = False,
) -> TableResult:
    """Match every row, complete and check each line, compare printed sums; report all at once."""
    reader = _Reader(catalogue)
    for row in rows:
        reader.read(row)
    if not reader.errors:
        _check_sums(reader, accept_total_mismatch)
    missing = [line.key for line in catalogue if line.key not in reader.seen]
    if missing and not reader.seen:
        reader.errors.append(Problem(0, _("no line of the catalogue was found in the table")))
    elif missing:
        shown = ", ".join(
            f"{reader.by_key[k].area}/{reader.by_key[k].category}/{reader.by_key[k].name}"
            for k in missing
        )
        message = _("{missing} catalogue line(s) missing from the table: {shown}").format(
            missing=len(missing), shown=shown
        )
        if allow_missing:
            reader.warnings.append(Problem(0, message + _("; the plan keeps its values for them")))
        else:
            reader.errors.append(
                Problem(0, message + _(" (allow missing lines to keep the plan's)"))
            )
    volumes = {} if reader.errors else reader.volumes
    return TableResult(volumes, reader.warnings, reader.errors, missing)
