"""De levensloop na de simulatie: wat een jongere die het model verlaat (op zijn 27e, of bij het einde van de
horizon) tot de AOW-leeftijd nog verwacht aan werk, uitkering en loon.

Per groep (opleidingsniveau bij vertrek: zonder SK, met SK, mbo-3/4, hoger onderwijs) komen het aandeel met werk
en met een uitkering uit CPB (2018, negen jaar na de start in het mbo). Het verschil tussen de groepen neemt per
jaar een vast deel af (`kloof_afname_per_jaar`, uit twee CBS-cohorten), en de toestand bij vertrek werkt een tijd
na (`persistentie_toestand`: wie werkt blijft vaker werken). Lonen volgen het minimumloon maal een factor per
groep, met een reële groei tot 45 jaar; ook het loonverschil tussen de groepen neemt zo af. De verwachte
maandstromen worden in het kasboek geboekt zoals elke andere maand (productie, verdringing, loon en belasting,
uitkeringen, uitvoering), vanaf de maand van vertrek.

Alles is vectorrekening op tabellen per (toestand bij vertrek, leeftijd, groep): een run heeft er een paar honderd.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import Parameters
from simulatie.kern.vertrek import MET_SK, NIVEAUS_BIJ_VERTREK, VERTREKLEEFTIJDEN

@dataclass(frozen=True)
class Levensloopprijzen:
    """De parameters van de voortzetting, per groep als arrays (volgorde NIVEAUS_BIJ_VERTREK)."""

    aow_maanden: int
    werk_27: np.ndarray
    uitkering_27: np.ndarray
    kloof_afname: float
    persistentie: float
    loonfactor: np.ndarray
    loongroei: float
    aandeel_bijstand: float

    @classmethod
    def uit(cls, p: Parameters) -> "Levensloopprijzen":
        v = "prijzen.levensloop."
        return cls(
            aow_maanden=int(round(p[v + "aow_leeftijd"] * 12)),
            werk_27=np.array([p[f"{v}werk_27_{g}"] for g in NIVEAUS_BIJ_VERTREK]),
            uitkering_27=np.array([p[f"{v}uitkering_27_{g}"] for g in NIVEAUS_BIJ_VERTREK]),
            kloof_afname=p[v + "kloof_afname_per_jaar"], persistentie=p[v + "persistentie_toestand"],
            loonfactor=np.array([p["prijzen.loon.factor_zonder_sk"], p["prijzen.loon.factor_met_sk"],
                                 p[v + "loonfactor_mbo34"], p[v + "loonfactor_ho"]]),
            loongroei=p[v + "loongroei_per_jaar"], aandeel_bijstand=p[v + "aandeel_bijstand"],
        )


def _jaren(lp: Levensloopprijzen, leeftijd_jaren: int) -> np.ndarray:
    """Het midden van elke maand na vertrek tot de AOW-leeftijd, in jaren sinds vertrek."""
    return (np.arange(max(0, lp.aow_maanden - leeftijd_jaren * 12)) + 0.5) / 12


def _kansen(lp: Levensloopprijzen, jaren: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Kans op werk en op een uitkering per (toestand bij vertrek, niveau, maand na vertrek)."""
    referentie = MET_SK
    kloof = (1 - lp.kloof_afname) ** jaren
    werk_groep = lp.werk_27[referentie] + np.outer(lp.werk_27 - lp.werk_27[referentie], kloof)
    uitk_groep = lp.uitkering_27[referentie] + np.outer(lp.uitkering_27 - lp.uitkering_27[referentie], kloof)
    # de toestand bij vertrek werkt na; wie nog op school zat, begint op het groepsgemiddelde
    t = np.arange(len(c.TOESTANDEN))[:, None]
    w0 = np.where(t == c.ONDERWIJS, lp.werk_27, np.where(t == c.WERK, 1.0, 0.0))
    u0 = np.where(t == c.ONDERWIJS, lp.uitkering_27, np.where((t == c.UITKERING) | (t == c.ZORG), 1.0, 0.0))
    na = lp.persistentie ** jaren
    werk = np.clip(werk_groep + (w0 - lp.werk_27)[..., None] * na, 0.0, 1.0)
    uitkering = np.clip(uitk_groep + (u0 - lp.uitkering_27)[..., None] * na, 0.0, 1.0 - werk)
    return werk, uitkering


def verwachting(lp: Levensloopprijzen, toestand: int, leeftijd_jaren: int,
                niveau: int) -> tuple[np.ndarray, np.ndarray]:
    """Kans op werk en op een uitkering in elke maand na vertrek tot de AOW-leeftijd (maand 0 = de maand na
    vertrek), voor één groep: (werk, uitkering), elk een array per maand."""
    werk, uitkering = _kansen(lp, _jaren(lp, leeftijd_jaren))
    return werk[toestand, niveau], uitkering[toestand, niveau]


def _loonkosten(lp: Levensloopprijzen, wml_met_lasten: np.ndarray, leeftijd: np.ndarray, jaren: np.ndarray
                ) -> np.ndarray:
    """Loonkosten per werkende per (niveau, maand), bij `leeftijd` en `jaren` sinds vertrek per maand."""
    band = np.clip(np.floor(leeftijd).astype(int) - 15, 0, len(wml_met_lasten) - 1)
    groei = (1 + lp.loongroei) ** np.clip(leeftijd - 27, 0, 45 - 27)
    factor = lp.loonfactor[MET_SK] + np.outer(lp.loonfactor - lp.loonfactor[MET_SK], (1 - lp.kloof_afname) ** jaren)
    return wml_met_lasten[band] * factor * groei


def loonkosten(lp: Levensloopprijzen, wml_met_lasten: np.ndarray, leeftijd_jaren: int, niveau: int) -> np.ndarray:
    """Loonkosten per werkende per maand na vertrek: het (jeugd)minimumloon van de leeftijd (met vakantiegeld en
    werkgeverslasten; `wml_met_lasten` per leeftijdsband 14..20 en 21+) maal de groepsfactor, met reële groei tot 45.
    Het loonverschil met de groep met SK neemt af zoals het verschil in werk (`kloof_afname_per_jaar`)."""
    jaren = _jaren(lp, leeftijd_jaren)
    return _loonkosten(lp, wml_met_lasten, leeftijd_jaren + jaren, jaren)[niveau]


_PROFIELEN: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}


def profielen(lp: Levensloopprijzen, wml_met_lasten: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Verwachte loonkosten en kans op een uitkering per maand na vertrek, per (toestand, vertrekleeftijd, niveau,
    maand), in één keer: na de AOW-leeftijd nul. Onthouden per prijzen: de MKBA per regio of groep vraagt dezelfde
    profielen tientallen keren (alleen-lezen arrays)."""
    sleutel = np.concatenate([np.ravel(np.asarray(getattr(lp, f.name), dtype=float)) for f in fields(lp)]
                             + [np.asarray(wml_met_lasten, dtype=float)]).tobytes()
    if sleutel not in _PROFIELEN:
        if len(_PROFIELEN) >= 8:
            _PROFIELEN.pop(next(iter(_PROFIELEN)))
        _PROFIELEN[sleutel] = _bereken_profielen(lp, wml_met_lasten)
    return _PROFIELEN[sleutel]


def _bereken_profielen(lp: Levensloopprijzen, wml_met_lasten: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    jaren = _jaren(lp, c.MIN_LEEFTIJD)
    werk, uitkering = _kansen(lp, jaren)  # de kansen hangen niet van de leeftijd af, alleen hun lengte
    leeftijd = np.array(VERTREKLEEFTIJDEN)[:, None] + jaren[None, :]
    binnen = leeftijd < lp.aow_maanden / 12
    loon = np.stack([_loonkosten(lp, wml_met_lasten, rij, jaren) for rij in leeftijd])  # (leeftijd, niveau, maand)
    productie = werk[:, None] * loon[None] * binnen[None, :, None]
    uitkering = uitkering[:, None] * binnen[None, :, None]
    productie.flags.writeable = uitkering.flags.writeable = False
    return productie, uitkering


def stromen(lp: Levensloopprijzen, vertrek: np.ndarray, wml_met_lasten: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Verwachte productie (euro loonkosten) en aantal uitkeringen per kalendermaand, voor alle vertrekkers.

    `vertrek` (maand, toestand, vertrekleeftijd, niveau): hoeveel jongeren in welke maand vertrekken. Geeft twee
    reeksen over maand (vanaf de eerste maand van de run, lengte: runlengte plus de langste voortzetting)."""
    T = vertrek.shape[0]
    loon, uitk = profielen(lp, wml_met_lasten)
    lengte = T + loon.shape[-1] + 1
    productie, uitkering = np.zeros(lengte), np.zeros(lengte)
    for s, a, g in zip(*np.nonzero(vertrek.sum(axis=0))):
        n = vertrek[:, s, a, g]
        # vanaf de maand na vertrek: een convolutie van de vertrekkers per maand met het verloop per maand
        productie[1:T + loon.shape[-1]] += np.convolve(n, loon[s, a, g])
        uitkering[1:T + loon.shape[-1]] += np.convolve(n, uitk[s, a, g])
    return productie, uitkering
