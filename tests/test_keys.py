import pytest

from planner.keys import line_key


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("Somatik", "Förstabesök", "Ortopedi"), "somatik/forstabesok/ortopedi"),
        (
            ("Somatik", "Operation/åtgärd", "Höft- & knäprotes"),
            "somatik/operation-atgard/hoft-knaprotes",
        ),
        (("Psykiatri", "Utredning", "VUP"), "psykiatri/utredning/vup"),
        (("Somatik", "Undersökning", "Koloskopi"), "somatik/undersokning/koloskopi"),
        (("Somatik", "Förstabesök", "ÖNH"), "somatik/forstabesok/onh"),
        (("Somatik", "Operation/åtgärd", "Övriga ögon"), "somatik/operation-atgard/ovriga-ogon"),
    ],
)
def test_line_key(parts: tuple[str, str, str], key: str) -> None:
    assert line_key(*parts) == key
