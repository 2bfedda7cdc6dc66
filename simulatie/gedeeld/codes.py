"""De categorieën van het model en hun codes in de populatiekolommen.

De populatie bewaart categorieën als kleine gehele getallen (snel en zuinig); deze tuples zijn de
vertaling naar de namen die gebruikers zien. De volgorde is de code: TOESTANDEN[0] is code 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TOESTANDEN = ("onderwijs", "werk", "uitkering", "zorg", "thuis")
ONDERWIJS, WERK, UITKERING, ZORG, THUIS = range(len(TOESTANDEN))

# Schooltype: het huidige, of voor wie de school verliet het laatste. 'ho' is hbo en wo samen (na havo, vwo
# of mbo-4). vmbo, havo, vwo, pro en vso vanaf leerjaar 3: daar komt een cohort het model binnen.
SCHOOLTYPEN = ("vmbo", "pro", "vso", "mbo", "ho", "havo", "vwo")
VMBO, PRO, VSO, MBO, HO, HAVO, VWO = range(len(SCHOOLTYPEN))
VO_TYPEN = (VMBO, PRO, VSO, HAVO, VWO)

# Niveau: in het mbo 1 = entree, 2-4 = mbo-niveau; in het ho 1 = hbo, 2 = wo; elders 0.
NIVEAUS = (0, 1, 2, 3, 4)
HBO, WO = 1, 2

# Leerweg: bol/bbl in het mbo, de vier leerwegen van het vmbo, 'geen' elders.
LEERWEGEN = ("geen", "bol", "bbl", "basis", "kader", "gemengd", "theoretisch")
GEEN, BOL, BBL, BASIS, KADER, GEMENGD, THEORETISCH = range(len(LEERWEGEN))
VMBO_LEERWEGEN = (BASIS, KADER, GEMENGD, THEORETISCH)

# Uitstroomgroep: de groep waarin iemand het onderwijs verliet, zoals de bronnen die indelen
# (kalibratiedoelen: 'zonder werk een jaar na uitstroom'). 'nog_niet' = nog nooit uitgestroomd.
# 'vsv_vo' is uitval zonder SK uit het vmbo (ook wie na het vmbo-diploma niet verder leert), 'vsv_havo_vwo' uit
# havo of vwo; 'havo_vwo' zijn gediplomeerden die niet doorleren, 'ho' gediplomeerden van hbo of wo en
# 'ho_uitval' wie het ho zonder diploma verlaat (met SK van havo, vwo of mbo-4).
UITSTROOMGROEPEN = ("nog_niet", "vso", "pro", "entree_bol", "vsv_mbo", "entree_bbl", "mbo2_bol", "mbo34_bol",
                    "mbo2_bbl", "mbo34_bbl", "vsv_vo", "ho", "havo_vwo", "vsv_havo_vwo", "ho_uitval")
UITSTROOMGROEP = {naam: code for code, naam in enumerate(UITSTROOMGROEPEN)}

# Soort uitkering van wie in de toestand 'uitkering' is. Bijstand betalen gemeenten, WW en Wajong het UWV.
# Wie thuis is met soort 'bijstand' heeft bijstand aangevraagd en wacht de zoektermijn van vier weken af.
UITKERINGSTYPEN = ("geen", "bijstand", "ww", "wajong")
GEEN_UITKERING, BIJSTAND, WW, WAJONG = range(len(UITKERINGSTYPEN))

# Toestanden met de uitkering naar soort: de indeling van de leeftijdskubus en van de bronnen (CBS telt
# bijstand, UWV telt WW en Wajong).
TOESTANDEN_UITGEBREID = ("onderwijs", "werk", "bijstand", "ww", "wajong", "zorg", "thuis")
NT_UITGEBREID = len(TOESTANDEN_UITGEBREID)
# Intern vak naast deze zeven: in zorg mét Wajong (telt als zorg, en bij de Wajong-ontvangers)
ZORG_MET_WAJONG = NT_UITGEBREID

# Leeftijden in hele jaren die het model bevat: een cohort komt op 14 binnen (vo-leerjaar 3), op 27 gaat het eruit.
MIN_LEEFTIJD, MAX_LEEFTIJD = 14, 26
LEEFTIJDEN = tuple(range(MIN_LEEFTIJD, MAX_LEEFTIJD + 1))

# Groepen voor de verdeling van effecten (kansengelijkheid): schooltype x niet-westerse migratieachtergrond x
# multiproblematiek, als één code (schooltype * 4 + migratie * 2 + multiproblematiek).
NG_GROEPEN = len(SCHOOLTYPEN) * 4


def groepcode(schooltype, migratie, multiproblematiek):
    return (schooltype.astype("int64") * 2 + migratie) * 2 + multiproblematiek


def schooltype_van_groep(groep: int) -> int:
    """Het schooltype van een groep (het omgekeerde van groepcode voor de eerste as)."""
    return groep // 4


# De bestemmingen bij het verlaten van school of van een toestand (zonder onderwijs).
BESTEMMINGEN = ("werk", "uitkering", "zorg", "thuis")

AANTAL_REGIOS = 40  # RMC-regio's (Doorstroompunt-regio's)

# Begeleiding uit het regionale budget (populatiekolom `begeleiding`): wie deze maand in aanmerking komt, wordt
# begeleid of wacht; wie niet (meer) in aanmerking komt, heeft geen.
BEGELEIDINGSSTATUS = ("geen", "begeleid", "wachtend")
GEEN_BEGELEIDING, BEGELEID, WACHTEND = range(len(BEGELEIDINGSSTATUS))

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
    maanden_sinds_1970 = np.asarray(indices, dtype=np.int64) - 1970 * 12
    return pd.DatetimeIndex(maanden_sinds_1970.astype("datetime64[M]").astype("datetime64[ns]"))
