"""What every planner command shares: database choice, plan options, one-line errors."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from db.files import WriteError
from planner.cli.context import Context
from planner.i18n import N_, _
from planner.numbers import NumberError, whole_digits
from planner.rules import EditRefused
from planner.text import escape_control

DEFAULT_HOSPITAL = "NU"
DEFAULT_YEAR = 2026
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_ID = 2**63 - 1  # SQLite's largest integer
_LONGEST = 30


def fail(message: str) -> NoReturn:
    shown = escape_control(" ".join(message.split()))
    click.echo(_("error: {message}").format(message=shown), err=True)
    sys.exit(2)


class WholeNumber(click.ParamType):
    """A whole number in `low..high`, refused in one line naming `what` it is."""

    name = "integer"

    def __init__(self, what: str, low: int, high: int) -> None:
        self.what, self.low, self.high = what, low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        sign, body = (text[0], text[1:]) if text[:1] in ("+", "-") else ("", text)
        digits = whole_digits(body) if body.strip() == body else None
        if digits is None:
            self.fail(
                _("{value} is not a whole number ({what})").format(
                    value=escape_control(repr(value)), what=_(self.what)
                ),
                param,
                ctx,
            )
        if len(digits) > _LONGEST:
            self.fail(
                _("a {digits}-digit number is too large for {what}").format(
                    digits=len(digits), what=_(self.what)
                ),
                param,
                ctx,
            )
        number = int(sign + digits)
        if self.low <= number <= self.high:
            return number
        if self.high < MAX_ID:
            self.fail(
                _("{what} must be from {low} to {high}, not {text}").format(
                    what=_(self.what), low=self.low, high=self.high, text=text
                ),
                param,
                ctx,
            )
        if number > self.high:
            self.fail(
                _("{text} is too large for {what}").format(text=text, what=_(self.what)), param, ctx
            )
        self.fail(
            _("{what} must be {low} or more, not {text}").format(
                what=_(self.what), low=self.low, text=text
            ),
            param,
            ctx,
        )


YEAR = WholeNumber(N_("a year"), FIRST_YEAR, LAST_YEAR)
PORT = WholeNumber(N_("a TCP port"), 1, 65535)
_ROW_IDS = {"snapshot": N_("a snapshot id"), "review": N_("a review id")}


def row_id(what: str) -> WholeNumber:
    """An id of a stored row (snapshot, review): 1 up to SQLite's largest integer."""
    return WholeNumber(_ROW_IDS[what], 1, MAX_ID)


def parse_year(text: str) -> int:
    """A year typed inside another value (CODE/YYYY), checked like --year."""
    return YEAR.convert(text, None, None)


def hospital_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an empty or blank --hospital instead of falling back to the default plan."""
    if value is not None and not value.strip():
        raise click.BadParameter(_("the hospital code is empty; use SU, NU, SKAS, SAS or SV"))
    return None if value is None else value.strip()


def database_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """--db or PLANNER_DB; an empty value is an error, never the default database."""
    if value is None and os.environ.get("PLANNER_DB") == "":
        raise click.UsageError(
            _("PLANNER_DB is set but empty; set it to the database file or unset it")
        )
    if value is not None and not value.strip():
        raise click.BadParameter(_("the database path is empty"))
    return None if value is None else Path(value)


class PlannerGroup(click.Group):
    """Turns every expected failure, click's usage errors included, into one `error:` line."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from planner.cli.language import apply_language, chosen_language

        apply_language(self, chosen_language(sys.argv[1:] if args is None else args))
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            fail(exc.format_message())
        except click.Abort:
            click.echo(_("Aborted!"), err=True)
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        from db.errors import StorageError

        try:
            return super().invoke(ctx)
        except (StorageError, EditRefused, NumberError, WriteError) as exc:
            fail(str(exc))
        except OverflowError:
            fail(_("a number is too large (SQLite takes whole numbers up to 9223372036854775807)"))
        except sqlite3.Error as exc:
            fail(_("database error: {exc}").format(exc=exc))


def _complete_hospitals(ctx: click.Context, param: click.Parameter, incomplete: str) -> Any:
    from planner.cli.completion import hospital_codes

    return hospital_codes(ctx, param, incomplete)


def plan_options(func: Any) -> Any:
    """--hospital and --year on a subcommand, overriding the global ones."""
    func = click.option("--year", type=YEAR, help="Plan year (default 2026).")(func)
    return click.option(
        "--hospital",
        callback=hospital_code,
        shell_complete=_complete_hospitals,
        help="Hospital code: SU, NU, SKAS, SAS, SV.",
    )(func)


def chosen(ctx: Context, hospital: str | None, year: int | None) -> tuple[str, int]:
    return (
        ctx.hospital if hospital is None else hospital,
        ctx.year if year is None else year,
    )


def chosen_plan(
    ctx: Context, hospital: str | None, year: int | None
) -> tuple[str, int, str | None]:
    """Hospital, year and scenario (None: the plan itself) a plan command works on."""
    return (*chosen(ctx, hospital, year), ctx.scenario)


def scenario_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--scenario: a slug such as forslag-a, refused at once otherwise."""
    from planner.scenario import ScenarioNameError, check_scenario_name

    if value is None:
        return None
    try:
        return check_scenario_name(value)
    except ScenarioNameError as exc:
        raise click.BadParameter(str(exc)) from exc
