"""A served session's files folder: the containment check and the dialogs that obey it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from db.audit_trail import Actor
from db.edits import edit_line
from db.files_root import OutsideFolder, confined, named, read_confined, write_confined
from db.plans import load_plan
from db.setup import open_database
from db.snapshots import create_snapshot
from planner.cli.app_factory import make_app
from planner.model import Field
from screens.app import PlannerApp
from screens.dialogs.export_dialog import ExportDialog
from screens.dialogs.import_dialog import ImportDialog
from tests.test_export_dialog import SIZE, label, submit
from tests.test_import_dialog import imported
from tests.test_reviews import BUP


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("SECRET")
    return folder


def test_a_name_inside_is_the_real_path_in_the_folder(root: Path) -> None:
    assert confined(root, "plan.xlsx") == root.resolve() / "plan.xlsx"
    assert confined(root, " sub/plan.csv ") == root.resolve() / "sub" / "plan.csv"
    assert confined(root, str(root / "sub" / "x.md")) == root.resolve() / "sub" / "x.md"


@pytest.mark.parametrize("typed", ["../secret.txt", "sub/../../secret.txt", "sub/../x.md", ".."])
def test_dot_dot_is_refused_even_when_it_stays_inside(root: Path, typed: str) -> None:
    with pytest.raises(OutsideFolder, match=r"'\.\.' is not allowed"):
        confined(root, typed)


@pytest.mark.parametrize("typed", ["/etc/passwd", "/tmp/x.xlsx"])
def test_a_path_outside_is_refused_with_the_folder_named(root: Path, typed: str) -> None:
    with pytest.raises(OutsideFolder, match=f"outside the files folder {root}"):
        confined(root, typed)
    with pytest.raises(OutsideFolder):
        named(root, typed)


def test_a_tilde_is_a_name_in_the_folder_not_the_servers_home(root: Path) -> None:
    assert confined(root, "~/x.xlsx") == root.resolve() / "~" / "x.xlsx"


def test_a_symlink_leaving_the_folder_is_refused_one_inside_is_fine(
    root: Path, tmp_path: Path
) -> None:
    (root / "out").symlink_to(tmp_path / "secret.txt")
    (root / "away").symlink_to(tmp_path)
    (root / "in").symlink_to(root / "sub")
    for typed in ("out", "away/secret.txt", "away/new.xlsx"):
        assert named(root, typed).is_relative_to(root)  # the text alone looks harmless
        with pytest.raises(OutsideFolder):
            confined(root, typed)
    assert confined(root, "in/plan.xlsx") == root.resolve() / "sub" / "plan.xlsx"


def test_the_folder_is_checked_again_when_the_file_is_opened(root: Path, tmp_path: Path) -> None:
    db = open_database(tmp_path / "plan.db", create=True)
    checked = confined(root, "report.md")
    checked.symlink_to(tmp_path / "secret.txt")  # swapped in after the dialog's check
    with pytest.raises(OutsideFolder):
        read_confined(root, checked)
    with pytest.raises(OutsideFolder):
        write_confined(db, root, checked, b"overwritten")
    assert (tmp_path / "secret.txt").read_text() == "SECRET"
    write_confined(db, None, tmp_path / "free.md", b"anywhere without a folder")
    assert read_confined(None, tmp_path / "free.md") == b"anywhere without a folder"


def served_app(db_path: Path, root: Path) -> PlannerApp:
    return make_app(db_path, "NU", 2026, files_root=root)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("{tmp}/secret.xlsx", "{tmp}/secret.xlsx is outside the files folder {root}"),
        ("../secret.xlsx", "'..' is not allowed: files stay inside the files folder {root}"),
        ("out/x.xlsx", "out/x.xlsx is outside the files folder {root}"),
    ],
)
async def test_the_export_dialog_refuses_a_path_outside_the_folder(
    db_path: Path, root: Path, tmp_path: Path, typed: str, message: str
) -> None:
    (root / "out").symlink_to(tmp_path)
    app = served_app(db_path, root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert label(app, "#full-path") == f"Writes {root}/plan-NU-2026.xlsx"
        await pilot.press("enter")
        await submit(app, pilot, "ctrl+u", *typed.format(tmp=tmp_path))
        assert isinstance(app.screen, ExportDialog)
        assert label(app, "#form-error").startswith(message.format(tmp=tmp_path, root=root))
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == []


async def test_the_export_dialog_writes_inside_the_folder(db_path: Path, root: Path) -> None:
    app = served_app(db_path, root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter")
        await submit(app, pilot)
        assert "Wrote" in label(app, "#status")
    assert (root / "plan-NU-2026.xlsx").read_bytes().startswith(b"PK")


async def test_the_import_dialog_cannot_read_a_file_outside_the_folder(
    db_path: Path, root: Path, tmp_path: Path
) -> None:
    app = served_app(db_path, root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#path", Input).value = str(tmp_path / "secret.txt")
        await pilot.press("enter")
        await imported(app)
        preview = str(app.screen.query_one("#import-verdict", Static).render())
    assert preview.startswith(f"error: {tmp_path}/secret.txt is outside the files folder {root}")
    assert "SECRET" not in preview


async def test_review_minutes_are_written_into_the_folder(
    db_path: Path, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(db_path)
    create_snapshot(db, load_plan(db, "NU", 2026), "Mars", "", "anna")
    edit_line(db, 1, BUP, Field.UPPDRAG, 2000, Actor("bo", "cli", "kö växer"))
    db.conn.close()
    monkeypatch.chdir(tmp_path)
    app = make_app(db_path, "NU", 2026, review_since=1, files_root=root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "x", "w")
        assert f"{root}/review-1.md" in str(app.screen.query_one("#status").render())
    assert "## Accepted" in (root / "review-1.md").read_text(encoding="utf-8")
    assert not (tmp_path / "review-1.md").exists()
