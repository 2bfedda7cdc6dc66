"""Effecten uit het bewijs: de studietabel achter elke begeleidingseffect, omrekeningen en priors die haar volgen.

De tabel staat in `parameters/bewijs.yaml`: één rij per studie (ontwerp, populatie, uitkomst, horizon, effect met se
of interval, bron) met de parameters die zij informeert, en per `beleid.effect.*`-parameter zonder studie een rij
`geen_studie` die zegt welke studies het effect begrenzen en waarom. `laad_bewijs` leest en controleert haar; een
`beleid.effect.*`-parameter zonder rij is een InvoerFout (afsluitcode 2 in de CLI).

Omrekeningen (gevectoriseerd, elk met de se erbij). Het model past een effect toe op een MAANDkans van wie die maand
begeleid wordt: een daling e maakt de kans (1 - e) keer zo groot, een stijging e (1 + e) keer. Een studie meet
aandelen na T maanden. Met een constante maandkans h = 1 - (1 - p)^(1/T) is het effect 1 - h1/h0 (daling) of
h1/h0 - 1 (stijging); de se volgt met de deltamethode.
  - procentpunt d met basis p0: p1 = p0 + d;
  - odds ratio met basisrisico p0: RR = OR / (1 - p0 + p0 OR), p1 = RR p0 (se op de log-oddsschaal: dp1 = p1(1 - p1));
  - Hedges' g: ln OR = g pi / sqrt(3) (Chinn 2000), dan als odds ratio bij een genoemde basis;
  - een effect gemeten na T > 12 maanden met uitdoving u (`beleid.uitdoving.na_eerste_jaar`): de maandfactor e
    van de eerste 12 maanden zo dat e in maand 1-12 en u e daarna samen het gemeten aandeel geven.

Regels voor een prior (per parameter in bewijs.yaml onder `priors`, met de studies; `alternatief` is een tweede
verdedigbare regel, te rekenen met `bewijspriors(parameters, regel=...)`):
  - pooling: het inverse-variantie-gewogen gemiddelde van de omgerekende rijen met een se: afgekapt normaal;
  - intensiteit: het effect van CPB DP 224 maal r^b, r = kosten per jongere per jaar van de begeleiding van de wet
    (coach-fte / caseload, in prijzen van 2012) / EUR 3.000, b log-uniform op [1/2, 2]; afgekapt normaal met het
    gemiddelde en de sd van dat product;
  - sceptisch: echte kansmassa p_nul in nul (VERDELINGEN: nul_of_normaal), anders de lineaire prior gedeeld door
    1 - p_nul: hetzelfde gemiddelde, maar 'werkt niet' krijgt een eigen kans. p_nul = 1 - r bij intensiteit, of
    twee derde (het deel van de schattingen voor jongerenprogramma's dat niet significant positief is, Kluve 2019);
  - ontleend: zonder eigen studie als sceptisch, maar met de lineaire prior van een verwante parameter (`van`);
  - begrensd: uniform tussen twee grenzen die elk met een studie onderbouwd zijn;
  - aanname: de verdeling uit beleid.yaml blijft (geen studie en niets om aan te ontlenen).
Alle priors zijn afgekapt op [0, ...]: geen negatieve effecten, net als de aannames (Maibom 2014 vond wel lager werk
bij intensievere activering van ongekwalificeerde jongeren: een beperking).

De priors bij de parameters van deze versie (zonder uitdoving; gemiddelde, mediaan, 5%-95%, kans op nul;
tests/test_bewijs.py controleert deze tabel):

    parameter                        regel        gemiddelde  mediaan  p5     p95    P(0)
    intensieve_coaching_vsv          pooling      0.434       0.433    0.189  0.679  0.00
    begeleiding_tijdens_vsv          intensiteit  0.172       0.169    0.042  0.310  0.00
    begeleiding_tijdens_vsv          sceptisch    0.167       0.000    0.000  0.602  0.61
    nazorg_baanvinden                pooling      0.051       0.051    0.018  0.084  0.00
    nazorg_baanvinden                sceptisch    0.051       0.000    0.000  0.216  0.67
    nazorg_baanbehoud                ontleend     0.051       0.000    0.000  0.216  0.67
    nazorg_terugkeer_onderwijs       ontleend     0.313       0.358    0.000  0.655  0.28
    gemeente_baanvinden              pooling      0.079       0.079    0.027  0.131  0.00
    gemeente_baanvinden              sceptisch    0.079       0.000    0.000  0.336  0.67
    levenscoaching_baanvinden        pooling      0.079       0.079    0.027  0.131  0.00
    levenscoaching_baanvinden        sceptisch    0.079       0.000    0.000  0.336  0.67
    levenscoaching_zorg_uitstroom    ontleend     0.079       0.000    0.000  0.336  0.67
    extra_bereik_doorstroompunt_wet  aanname      1.750       1.750    1.075  2.425  0.00
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import pandas as pd
from scipy import stats

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import MAP, Parameters, Verdeling, _getal, lees_yaml

BESTAND = MAP / "bewijs.yaml"
GROEPEN = ("beleid.effect.", "beleid.uitdoving.")  # parameters die een rij in de tabel moeten hebben
UITDOVING = "beleid.uitdoving.na_eerste_jaar"
SOORTEN = ("aandelen", "procentpunt", "odds_ratio", "hedges_g", "relatief", "geen_effect_gevonden",
           "geen_schatting", "geen_studie")
REGELS = ("pooling", "intensiteit", "sceptisch", "ontleend", "begrensd", "aanname")
Z95 = float(stats.norm.ppf(0.975))
EERSTE_JAAR = 12  # maanden waarin het volle effect geldt; daarna uitdoving (beleid.uitdoving.na_eerste_jaar)


# ------------------------------------------------------------------------------------------ omrekeningen

def maandkans(p, maanden):
    """De constante maandkans h waarbij na `maanden` maanden een aandeel p de gebeurtenis had: 1 - (1 - p)^(1/T)."""
    return 1 - (1 - np.asarray(p, dtype=float)) ** (1 / np.asarray(maanden, dtype=float))


def _dmaandkans(p, maanden):
    """Afgeleide van maandkans naar p (voor de deltamethode)."""
    return (1 - np.asarray(p, dtype=float)) ** (1 / np.asarray(maanden, dtype=float) - 1) / maanden


def _teken(richting: str) -> float:
    return -1.0 if richting == "daling" else 1.0


def uit_aandelen(controle, behandeld, maanden, richting: str, se_controle=0.0, se_behandeld=0.0):
    """Aandelen na T maanden (controle p0, behandeld p1) -> (effect, se) als relatieve verandering van een constante
    maandkans: 1 - h1/h0 bij een daling, h1/h0 - 1 bij een stijging. De groepen zijn onafhankelijk (deltamethode)."""
    h0, h1 = maandkans(controle, maanden), maandkans(behandeld, maanden)
    effect = _teken(richting) * (h1 / h0 - 1)
    se = np.hypot(_dmaandkans(behandeld, maanden) / h0 * se_behandeld,
                  h1 * _dmaandkans(controle, maanden) / h0 ** 2 * se_controle)
    return effect, se


def uit_procentpunt(verschil, basis, maanden, richting: str, se=0.0):
    """Een verschil in procentpunten (als fractie) bij een basis p0 -> (effect, se); de basis telt als vast."""
    return uit_aandelen(basis, np.asarray(basis) + verschil, maanden, richting, se_behandeld=se)


def relatief_risico(odds_ratio, basis):
    """Odds ratio bij basisrisico p0 -> relatief risico: OR / (1 - p0 + p0 OR)."""
    odds_ratio = np.asarray(odds_ratio, dtype=float)
    return odds_ratio / (1 - basis + basis * odds_ratio)


def uit_odds_ratio(odds_ratio, basis, maanden, richting: str, se_ln=0.0):
    """Odds ratio (van de gebeurtenis die de maandkans telt) bij basisrisico p0 -> (effect, se). De se op de
    log-oddsschaal wordt een se van p1 via dp1/dln(OR) = p1 (1 - p1)."""
    p1 = relatief_risico(odds_ratio, basis) * basis
    return uit_aandelen(basis, p1, maanden, richting, se_behandeld=p1 * (1 - p1) * se_ln)


def ln_odds_ratio(g):
    """Hedges' g -> ln(odds ratio) = g pi / sqrt(3) (Chinn 2000); ook voor een se."""
    return np.asarray(g, dtype=float) * math.pi / math.sqrt(3)


def uit_hedges_g(g, basis, maanden, richting: str, se=0.0):
    """Hedges' g bij een genoemde basis p0 -> (effect, se), via de odds ratio."""
    return uit_odds_ratio(np.exp(ln_odds_ratio(g)), basis, maanden, richting, se_ln=ln_odds_ratio(se))


def se_uit_interval(laag, hoog, log: bool = False):
    """De se uit een 95%-interval (op de logschaal voor een odds ratio)."""
    laag, hoog = (np.log(laag), np.log(hoog)) if log else (laag, hoog)
    return (np.asarray(hoog) - laag) / (2 * Z95)


def _eerstejaarsfactor(controle, behandeld, maanden, richting: str, na_eerste_jaar):
    """Zie eerstejaarseffect (zonder se): bisectie op x = (factor op de maandkans) - 1, gevectoriseerd."""
    p0, p1, t, u = np.broadcast_arrays(*(np.asarray(a, dtype=float)
                                         for a in (controle, behandeld, maanden, na_eerste_jaar)))
    h0 = maandkans(p0, t)
    n1, n2 = np.minimum(t, EERSTE_JAAR), np.maximum(t - EERSTE_JAAR, 0)
    doel = np.log1p(-p1)
    laag, hoog = np.full(p0.shape, -1 + 1e-12), 1 / h0 - 1 - 1e-12  # de maandkans blijft in (0, 1)
    for _ in range(200):  # het gemeten overlevingsaandeel daalt in x: halveer het interval rond de oplossing
        x = (laag + hoog) / 2
        te_hoog = n1 * np.log1p(-h0 * (1 + x)) + n2 * np.log1p(-h0 * (1 + u * x)) > doel
        laag, hoog = np.where(te_hoog, x, laag), np.where(te_hoog, hoog, x)
    return _teken(richting) * (laag + hoog) / 2


def eerstejaarseffect(controle, behandeld, maanden, richting: str, na_eerste_jaar, se_controle=0.0,
                      se_behandeld=0.0, stap: float = 1e-6):
    """Een effect gemeten na T maanden -> (effect, se) in de eerste 12 maanden, als het effect daarna uitdooft tot
    `na_eerste_jaar` maal dat van het eerste jaar: (1 - h0 f)^min(T, 12) (1 - h0 f_u)^max(T - 12, 0) = 1 - p1 met
    f = 1 -/+ e en f_u = 1 -/+ u e, h0 de constante maandkans van de controlegroep. Bij T <= 12 of u = 1 is dit
    uit_aandelen. De se met de deltamethode (numerieke afgeleiden naar p0 en p1)."""
    effect = _eerstejaarsfactor(controle, behandeld, maanden, richting, na_eerste_jaar)
    d1 = (_eerstejaarsfactor(controle, np.asarray(behandeld) + stap, maanden, richting, na_eerste_jaar)
          - _eerstejaarsfactor(controle, np.asarray(behandeld) - stap, maanden, richting, na_eerste_jaar)) / (2 * stap)
    d0 = (_eerstejaarsfactor(np.asarray(controle) + stap, behandeld, maanden, richting, na_eerste_jaar)
          - _eerstejaarsfactor(np.asarray(controle) - stap, behandeld, maanden, richting, na_eerste_jaar)) / (2 * stap)
    return effect, np.hypot(d1 * se_behandeld, d0 * se_controle)


# ------------------------------------------------------------------------------------------ priorregels

def pool(effecten, se) -> tuple[float, float]:
    """Inverse-variantie-gewogen gemiddelde en zijn se (vaste effecten)."""
    w = 1 / np.square(np.asarray(se, dtype=float))
    return float(np.sum(w * np.asarray(effecten)) / np.sum(w)), float(1 / np.sqrt(np.sum(w)))


def exponentmomenten(gemiddelde: float, sd: float, verhouding: float, laag: float, hoog: float,
                     knopen: int = 64) -> tuple[float, float]:
    """Gemiddelde en sd van E r^b, met E (gemiddelde, sd) onafhankelijk van b, b log-uniform op [laag, hoog]
    (Gauss-Legendre over ln b)."""
    if laag == hoog:
        b, gewicht = np.array([laag]), np.array([1.0])
    else:
        x, w = np.polynomial.legendre.leggauss(knopen)
        b = np.exp((math.log(hoog) - math.log(laag)) / 2 * x + (math.log(hoog) + math.log(laag)) / 2)
        gewicht = w / 2
    m1, m2 = float(np.sum(gewicht * verhouding ** b)), float(np.sum(gewicht * verhouding ** (2 * b)))
    gem = gemiddelde * m1
    return gem, math.sqrt(max((sd ** 2 + gemiddelde ** 2) * m2 - gem ** 2, 0.0))


def _bovengrens(richting: str | None, modus: float, sd: float) -> float:
    """Een daling kan niet boven 1; een stijging is praktisch onbegrensd (zes sd boven de modus)."""
    return 1.0 if richting == "daling" else max(1.0, modus + 6 * sd)


def afgekapt_normaal(gemiddelde: float, sd: float, richting: str | None) -> Verdeling:
    return Verdeling("normaal", 0.0, _bovengrens(richting, gemiddelde, sd), modus=gemiddelde, sd=sd)


def sceptisch(gemiddelde: float, sd: float, p_nul: float, richting: str | None) -> Verdeling:
    """Kans p_nul op precies nul, anders (gemiddelde, sd) / (1 - p_nul): hetzelfde gemiddelde als de lineaire prior."""
    modus, s = gemiddelde / (1 - p_nul), sd / (1 - p_nul)
    return Verdeling("nul_of_normaal", 0.0, _bovengrens(richting, modus, s), modus=modus, sd=s, p_nul=p_nul)


def kosten_per_jongere(p: Parameters, caseload: str, prijsjaar: int) -> float:
    """Wat begeleiding met deze caseload per jongere per jaar kost in prijzen van `prijsjaar`: een coach-fte met
    werkgeverslasten en overhead gedeeld door de caseload (zoals kern.beleid de maandkosten rekent)."""
    b = "beleid.coach."
    return p.prijs(b + "loonkosten_per_fte", prijsjaar) * p[b + "opslag_werkgeverslasten_overhead"] / p[caseload]


# ------------------------------------------------------------------------------------------ de tabel

@dataclass(frozen=True)
class Studie:
    """Eén rij van de tabel (zie bewijs.yaml voor de velden)."""

    id: str
    parameters: tuple[str, ...]
    effect: Mapping[str, Any]
    horizon_maanden: float | None = None
    se: float | None = None                 # gepubliceerd, of uit het interval
    se_benadering: Mapping[str, Any] | None = None
    intensiteit: Mapping[str, Any] | None = None
    bron: str = ""

    @property
    def soort(self) -> str:
        return self.effect["soort"]


@dataclass(frozen=True)
class Priorregel:
    """Hoe de prior van een parameter uit haar rijen volgt (bewijs.yaml, `priors`)."""

    parameter: str
    regel: str
    alternatief: str | None
    studies: tuple[str, ...]
    basis: Mapping[str, Any] | None = None
    p_nul: Any = None
    intensiteit: Mapping[str, Any] | None = None
    van: str | None = None
    grenzen: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Bewijs:
    studies: Mapping[str, Studie]
    priors: Mapping[str, Priorregel]
    bestand: Path

    def rijen(self, parameter: str) -> list[Studie]:
        """De rijen (studies en geen_studie) die deze parameter informeren."""
        return [s for s in self.studies.values() if parameter in s.parameters]


def _fout(bestand: Path, veld: str, melding: str, toegestaan: str) -> InvoerFout:
    return InvoerFout(melding, bestand=bestand, veld=veld, toegestaan=toegestaan)


def _tekst(ruw: Mapping, sleutel: str, bestand: Path, veld: str) -> str:
    waarde = ruw.get(sleutel)
    if not isinstance(waarde, str) or not waarde.strip():
        raise _fout(bestand, f"{veld}.{sleutel}", f"'{sleutel}' ontbreekt of is leeg.", "een niet-lege tekst")
    return waarde.strip()


def _mapping(ruw: Any, bestand: Path, veld: str, toegestaan: str) -> Mapping:
    if not isinstance(ruw, Mapping):
        raise _fout(bestand, veld, f"'{veld}' is geen mapping maar {ruw!r}.", toegestaan)
    return ruw


def _lijst(ruw: Any, bestand: Path, veld: str, toegestaan: str) -> tuple[str, ...]:
    if not isinstance(ruw, list) or not ruw or not all(isinstance(x, str) for x in ruw):
        raise _fout(bestand, veld, f"'{veld}' is geen niet-lege lijst van namen.", toegestaan)
    return tuple(ruw)


def _getal_in(ruw: Mapping, sleutel: str, bestand: Path, veld: str, toets, toegestaan: str) -> float:
    v = f"{veld}.{sleutel}"
    if sleutel not in ruw:
        raise _fout(bestand, v, f"'{sleutel}' ontbreekt.", toegestaan)
    x = _getal(ruw[sleutel], sleutel, bestand, v)
    if not toets(x):
        raise _fout(bestand, v, f"'{sleutel}' is {x:g}.", toegestaan)
    return x


def _aandeel(ruw: Mapping, sleutel: str, bestand: Path, veld: str) -> float:
    return _getal_in(ruw, sleutel, bestand, veld, lambda x: 0 <= x <= 1, "een aandeel van 0 tot en met 1 (fractie)")


def _positief(ruw: Mapping, sleutel: str, bestand: Path, veld: str) -> float:
    return _getal_in(ruw, sleutel, bestand, veld, lambda x: x > 0, "een getal > 0")


def _effect(ruw: Any, bestand: Path, veld: str, ids: set[str]) -> Mapping[str, Any]:
    """Controleer het effect van een rij per soort; geeft de mapping met de getallen als float terug."""
    e = dict(_mapping(ruw, bestand, veld, f"een mapping met soort {' | '.join(SOORTEN)}"))
    if e.get("soort") not in SOORTEN:
        raise _fout(bestand, f"{veld}.soort", f"Onbekende soort effect {e.get('soort')!r}.", " | ".join(SOORTEN))
    soort = e["soort"]
    if soort == "aandelen":
        e["controle"], e["behandeld"] = (_aandeel(e, k, bestand, veld) for k in ("controle", "behandeld"))
    elif soort in ("procentpunt", "relatief"):
        if "waarde" in e:
            e["waarde"] = _getal(e["waarde"], "waarde", bestand, f"{veld}.waarde")
        elif "bereik" in e:
            b = e["bereik"]
            if not (isinstance(b, list) and len(b) == 2):
                raise _fout(bestand, f"{veld}.bereik", "'bereik' is geen lijst [laag, hoog].", "[laag, hoog]")
            e["bereik"] = [_getal(x, "bereik", bestand, f"{veld}.bereik") for x in b]
        else:
            raise _fout(bestand, veld, f"Een effect {soort} mist 'waarde' of 'bereik'.",
                        "waarde: getal, of bereik: [laag, hoog] (fracties)")
        if soort == "procentpunt" and "basis" in e:
            e["basis"] = _aandeel(e, "basis", bestand, veld)
    elif soort == "odds_ratio":
        e["waarde"] = _positief(e, "waarde", bestand, veld)
        if "basis" in e:
            e["basis"] = _aandeel(e, "basis", bestand, veld)
        if not isinstance(e.get("tegengestelde_uitkomst", False), bool):
            raise _fout(bestand, f"{veld}.tegengestelde_uitkomst", "'tegengestelde_uitkomst' is geen ja/nee.",
                        "true (de OR is die van het tegendeel, bv. diploma in plaats van uitval) of false")
    elif soort == "hedges_g":
        e["waarde"] = _getal_in(e, "waarde", bestand, veld, lambda x: True, "een getal")
    elif soort == "geen_studie":
        begrensd = _lijst(e.get("begrensd_door"), bestand, f"{veld}.begrensd_door", "ids van studies in deze tabel")
        onbekend = [b for b in begrensd if b not in ids]
        if onbekend:
            raise _fout(bestand, f"{veld}.begrensd_door", f"Onbekende studie(s): {', '.join(onbekend)}.",
                        "ids van studies in deze tabel")
        _tekst(e, "reden", bestand, veld)
    return e


def _onzekerheid(ruw: Mapping, bestand: Path, veld: str, effect: Mapping) -> float | None:
    """De gepubliceerde se (of die uit een 95%-interval; op de logschaal bij een odds ratio), anders None."""
    o = ruw.get("onzekerheid")
    toegestaan = "\"niet gepubliceerd\", {se: getal > 0} of {interval: [laag, hoog]} (95%)"
    if o == "niet gepubliceerd" or (o is None and effect["soort"].startswith("geen_")):
        return None
    o = _mapping(o, bestand, f"{veld}.onzekerheid", toegestaan)
    if "se" in o:
        return _positief(o, "se", bestand, f"{veld}.onzekerheid")
    i = o.get("interval")
    if not (isinstance(i, list) and len(i) == 2):
        raise _fout(bestand, f"{veld}.onzekerheid", "Onzekerheid zonder se of interval.", toegestaan)
    laag, hoog = (_getal(x, "interval", bestand, f"{veld}.onzekerheid.interval") for x in i)
    if not laag < hoog or (effect["soort"] == "odds_ratio" and laag <= 0):
        raise _fout(bestand, f"{veld}.onzekerheid.interval", f"Interval [{laag:g}, {hoog:g}] is leeg of onmogelijk.",
                    "laag < hoog (bij een odds ratio beide > 0)")
    return float(se_uit_interval(laag, hoog, log=effect["soort"] == "odds_ratio"))


def _studie(id_: str, ruw: Any, bestand: Path, ids: set[str], bekend) -> Studie:
    veld = f"studies.{id_}"
    r = _mapping(ruw, bestand, veld, "een mapping met parameters, effect, bron en jaar (zie de kop van bewijs.yaml)")
    parameters = _lijst(r.get("parameters"), bestand, f"{veld}.parameters", "namen van beleid.effect.*-parameters")
    for naam in parameters:
        if not bekend(naam):
            raise _fout(bestand, f"{veld}.parameters", f"Onbekende parameter '{naam}'.",
                        "namen uit simulatie/invoer/parameters/beleid.yaml (beleid.effect.* of beleid.uitdoving.*)")
    effect = _effect(r.get("effect"), bestand, f"{veld}.effect", ids)
    if effect["soort"] == "geen_studie":
        return Studie(id_, parameters, effect)
    for sleutel in ("ontwerp", "populatie", "uitkomst", "land", "bron", "jaar"):
        _tekst(r, sleutel, bestand, veld)
    horizon = None
    if r.get("horizon_maanden") is not None:
        horizon = _positief(r, "horizon_maanden", bestand, veld)
    benadering = r.get("se_benadering")
    if benadering is not None:
        benadering = _mapping(benadering, bestand, f"{veld}.se_benadering",
                              "{methode: binomiaal, n_controle, n_behandeld, reden}")
        if benadering.get("methode") != "binomiaal":
            raise _fout(bestand, f"{veld}.se_benadering.methode", f"Onbekende methode {benadering.get('methode')!r}.",
                        "binomiaal (alleen bij een effect in aandelen)")
        for n in ("n_controle", "n_behandeld"):
            _positief(benadering, n, bestand, f"{veld}.se_benadering")
        _tekst(benadering, "reden", bestand, f"{veld}.se_benadering")
    intensiteit = r.get("intensiteit")
    if intensiteit is not None:
        intensiteit = _mapping(intensiteit, bestand, f"{veld}.intensiteit", "{euro_per_jaar, prijsjaar}")
        _getal_in(intensiteit, "euro_per_jaar", bestand, f"{veld}.intensiteit", lambda x: x > 0, "een bedrag > 0")
        _getal_in(intensiteit, "prijsjaar", bestand, f"{veld}.intensiteit", lambda x: x == int(x), "een jaartal")
    return Studie(id_, parameters, effect, horizon, _onzekerheid(r, bestand, veld, effect), benadering, intensiteit,
                  str(r["bron"]).strip())


def _priorregel(naam: str, ruw: Any, bestand: Path, bewijs: Bewijs, bekend) -> Priorregel:
    veld = f"priors.{naam}"
    r = _mapping(ruw, bestand, veld, "een mapping met regel en studies")
    regels: list[str] = [r.get("regel")] + ([r["alternatief"]] if r.get("alternatief") is not None else [])
    for sleutel, regel in zip(("regel", "alternatief"), regels):
        if regel not in REGELS:
            raise _fout(bestand, f"{veld}.{sleutel}", f"Onbekende regel {regel!r}.", " | ".join(REGELS))
    if len(regels) == 2 and regels[0] == regels[1]:
        raise _fout(bestand, f"{veld}.alternatief", "Het alternatief is dezelfde regel.", "een andere regel")
    studies = _lijst(r.get("studies"), bestand, f"{veld}.studies", "ids van studies in deze tabel")
    mag = {s.id for s in bewijs.rijen(naam)} | {b for s in bewijs.rijen(naam) if s.soort == "geen_studie"
                                                 for b in s.effect["begrensd_door"]}
    vreemd = [s for s in studies if s not in mag]
    if vreemd:
        raise _fout(bestand, f"{veld}.studies", f"Studie(s) {', '.join(vreemd)} informeren '{naam}' niet.",
                    "studies met deze parameter in hun 'parameters', of die haar geen_studie-rij noemt")
    uit = Priorregel(naam, regels[0], regels[1] if len(regels) == 2 else None, studies, r.get("basis"),
                     r.get("p_nul"), r.get("intensiteit"), r.get("van"), r.get("grenzen"))
    for gekozen in regels:
        _controleer_regel(uit, gekozen, veld, bestand, bewijs, bekend)
    return uit


def _controleer_regel(r: Priorregel, regel: str, veld: str, bestand: Path, bewijs: Bewijs, bekend) -> None:
    """Wat elke regel nodig heeft (bij de regel en bij het alternatief)."""
    if r.basis is not None:
        b = _mapping(r.basis, bestand, f"{veld}.basis", "{parameter: naam, maanden} of {aandeel, maanden}")
        _positief(b, "maanden", bestand, f"{veld}.basis")
        if "aandeel" in b:
            _aandeel(b, "aandeel", bestand, f"{veld}.basis")
        elif not bekend(b.get("parameter")):
            raise _fout(bestand, f"{veld}.basis.parameter", f"Onbekende parameter {b.get('parameter')!r}.",
                        "een parameter met een aandeel (bv. beleid.onderzoek.kans_werk_controle)")
    if r.intensiteit is not None or regel == "intensiteit" or r.p_nul == "intensiteit":
        i = _mapping(r.intensiteit, bestand, f"{veld}.intensiteit", "{referentie: studie, caseload: parameter}")
        ref = bewijs.studies.get(str(i.get("referentie")))
        if ref is None or ref.intensiteit is None:
            raise _fout(bestand, f"{veld}.intensiteit.referentie",
                        f"Geen studie met intensiteit: {i.get('referentie')!r}.",
                        "een studie met intensiteit {euro_per_jaar, prijsjaar}")
        if not bekend(i.get("caseload")):
            raise _fout(bestand, f"{veld}.intensiteit.caseload", f"Onbekende parameter {i.get('caseload')!r}.",
                        "een caseload uit beleid.coach (bv. beleid.coach.caseload_tijdens_opleiding)")
        if regel == "intensiteit":
            e = _mapping(i.get("exponent"), bestand, f"{veld}.intensiteit.exponent", "{laag, hoog, reden}")
            laag = _positief(e, "laag", bestand, f"{veld}.intensiteit.exponent")
            _getal_in(e, "hoog", bestand, f"{veld}.intensiteit.exponent", lambda x: x >= laag, "hoog >= laag > 0")
            _tekst(e, "reden", bestand, f"{veld}.intensiteit.exponent")
    if regel in ("sceptisch", "ontleend") and r.p_nul != "intensiteit":
        p = _mapping(r.p_nul, bestand, f"{veld}.p_nul", "intensiteit, of {waarde: 0 <= p < 1, studies, reden}")
        _getal_in(p, "waarde", bestand, f"{veld}.p_nul", lambda x: 0 <= x < 1, "een kans 0 <= p_nul < 1")
        _tekst(p, "reden", bestand, f"{veld}.p_nul")
    if regel == "ontleend":
        donor = bewijs.priors.get(r.van or "")
        if donor is None or donor.regel in ("ontleend", "begrensd", "aanname") or r.van == r.parameter:
            raise _fout(bestand, f"{veld}.van", f"Kan niet ontlenen aan {r.van!r}.",
                        "een andere parameter met regel pooling, intensiteit of sceptisch (eerder in priors)")
    if regel == "begrensd":
        g = _mapping(r.grenzen, bestand, f"{veld}.grenzen", "{laag, hoog, reden}")
        laag = _getal_in(g, "laag", bestand, f"{veld}.grenzen", lambda x: True, "een getal")
        _getal_in(g, "hoog", bestand, f"{veld}.grenzen", lambda x: x >= laag, "hoog >= laag")
        _tekst(g, "reden", bestand, f"{veld}.grenzen")


def laad_bewijs(parameters: Parameters, bestand: Path | str = BESTAND) -> Bewijs:
    """Lees en controleer de tabel. Elke parameter onder beleid.effect (en beleid.uitdoving) heeft minstens één rij
    (een studie of geen_studie) en een priorregel; elke genoemde parameter en studie bestaat. Fouten zijn InvoerFouten
    met het bestand en het veld."""
    bestand = Path(bestand)
    boom = _mapping(lees_yaml(bestand), bestand, "(bestand)", "een mapping met studies en priors")
    uitdoving_er = any(n.startswith(GROEPEN[1]) for n in parameters.items)

    def bekend(naam) -> bool:  # de uitdoving komt met een andere wijziging: tot dan tellen haar rijen niet
        return isinstance(naam, str) and (naam in parameters or (naam.startswith(GROEPEN[1]) and not uitdoving_er))

    ruw = _mapping(boom.get("studies"), bestand, "studies", "een mapping van id naar studie")
    ids = {str(i) for i, r in ruw.items() if not (isinstance(r, Mapping) and isinstance(r.get("effect"), Mapping)
                                                  and r["effect"].get("soort") == "geen_studie")}
    studies = {str(i): _studie(str(i), r, bestand, ids, bekend) for i, r in ruw.items()}
    bewijs = Bewijs(studies, {}, bestand)
    vereist = [n for n in parameters.items if n.startswith(GROEPEN)]
    zonder = [n for n in vereist if not bewijs.rijen(n)]
    if zonder:
        raise _fout(bestand, "studies", f"Geen rij voor {', '.join(zonder)}.",
                    "per effect minstens één studie, of een rij {soort: geen_studie, begrensd_door: [...], reden}")
    ruwe_priors = _mapping(boom.get("priors"), bestand, "priors", "een mapping van parameter naar regel")
    priors: dict[str, Priorregel] = {}
    for naam, r in ruwe_priors.items():
        if not bekend(naam):
            raise _fout(bestand, f"priors.{naam}", f"Onbekende parameter '{naam}'.", "een beleid.effect.*-parameter")
        priors[str(naam)] = _priorregel(str(naam), r, bestand, replace(bewijs, priors=priors), bekend)
    zonder = [n for n in vereist if n not in priors]
    if zonder:
        raise _fout(bestand, "priors", f"Geen priorregel voor {', '.join(zonder)}.",
                    f"een regel uit {', '.join(REGELS)}")
    return replace(bewijs, priors=priors)


# ------------------------------------------------------------------------------------------ van rij naar prior

def richting(parameters: Parameters, naam: str) -> str | None:
    """'daling' of 'stijging' uit de eenheid van de parameter ('relatieve daling uitval'); None als het geen relatieve
    verandering van een kans is (een factor, een aandeel)."""
    eenheid = parameters.info(naam).eenheid.strip().lower()
    for r in ("daling", "stijging"):
        if eenheid.startswith(f"relatieve {r}"):
            return r
    return None


def _aandelen(s: Studie, basis: tuple[float, float] | None):
    """Een rij als (p0, p1, T, se0, se1) van de gebeurtenis die de maandkans telt, of None als dat niet kan."""
    e, se = s.effect, s.se
    if s.soort == "aandelen" and s.horizon_maanden:
        p0, p1 = e["controle"], e["behandeld"]
        se0, se1 = 0.0, se
        if se is None and s.se_benadering is not None:
            se0 = math.sqrt(p0 * (1 - p0) / s.se_benadering["n_controle"])
            se1 = math.sqrt(p1 * (1 - p1) / s.se_benadering["n_behandeld"])
        return p0, p1, s.horizon_maanden, se0, se1
    if s.soort == "procentpunt" and "waarde" in e and "basis" in e and s.horizon_maanden:
        return e["basis"], e["basis"] + e["waarde"], s.horizon_maanden, 0.0, se
    if s.soort in ("odds_ratio", "hedges_g"):
        p0, t = (e["basis"], s.horizon_maanden) if "basis" in e else (basis or (None, None))
        if p0 is None or not t:
            return None
        if s.soort == "odds_ratio":
            ln_or = math.log(e["waarde"]) * (-1 if e.get("tegengestelde_uitkomst") else 1)
            se_ln = se
        else:
            ln_or, se_ln = float(ln_odds_ratio(e["waarde"])), (None if se is None else float(ln_odds_ratio(se)))
        p1 = float(relatief_risico(math.exp(ln_or), p0)) * p0
        return p0, p1, t, 0.0, (None if se_ln is None else p1 * (1 - p1) * se_ln)
    return None


def omgerekend(s: Studie, r: str, basis: tuple[float, float] | None = None,
               na_eerste_jaar: float | None = None) -> tuple[float, float | None] | None:
    """Een rij als (effect, se) op de maandkans in de richting r ('daling'/'stijging'), of None. Een horizon boven 12
    maanden telt de uitdoving mee als die bekend is."""
    a = _aandelen(s, basis)
    if a is None:
        return None
    p0, p1, t, se0, se1 = a
    if t > EERSTE_JAAR and na_eerste_jaar is not None and na_eerste_jaar != 1:
        effect, se = eerstejaarseffect(p0, p1, t, r, na_eerste_jaar, se0, se1 or 0.0)
    else:
        effect, se = uit_aandelen(p0, p1, t, r, se0, se1 or 0.0)
    return float(effect), (None if se1 is None else float(se))


@dataclass(frozen=True)
class Bewijsprior:
    parameter: str
    regel: str
    verdeling: Verdeling
    bron: str


class _Rekenaar:
    """Rekent de priors van één bewijstabel bij één parameterset."""

    def __init__(self, bewijs: Bewijs, p: Parameters):
        self.bewijs, self.p = bewijs, p
        self.u = p[UITDOVING] if UITDOVING in p else None

    def _fout(self, r: Priorregel, melding: str, toegestaan: str) -> InvoerFout:
        return _fout(self.bewijs.bestand, f"priors.{r.parameter}", melding, toegestaan)

    def basis(self, r: Priorregel) -> tuple[float, float] | None:
        if r.basis is None:
            return None
        aandeel = r.basis["aandeel"] if "aandeel" in r.basis else self.p[r.basis["parameter"]]
        return float(aandeel), float(r.basis["maanden"])

    def verhouding(self, r: Priorregel) -> float:
        """De intensiteit van de begeleiding als deel van die van de referentiestudie (kosten per jongere per jaar)."""
        assert r.intensiteit is not None
        ref = self.bewijs.studies[r.intensiteit["referentie"]].intensiteit
        assert ref is not None
        jaar = int(ref["prijsjaar"])
        return kosten_per_jongere(self.p, r.intensiteit["caseload"], jaar) / float(ref["euro_per_jaar"])

    def gepoold(self, r: Priorregel, studies: tuple[str, ...]) -> tuple[float, float]:
        richting_ = richting(self.p, r.parameter)
        if richting_ is None:
            raise self._fout(r, f"'{r.parameter}' is geen relatieve verandering van een kans: niet om te rekenen.",
                             "regel aanname of begrensd")
        rijen = [omgerekend(self.bewijs.studies[s], richting_, self.basis(r), self.u) for s in studies]
        bruikbaar = [x for x in rijen if x is not None and x[1] is not None and x[1] > 0]
        if not bruikbaar:
            raise self._fout(r, "Geen studie met een omrekenbaar effect en een se om te poolen.",
                             "minstens één studie met effect en onzekerheid {se} (of se_benadering)")
        return pool([x[0] for x in bruikbaar], [x[1] for x in bruikbaar])

    def lineair(self, r: Priorregel) -> tuple[float, float]:
        """Gemiddelde en sd zonder kansmassa in nul: ontleend, geschaald met de intensiteit, of gepoold."""
        if r.van is not None:
            gem, sd = self.lineair(self.bewijs.priors[r.van])
        elif r.intensiteit is not None:
            gem, sd = self.gepoold(r, (r.intensiteit["referentie"],))
        else:
            return self.gepoold(r, r.studies)
        if r.intensiteit is not None:
            v = self.verhouding(r)
            gem, sd = gem * v, sd * v
        return gem, sd

    def p_nul(self, r: Priorregel) -> float:
        if r.p_nul == "intensiteit":
            return min(max(1 - self.verhouding(r), 0.0), 0.99)
        return float(r.p_nul["waarde"])

    def verdeling(self, r: Priorregel, regel: str) -> Verdeling:
        richting_ = richting(self.p, r.parameter)
        if regel == "pooling":
            return afgekapt_normaal(*self.lineair(r), richting_)
        if regel == "intensiteit":
            assert r.intensiteit is not None
            e = r.intensiteit["exponent"]
            gem, sd = self.gepoold(r, (r.intensiteit["referentie"],))
            return afgekapt_normaal(*exponentmomenten(gem, sd, self.verhouding(r), float(e["laag"]),
                                                      float(e["hoog"])), richting_)
        if regel in ("sceptisch", "ontleend"):
            return sceptisch(*self.lineair(r), self.p_nul(r), richting_)
        if regel == "begrensd":
            assert r.grenzen is not None
            return Verdeling("uniform", float(r.grenzen["laag"]), float(r.grenzen["hoog"]))
        v = self.p.info(r.parameter).verdeling
        if v is None:
            raise self._fout(r, f"'{r.parameter}' heeft geen verdeling in de parameterbestanden.",
                             "een andere regel dan aanname")
        return v

    def bron(self, r: Priorregel, regel: str) -> str:
        studies = "; ".join(f"{self.bewijs.studies[s].bron} [{s}]" for s in r.studies)
        van = f"; ontleend aan {r.van}" if regel == "ontleend" and r.van else ""
        return f"bewijs ({self.bewijs.bestand.name}, regel {regel}{van}): {studies}"


def bewijspriors(parameters: Parameters, regel: str | None = None, bewijs: Bewijs | None = None
                 ) -> dict[str, Bewijsprior]:
    """De prior uit het bewijs voor elke beleid.effect.*-parameter (en de uitdoving, als die bestaat).

    Zonder `regel` geldt per parameter de regel uit bewijs.yaml; met een regel (bv. 'sceptisch') die regel voor elke
    parameter die hem als regel of alternatief noemt, en voor de rest de eigen regel."""
    if regel is not None and regel not in REGELS:
        raise InvoerFout(f"Onbekende regel {regel!r}.", veld="regel", toegestaan=" | ".join(REGELS))
    bewijs = bewijs or laad_bewijs(parameters)
    rekenaar = _Rekenaar(bewijs, parameters)
    uit = {}
    for naam, r in bewijs.priors.items():
        if naam not in parameters:
            continue
        gekozen = regel if regel is not None and regel in (r.regel, r.alternatief) else r.regel
        uit[naam] = Bewijsprior(naam, gekozen, rekenaar.verdeling(r, gekozen), rekenaar.bron(r, gekozen))
    return uit


def met_bewijspriors(parameters: Parameters, regel: str | None = None) -> Parameters:
    """Dezelfde parameters met de verdeling en bron uit het bewijs (de waarden blijven), voor gevoeligheid."""
    priors = bewijspriors(parameters, regel)
    nieuw = dict(parameters.items)
    for naam, b in priors.items():
        nieuw[naam] = replace(nieuw[naam], verdeling=b.verdeling, bron=b.bron)
    return Parameters(nieuw, parameters.herkomst + (f"bewijs ({regel or 'eigen regels'})",))


def samenvatting(v: Verdeling, punten: int = 20000) -> dict[str, float]:
    """Gemiddelde, mediaan, 5%- en 95%-kwantiel en kans op precies nul van een verdeling."""
    q = (np.arange(punten) + 0.5) / punten
    return {"gemiddelde": float(np.mean(v.kwantiel(q))), "mediaan": float(v.kwantiel(0.5)),
            "p5": float(v.kwantiel(0.05)), "p95": float(v.kwantiel(0.95)), "p_nul": float(v.p_nul or 0.0)}


def priortabel(parameters: Parameters) -> pd.DataFrame:
    """Per effectparameter en prior-set (aanname: de bandbreedte van beleid.yaml; bewijs: de eigen regel; sceptisch):
    de waarde waarmee het model rekent, de regel en de samenvatting van de verdeling (gemiddelde, mediaan, 5%- en
    95%-kwantiel, kans op precies nul). Voor mkba.md en de notebooks."""
    rijen = []
    bewijs = laad_bewijs(parameters)  # één keer lezen voor beide sets
    sets = {"bewijs": bewijspriors(parameters, bewijs=bewijs),
            "sceptisch": bewijspriors(parameters, "sceptisch", bewijs=bewijs)}
    for naam in sets["bewijs"]:
        info = parameters.info(naam)
        kandidaten = [("aanname", "aanname", info.verdeling)] + [(k, v[naam].regel, v[naam].verdeling)
                                                                for k, v in sets.items()]
        for priors, regel, verdeling in kandidaten:
            if verdeling is None:
                continue
            rijen.append({"parameter": naam, "waarde": info.waarde, "priors": priors, "regel": regel,
                          **samenvatting(verdeling)})
    return pd.DataFrame(rijen)

