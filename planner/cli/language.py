"""The CLI in the chosen language: `--lang`, click's own words and every command's help.

Click reads help texts when a command is defined; they stay English in the code and are
translated when the language is set (before any help is written), so `--lang en` and
`PLANNER_LANG` work in one process whatever was imported first.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TypeVar

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from planner import i18n
from planner.i18n import N_

Command = TypeVar("Command", bound=Callable[..., object])
LANG_CHOICES = click.Choice(i18n.LANGUAGES)
_CLICK_MODULES: tuple[ModuleType, ...] = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)
_ENGLISH_HELP = "_planner_english_help"

# Click's own words that planner users meet; the catalog keeps them with ours.
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Aborted!"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("Missing {param_type}"),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Choose from:\n\t{choices}"),
    N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Do you want to continue?"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("[COMMAND] [ARGS]..."),
)


def _click_gettext(message: str) -> str:
    return i18n._(message)


def _click_ngettext(singular: str, plural: str, count: int) -> str:
    return i18n.ngettext(singular, plural, count)


def _commands(command: click.Command) -> list[click.Command]:
    found = [command]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found.extend(_commands(sub))
    return found


def _translated(owner: object, attribute: str) -> None:
    """Set `owner.attribute` to its English original's translation (kept on first call)."""
    originals: dict[str, str | None] = owner.__dict__.setdefault(_ENGLISH_HELP, {})
    if attribute not in originals:
        value = getattr(owner, attribute, None)
        originals[attribute] = inspect.cleandoc(value) if isinstance(value, str) else None
    english = originals[attribute]
    if english is not None:
        setattr(owner, attribute, i18n._(english))


def apply_language(root: click.Command, language: str) -> None:
    """Show click's words and the help of `root` and all its subcommands in `language`."""
    i18n.set_language(language)
    for module in _CLICK_MODULES:
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]
    for command in _commands(root):
        command._help_option = None  # click made it with the language of its first use
        _translated(command, "help")
        _translated(command, "short_help")
        _translated(command, "options_metavar")
        _translated(command, "subcommand_metavar")
        for param in command.params:
            _translated(param, "help")


def chosen_language(args: Sequence[str]) -> str:
    """`--lang` in the arguments, else the environment's language (i18n.language_from_env)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value in i18n.LANGUAGES:
            return value
    return i18n.language_from_env()


def lang_option(command: Command) -> Command:
    """The `--lang` option (the language itself is set by PlannerGroup.main from the args)."""
    return click.option(
        "--lang",
        type=LANG_CHOICES,
        expose_value=False,
        is_eager=True,
        help="Language: sv (Swedish, the default) or en; env PLANNER_LANG, then the locale.",
    )(command)
