"""The decision-document reader: sections and tables, the money, the prices, every printed sum."""

from fractions import Fraction

from db.seed_money import seeded_money, seeded_price_tables
from planner.model import Plan
from planner.readers.decision import read_decision
from planner.readers.decision_document import split_document
from planner.readers.decision_table import check_table
from planner.readers.table_rows import fold
from tests.decision_documents import (
    NARHALSAN,
    NU_ADJUSTMENTS,
    hospital_decision,
    seeded_nu_decision,
)

NAMES = [
    ("SU", "Sahlgrenska Universitetssjukhuset", "SU"),
    ("NU", "NU-sjukvården", "NU"),
    ("SKAS", "Skaraborgs Sjukhus", "SkaS"),
    ("SAS", "Södra Älvsborgs Sjukhus", "SÄS"),
    ("SV", "Sjukhusen i väster", "SV"),
    ("NH", "Närhälsan", "Närhälsan"),
]
CODES = {fold(text): code for code, name, short in NAMES for text in (code, name, short)}


def errors(text: str, **options: bool) -> list[str]:
    return [str(p) for p in read_decision(text, CODES, **options).findings.errors]


def test_the_sections_and_tables_of_a_decision() -> None:
    doc = split_document(hospital_decision())
    assert doc.title.startswith("Uppdrag 2026 för invented care")
    assert [s.heading for s in doc.headed("ersattning")] == ["Ersättning", "Ersättning"]
    bridge = doc.headed("Förändringar jämfört med föregående uppdrag")[0].tables[0]
    assert bridge.rows[1].label.startswith("Ersättning uppdrag 2025")
    assert bridge.rows[1].values == ("5 561 881",)
    assert "totala ersättningsramen för 2026" in doc.text()


def test_the_nu_decision_is_read_whole(nu_plan: Plan) -> None:
    decision = read_decision(hospital_decision(), CODES)
    assert decision.findings.errors == [] and decision.findings.warnings == []
    assert (decision.hospital, decision.year) == ("NU", 2026)
    money = decision.money
    assert money is not None and money.bridge is not None
    bridge = money.bridge
    assert (bridge.last_tkr, bridge.uplift_percent, bridge.uplift_tkr) == (
        5_561_881,
        Fraction(22, 10),
        122_361,
    )
    assert bridge.last_reference == "Dnr OSN-2024-00999"
    assert len(bridge.adjustments) == 13 and bridge.adjustments_tkr == 235_082
    assert bridge.frame_tkr == money.printed_frame == 5_919_324
    assert [(i.key, i.level) for i in money.items] == [
        ("utbildningsbefattningar", 9_799),
        ("lakemedelsleveranser", 4_783),
    ]
    prices = decision.prices
    assert (prices.visit, prices.treatment) == (2_503, 35_795)
    assert prices.endoscopy == {"SV": 4_459, "NU": 4_955, "SKAS": 4_770, "SU": 4_914, "SAS": 4_997}
    bup = prices.table[1]
    assert (bup.group, bup.name) == ("Barn- och ungdomspsykiatri slutenvård", "Pris/vårddygn")
    assert dict(bup.prices) == {
        "SU": 14_961,
        "NU": 15_153,
        "SKAS": None,
        "SAS": 18_052,
        "SV": None,
        "calculated": 15_434,
    }
    table = check_table(decision.volume_rows, nu_plan.lines)
    assert table.ok and table.volumes == {line.key: line.volumes for line in nu_plan.lines}


def test_another_hospital_and_year_come_from_the_title() -> None:
    text = hospital_decision(board="Sjukhusen i väster", year=2027)
    decision = read_decision(text, CODES)
    assert (decision.hospital, decision.year) == ("SV", 2027)


def test_a_bridge_whose_printed_frame_disagrees_is_refused_unless_accepted() -> None:
    text = hospital_decision(frame="5 919 325")
    found = errors(text)
    assert any(
        "prints a frame of 5\u00a0919\u00a0325" in e and "5\u00a0919\u00a0324" in e for e in found
    )
    accepted = read_decision(text, CODES, accept_total_mismatch=True)
    assert accepted.findings.errors == []
    assert accepted.money is not None and accepted.money.frame == 5_919_324
    assert any("mismatch accepted" in str(w) for w in accepted.findings.warnings)


def test_every_printed_sum_is_checked() -> None:
    assert any("uplift of 122\u00a0360" in e for e in errors(hospital_decision(
        uplift=("2,2", "122 360"), subtotal="5 684 241", frame="5 919 323",
        sentence_frame="5 919 323", compensation_frame="5 919 323")))  # fmt: skip
    assert any("subtotal of 5\u00a0684\u00a0243" in e for e in errors(hospital_decision(
        subtotal="5 684 243")))  # fmt: skip
    assert any("the text says" in e for e in errors(hospital_decision(sentence_frame="1 000")))
    assert any("compensation table's frame" in e for e in errors(hospital_decision(
        compensation_frame="5 000 000")))  # fmt: skip


def test_adjustments_in_another_order_read_the_same() -> None:
    shuffled = list(reversed(NU_ADJUSTMENTS))
    decision = read_decision(hospital_decision(adjustments=shuffled), CODES)
    assert decision.findings.errors == []
    assert decision.money is not None and decision.money.bridge is not None
    assert decision.money.bridge.frame_tkr == 5_919_324
    assert decision.money.bridge.adjustments[0].label == shuffled[0][0]


def test_page_break_debris_is_left_out(nu_plan: Plan) -> None:
    decision = read_decision(hospital_decision(debris=True), CODES)
    assert decision.findings.errors == []
    assert check_table(decision.volume_rows, nu_plan.lines).ok


def test_missing_tables_are_named() -> None:
    assert any("no bridge table" in e for e in errors(hospital_decision(bridge=False)))
    assert any("no volume table" in e for e in errors(hospital_decision(volume_table=None)))
    text = hospital_decision().replace("Ersättning 2026 (tusen kronor)", "Något annat")
    assert any("no compensation table" in e for e in errors(text))


def test_a_bad_figure_is_named_with_its_row() -> None:
    found = errors(hospital_decision(adjustments=[("Invented", "12 3x4")]))
    assert any("Invented" in e and "12 3x4" in e for e in found)


def test_the_narhalsan_items_are_read_in_kronor() -> None:
    decision = read_decision(NARHALSAN, CODES)
    assert decision.findings.errors == []
    assert (decision.hospital, decision.year) == ("NH", 2025)
    money = decision.money
    assert money is not None and money.unit == "kr" and money.printed_frame is None
    assert [(i.key, i.level) for i in money.items] == [
        ("vardcentral-for-hemlosa", 6_024_640),
        ("resursforstarkning-demografiskt-tryck", 519_000),
        ("adl-utredningar", 2_154_459),
        ("utbildningsbefattningar", 7_800_000),
    ]
    assert money.frame == 16_498_099


def test_the_seeded_document_reads_as_the_seeds() -> None:
    decision = read_decision(seeded_nu_decision(), CODES)
    assert decision.findings.errors == []
    assert decision.money == seeded_money()[("NU", 2026)]
    assert decision.prices.table == seeded_price_tables()[2026]


def test_windows_line_ends_and_a_bom_read_the_same() -> None:
    text = "\ufeff" + hospital_decision().replace("\n", "\r\n")
    decision = read_decision(text, CODES)
    assert decision.findings.errors == []
    assert decision.money is not None and decision.money.frame == 5_919_324
    assert len(decision.volume_rows) == len(read_decision(hospital_decision(), CODES).volume_rows)


def test_overlong_or_control_labels_are_named() -> None:
    long = "x" * 301
    found = errors(hospital_decision(adjustments=[(long, "235 082"), ("bell\x07", "0")]))
    assert any("300" in e for e in found)
    assert any("U+0007" in e for e in found)
