"""The plan screen's header: what is saved and how many edits, in the chosen language."""

from __future__ import annotations

import pytest

from screens.plan_header import progress_text


def test_the_progress_in_english() -> None:
    assert progress_text(False, 2, 3, "") == "saving… · 3 edits this session"
    assert progress_text(False, 0, 1, "") == "all changes saved · 1 edit this session"


@pytest.mark.lang("sv")
def test_the_progress_in_swedish_says_sparar_while_writing() -> None:
    assert progress_text(False, 2, 3, "").startswith("sparar… · ")
    assert progress_text(True, 0, 0, "") == "ändrar (inte sparat än) · 0 ändringar i denna session"
