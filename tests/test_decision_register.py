"""The decision readers for the follow-up register and training places, on invented documents."""

import pytest

from planner.readers.decision_places import PlacesError, read_places
from planner.readers.decision_register import (
    RegisterError,
    Title,
    read_follow_up_plan,
    read_register,
    read_title,
)

HEADER = "\tUppdrag\tIndikator/Uppföljning\tMålvärde\tKälla\tUppgiftslämnare\tTillfällen 2027"
INVENTED = "\n".join(
    [
        "Innehåll",
        "Uppföljning.....\t17",
        "Uppföljning",
        "",
        "Inventerad prosa om uppföljning.",
        "",
        HEADER,
        "Grunduppdrag\tAmbulans\tAndel <i>snabba</i> svar\t≥ 75 %\tSOS\tKoncernkontoret\tMånadsvis",
        "\tTillgänglighet\tSe nedan, Omställning\t\t\t\t",
        "\t\tAntal team\tVGR: 40 XY: 3\tUtförare\tUtförare\tHelår",
        "",
        HEADER + "\t",
        "Omställning\tKompetens\tInhyrd personal\tmax 3%\tKoncern\tKoncernkontoret"
        "\tDelår augusti, helår\t",
        "\t\t\tVFU hanterad\tsaknas\tutförare\tSamordning\tDelår augusti, helår",
        "\t\tHandledare\tSka öka\t\t\t\t",
        "",
        "Bilaga 1: något annat",
        "Akut\tX\tY",
    ]
)


def test_rows_continue_merged_cells_and_drop_markup() -> None:
    rows = read_register(INVENTED)
    assert len(rows) == 6
    first = rows[0]
    assert (first.area, first.uppdrag, first.text, first.target) == (
        "Grunduppdrag",
        "Ambulans",
        "Andel snabba svar",
        "≥ 75 %",
    )
    assert rows[1].refers_to == "Omställning"
    assert (rows[2].uppdrag, rows[2].target, rows[2].schedule) == (
        "Tillgänglighet",
        "VGR: 40 XY: 3",
        "Helår",
    )


def test_a_shifted_row_is_read_left_and_flagged() -> None:
    rows = read_register(INVENTED)
    vfu = rows[4]
    assert (vfu.text, vfu.target, vfu.source, vfu.reporter, vfu.schedule) == (
        "VFU hanterad",
        "saknas",
        "utförare",
        "Samordning",
        "Delår augusti, helår",
    )
    assert "shifted" in vfu.check_note
    assert rows[3].check_note == ""
    assert rows[5].schedule == "Delår augusti, helår"  # the merged cell above, same uppdrag


def test_a_document_without_the_table_is_refused() -> None:
    with pytest.raises(RegisterError, match="Uppföljning"):
        read_register("Beslut\n\nInget här.")


NH_DOC = """# Uppdrag

Mottagningen skall

erbjuda en första bedömning inom tre dagar.

# Uppföljningsplan

## Mottagning A

- Antal besök

Text.

## Utredningar

| Mått | Kommentar |
|------|-----------|
| Antal utredningar | per kvartal |

# Bilaga
- inte detta
"""


def test_nh_follow_up_plan_bullets_tables_and_first_assessment() -> None:
    rows = read_follow_up_plan(NH_DOC)
    assert [(r.uppdrag, r.text) for r in rows] == [
        ("Mottagning A", "Antal besök"),
        ("Utredningar", "Antal utredningar"),
        ("Vårdcentral för hemlösa", "Mottagningen erbjuder en första bedömning inom tre dagar"),
    ]
    assert all(r.target == "" for r in rows)


PLACES = "\n".join(
    [
        "Allmäntjänstgöring (AT)",
        "",
        "Fördelning för 2027",
        "",
        "Sjukhus\t2027",
        "Sjukhus A\t10",
        "Sjukhus B\t1 012",
        "Totalt\t1 020",
        "",
        "Antal sidotjänstgöringsplatser specialisttjänstgöring allmänmedicin (ST-A) inom x",
        "",
        "Sjukhus A\t2027",
        "Psykatri\t4",
        "Medicin\t6",
        "",
    ]
)


def test_places_tables_with_printed_total_and_spelling() -> None:
    at, st = read_places(PLACES)
    assert (at.kind, at.year, at.rows, at.printed_total) == (
        "AT",
        2027,
        (("Sjukhus A", 10), ("Sjukhus B", 1012)),
        1020,
    )
    assert (st.kind, st.owner, st.rows, st.printed_total) == (
        "ST-A",
        "Sjukhus A",
        (("Psykiatri", 4), ("Medicin", 6)),
        None,
    )
    assert st.notes == ("'Psykatri' read as 'Psykiatri'",)


def test_places_refuses_a_bad_number_and_a_missing_table() -> None:
    with pytest.raises(PlacesError, match="not a number"):
        read_places(PLACES.replace("Sjukhus A\t10", "Sjukhus A\ttio"))
    with pytest.raises(PlacesError, match="not a number"):  # isdigit takes '²', int does not
        read_places(PLACES.replace("Sjukhus A\t10", "Sjukhus A\t1²"))
    with pytest.raises(PlacesError):
        read_places("nothing here")


def test_the_title_names_the_board_and_years() -> None:
    nu = "\n\nUppdrag 2027 för omställning, bas- och tilläggsvolymer till styrelsen för Sjukhus A\n"
    nh = "Reviderat 2024-10-02\n\n# Utökat uppdrag 2025\u20132027 till styrelsen för NH\n"
    assert read_title(nu) == Title("Sjukhus A", 2027, 2027)
    assert read_title(nh) == Title("NH", 2025, 2027)
    assert read_title("Inget här") is None
