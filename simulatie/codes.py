"""De categorieën van het model en hun codes in de populatiekolommen.

De populatie bewaart categorieën als kleine gehele getallen (snel en zuinig); deze tuples zijn de
vertaling naar de namen die gebruikers zien. De volgorde is de code: TOESTANDEN[0] is code 0.
"""

from __future__ import annotations

TOESTANDEN = ("onderwijs", "werk", "uitkering", "zorg", "thuis")
ONDERWIJS, WERK, UITKERING, ZORG, THUIS = range(len(TOESTANDEN))

# Schooltype: het huidige, of voor wie de school verliet het laatste. 'ho' is hoger onderwijs na mbo-4.
SCHOOLTYPEN = ("vmbo", "pro", "vso", "mbo", "ho")
VMBO, PRO, VSO, MBO, HO = range(len(SCHOOLTYPEN))

# Niveau: 0 buiten het mbo, 1 = entree, 2-4 = mbo-niveau.
NIVEAUS = (0, 1, 2, 3, 4)

# Leerweg: bol/bbl in het mbo, de vier leerwegen van het vmbo, 'geen' elders.
LEERWEGEN = ("geen", "bol", "bbl", "basis", "kader", "gemengd", "theoretisch")
GEEN, BOL, BBL, BASIS, KADER, GEMENGD, THEORETISCH = range(len(LEERWEGEN))
VMBO_LEERWEGEN = (BASIS, KADER, GEMENGD, THEORETISCH)

# Uitstroomgroep: de groep waarin iemand het onderwijs verliet, zoals de bronnen die indelen
# (kalibratiedoelen: 'zonder werk een jaar na uitstroom'). 'nog_niet' = nog nooit uitgestroomd.
UITSTROOMGROEPEN = ("nog_niet", "vso", "pro", "entree_bol", "vsv_mbo", "entree_bbl", "mbo2_bol", "mbo34_bol",
                    "mbo2_bbl", "mbo34_bbl", "vsv_vo", "ho")
UITSTROOMGROEP = {naam: code for code, naam in enumerate(UITSTROOMGROEPEN)}

# De bestemmingen bij het verlaten van school of van een toestand (zonder onderwijs).
BESTEMMINGEN = ("werk", "uitkering", "zorg", "thuis")

MAANDEN_PER_JAAR = 12
LEEFTIJDSGRENS_MAANDEN = 27 * 12   # op de 27e verjaardag verlaat een jongere de doelgroep
VSV_LEEFTIJDSGRENS_MAANDEN = 23 * 12


def naam_leerweg(code: int) -> str:
    return LEERWEGEN[code]


def maandindex(jaar: int, maand: int) -> int:
    """Absolute maandindex (jaar*12 + maand-1): rekenen met datums als gehele getallen."""
    return jaar * 12 + (maand - 1)


def jaar_maand(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def maanddatums(indices):
    """Maandindices als datums (de eerste van de maand), voor tabellen: een pandas DatetimeIndex."""
    import pandas as pd

    return pd.to_datetime([f"{i // 12:04d}-{i % 12 + 1:02d}-01" for i in indices])
