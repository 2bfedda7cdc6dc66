"""Maatschappelijke kosten-batenanalyse: van maandelijkse aantallen naar euro's per partij, contant gemaakt.

Opzet volgens de Algemene leidraad MKBA (CPB/PBL 2013) en de Werkwijzer MKBA in het sociaal domein:
  kasboek   elke maand van elke jongere gewaardeerd per post, met wie betaalt en wie ontvangt;
            reële posten (productie, zorg, onderwijs, programma) en overdrachten (loon, belasting,
            uitkering), zodat overdrachten voor de maatschappij wegvallen maar per partij zichtbaar zijn;
  levensloop  wat na de horizon (of na het 27e jaar) doorwerkt: per jongere die het model verlaat de verwachte
            jaren met werk en uitkering en het loon tot de AOW-leeftijd (levensloop.py), geboekt per maand en
            partij als aparte posten die uit kunnen ('alleen de horizon');
  resultaat  per projectalternatief het verschil met het nulalternatief: netto contante waarde per partij
            en voor de maatschappij, baten/kostenverhouding, terugverdienjaar, kosten per voorkomen
            vsv'er en per extra jongere in duurzaam werk, en het break-even-effect.
Prijzen (prijzen.yaml) veranderen de simulatie niet: het kasboek wordt na de run berekend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from simulatie.gedeeld import codes as c
from simulatie.economie.levensloop import Levensloopprijzen, stromen
from simulatie.invoer.parameters import Parameters
from simulatie.kern.beleid import COACHING
from simulatie.kern.toestanden import STROMEN
from simulatie.kern.uitkomst import Uitkomst
from simulatie.kern.vertrek import MET_SK, NIVEAUS_BIJ_VERTREK, VERTREKLEEFTIJDEN, ZONDER_SK

# De partijen zoals een lezer van de Rijksbegroting ze kent: OCW en SZW (programma's), Financiën (belasting en
# premies), UWV (WW en Wajong), gemeenten (bijstand, Wmo, jeugdzorg), zorgverzekeraars, en wie buiten de overheid
# betaalt of ontvangt.
PARTIJEN = ("rijk_ocw", "rijk_szw", "rijk_financien", "uwv", "gemeenten", "zorgverzekeraars", "onderwijsinstellingen",
            "werkgevers", "jongeren", "overige_werkenden")
PARTIJNAMEN = {"rijk_ocw": "Rijk (OCW)", "rijk_szw": "Rijk (SZW)",
               "rijk_financien": "Rijk (Financiën: belasting en premies)",
               "uwv": "UWV", "gemeenten": "Gemeenten", "zorgverzekeraars": "Zorgverzekeraars",
               "onderwijsinstellingen": "Onderwijsinstellingen", "werkgevers": "Werkgevers", "jongeren": "Jongeren",
               "overige_werkenden": "Overige werkenden", "maatschappij": "Maatschappij"}
MAATSCHAPPIJ = "maatschappij"

# post: (soort, groep, omschrijving). Groep 'kosten' zijn de kosten van het beleid in de B/K-verhouding.
POSTEN = {
    "programmakosten_begeleiding": ("reëel", "kosten", "Begeleiding uit het regionale budget (coaches)"),
    "programmakosten_overig": ("reëel", "kosten",
                               "Budget dat niet aan gemodelleerde begeleiding is besteed (samenwerking, overhead)"),
    "levenscoaching": ("reëel", "kosten", "Levenscoaching (IBO-variant 1A/1B)"),
    "doorstroompunt": ("reëel", "kosten", "Contacten van het Doorstroompunt met jongeren buiten beeld"),
    "onderwijs_bekostiging": ("overdracht", "kosten", "Bekostiging van het onderwijs (Rijk aan instellingen)"),
    "onderwijskosten": ("reëel", "kosten", "Kosten van onderwijs (een extra jaar op school is een kost)"),
    "productie": ("reëel", "baten", "Productie van werkende jongeren (gewaardeerd tegen loonkosten)"),
    "verdringing": ("reëel", "baten", "Verdringing: extra banen ten koste van andere werkzoekenden"),
    "loon_en_belasting": ("overdracht", "baten",
                          "Loonkosten: netto loon aan jongeren, belasting en premies aan de fiscus"),
    "uitkeringen": ("overdracht", "baten", "Uitkeringen (bijstand door gemeenten, WW/Wajong door UWV)"),
    "uitvoering_uitkeringen": ("reëel", "baten", "Uitvoeringskosten van uitkeringen"),
    "zorgkosten": ("reëel", "baten", "Jeugdzorg, GGZ en dagbesteding"),
}
LEVENSLOOP = "levensloop: "  # voorvoegsel van de posten na het vertrek uit het model (levensloop.py)

NIET_GEWAARDEERD = [
    ("Welzijn en zelfvertrouwen van jongeren", "+", "Werkwijzer MKBA sociaal domein: kwalitatief meenemen"),
    ("Gezondheid (minder psychische klachten bij werk)", "+", "geen bron voor een bedrag per jongere"),
    ("Zelfredzaamheid en minder schulden", "+", "geen bron"),
    ("Minder criminaliteit en justitiecontact", "+", "kosten van criminaliteit per vsv'er niet gevonden in de bronnen"),
    ("Effecten op ouders en volgende generatie", "+", "intergenerationele effecten; niet gekwantificeerd"),
    ("Samenwerking in de regio (betere doorverwijzing)", "?",
     "onderdeel van het budget 'overig', effect niet gemodelleerd"),
]


@dataclass(frozen=True)
class Eenheidsprijzen:
    """Alle maandbedragen in één prijsjaar, klaar om met aantallen te vermenigvuldigen."""

    prijsjaar: int
    loonkosten: np.ndarray       # (leeftijdsband, sk) per werkende per maand
    bbl_factor: float
    wig: float
    verdringing: float
    uitkering: np.ndarray        # (soort: bijstand, WW, Wajong; leeftijdsband; sk) per maand: WW en Wajong bruto,
                                 # bijstand de netto norm (zo betalen het UWV en de gemeenten ze)
    belasting_uitkering: float   # deel van WW en Wajong (bruto) dat als loonheffing naar Financiën gaat
    uitvoering: float            # per uitkering per maand
    zorg: np.ndarray             # (leeftijdsband,) per client per maand
    zorg_aandeel_gemeente: np.ndarray  # (leeftijdsband,)
    onderwijs: np.ndarray        # (schooltype,) per leerling of student per maand (codes.SCHOOLTYPEN)
    onderwijs_bbl_factor: float  # bekostiging van een bbl-student (mbo) tegen een bol-student
    per_contact: float
    regionaal_aandeel_ocw: float
    levenscoaching_gemeente_1b: float
    discontovoet: float
    wml_met_lasten: np.ndarray   # (leeftijdsband,) minimumloon met vakantiegeld en werkgeverslasten per maand
    bijstand_21_plus: float      # netto bijstandsnorm per maand (ook voor uitkeringen na 27)

    @classmethod
    def uit(cls, p: Parameters, prijsjaar: int | None = None, discontovoet: float | None = None) -> "Eenheidsprijzen":
        jaar = int(prijsjaar if prijsjaar is not None else p["prijzen.mkba.prijsjaar"])
        lo, u, z, o = "prijzen.loon.", "prijzen.uitkering.", "prijzen.zorg.", "prijzen.onderwijs."
        staffel = np.array([p[lo + "staffel_16"], p[lo + "staffel_16"], p[lo + "staffel_17"], p[lo + "staffel_18"],
                            p[lo + "staffel_19"], p[lo + "staffel_20"], 1.0])
        wml = p.prijs(lo + "wml_21_plus_per_maand", jaar) * (1 + p[lo + "vakantiegeld"]) * staffel
        sk = np.array([p[lo + "factor_zonder_sk"], p[lo + "factor_met_sk"]])
        loonkosten = wml[:, None] * sk[None, :] * (1 + p[lo + "werkgeverslasten"])
        jong = p.prijs(u + "jongerennorm_18_20_netto_per_maand", jaar)
        bijstand = np.array([0, 0, 0, jong, jong, jong, p.prijs(u + "bijstand_21_plus_netto_per_maand", jaar)])
        # WW: een deel van het laatste brutoloon (naar leeftijd en SK); Wajong: een deel van het (jeugd)minimumloon;
        # beide bruto (het UWV betaalt ze, de loonheffing erop gaat naar Financiën); de bijstandsnorm is netto
        ww = p[u + "ww_vervangingsratio"] * loonkosten / (1 + p[lo + "werkgeverslasten"])
        wajong = p[u + "wajong_aandeel_wml"] * wml
        belasting = p[u + "belasting_op_uitkering"]
        uitkering = np.stack([np.repeat(bijstand[:, None], 2, axis=1), ww, np.repeat(wajong[:, None], 2, axis=1)])
        volwassen = np.array([False, False, False, True, True, True, True])
        zorg = np.where(volwassen, p.prijs(z + "volwassen_per_client_per_jaar", jaar),
                        p.prijs(z + "jeugdzorg_per_client_per_jaar", jaar)) / 12
        per_type = {c.MBO: "mbo", c.HO: "ho", **{t: "vo" for t in c.VO_TYPEN}}
        onderwijs = np.array([p.prijs(f"{o}{per_type[t]}_per_student_per_jaar", jaar)
                              for t in range(len(c.SCHOOLTYPEN))]) / 12
        return cls(
            prijsjaar=jaar, loonkosten=loonkosten, bbl_factor=p[lo + "bbl_factor"], wig=p[lo + "wig"],
            verdringing=p["prijzen.mkba.verdringing"], uitkering=uitkering,
            belasting_uitkering=belasting,
            uitvoering=p.prijs(u + "uitvoeringskosten_per_jaar", jaar) / 12, zorg=zorg,
            zorg_aandeel_gemeente=np.where(volwassen, p[z + "volwassen_aandeel_gemeente"], 1.0), onderwijs=onderwijs,
            onderwijs_bbl_factor=p[o + "bbl_factor"],
            per_contact=p.prijs("prijzen.programma.doorstroompunt_per_contact", jaar),
            regionaal_aandeel_ocw=p["prijzen.programma.regionaal_aandeel_ocw"],
            levenscoaching_gemeente_1b=p["beleid.levenscoaching.gemeente_aandeel_1b"],
            discontovoet=p["prijzen.mkba.discontovoet"] if discontovoet is None else discontovoet,
            wml_met_lasten=wml * (1 + p[lo + "werkgeverslasten"]), bijstand_21_plus=float(bijstand[-1]),
        )


class _Boek:
    """Een kasboek als array (maand, post, partij); posten worden bij gebruik toegevoegd."""

    def __init__(self, maanden: int):
        self.maanden = maanden
        self.posten: list[str] = []
        self.bedragen: list[np.ndarray] = []

    def boek(self, post: str, **per_partij: np.ndarray) -> None:
        """Bedragen per maand (een reeks, korter dan het boek mag: de rest is nul) per partij."""
        rij = np.zeros((self.maanden, len(PARTIJEN)))
        for partij, bedrag in per_partij.items():
            b = np.asarray(bedrag, dtype=float)
            if b.ndim == 0:
                rij[:, PARTIJEN.index(partij)] += b
            else:
                rij[:len(b), PARTIJEN.index(partij)] += b[:self.maanden]
        if post in self.posten:
            self.bedragen[self.posten.index(post)] += rij
        else:
            self.posten.append(post)
            self.bedragen.append(rij)

    def array(self) -> np.ndarray:
        return np.stack(self.bedragen, axis=1) if self.bedragen else np.zeros((self.maanden, 0, len(PARTIJEN)))


def _boek_arbeid(boek: _Boek, productie: np.ndarray, e: Eenheidsprijzen, voorvoegsel: str = "") -> None:
    """Boek de productie van werkende jongeren (tegen loonkosten), de verdringing en de loonkosten als overdracht.

    De loonkosten gaan netto naar de jongeren en voor het deel `wig` (belasting en premies) naar Financiën. Verdringing:
    een deel van de extra banen gaat ten koste van andere werkenden; hun loonkosten vallen weg en verdelen zich net
    zo: het netto loon verliezen de overige werkenden, de belasting en premies erover Financiën."""
    boek.boek(voorvoegsel + "productie", werkgevers=productie)
    verdrongen = e.verdringing * productie
    boek.boek(voorvoegsel + "verdringing", overige_werkenden=-(1 - e.wig) * verdrongen,
              rijk_financien=-e.wig * verdrongen)
    boek.boek(voorvoegsel + "loon_en_belasting", werkgevers=-productie, jongeren=(1 - e.wig) * productie,
              rijk_financien=e.wig * productie)


def _boek_uitkeringen(boek: _Boek, bijstand: np.ndarray, uwv_bruto: np.ndarray, e: Eenheidsprijzen,
                      voorvoegsel: str = "") -> None:
    """Boek uitkeringen bij wie ze betaalt: de gemeenten de bijstand (een netto norm), het UWV de WW en Wajong
    bruto; de jongere ontvangt netto en de loonheffing op WW en Wajong gaat naar Financiën."""
    belasting = e.belasting_uitkering * uwv_bruto
    boek.boek(voorvoegsel + "uitkeringen", gemeenten=-bijstand, uwv=-uwv_bruto,
              jongeren=bijstand + uwv_bruto - belasting, rijk_financien=belasting)


def _waardeer_toestanden(boek: _Boek, W: np.ndarray, U: np.ndarray, studenten: np.ndarray, e: Eenheidsprijzen,
                         voorvoegsel: str = "") -> None:
    """Waardeer aantallen W (maand, toestand, leeftijdsband, sk, bbl) per post en partij; de uitkeringen naar
    soort U (maand, soort, leeftijdsband, sk) bij wie ze betaalt: bijstand de gemeenten, WW en Wajong het UWV;
    het onderwijs naar schooltype uit `studenten` (maand, schooltype)."""
    werk = W[:, c.WERK].sum(axis=3) + e.bbl_factor * W[:, c.ONDERWIJS, :, :, 1]
    productie = (werk * e.loonkosten[None]).sum(axis=(1, 2))
    _boek_arbeid(boek, productie, e, voorvoegsel)
    bedrag = (U * e.uitkering[None]).sum(axis=(2, 3))  # (maand, soort)
    _boek_uitkeringen(boek, bedrag[:, 0], bedrag[:, 1:].sum(axis=1), e, voorvoegsel)
    uitvoering = U.sum(axis=(2, 3)) * e.uitvoering
    boek.boek(voorvoegsel + "uitvoering_uitkeringen", gemeenten=-uitvoering[:, 0], uwv=-uitvoering[:, 1:].sum(axis=1))
    zorg = W[:, c.ZORG].sum(axis=(2, 3))
    boek.boek(voorvoegsel + "zorgkosten", gemeenten=-(zorg @ (e.zorg * e.zorg_aandeel_gemeente)),
              zorgverzekeraars=-(zorg @ (e.zorg * (1 - e.zorg_aandeel_gemeente))))
    if not voorvoegsel:
        # per schooltype zijn eigen bedrag; bbl-studenten (alleen in het mbo) tegen de lagere bbl-bekostiging
        bbl = W[:, c.ONDERWIJS, :, :, 1].sum(axis=(1, 2))
        onderwijs = studenten @ e.onderwijs + (e.onderwijs_bbl_factor - 1) * e.onderwijs[c.MBO] * bbl
        boek.boek("onderwijs_bekostiging", rijk_ocw=-onderwijs, onderwijsinstellingen=onderwijs)
        boek.boek("onderwijskosten", onderwijsinstellingen=-onderwijs)


def _levensloop(boek: _Boek, vertrek: np.ndarray, e: Eenheidsprijzen, lp: Levensloopprijzen) -> None:
    """Boek de verwachte voortzetting van iedereen die het model verlaat (levensloop.py), per maand en partij."""
    productie, uitkeringen = stromen(lp, vertrek, e.wml_met_lasten)
    v = LEVENSLOOP
    _boek_arbeid(boek, productie, e, v)
    a = lp.aandeel_bijstand
    bedrag = uitkeringen * e.bijstand_21_plus  # netto, ook voor het deel van het UWV (bruto: plus de loonheffing)
    _boek_uitkeringen(boek, a * bedrag, (1 - a) * bedrag / (1 - e.belasting_uitkering), e, v)
    uitvoering = uitkeringen * e.uitvoering
    boek.boek(v + "uitvoering_uitkeringen", gemeenten=-a * uitvoering, uwv=-(1 - a) * uitvoering)


@dataclass(frozen=True)
class Tellingen:
    """Wat het kasboek van één run nodig heeft, zonder prijzen: aantallen per maand en nominale bedragen.

    Een selectie uit de arrays van de Uitkomst (het land, een regio of een groep), zonder zwaar rekenwerk: daarom
    niet onthouden op de uitkomst, die zo klein blijft als hij tussen processen reist."""

    datums: pd.DatetimeIndex
    W: np.ndarray              # (maand, toestand, leeftijdsband, sk, bbl)
    studenten: np.ndarray      # (maand, schooltype): wie in het onderwijs zit, naar schooltype
    U: np.ndarray              # (maand, soort uitkering, leeftijdsband, sk)
    budget: np.ndarray         # programmabudget per maand (prijzen van het startjaar)
    besteed: np.ndarray        # daarvan aan gemodelleerde begeleiding besteed
    levenscoaching: np.ndarray
    contacten: np.ndarray      # contacten van het Doorstroompunt per maand
    vertrek: np.ndarray        # (maand, toestand, vertrekleeftijd 14..27, niveau): wie het model verlaat

    @classmethod
    def uit(cls, uitkomst: Uitkomst, regio: int | None = None, groep: int | None = None,
            tegen: Uitkomst | None = None, causaal_aandeel: float = 1.0) -> "Tellingen":
        """De tellingen landelijk, of voor één regio (index) of één groep (codes.groepcode): die tellen samen op
        tot de landelijke (de run moet dan met uitsplitsing gedraaid zijn). Met `tegen` (het nulalternatief) en een
        `causaal_aandeel` onder 1 telt een ander opleidingsniveau bij vertrek dan in `tegen` maar voor dat deel
        (`niveauverschuiving`)."""
        u = uitkomst
        datums = u.datums
        # per regio: een regio schuift onbesteed budget door (regio.py): tel wat tot en met elke maand besteed is,
        # per regio, zodat de regio's precies optellen tot het land
        besteed_regio = np.diff(np.minimum(np.cumsum(u.begeleidingsuitgaven, axis=0),
                                           np.cumsum(u.programmabudget, axis=0)), axis=0, prepend=0.0)
        contacten_regio = u.stroom("in_beeld_gekomen").sum(axis=1)
        vertrek = np.zeros((len(datums), len(c.TOESTANDEN), len(VERTREKLEEFTIJDEN), len(NIVEAUS_BIJ_VERTREK)))
        if regio is not None:
            W, U = u.waardering_regio[..., regio], u.uitkeringen_regio[..., regio]
            studenten = u.standen[:, c.ONDERWIJS, :, regio]
            budget, besteed = u.programmabudget[:, regio], besteed_regio[:, regio]
            lc, contacten = u.levenscoaching[:, regio], contacten_regio[:, regio]
            vertrek[:, :, -1] = u.uit_27_regio[..., regio]
        elif groep is not None:
            W, U = u.waardering_groep[..., groep], u.uitkeringen_groep[..., groep]
            # een groep hoort bij één schooltype (codes.groepcode): al zijn studenten zitten in dat schooltype
            studenten = np.zeros((len(datums), len(c.SCHOOLTYPEN)))
            studenten[:, c.schooltype_van_groep(groep)] = W[:, c.ONDERWIJS].sum(axis=(1, 2, 3))
            # programmakosten naar het aandeel van de groep in de uitgaven aan begeleiding over de hele looptijd
            # (zonder begeleiding: naar het aandeel in de populatie), zodat de groepen optellen tot het land
            uitgaven_groep = u.begeleidingsuitgaven_groep.sum(axis=0)
            if uitgaven_groep.sum() <= 0:
                uitgaven_groep = u.standen_groep.sum(axis=(0, 1))
            aandeel = uitgaven_groep[groep] / uitgaven_groep.sum()
            budget, besteed = u.programmabudget.sum(axis=1) * aandeel, besteed_regio.sum(axis=1) * aandeel
            lc = u.levenscoaching_groep[:, groep]
            contacten = u.stromen_groep[:, STROMEN.index("in_beeld_gekomen"), groep]
            vertrek[:, :, -1] = u.uit_27_groep[..., groep]
        else:
            W, U = u.waardering, u.uitkeringen
            studenten = u.standen[:, c.ONDERWIJS].sum(axis=2)
            budget, besteed = u.programmabudget.sum(axis=1), besteed_regio.sum(axis=1)
            lc, contacten = u.levenscoaching.sum(axis=1), contacten_regio.sum(axis=1)
            # wie vertrekt: op zijn 27e; na de uitloop is niemand jonger meer in het model
            vertrek[:, :, -1] = u.uit_27
        if tegen is not None and causaal_aandeel < 1.0:
            vertrek[:, :, -1] += niveauverschuiving(u, tegen, 1.0 - causaal_aandeel, regio, groep)
        return cls(datums, W, studenten.astype(float), U, budget, besteed, lc, contacten.astype(float), vertrek)


def niveauverschuiving(uitkomst: Uitkomst, tegen: Uitkomst, deel: float, regio: int | None = None,
                       groep: int | None = None) -> np.ndarray:
    """Wat er van de vertrekkers van `uitkomst` (maand, toestand, niveau) naar het niveau van dezelfde jongere in
    `tegen` schuift: `deel` van elke jongere die met een ander opleidingsniveau vertrekt dan in `tegen`.

    Het verschil in de levensloop tussen opleidingsniveaus (CPB 2018: 70% tegen 49% aan het werk met en zonder
    SK) is beschrijvend: een deel is selectie, niet het gevolg van het diploma. De runs hebben dezelfde jongeren
    (dezelfde id's, dezelfde trekkingen), dus per jongere is te zien of het beleid zijn niveau veranderde; het
    selectiedeel daarvan wordt gewaardeerd met het niveau zonder beleid, in de toestand van het alternatief. Zo
    telt een verschil in toestand (werk, uitkering) helemaal en een verschil in niveau voor het causale deel."""
    nn = len(NIVEAUS_BIJ_VERTREK)
    uit = np.zeros((len(uitkomst.maanden), len(c.TOESTANDEN), nn))
    a, b = uitkomst.vertrekkers, tegen.vertrekkers
    if regio is not None:
        a = a[a["regio"] == regio]
    elif groep is not None:
        a = a[a["groep"] == groep]
    if not len(a) or not len(b) or deel == 0.0:
        return uit
    plek = np.minimum(np.searchsorted(b["id"], a["id"]), len(b) - 1)  # `tegen.vertrekkers` is op id gesorteerd
    gevonden = b[plek]
    niveau_a, niveau_b = a["code"] % nn, gevonden["code"] % nn
    anders = (gevonden["id"] == a["id"]) & (niveau_a != niveau_b)
    a, niveau_a, niveau_b = a[anders], niveau_a[anders], niveau_b[anders]
    maand = a["maand"].astype(np.int64) - int(uitkomst.maanden[0])
    toestand = a["code"] // nn
    gewicht = deel * uitkomst.schaal
    np.add.at(uit, (maand, toestand, niveau_a), -gewicht)
    np.add.at(uit, (maand, toestand, niveau_b), gewicht)
    return uit


def kasboek_array(uitkomst: Uitkomst, p: Parameters, prijsjaar: int | None = None, levensloop: bool = True,
                  discontovoet: float | None = None, tellingen: "Tellingen | None" = None,
                  tegen: Uitkomst | None = None) -> tuple[pd.DatetimeIndex, list[str], np.ndarray]:
    """Het kasboek van één run als (datums, posten, bedragen[maand, post, partij]) in euro van het prijsjaar.
    Met `levensloop` loopt het door tot de laatste vertrekker de AOW-leeftijd bereikt. `tellingen`: een deel van de
    run (een regio of groep, Tellingen.uit); standaard het hele land. `tegen`: het nulalternatief van een
    projectalternatief; dan telt een ander opleidingsniveau bij vertrek voor het causale deel
    (prijzen.levensloop.causaal_aandeel_sk, `niveauverschuiving`)."""
    if levensloop and not uitkomst.uitgelopen:
        raise ValueError(f"De levensloop begint op 27 jaar, maar de run van '{uitkomst.naam}' heeft geen uitloop: "
                         f"de MKBA met levensloop vraagt simuleer(..., uitloop=True).")
    e = Eenheidsprijzen.uit(p, prijsjaar, discontovoet)
    t = tellingen if tellingen is not None else Tellingen.uit(uitkomst, **_tegen(p, tegen, levensloop))
    lp = Levensloopprijzen.uit(p) if levensloop else None
    maanden = len(t.datums) + (lp.aow_maanden - c.MIN_LEEFTIJD * 12 + 1 if lp else 0)
    boek = _Boek(maanden)
    _waardeer_toestanden(boek, t.W, t.U, t.studenten, e)

    # programma: het hele budget is een kost (besteed aan coaches of aan overige samenwerking)
    s = uitkomst.scenario
    index = p.prijsindex(e.prijsjaar) / p.prijsindex(s.looptijd.startmaand[0])
    budget, besteed = t.budget * index, t.besteed * index
    totaal = s.budget.regionaal_programma + s.budget.mbo_begeleiding + s.budget.nazorg_subsidie
    ocw = ((s.budget.mbo_begeleiding + s.budget.nazorg_subsidie
            + e.regionaal_aandeel_ocw * s.budget.regionaal_programma)
           / totaal) if totaal > 0 else 1.0
    for post, bedrag in (("programmakosten_begeleiding", besteed), ("programmakosten_overig", budget - besteed)):
        boek.boek(post, rijk_ocw=-ocw * bedrag, rijk_szw=-(1 - ocw) * bedrag)
    lc = t.levenscoaching * index
    g = e.levenscoaching_gemeente_1b if s.levenscoaching.variant == "1B" else 0.0
    boek.boek("levenscoaching", rijk_szw=-(1 - g) * lc, gemeenten=-g * lc)
    boek.boek("doorstroompunt", rijk_ocw=-t.contacten * e.per_contact)
    if lp is not None:
        _levensloop(boek, t.vertrek, e, lp)
    eerste = c.maandindex(t.datums[0].year, t.datums[0].month)
    return c.maanddatums(range(eerste, eerste + maanden)), boek.posten, boek.array()


def _tegen(p: Parameters, tegen: Uitkomst | None, levensloop: bool) -> dict:
    """De opties van Tellingen.uit voor het causale deel van een niveauverschil (alleen met levensloop)."""
    if tegen is None or not levensloop:
        return {}
    return {"tegen": tegen, "causaal_aandeel": p["prijzen.levensloop.causaal_aandeel_sk"]}


def kasboek(uitkomst: Uitkomst, p: Parameters, prijsjaar: int | None = None, levensloop: bool = True) -> pd.DataFrame:
    """Het kasboek als tabel: datum, post, partij, soort, bedrag (euro, prijsjaar), alleen bedragen ≠ 0."""
    datums, posten, K = kasboek_array(uitkomst, p, prijsjaar, levensloop)
    idx = np.nonzero(K)
    return pd.DataFrame({
        "datum": datums[idx[0]], "post": np.array(posten)[idx[1]], "partij": np.array(PARTIJEN)[idx[2]],
        "soort": [POSTEN[x.removeprefix(LEVENSLOOP)][0] for x in np.array(posten)[idx[1]]],
        "bedrag": K[idx],
    })


def discontering(datums: pd.DatetimeIndex, r: float) -> np.ndarray:
    """Discontofactor per maand: de eerste maand telt volledig, daarna (1+r)^-(maanden/12)."""
    return discontofactor((datums.year - datums[0].year) * 12 + (datums.month - datums[0].month), r)


def discontofactor(maanden, r: float) -> np.ndarray:
    """(1+r)^-(maanden/12): de factor voor een bedrag `maanden` na de eerste maand."""
    return (1 + r) ** (-np.asarray(maanden) / 12.0)


def binnen_horizon(posten) -> np.ndarray:
    """Welke posten in het model vallen (horizon en uitloop), niet in de levensloop na het 27e jaar."""
    return ~np.array([q.startswith(LEVENSLOOP) for q in posten], dtype=bool)


def ncw_delen(posten, verschil: np.ndarray, d: np.ndarray, horizonmaanden: int) -> dict[str, float]:
    """De netto contante waarde van `verschil` (maand, post, partij) in drie delen: binnen de horizon (de jaren met
    nieuwe cohorten), in de gesimuleerde uitloop (tot iedereen 27 is) en in de levensloop na het 27e jaar."""
    per_maand = (verschil * d[:, None, None]).sum(axis=2)  # (maand, post)
    model = binnen_horizon(posten)
    return {"horizon": float(per_maand[:horizonmaanden, model].sum()),
            "uitloop": float(per_maand[horizonmaanden:, model].sum()),
            "levensloop": float(per_maand[:, ~model].sum())}


# Een run voor het break-even-effect: de uitkomst (tegen het nulalternatief van de vergelijking), of de uitkomst met
# een eigen nulalternatief op dezelfde, grovere schaal (vergelijking.BREAK_EVEN_SCHAAL).
Effectrun = Uitkomst | tuple[Uitkomst, Uitkomst]


@dataclass
class Resultaat:
    """De MKBA van alle alternatieven tegen het nulalternatief."""

    tabel: pd.DataFrame        # scenario, partij, post, contante_waarde
    kengetallen: pd.DataFrame  # per scenario: ncw, b/k, terugverdienjaar, kosten per vsv'er, ...
    per_jaar: pd.DataFrame     # scenario, jaar, partij, verschil (niet contant), contant
    prijsjaar: int
    discontovoet: float
    levensloop: bool
    aannames: pd.DataFrame = field(default_factory=pd.DataFrame)
    laatste_jaar: int = 0      # het laatste jaar van de horizon (daarna de uitloop en de levensloop)

    def overzicht(self, scenario: str) -> pd.DataFrame:
        """Posten x partijen (contante waarde, miljoen euro) voor één scenario, zoals de leidraad het toont."""
        t = self.tabel[(self.tabel.scenario == scenario) & (self.tabel.post != "totaal")]
        o = t.pivot_table(index="post", columns="partij", values="contante_waarde", aggfunc="sum", fill_value=0.0)
        kolommen = [k for k in PARTIJEN + (MAATSCHAPPIJ,) if k in o.columns]
        volgorde = [p for p in list(POSTEN) + [LEVENSLOOP + q for q in POSTEN] if p in o.index]
        return (o.loc[volgorde, kolommen] / 1e6).rename(columns=PARTIJNAMEN)


def bereken(nul: Uitkomst, alternatieven: Sequence[Uitkomst], p: Parameters,
            effectruns: Mapping[str, Mapping[float, Effectrun]] | None = None, *, prijsjaar: int | None = None,
            discontovoet: float | None = None, levensloop: bool = True) -> Resultaat:
    """De MKBA: elk alternatief min het nulalternatief, contant gemaakt. `effectruns`: per alternatief runs met een
    andere effect_schaal (schaal -> uitkomst), voor het break-even-effect."""
    effectruns = effectruns or {}
    e = Eenheidsprijzen.uit(p, prijsjaar, discontovoet)
    datums, posten_nul, K_nul = kasboek_array(nul, p, e.prijsjaar, levensloop, e.discontovoet)
    d = discontering(datums, e.discontovoet)
    tabellen, kengetallen, jaren = [], [], []
    for alt in alternatieven:
        _, posten, K = kasboek_array(alt, p, e.prijsjaar, levensloop, e.discontovoet, tegen=nul)
        verschil = _uitlijnen(posten, K, posten_nul, K_nul)
        alle_posten = sorted(set(posten) | set(posten_nul), key=_postvolgorde)
        cw = (verschil * d[:, None, None]).sum(axis=0)  # (post, partij)
        tabellen.append(_tabel(alt.naam, alle_posten, cw))
        jaren.append(_per_jaar(alt.naam, datums, verschil, d))
        # de run zelf ligt op de effectschaal van zijn eigen scenario (niet altijd 1)
        punten = {float(alt.scenario.effect_schaal): float(cw.sum())}
        for s, run in effectruns.get(alt.naam, {}).items():
            u, eigen_nul = run if isinstance(run, tuple) else (run, None)
            pn0, Kn0 = posten_nul, K_nul
            if eigen_nul is not None:  # een run op een grovere schaal, tegen het nulalternatief van die schaal
                _, pn0, Kn0 = kasboek_array(eigen_nul, p, e.prijsjaar, levensloop, e.discontovoet)
            tegen = eigen_nul if eigen_nul is not None else nul
            _, pn, Kn = kasboek_array(u, p, e.prijsjaar, levensloop, e.discontovoet, tegen=tegen)
            punten[s] = float((_uitlijnen(pn, Kn, pn0, Kn0) * d[:, None, None]).sum())
        kengetallen.append(_kengetallen(nul, alt, alle_posten, verschil, cw, datums, d, punten)
                           | _per_beleidsjaar(nul, alt, alle_posten, cw, p, e))
    aannames = p.frame()
    belangrijk = aannames.naam.str.startswith(("beleid.effect.", "prijzen.mkba.", "prijzen.loon.factor",
                                               "prijzen.zorg.volwassen_per", "prijzen.levensloop."))
    return Resultaat(pd.concat(tabellen, ignore_index=True), pd.DataFrame(kengetallen),
                     pd.concat(jaren, ignore_index=True), e.prijsjaar, e.discontovoet, levensloop,
                     aannames[belangrijk].reset_index(drop=True),
                     int(c.jaar_maand(int(nul.maanden[nul.horizonmaanden - 1]))[0]))


def structureel_jaar(paren: Mapping[str, tuple[Uitkomst, Uitkomst]], p: Parameters, *, prijsjaar: int | None = None,
                     discontovoet: float | None = None, levensloop: bool = True) -> pd.DataFrame:
    """De jaarlijkse balans van het structurele beleid: per alternatief de laatste beleidsjaren apart, N jaar beleid
    (de eerste uitkomst van het paar) tegen M < N jaar (de tweede), met hetzelfde zaad, dus dezelfde jongeren en
    toevalsgetallen tot jaar M + 1 begint. Het verschil gedeeld door de contante waarde van één euro aan het begin
    van elk van die jaren: wat een jaar van een wet die al jaren loopt gemiddeld kost en over de hele levensloop
    oplevert, zonder de aanloop van de eerste jaren (zo rapporteert het CPB een structurele maatregel)."""
    rijen = []
    for naam, (met, zonder) in paren.items():
        r = bereken(zonder, [met], p, prijsjaar=prijsjaar, discontovoet=discontovoet, levensloop=levensloop)
        k = r.kengetallen.iloc[0]
        jaren = np.arange(zonder.beleidsjaren, met.beleidsjaren)
        annuiteit = float(np.sum((1 + r.discontovoet) ** -jaren))
        rijen.append({"scenario": naam, "structureel_vanaf": int(jaren[0]) + 1, "structureel_tot": int(jaren[-1]) + 1,
                      "structureel_schaal": int(met.schaal),
                      "structureel_ncw_per_jaar": k.ncw_maatschappij / annuiteit,
                      "structureel_kosten_per_jaar": k.kosten / annuiteit,
                      "structureel_baten_per_jaar": k.baten / annuiteit,
                      "structureel_programmakosten_per_jaar": k.programmakosten / annuiteit,
                      "structureel_voorkomen_vsv_per_jaar": k.voorkomen_vsv / annuiteit})
    return pd.DataFrame(rijen)


def _postvolgorde(post: str) -> tuple[int, int]:
    kaal = post.removeprefix(LEVENSLOOP)
    return (post.startswith(LEVENSLOOP), list(POSTEN).index(kaal))


def _uitlijnen(posten: list[str], K: np.ndarray, posten_nul: list[str], K_nul: np.ndarray) -> np.ndarray:
    """K - K_nul op de gezamenlijke posten (in vaste volgorde)."""
    alle = sorted(set(posten) | set(posten_nul), key=_postvolgorde)
    uit = np.zeros((K.shape[0], len(alle), K.shape[2]))
    for i, post in enumerate(alle):
        if post in posten:
            uit[:, i] += K[:, posten.index(post)]
        if post in posten_nul:
            uit[:, i] -= K_nul[:, posten_nul.index(post)]
    return uit


def _tabel(naam: str, posten: list[str], cw: np.ndarray) -> pd.DataFrame:
    rijen = []
    for i, post in enumerate(posten):
        for j, partij in enumerate(PARTIJEN):
            rijen.append((naam, partij, post, cw[i, j]))
        rijen.append((naam, MAATSCHAPPIJ, post, cw[i].sum()))
    for j, partij in enumerate(PARTIJEN):
        rijen.append((naam, partij, "totaal", cw[:, j].sum()))
    rijen.append((naam, MAATSCHAPPIJ, "totaal", cw.sum()))
    return pd.DataFrame(rijen, columns=["scenario", "partij", "post", "contante_waarde"])


def _per_jaar(naam: str, datums: pd.DatetimeIndex, verschil: np.ndarray, d: np.ndarray) -> pd.DataFrame:
    jaar = datums.year.to_numpy()
    rijen = []
    for j, partij in enumerate(PARTIJEN + (MAATSCHAPPIJ,)):
        reeks = verschil.sum(axis=1)[:, j] if partij != MAATSCHAPPIJ else verschil.sum(axis=(1, 2))
        df = pd.DataFrame({"jaar": jaar, "verschil": reeks, "contant": reeks * d}).groupby("jaar").sum()
        df = df.reset_index().assign(scenario=naam, partij=partij)
        rijen.append(df)
    return pd.concat(rijen, ignore_index=True)[["scenario", "jaar", "partij", "verschil", "contant"]]


def nulpunt(punten: dict[float, float]) -> float:
    """Effectschaal waar de NCW nul is: lineair tussen de gesimuleerde punten (schaal -> NCW).

    Binnen het eerste interval met een tekenwissel; anders lineair doorgetrokken vanuit de twee punten
    met de hoogste schaal, mits de NCW met de schaal stijgt. NaN als er geen nulpunt te schatten is."""
    s = np.array(sorted(punten))
    n = np.array([punten[x] for x in s])
    if len(s) < 2:
        return np.nan
    for i in range(len(s) - 1):
        if n[i] == 0:
            return float(s[i])
        if np.sign(n[i]) != np.sign(n[i + 1]):
            return float(s[i] - n[i] * (s[i + 1] - s[i]) / (n[i + 1] - n[i]))
    a, b = (0, 1) if n[0] > 0 else (-2, -1)
    helling = (n[b] - n[a]) / (s[b] - s[a])
    if helling <= 0:
        return np.nan
    return float(s[a] - n[a] / helling)


def break_even_schaal(nul: Uitkomst, alternatieven: Sequence[Uitkomst], p: Parameters,
                      effectruns: Mapping[str, Mapping[float, Effectrun]] | None = None, **mkba_opties
                      ) -> dict[str, float]:
    """Per alternatief de geschatte effectschaal met NCW = 0 (voor de extra run in vergelijk)."""
    r = bereken(nul, alternatieven, p, effectruns, **mkba_opties)
    return dict(zip(r.kengetallen.scenario, r.kengetallen.break_even_effectschaal))


def kosten_en_baten(posten: list[str], cw: np.ndarray) -> tuple[float, float, float]:
    """(kosten, baten, programmakosten) voor de maatschappij uit de contante waarde per post en partij."""
    per_post = cw.sum(axis=1)
    groep = np.array([POSTEN[p.removeprefix(LEVENSLOOP)][1] for p in posten])
    programma = np.isin(posten, ["programmakosten_begeleiding", "programmakosten_overig", "levenscoaching",
                                 "doorstroompunt"])
    return -per_post[groep == "kosten"].sum(), per_post[groep == "baten"].sum(), -per_post[programma].sum()


def contante_waarde(nul: Uitkomst, alternatief: Uitkomst, p: Parameters, *, prijsjaar: int | None = None,
                    discontovoet: float | None = None, levensloop: bool = True
                    ) -> tuple[list[str], np.ndarray, dict[str, float]]:
    """Alleen de kern van de MKBA voor één paar runs: (posten, contante waarde[post, partij], de NCW in delen
    (ncw_delen: horizon, uitloop, levensloop)) van het verschil alternatief - nul, zonder tabellen (voor
    experimenten met duizenden gevallen). Prijsjaar, discontovoet en levensloop zoals in `bereken`."""
    e = Eenheidsprijzen.uit(p, prijsjaar, discontovoet)
    datums, posten_nul, K_nul = kasboek_array(nul, p, e.prijsjaar, levensloop, e.discontovoet)
    _, posten, K = kasboek_array(alternatief, p, e.prijsjaar, levensloop, e.discontovoet, tegen=nul)
    d = discontering(datums, e.discontovoet)
    alle = sorted(set(posten) | set(posten_nul), key=_postvolgorde)
    verschil = _uitlijnen(posten, K, posten_nul, K_nul)
    return alle, (verschil * d[:, None, None]).sum(axis=0), ncw_delen(alle, verschil, d, nul.horizonmaanden)


def contante_waarde_per_deel(nul: Uitkomst, alternatief: Uitkomst, p: Parameters, deel: str, levensloop: bool = True,
                             prijsjaar: int | None = None, discontovoet: float | None = None
                             ) -> tuple[list[str], np.ndarray]:
    """Contante waarde van alternatief - nul per regio of per groep (`deel`: 'regio' of 'groep'):
    (posten, cw[deel, post, partij]), met dezelfde levensloop, prijsjaar en discontovoet als de landelijke MKBA.
    De delen tellen op tot het land (getest). Vraagt runs met uitsplitsing."""
    e = Eenheidsprijzen.uit(p, prijsjaar, discontovoet)
    aantal = c.AANTAL_REGIOS if deel == "regio" else c.NG_GROEPEN
    resultaten, alle = [], set()
    for i in range(aantal):
        kies = {deel: i}
        datums, pn, Kn = kasboek_array(nul, p, e.prijsjaar, levensloop, e.discontovoet, Tellingen.uit(nul, **kies))
        _, pa, Ka = kasboek_array(alternatief, p, e.prijsjaar, levensloop, e.discontovoet,
                                  Tellingen.uit(alternatief, **kies, **_tegen(p, nul, levensloop)))
        resultaten.append((pa, Ka, pn, Kn))
        alle |= set(pa) | set(pn)
    posten = sorted(alle, key=_postvolgorde)
    d = discontering(datums, e.discontovoet)
    cw = np.zeros((aantal, len(posten), len(PARTIJEN)))
    for i, (pa, Ka, pn, Kn) in enumerate(resultaten):
        verschil = _uitlijnen(pa, Ka, pn, Kn)
        idx = [posten.index(q) for q in sorted(set(pa) | set(pn), key=_postvolgorde)]
        cw[i, idx] = (verschil * d[:, None, None]).sum(axis=0)
    return posten, cw


def waarde_startkwalificatie(p: Parameters, leeftijd: int = 27) -> pd.Series:
    """De waarde van één extra startkwalificatie volgens het model: de voortzetting (levensloop.py) van een jongere
    met SK min die zonder SK, vanaf `leeftijd` tot de AOW-leeftijd, contant gemaakt naar die leeftijd, per partij
    en voor de maatschappij (euro van het prijsjaar). Beide beginnen op het gemiddelde van hun groep."""
    e = Eenheidsprijzen.uit(p)
    lp = Levensloopprijzen.uit(p)
    cw = {}
    for niveau in (MET_SK, ZONDER_SK):
        vertrek = np.zeros((1, len(c.TOESTANDEN), len(VERTREKLEEFTIJDEN), len(NIVEAUS_BIJ_VERTREK)))
        vertrek[0, c.ONDERWIJS, VERTREKLEEFTIJDEN.index(leeftijd), niveau] = 1.0
        boek = _Boek(lp.aow_maanden - c.MIN_LEEFTIJD * 12 + 2)
        _levensloop(boek, vertrek, e, lp)
        d = discontofactor(np.arange(boek.maanden), e.discontovoet)
        cw[niveau] = (boek.array() * d[:, None, None]).sum(axis=(0, 1))
    verschil = pd.Series(cw[MET_SK] - cw[ZONDER_SK], index=list(PARTIJEN))
    verschil[MAATSCHAPPIJ] = verschil.sum()
    return verschil


def effectkengetallen(nul: Uitkomst, alternatief: Uitkomst) -> tuple[float, float]:
    """(voorkomen vsv'ers over de hele run, uitloop inbegrepen; extra jongeren in duurzaam werk in het laatste jaar
    van de horizon)."""
    voorkomen = nul.totalen()["nieuwe_vsv"] - alternatief.totalen()["nieuwe_vsv"]
    h_nul, h_alt = nul.horizon(), alternatief.horizon()
    laatste_jaar = h_alt.jaarreeksen()[1]["duurzaam_werk"][-1] - h_nul.jaarreeksen()[1]["duurzaam_werk"][-1]
    return float(voorkomen), float(laatste_jaar)


def _per_beleidsjaar(nul: Uitkomst, alt: Uitkomst, posten: list[str], cw: np.ndarray, p: Parameters,
                     e: Eenheidsprijzen) -> dict:
    """De jaarlijkse balans van het structurele beleid: de NCW gedeeld door de contante waarde van één euro per
    beleidsjaar (de annuïteit), zodat elk beleidsjaar even veel waard is, gemeten aan het begin van zijn jaar (met
    de uitloop is de NCW van N jaar beleid de som van N zulke jaren). Daarnaast de rekenwijze van CPB Discussion
    Paper 224: voorkomen vsv'ers per beleidsjaar maal de bruto baat die het CPB impliciet gebruikte, min de
    programmakosten per beleidsjaar; één keer met de voorkomen vsv'ers van het model en één keer met de telling van
    het CPB (deelnemers aan coaching maal het verschil in uitval in het experiment)."""
    jaren = max(int(nul.beleidsjaren), 1)
    # alles per beleidsjaar door dezelfde annuïteit, ook de aantallen: zo sluit de brug in mkba.md precies
    annuiteit = float(np.sum((1 + e.discontovoet) ** -np.arange(jaren)))
    kosten, baten, programmakosten = kosten_en_baten(posten, cw)
    voorkomen, _ = effectkengetallen(nul, alt)
    cpb = p.prijs("prijzen.vergelijking.cpb224_bruto_baat_per_voorkomen_vsv", e.prijsjaar)
    # deelnemersjaren coaching die het alternatief toevoegt (bediend telt jongeren per maand)
    deelnemers = (alt.begeleidingscijfers.bediend[:, COACHING].sum()
                  - nul.begeleidingscijfers.bediend[:, COACHING].sum()) / 12
    verschil_experiment = (p["prijzen.vergelijking.cpb224_vsv_controle"]
                           - p["prijzen.vergelijking.cpb224_vsv_coaching"])
    return {
        "beleidsjaren": jaren,
        "ncw_per_beleidsjaar": float(cw.sum()) / annuiteit,
        "kosten_per_beleidsjaar": kosten / annuiteit,
        "baten_per_beleidsjaar": baten / annuiteit,
        "programmakosten_per_beleidsjaar": programmakosten / annuiteit,
        "voorkomen_vsv_per_beleidsjaar": voorkomen / annuiteit,
        "baten_per_voorkomen_vsv": baten / voorkomen if voorkomen > 0 else np.nan,
        "cpb224_baat_per_voorkomen_vsv": cpb,
        "cpb224_netto_per_jaar": p.prijs("prijzen.vergelijking.cpb224_netto_per_jaar", e.prijsjaar),
        "netto_per_beleidsjaar_cpb_rekenwijze": (voorkomen * cpb - programmakosten) / annuiteit,
        "coachingdeelnemers_per_beleidsjaar": deelnemers / annuiteit,
        "voorkomen_vsv_cpb_telling_per_beleidsjaar": deelnemers * verschil_experiment / annuiteit,
        "netto_per_beleidsjaar_cpb_telling": (deelnemers * verschil_experiment * cpb - programmakosten) / annuiteit,
    }


def _kengetallen(nul, alt, posten, verschil, cw, datums, d, punten: dict[float, float]) -> dict:
    kosten, baten, programmakosten = kosten_en_baten(posten, cw)
    ncw = float(cw.sum())
    delen = ncw_delen(posten, verschil, d, nul.horizonmaanden)
    cumulatief = np.cumsum((verschil.sum(axis=(1, 2)) * d))
    jaar = datums.year.to_numpy()
    eind_van_jaar = pd.Series(cumulatief).groupby(jaar).last()
    positief = eind_van_jaar[eind_van_jaar >= 0]
    terug = int(positief.index[0]) if len(positief) and (eind_van_jaar.loc[positief.index[0]:] >= 0).all() else None
    voorkomen_vsv, extra_duurzaam = effectkengetallen(nul, alt)
    break_even = nulpunt(punten) if len(punten) > 1 else np.nan
    return {
        "scenario": alt.naam,
        "ncw_maatschappij": ncw,
        **{f"ncw_{deel}": waarde for deel, waarde in delen.items()},
        "kosten": kosten,
        "baten": baten,
        "baten_kosten_verhouding": baten / kosten if kosten > 0 else np.nan,
        "programmakosten": programmakosten,
        "terugverdienjaar": terug,
        "voorkomen_vsv": voorkomen_vsv,
        "kosten_per_voorkomen_vsv": programmakosten / voorkomen_vsv if voorkomen_vsv > 0 else np.nan,
        "extra_duurzaam_werk_laatste_jaar": extra_duurzaam,
        "kosten_per_extra_duurzaam_werk": programmakosten / extra_duurzaam if extra_duurzaam > 0 else np.nan,
        "ncw_zonder_effect": punten.get(0.0, np.nan),
        "break_even_effectschaal": break_even,
    }
