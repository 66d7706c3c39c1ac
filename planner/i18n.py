"""The language people read: Swedish by default, English on request, through gettext.

Chosen by `--lang` > `PLANNER_LANG` > the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): an English
locale (`en_*`) gives English, any other (`C` too) Swedish. Messages are English in the code
and looked up in the catalog of the chosen language when they are shown, so `N_()` marks text
kept at import time (bindings, headers) that is translated where it is shown.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "planner"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("sv", "en")
DEFAULT = "sv"

_state: dict[str, gettext.NullTranslations | str] = {}


def language_named(value: str) -> str:
    """'en', 'en_GB.UTF-8' → 'en'; 'sv', 'sv_SE', 'C', 'POSIX', anything else → 'sv'."""
    base = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return "en" if base == "en" else DEFAULT


def language_from_env(env: Mapping[str, str] | None = None) -> str:
    """`PLANNER_LANG`, else the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`; else Swedish."""
    env = os.environ if env is None else env
    for name in ("PLANNER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return language_named(value)
    return DEFAULT


def set_language(language: str) -> None:
    """Show every later message in `language` ('sv' or 'en')."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use sv or en")
    _state["language"] = language
    _state["catalog"] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def language() -> str:
    """The chosen language; the environment's until set_language is called."""
    if "language" not in _state:
        set_language(language_from_env())
    return str(_state["language"])


def _catalog() -> gettext.NullTranslations:
    language()
    catalog = _state["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return catalog


def _(message: str) -> str:
    """`message` in the chosen language (the English text when the catalog lacks it)."""
    return _catalog().gettext(message) if message else message


def N_(message: str) -> str:
    """Mark `message` for the catalog; it is translated later, where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a counted message in the chosen language."""
    return _catalog().ngettext(singular, plural, count)
