"""Keep the message catalogs in step with the code: `python -m planner.cli.catalog`.

Extracts every message (planner/, screens/, db/, click help included), updates the Swedish
and English catalogs (English is filled from the code, Swedish by a translator), compiles
both, and lists what is left to translate. `--todo FILE` writes the untranslated Swedish
messages as a small .po to fill in; `--merge FILE` takes the filled-in translations back.
`--check` changes nothing and fails when the catalogs are behind the code.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from planner.cli.catalog_extract import template
from planner.i18n import DOMAIN, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, language: str) -> Catalog:
    if path.exists():
        with path.open("rb") as file:
            return read_po(file, locale=language, domain=DOMAIN)
    return Catalog(locale=language, domain=DOMAIN, project="planner", fuzzy=False)


def untranslated(catalog: Catalog) -> list[Message]:
    """Messages with an empty translation (any plural form empty counts)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message)
    return missing


def fill_english(catalog: Catalog) -> None:
    """English is the code's own text: each translation is its message."""
    for message in catalog:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")


def updated(language: str, pot: Catalog) -> tuple[Catalog, list[str]]:
    """The language's catalog updated to `pot`, and the messages it no longer needs.

    The stored catalog keeps its creation date, so the same code always gives the same bytes
    (a fresh template's date is the minute it was made, which made `--check` fail a minute on).
    """
    path = po_path(language)
    catalog = read_catalog(path, language)
    created = catalog.creation_date
    catalog.update(pot, no_fuzzy_matching=True)
    if path.exists():
        catalog.creation_date = created
    dropped = sorted(str(key) for key in catalog.obsolete)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.plural_forms  # noqa: B018 - reads the locale's plural rule into the header
    if language == "en":
        fill_english(catalog)
    return catalog, dropped


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True)
    return out.getvalue()


def save(language: str, catalog: Catalog) -> None:
    """Write the .po and its compiled .mo."""
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    with path.with_suffix(".mo").open("wb") as file:
        write_mo(file, catalog)


def merge(catalog: Catalog, filled: Path) -> int:
    """Take the non-empty translations of `filled` into `catalog`; the number taken."""
    with filled.open("rb") as file:
        source = read_po(file, locale=catalog.locale, domain=DOMAIN)
    taken = 0
    for message in source:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and message.id in catalog and all(strings):
            catalog[message.id].string = message.string
            catalog[message.id].flags.discard("fuzzy")
            taken += 1
    return taken


def todo(catalog: Catalog, path: Path) -> None:
    """Write the untranslated messages as a .po to fill in (places kept as comments)."""
    left = Catalog(locale=catalog.locale, domain=DOMAIN, fuzzy=False)
    for message in untranslated(catalog):
        left.add(message.id, locations=message.locations, flags=set(message.flags) - {"fuzzy"})
    path.write_bytes(po_bytes(left))


def _shown(message_id: object) -> str:
    text = message_id[0] if isinstance(message_id, tuple) else str(message_id)
    return " ".join(text.split())[:110]


@click.command()
@click.option("--check", is_flag=True, help="Change nothing; fail if the catalogs are behind.")
@click.option("--todo", "todo_path", type=click.Path(path_type=Path), help="Write what is left.")
@click.option("--merge", "merge_path", type=click.Path(exists=True, path_type=Path))
def main(check: bool, todo_path: Path | None, merge_path: Path | None) -> None:
    """Extract, update, compile and report the message catalogs."""
    pot = template(ROOT)
    behind = False
    for language in ("sv", "en"):
        catalog, dropped = updated(language, pot)
        if merge_path is not None and language == "sv":
            click.echo(f"sv: took {merge(catalog, merge_path)} translations from {merge_path}")
        missing = untranslated(catalog)
        path = po_path(language)
        stale = not path.exists() or path.read_bytes() != po_bytes(catalog)
        behind = behind or stale or bool(missing)
        click.echo(
            f"{language}: {len(catalog)} messages, {len(missing)} untranslated,"
            f" {len(dropped)} no longer in the code"
        )
        for message in missing:
            click.echo(f"  untranslated: {_shown(message.id)}")
        for key in dropped:
            click.echo(f"  dropped: {_shown(key)}")
        if todo_path is not None and language == "sv":
            todo(catalog, todo_path)
            click.echo(f"sv: wrote the {len(missing)} untranslated messages to {todo_path}")
        if not check:
            save(language, catalog)
    if check and behind:
        click.echo("the catalogs are behind the code: run python -m planner.cli.catalog")
        sys.exit(1)


if __name__ == "__main__":
    main()
