"""Invented decision documents in the layout of the NU decision (tab-separated tables, headings
as plain lines), written for the tests: invented prose around tables of figures.

`hospital_decision()` gives NU 2026's figures by default; every part can be replaced to make
a variant (another hospital, a bridge whose total disagrees, a missing table…).
"""

from __future__ import annotations

import csv
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parent.parent / "seeds"
VOLUME_TABLE = (FIXTURES / "nu-2026-volume-table.txt").read_text(encoding="utf-8")

NU_ADJUSTMENTS = [
    ("3. Invented strengthening of the ambulance service", "37 399"),
    ("5. Invented strengthening of child psychiatry", "24 932"),
    ("6. Invented strengthening of adult psychiatry", "24 932"),
    ("7. Invented strengthening of hospital beds", "80 615"),
    ("14. Invented pharmacy delivery costs", "1 571"),
    ("LARO-vård", "3 023"),
    ("Invented staff policy grant", "236 780"),
    ("Invented internal trade exchange", "-175 697"),
    ("Invented conference exchange", "-3 355"),
    ("Invented patient flow settlement", "2 500"),
    ("Invented cancer genetics testing", "1 594"),
    ("Invented rheumatology settlement", "37"),
    ("Invented technical volume adjustment", "751"),
]
NU_ITEMS = [
    ("Utbildningsbefattningar: Specialistutbildning sjuksköterskor", "9 799"),
    ("Läkemedelsleveranser", "4 783"),
]
PRICE_TABLE = """Belopp (kr)\tSU\tNU\tSKAS\tSÅS\tSV\tKalkylerat pris
DRG-ersatt vård, pris per poäng:\t\t\t\t\t\t
DRG pris\t55 333\t54 657\t53 173\t51 797\t53 161\t54 180
Barn- och ungdomspsykiatri slutenvård\t\t\t\t\t\t
Pris/vårddygn\t14 961\t15 153\t-\t18 052\t-\t15 434
"""
ENDOSCOPY = """Sjukhusen i väster\tNU-sjukvården\tSkaraborgs Sjukhus\tSahlgrenska Universitetssjukhuset\tSödra Älvsborgs Sjukhus
4 459\t4 955\t4 770\t4 914\t4 997
"""  # noqa: E501


def hospital_decision(
    *,
    board: str = "NU-sjukvården",
    year: int = 2026,
    volume_table: str | None = VOLUME_TABLE,
    last: str = "5 561 881",
    uplift: tuple[str, str] = ("2,2", "122 361"),
    subtotal: str = "5 684 242",
    adjustments: list[tuple[str, str]] | None = None,
    frame: str = "5 919 324",
    sentence_frame: str | None = None,
    compensation_frame: str | None = None,
    items: list[tuple[str, str]] | None = None,
    bridge: bool = True,
    debris: bool = False,
) -> str:
    """A decision document for `board` and `year` with NU 2026's figures unless given."""
    rows = NU_ADJUSTMENTS if adjustments is None else adjustments
    settled = NU_ITEMS if items is None else items
    volumes = ""
    if volume_table is not None:
        head, _, tail = volume_table.partition("Somatik")
        breaks = "\n\f12\n\nNU-sjukvården\tuppdrag\tbas\ttillägg\n" if debris else ""
        volumes = f"{head}{breaks}Somatik{tail}"
    bridge_text = ""
    if bridge:
        adjustment_rows = "".join(f"{label}\t{tkr}\n" for label, tkr in rows)
        bridge_text = (
            "Förändringar jämfört med föregående uppdrag\n\n"
            "\tErsättning (tusen kronor)\n"
            f"Ersättning uppdrag {year - 1} (Dnr OSN-2024-00999)\t{last}\n"
            f"Uppräkningsfaktor {uplift[0]} %\t{uplift[1]}\n"
            f"Delsumma inkl uppräkningsfaktor\t{subtotal}\n"
            f"{adjustment_rows}"
            f"Uppdrag {year}\t{frame}\n"
        )
    item_rows = "".join(f"<i>{label}</i>\t{tkr}\n" for label, tkr in settled)
    table_frame = compensation_frame or frame
    return f"""

Uppdrag {year} för invented care, bas- och tilläggsvolymer samt ersättning till styrelsen för {board}

**Beslutat i an invented board meeting.**

Innehållsförteckning

Ersättning.....\t14
Förändringar jämfört med föregående uppdrag\t16

Produktionsvolymerna egen regi

This invented paragraph introduces the volumes. It is prose, not figures.

{volumes}

Finansiering av regiongemensamma uppdrag {year}

Tillägg för besök ersätts med det fasta styckpriset 2 503 kronor. Tillägg för behandlingar ersätts med det regiongemensamma DRG-priset 35 795 kronor.

Tillägg för koloskopier och gastroskopier ersätts enligt nedan sjukhusspecifika priser {year}, i kronor:

{ENDOSCOPY}
Ersättning

Den totala ersättningsramen för {year} är {sentence_frame or frame} tusen kronor, exklusive invented things.

Ersättning

\tErsättning {year} (tusen kronor)
Ersättning länssjukvård\t{table_frame}
<i>Varav uppdrag med avräkning</i>\t
{item_rows}Ersättning uppdrag {year}\t{table_frame}

Priser {year}

{PRICE_TABLE}
{bridge_text}
Uppföljning

Invented follow-up prose.
"""  # noqa: E501


NARHALSAN = """Reviderat 2024-10-02

# Utökat uppdrag 2025\u20132027 från an invented board till styrelsen för Närhälsan

Invented prose.

## Förändringar i ersättning under giltighetstiden

|  | Beslutsdatum | Ersättning | Gäller från och med |
|--|--------------|------------|---------------------|
| Ersättning uppdrag 2025  |              |            |                     |
|  |              |            |                     |
| Vårdcentral för hemlösa  |              | 6 024 640  | 2025-01-01          |
| Resursförstärkning demografiskt tryck |  | 519 000    |                     |
| ADL-utredningar, bedömningar av funktions- och aktivitetsförmåga. |   | 2 154 459  | 2025-01-01 |
|  |              |            |                     |
| Utbildningsbefattningar (totalt belopp för Närhälsans samtliga uppdrag). |  | 7 800 000  |  |
| <b>Ny total ersättningsram 2025</b>  |              |            |                     |

# Uppföljningsplan
"""


def _seed_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((SEEDS / name).read_text(encoding="utf-8").splitlines()))


def _grouped(amount: str) -> str:
    """A seed's amount as the decision prints it ("-175 697")."""
    value = int(amount)
    return ("-" if value < 0 else "") + f"{abs(value):,}".replace(",", " ")


def seeded_price_table() -> str:
    """The price table laid out as the decision prints it, from seeds/decision-prices.csv."""
    columns = {"SU": "SU", "NU": "NU", "SKAS": "SKAS", "SAS": "SÅS", "SV": "SV"}
    rows: dict[int, tuple[str, str, list[str]]] = {}
    for row in _seed_rows("decision-prices.csv"):
        entry = rows.setdefault(int(row["position"]), (row["grp"], row["name"], []))
        entry[2].append(_grouped(row["unit_price"]) if row["unit_price"] else "-")
    lines = ["Belopp (kr)\t" + "\t".join(columns.values()) + "\tKalkylerat pris"]
    group = ""
    for _, (grp, name, prices) in sorted(rows.items()):
        if grp != group:
            lines.append(grp + ":" + "\t" * 6)
            group = grp
        lines.append(name + "\t" + "\t".join(prices))
    return "\n".join(lines) + "\n"


def seeded_nu_decision() -> str:
    """NU 2026's decision as seeded (bridge, items, price table) in invented prose."""
    adjustments = [
        (r["label"], _grouped(r["amount"]))
        for r in _seed_rows("frame-adjustments.csv")
        if r["hospital"] == "NU"
    ]
    items = [
        (r["label"], _grouped(r["level"]))
        for r in _seed_rows("frame-items.csv")
        if r["hospital"] == "NU"
    ]
    text = hospital_decision(adjustments=adjustments, items=items)
    return text.replace("OSN-2024-00999", "OSN-2024-00191").replace(
        PRICE_TABLE, seeded_price_table()
    )
