"""Wie het model verlaat (op zijn 27e, of bij het einde van de horizon) en met welk opleidingsniveau: de telling
waar de levensloop (economie/levensloop.py) de voortzetting tot de AOW-leeftijd aan hangt. Een begrip van de
populatie, daarom in de kern; de waardering staat in de economie."""

from __future__ import annotations

import numpy as np

from simulatie.gedeeld import codes as c

NIVEAUS_BIJ_VERTREK = ("zonder_sk", "met_sk", "mbo34", "ho")
ZONDER_SK, MET_SK, MBO34, HO = range(len(NIVEAUS_BIJ_VERTREK))
VERTREKLEEFTIJDEN = tuple(range(c.MIN_LEEFTIJD, 28))  # 14..26 bij het einde van de horizon, 27 bij het verlaten


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


def eindstand(pop, splits: np.ndarray | None = None, n_splits: int = 1) -> np.ndarray:
    """Wie aan het eind van de horizon nog in de populatie zit: (toestand, leeftijd 14..26, niveau[, deel]), in
    jongeren. Zij vertrekken op dat moment uit het model en dragen hun voortzetting mee. Met `splits` (een code per
    rij, bijvoorbeeld de regio) ook naar die code."""
    rijen = np.flatnonzero(pop.actief())
    leeftijd = np.clip(pop.leeftijd_maanden()[rijen] // 12 - c.MIN_LEEFTIJD, 0, len(c.LEEFTIJDEN) - 1)
    niveau = niveau_bij_vertrek(pop, rijen)
    vorm = (len(c.TOESTANDEN), len(c.LEEFTIJDEN), len(NIVEAUS_BIJ_VERTREK), n_splits)
    deel = 0 if splits is None else np.asarray(splits)[rijen]
    code = ((pop.toestand[rijen].astype(np.int64) * vorm[1] + leeftijd) * vorm[2] + niveau) * n_splits + deel
    uit = np.bincount(code, minlength=np.prod(vorm)).reshape(vorm) * float(pop.gewicht[0] if len(pop) else 1.0)
    return uit[..., 0] if splits is None else uit


def eindstand_per(pop, deel: str) -> np.ndarray:
    """De eindstand per regio ('regio') of per groep ('groep', codes.groepcode), met het deel als laatste as."""
    if deel == "regio":
        return eindstand(pop, pop.regio, c.AANTAL_REGIOS)
    return eindstand(pop, c.groepcode(pop.schooltype, pop.migratie, pop.multiproblematiek), c.NG_GROEPEN)
