"""De cijfers in README.md komen uit de code: de tabellen uit de vastgelegde kalibratie (`python -m
simulatie.rapportage.readme` maakt ze), tijden alleen in benchmarks/README.md. Leest bestanden, rekent geen model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from simulatie.rapportage.readme import KALIBRATIE, README, bijgewerkt, blokken, main

WORTEL = Path(__file__).resolve().parent.parent


def test_de_tabellen_in_de_readme_komen_uit_de_kalibratie():
    tekst = README.read_text(encoding="utf-8")
    assert blokken(tekst) == ["populatie", "standen"]
    assert bijgewerkt(tekst) == tekst, ("README.md wijkt af van kalibratie/*.csv: draai "
                                        "`python -m simulatie.rapportage.readme`")
    assert main(["--controleer"]) == 0


ANDERE_KALIBRATIE = [  # (bestand, rij, kolom): een nieuwe kalibratie met een ander getal daar
    ("populatie.csv", {"leeftijd": "15-19"}, "werk"),
    ("fit.csv", {"doel": "neet"}, "modelwaarde_schaal_1"),
    ("toetsen_uitkomst.csv", {"toets": "onderwijs_15_27"}, "modelwaarde"),
    ("doelen.csv", {"doel": "ww_onder_25"}, "waarde"),
]


@pytest.mark.parametrize("bestand,rij,kolom", ANDERE_KALIBRATIE, ids=[a[0] for a in ANDERE_KALIBRATIE])
def test_een_ander_getal_in_de_kalibratie_maakt_de_readme_ongelijk(tmp_path, bestand, rij, kolom):
    map_ = tmp_path / "kalibratie"
    shutil.copytree(KALIBRATIE, map_)
    df = pd.read_csv(map_ / bestand)
    (sleutel, waarde), = rij.items()
    assert (df[sleutel] == waarde).sum() == 1
    df.loc[df[sleutel] == waarde, kolom] *= 1.5
    df.to_csv(map_ / bestand, index=False)
    tekst = README.read_text(encoding="utf-8")
    assert bijgewerkt(tekst, map_) != tekst


# tijden horen in benchmarks/README.md: een getal (of telwoord) met een tijdseenheid
_TIJD = re.compile(r"\b(\d+(?:[.,]\d+)?|een|twee|drie|vier|vijf|tien|twintig|dertig|veertig|enkele|paar)\s*"
                   r"(seconden?|sec|s|minuten|minuut|min|uur|uren)\b", re.IGNORECASE)
# een tijd die invoer is (een instelling, een definitie van de bron), geen meting: waar hij in de code staat
INSTELLINGEN = {"binnen 5 seconden": "simulatie/experimenten/uitvoering.py",
                "wie een uur werkt": "simulatie/experimenten/kalibratie.py"}


def test_geen_tijden_in_de_readme():
    tekst = README.read_text(encoding="utf-8")
    for zin, bestand in INSTELLINGEN.items():
        assert zin in (WORTEL / bestand).read_text(encoding="utf-8"), (zin, bestand)
        tekst = tekst.replace(zin, "")
    gevonden = [m.group(0) for m in _TIJD.finditer(tekst)]
    assert not gevonden, f"tijden horen in benchmarks/README.md, niet in README.md: {gevonden}"


def _tellingen() -> list[tuple[str, int]]:
    """(zin in de README, het aantal volgens de bestanden): de omvang van de kalibratie en van de standaardset."""
    from simulatie.experimenten.woordenschat import STANDAARD

    fit = pd.read_csv(KALIBRATIE / "fit.csv")
    ident = pd.read_csv(KALIBRATIE / "identificatie.csv")
    return [("fit {} parameters", int(ident.gefit.sum())), ("op {} gepubliceerde doelen", int(fit.gefit.sum())),
            ("aan {} gepubliceerde", len(pd.read_csv(KALIBRATIE / "toetsen.csv"))), ("set van {}", len(STANDAARD))]


def test_de_tellingen_in_de_readme_kloppen_met_de_bestanden():
    tekst = " ".join(README.read_text(encoding="utf-8").split())
    for zin, aantal in _tellingen():
        assert zin.format(aantal) in tekst, f"README.md noemt niet '{zin.format(aantal)}'"
