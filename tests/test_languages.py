"""Swedish first, English on request: the catalogs, the language choice, the done-means."""

from __future__ import annotations

import gettext
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from openpyxl import load_workbook

from planner import i18n
from planner.cli.catalog import ROOT, po_bytes, po_path, untranslated, updated
from planner.cli.catalog_extract import template
from planner.cli.language import chosen_language
from planner.cli.main import main
from tests.conftest import run_cli
from tests.test_followup_cli import WIDE, write

LANGUAGES = ("sv", "en")
_FIELD = re.compile(r"\{([^{}:!]*)[^{}]*\}")


def _catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language)


def _ids(catalog: Catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def test_every_message_in_the_code_is_in_both_catalogs_and_none_is_unused() -> None:
    """A failure lists the messages: `python -m planner.cli.catalog` updates the catalogs,
    `--todo FILE` writes what is left to translate."""
    code = _ids(template(ROOT))
    for language in LANGUAGES:
        kept = _ids(_catalog(language))
        assert sorted(map(str, code - kept)) == [], f"missing from {language}"
        assert sorted(map(str, kept - code)) == [], f"unused in {language}"


def test_no_message_is_left_untranslated() -> None:
    for language in LANGUAGES:
        left = [str(message.id) for message in untranslated(_catalog(language))]
        assert left == [], f"untranslated in {language}"


def test_translations_keep_every_placeholder() -> None:
    for message in _catalog("sv"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(_FIELD.findall(str(ids[-1])))
        for string in strings:
            assert set(_FIELD.findall(str(string))) == wanted, message.id


def test_the_compiled_catalogs_match_their_sources() -> None:
    """The committed .mo files hold what the .po files say (a fresh install shows Swedish)."""
    for language in LANGUAGES:
        mo = po_path(language).with_suffix(".mo")
        compiled = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
        for message in _catalog(language):
            if isinstance(message.id, str) and message.id:
                assert compiled.gettext(message.id) == message.string, message.id


def test_the_catalogs_are_what_the_catalog_tool_writes_at_any_time() -> None:
    """`python -m planner.cli.catalog --check` passes on up-to-date catalogs whenever it runs
    (it failed a minute later: a fresh template carried the minute it was made)."""
    pot = template(ROOT)
    pot.creation_date = datetime(2031, 1, 1, 12, 0, tzinfo=UTC)
    for language in LANGUAGES:
        catalog, dropped = updated(language, pot)
        assert po_bytes(catalog) == po_path(language).read_bytes(), language
        assert not dropped


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "sv"),
        ({"LANG": "C"}, "sv"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, "sv"),
        ({"PLANNER_LANG": "sv", "LC_ALL": "en_US.UTF-8"}, "sv"),
        ({"PLANNER_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
    ],
)
def test_the_language_from_the_environment(env: dict[str, str], expected: str) -> None:
    assert i18n.language_from_env(env) == expected


def test_lang_option_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_LANG", "sv")
    assert chosen_language(["--lang", "en", "report"]) == "en"
    assert chosen_language(["--lang=en"]) == "en"
    assert chosen_language(["report"]) == "sv"
    assert "Usage:" in run_cli(None, "--lang", "en", "--help").output
    assert "Användning:" in run_cli(None, "--help").output


@pytest.mark.lang("sv")
def test_planner_help_in_swedish() -> None:
    shown = run_cli(None, "--help").output
    assert "Användning: " in shown
    assert "Planera uppdragets vårdvolymer" in shown
    assert "Visa detta meddelande och avsluta." in shown
    assert "Kommandon:" in shown


@pytest.mark.lang("sv")
def test_errors_in_swedish_keep_their_exit_code(db_path: Path) -> None:
    result = run_cli(db_path, "set", "no/such/line", "bas", "5")
    assert result.exit_code == 2
    assert result.stderr.startswith("fel: ingen rad 'no/such/line'")


def _followup(db_path: Path, tmp_path: Path, language: str) -> str:
    run_cli(db_path, "outcomes", "import", str(write(tmp_path, "u.csv", WIDE)), check=True)
    return run_cli(db_path, "--lang", language, "followup", "--month", "4", check=True).output


def test_followup_in_swedish_and_in_english(db_path: Path, tmp_path: Path) -> None:
    swedish = _followup(db_path, tmp_path, "sv")
    assert "106,7 %" in swedish
    assert "uppföljning till och med april" in swedish
    assert all(word in swedish for word in ("Rad", "Hittills", "Måluppfyllelse", "Prognos"))
    assert "106.7" not in swedish
    english = run_cli(db_path, "--lang", "en", "followup", "--month", "4").output
    assert "106.7 %" in english
    assert "follow-up to the end of April" in english
    assert all(word in english for word in ("Line", "To date", "Fulfilment", "Forecast"))
    settled = run_cli(db_path, "--lang", "sv", "settlement", "--tertial", "1").output
    assert "T1 (jan\u2013apr)  preliminär  besök" in settled


def _xlsx(db_path: Path, tmp_path: Path, language: str) -> Path:
    out = tmp_path / f"plan-{language}.xlsx"
    run_cli(db_path, "--lang", language, "export", "--output", str(out), check=True)
    return out


def _cells(path: Path, data_only: bool) -> list[list[list[object]]]:
    book = load_workbook(path, data_only=data_only)
    return [[[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


def test_xlsx_headers_follow_the_language_with_the_same_formulas_and_values(
    db_path: Path, tmp_path: Path
) -> None:
    swedish, english = _xlsx(db_path, tmp_path, "sv"), _xlsx(db_path, tmp_path, "en")
    assert load_workbook(swedish).sheetnames == ["Plan", "Prisklasser", "Om"]
    assert load_workbook(english).sheetnames == ["Plan", "Price classes", "About"]
    sv_book, en_book = (_cells(path, data_only=False) for path in (swedish, english))
    sv_plan, en_plan = sv_book[0], en_book[0]
    assert sv_plan[0][:3] == ["Område", "Kategori", "Rad"]
    assert en_plan[0][:3] == ["Area", "Category", "Line"]
    # every formula and value below the headers; the price class (G) is a word people read
    words: dict[object, object] = {
        "besök": "visit",
        "behandling": "treatment",
        "endoskopi": "endoscopy",
        None: None,
    }
    assert [words[row[6]] for row in sv_plan[1:]] == [row[6] for row in en_plan[1:]]
    assert [row[:6] + row[7:] for row in sv_plan[1:]] == [row[:6] + row[7:] for row in en_plan[1:]]
    sv_classes, en_classes = sv_book[1], en_book[1]
    assert [words[row[0]] for row in sv_classes[1:4]] == ["visit", "treatment", "endoscopy"]
    assert [row[1:] for row in sv_classes[1:]] == [row[1:] for row in en_classes[1:]]
    sv_values, en_values = (_cells(path, data_only=True) for path in (swedish, english))
    assert [r[:6] + r[7:] for r in sv_values[0][1:]] == [r[:6] + r[7:] for r in en_values[0][1:]]
    assert [row[1:] for row in sv_values[1][1:]] == [row[1:] for row in en_values[1][1:]]


@pytest.mark.lang("sv")
async def test_the_app_footer_and_help_in_swedish(db_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    from planner.cli.app_factory import make_app
    from screens.dialogs.help_screen import HelpScreen

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(160, 40)) as pilot:
        for _attempt in range(50):
            await pilot.pause(0.02)
            shown = {key.description for key in app.screen.query(FooterKey)}
            if shown:
                break
        assert {"Avsluta", "Hjälp", "Ångra", "Filtrera"} <= shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown_text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "Esc stänger hjälpen" in shown_text


def test_one_process_switches_language() -> None:
    from planner.cli.language import apply_language

    apply_language(main, "sv")
    assert i18n._("Quit") == "Avsluta"
    apply_language(main, "en")
    assert i18n._("Quit") == "Quit"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_machine_formats_do_not_change_with_the_language(
    db_path: Path, tmp_path: Path, fmt: str
) -> None:
    run_cli(db_path, "outcomes", "import", str(write(tmp_path, "u.csv", WIDE)), check=True)
    for command in (["export", "--output", "-", "--format", fmt], ["followup", "--format", fmt]):
        swedish = run_cli(db_path, "--lang", "sv", *command, check=True).output
        english = run_cli(db_path, "--lang", "en", *command, check=True).output
        assert swedish == english


@pytest.mark.lang("sv")
async def test_the_palette_leaves_out_textuals_english_keys_panel(db_path: Path) -> None:
    from planner.cli.app_factory import make_app

    app = make_app(db_path, "NU", 2026)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Tangenter" not in titles and "Keys" not in titles
    assert "Byt tema" in titles or "Tema" in titles
