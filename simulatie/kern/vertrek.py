"""Wie het model verlaat (op zijn 27e: de uitloop laat iedereen tot 27 doorlopen) en met welk opleidingsniveau: de
telling waar de levensloop (economie/levensloop.py) de voortzetting tot de AOW-leeftijd aan hangt. Een begrip van de
populatie, daarom in de kern; de waardering staat in de economie."""

from __future__ import annotations

import numpy as np

from simulatie.gedeeld import codes as c

NIVEAUS_BIJ_VERTREK = ("zonder_sk", "met_sk", "mbo34", "ho")
ZONDER_SK, MET_SK, MBO34, HO = range(len(NIVEAUS_BIJ_VERTREK))
# de leeftijden waarvoor de levensloop een profiel heeft: 27 bij het verlaten (na de uitloop vertrekt niemand
# jonger); de jongere leeftijden dienen `mkba.waarde_startkwalificatie` op een andere leeftijd
VERTREKLEEFTIJDEN = tuple(range(c.MIN_LEEFTIJD, 28))


def niveau_bij_vertrek(pop, rijen: np.ndarray, toestand: np.ndarray | None = None) -> np.ndarray:
    """Opleidingsgroep van wie vertrekt: ho-diploma (of nog in het ho), mbo-3/4 (diploma, of ho verlaten met SK,
    of met SK nog in mbo-3/4), met SK, zonder SK. `toestand`: die bij vertrek (wie 27 werd, staat al op UIT).

    Het mbo-3/4-diploma staat in `diploma_mbo34`, niet in de uitstroomgroep: wie met een SK (mbo-2, havo) uit
    mbo-3/4 uitvalt, krijgt de uitstroomgroep van het niveau (toestanden.UITVALGROEP, voor de kansen op werk),
    maar heeft geen mbo-3/4-diploma en telt als 'met SK'."""
    g = c.UITSTROOMGROEP
    groep = pop.uitstroomgroep[rijen]
    st, nv, sk = pop.schooltype[rijen], pop.niveau[rijen], pop.startkwalificatie[rijen]
    op_school = (pop.toestand[rijen] if toestand is None else toestand) == c.ONDERWIJS
    ho = (groep == g["ho"]) | (op_school & (st == c.HO))
    mbo34 = (pop.diploma_mbo34[rijen] | (groep == g["ho_uitval"])
             | (op_school & (st == c.MBO) & (nv >= 3) & sk))
    return np.where(ho, HO, np.where(mbo34, MBO34, np.where(sk, MET_SK, ZONDER_SK))).astype(np.int8)
