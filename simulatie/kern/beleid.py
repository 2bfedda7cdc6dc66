"""Hoe een scenario de doelgroepen, de capaciteit, de kansen en de kosten verandert.

`Beleidsinstellingen.uit(...)` leest het scenario en de parameters één keer. Daarna is de begeleiding van een
maand een keten van waarden (zie JongerenModel.step):
  1. `bepaal_kandidaten`: wie komt in aanmerking voor welke begeleiding (hefboom), met maandkosten en voorrang,
     gesorteerd per regio (`Kandidaten`);
  2. `Regios.bedien` (regio.py): elke regio kiest binnen haar budget wie begeleid wordt (de rest wacht);
  3. `wie_levenscoaching`: wie deze maand levenscoaching krijgt (apart gefinancierd, geen capaciteit);
  4. `effecten`: de factoren op de kansen voor wie begeleid wordt (en levenscoaching, Doorstroompunt).
Deze functies lezen de populatie en schrijven haar niet; het model schrijft de uitkomst met
`Populatie.zet_begeleiding` en `Populatie.begin_levenscoaching`. De boekhouding (gekwalificeerd, bediend,
wachtend, uitgaven) houdt de waarnemer bij (waarneming.Begeleidingsregister).
Een jongere krijgt hooguit één begeleiding uit het regionale budget: op school coaching vóór
aanvullende loopbaanbegeleiding, na school nazorg vóór gemeentelijke begeleiding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulatie.gedeeld import codes as c
from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.invoer.parameters import Parameters
from simulatie.invoer.scenario import DOELGROEPEN, Scenario, Toewijzing
from simulatie.kern.populatie import Populatie
from simulatie.kern.regio import Regiogegevens
from simulatie.kern.toestanden import Effecten

# Hefbomen die uit het regionale budget betaald worden (capaciteit), en levenscoaching (apart gefinancierd).
HEFBOMEN = ("coaching", "tijdens_opleiding", "nazorg", "gemeente", "levenscoaching")
COACHING, TIJDENS, NAZORG, GEMEENTE, LEVENSCOACHING = range(len(HEFBOMEN))
OVERIG = len(DOELGROEPEN)  # doelgroepcode voor wie in geen school-doelgroep valt (ho, of gemeente-jongeren)
_ZONDER_DIPLOMA = (c.UITSTROOMGROEP["vsv_mbo"], c.UITSTROOMGROEP["vsv_vo"])


def _doelgroep_tabel() -> np.ndarray:
    """Doelgroepcode per opleidingscel (schooltype x niveau x leerweg), OVERIG waar geen doelgroep past."""
    t = np.full((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN)), OVERIG, np.int8)
    g = {naam: i for i, naam in enumerate(DOELGROEPEN)}
    t[c.VMBO] = g["vmbo"]
    t[c.PRO] = g["pro"]
    t[c.VSO] = g["vso"]
    t[c.MBO, 1] = g["entree"]
    t[c.MBO, 2, c.BOL] = g["mbo2_bol"]
    t[c.MBO, 2, c.BBL] = g["mbo2_bbl"]
    t[c.MBO, 3:5] = g["mbo34"]
    return t.reshape(-1)


DOELGROEP_PER_CEL = _doelgroep_tabel()


def doelgroep(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """De doelgroepcode (DOELGROEPEN, of OVERIG) van de opleiding van elke rij."""
    return DOELGROEP_PER_CEL[pop.cel(rijen)]


def fte_kosten(p: Parameters, jaar: int) -> float:
    """Wat een coach (fte) per jaar kost in prijzen van `jaar`: loonkosten met werkgeverslasten en overhead."""
    b = "beleid.coach."
    return p.prijs(b + "loonkosten_per_fte", jaar) * p[b + "opslag_werkgeverslasten_overhead"]


def _masker(groepen: tuple[str, ...]) -> np.ndarray:
    m = np.zeros(len(DOELGROEPEN) + 1, bool)
    for naam in groepen:
        m[DOELGROEPEN.index(naam)] = True
    return m


# ------------------------------------------------------------------------------------------ instellingen

@dataclass(frozen=True, eq=False)
class Beleidsinstellingen:
    """Alles wat de begeleiding van een maand uit het scenario en de parameters nodig heeft, één keer gelezen.

    Alleen de parameters van gebruikte hefbomen worden gelezen: zo hangt een run aantoonbaar niet af van de kosten
    en effecten van begeleiding die het scenario niet kent (zie Parameters.registrerend). Per hefboom (HEFBOMEN)
    staan kosten en factoren in een array; een ongebruikte hefboom houdt NaN-kosten en de neutrale factor."""

    actief: np.ndarray              # (hefboom,) welke hefbomen dit scenario gebruikt
    coaching: np.ndarray            # (doelgroep,) doelgroepen van coaching op school
    coaching_leerjaren: int         # coaching alleen tot en met dit leerjaar van de opleiding
    tijdens: np.ndarray             # (doelgroep,) doelgroepen van begeleiding tijdens de opleiding
    na: np.ndarray                  # (doelgroep,) doelgroepen van nazorg na uitstroom
    nazorg_maanden: int             # zo lang na uitstroom komt iemand in aanmerking voor nazorg
    nazorg_zonder_diploma: bool
    toewijzing: Toewijzing          # wie het eerst bediend wordt (na wie al begeleid werd)
    kosten_maand: np.ndarray        # (hefboom,) euro per begeleide jongere per maand
    vsv_daling: np.ndarray          # (hefboom,) relatieve daling van de uitvalkans
    baanvinden: np.ndarray          # (hefboom,) factor op de baankans
    baanbehoud: float               # factor op het baanverlies (nazorg)
    terugkeer: float                # factor op de terugkeer naar school zonder SK (nazorg)
    zorg_uitstroom: float           # factor op de uitstroom uit de zorg (levenscoaching)
    levenscoaching_maanden: int     # duur van één levenscoachtraject (0 als het scenario het niet kent)
    bereik: float                   # maandkans dat het Doorstroompunt een thuiszitter buiten beeld bereikt
    leeftijdsgrens_doorstroompunt_maanden: int
    prioriteit_sk: float            # factor op de risicoscore van wie een startkwalificatie heeft
    vsv_risico: np.ndarray          # (risicocode,) uit de overgangstabellen: de basis van de risicoscore
    schaal: int                     # jongeren per rij
    budget_per_jaar: np.ndarray     # (regio,) euro
    rij_maximum: float              # wat de duurste rij per maand kost (euro): grens op het doorgeschoven saldo

    @classmethod
    def uit(cls, scenario: Scenario, p: Parameters, regiogegevens: Regiogegevens, vsv_risico: np.ndarray,
            schaal: int, startpopulatie: Populatie) -> "Beleidsinstellingen":
        """`vsv_risico` komt uit de overgangstabellen; `startpopulatie` weegt de verdeelsleutel 'risicomodel'."""
        n = scenario.nazorg
        coaching, tijdens, na = (_masker(scenario.coaching.doelgroepen), _masker(n.tijdens_opleiding),
                                 _masker(n.na_uitstroom))
        actief = actieve_hefbomen(scenario)
        kosten_maand = _kosten_maand(scenario, p, actief)
        prioriteit_sk = p["beleid.prioriteit.zonder_sk"]
        return cls(
            actief=actief, coaching=coaching, tijdens=tijdens, na=na,
            coaching_leerjaren=scenario.coaching.leerjaren or np.iinfo(np.int8).max,
            nazorg_maanden=n.maanden_na_uitstroom, nazorg_zonder_diploma=n.ook_zonder_diploma,
            toewijzing=scenario.budget.toewijzing, kosten_maand=kosten_maand,
            **_effectfactoren(scenario, p, actief),
            leeftijdsgrens_doorstroompunt_maanden=scenario.doorstroompunt.leeftijdsgrens * 12,
            prioriteit_sk=prioriteit_sk, vsv_risico=vsv_risico, schaal=schaal,
            budget_per_jaar=_verdeel_budget(scenario, regiogegevens, startpopulatie, vsv_risico, prioriteit_sk),
            rij_maximum=np.nan_to_num(kosten_maand).max() * schaal,
        )


def _kosten_maand(scenario: Scenario, p: Parameters, actief: np.ndarray) -> np.ndarray:
    """Kosten per begeleide jongere per maand, per hefboom (NaN voor een ongebruikte hefboom)."""
    b = "beleid.coach."
    # bedragen in prijzen van het startjaar van het scenario (de budgetten zijn nominaal)
    jaar = scenario.looptijd.startmaand[0]
    coaching = scenario.coaching.kosten_per_jongere_per_jaar
    per_jaar = {
        COACHING: lambda: coaching if coaching is not None else p.prijs(b + "intensieve_coaching_per_jaar", jaar),
        TIJDENS: lambda: fte_kosten(p, jaar) / p[b + "caseload_tijdens_opleiding"],
        NAZORG: lambda: fte_kosten(p, jaar) / p[b + "caseload_nazorg"],
        GEMEENTE: lambda: fte_kosten(p, jaar) / p[b + "caseload_gemeente"],
        LEVENSCOACHING: lambda: p.prijs(b + "levenscoaching_per_jaar", jaar),
    }
    return np.array([per_jaar[h]() if actief[h] else np.nan for h in range(len(HEFBOMEN))]) / 12.0


def actieve_hefbomen(scenario: Scenario) -> np.ndarray:
    """(hefboom,) welke hefbomen uit HEFBOMEN het scenario gebruikt."""
    n = scenario.nazorg
    return np.array([bool(scenario.coaching.doelgroepen), bool(n.tijdens_opleiding), bool(n.na_uitstroom),
                     scenario.gemeente.preventieve_begeleiding, scenario.levenscoaching.variant != "geen"])


# per hefboom de effectparameters die _effectfactoren leest (naast het bereik van het Doorstroompunt)
EFFECTPARAMETERS = (("beleid.effect.intensieve_coaching_vsv",), ("beleid.effect.begeleiding_tijdens_vsv",),
                    ("beleid.effect.nazorg_baanvinden", "beleid.effect.nazorg_baanbehoud",
                     "beleid.effect.nazorg_terugkeer_onderwijs"), ("beleid.effect.gemeente_baanvinden",),
                    ("beleid.effect.levenscoaching_baanvinden", "beleid.effect.levenscoaching_zorg_uitstroom"))


def gebruikte_effecten(scenario: Scenario) -> tuple[str, ...]:
    """De beleid.effect.*-parameters die een scenario gebruikt (voor de rapportage van het bewijs)."""
    namen = [n for a, groep in zip(actieve_hefbomen(scenario), EFFECTPARAMETERS) if a for n in groep]
    if scenario.doorstroompunt.versterkt_bereik:
        namen.append("beleid.effect.extra_bereik_doorstroompunt_wet")
    return tuple(namen)


def _effectfactoren(scenario: Scenario, p: Parameters, actief: np.ndarray) -> dict:
    """Factoren per hefboom; een ongebruikte hefboom houdt de neutrale waarde (geen daling, factor 1)."""
    e = "beleid.effect."
    s = scenario.effect_schaal  # 0 = begeleiding zonder effect (alleen kosten)
    vsv_daling = np.zeros(len(HEFBOMEN))
    baanvinden = np.ones(len(HEFBOMEN))
    baanbehoud, terugkeer, zorg_uitstroom, levenscoaching_maanden = 1.0, 1.0, 1.0, 0
    if actief[COACHING]:
        coaching = scenario.coaching.effect_vsv
        vsv_daling[COACHING] = min(1.0, (coaching if coaching is not None
                                         else p[e + "intensieve_coaching_vsv"]) * s)
    if actief[TIJDENS]:
        vsv_daling[TIJDENS] = min(1.0, p[e + "begeleiding_tijdens_vsv"] * s)
    if actief[NAZORG]:
        baanvinden[NAZORG] = 1 + p[e + "nazorg_baanvinden"] * s
        baanbehoud = max(0.0, 1 - p[e + "nazorg_baanbehoud"] * s)
        terugkeer = 1 + p[e + "nazorg_terugkeer_onderwijs"] * s
    if actief[GEMEENTE]:
        baanvinden[GEMEENTE] = 1 + p[e + "gemeente_baanvinden"] * s
    if actief[LEVENSCOACHING]:
        baanvinden[LEVENSCOACHING] = 1 + p[e + "levenscoaching_baanvinden"] * s
        zorg_uitstroom = 1 + p[e + "levenscoaching_zorg_uitstroom"] * s
        levenscoaching_maanden = int(round(p["beleid.levenscoaching.maanden"]))
    d = scenario.doorstroompunt
    extra = (p[e + "extra_bereik_doorstroompunt_wet"] - 1) * s + 1 if d.versterkt_bereik else 1.0
    return {"vsv_daling": vsv_daling, "baanvinden": baanvinden, "baanbehoud": baanbehoud, "terugkeer": terugkeer,
            "zorg_uitstroom": zorg_uitstroom, "levenscoaching_maanden": levenscoaching_maanden,
            "bereik": p["overgangen.in_beeld.bereik_doorstroompunt_per_maand"] * extra}


def _verdeel_budget(scenario: Scenario, rg: Regiogegevens, pop: Populatie, vsv_risico: np.ndarray,
                    prioriteit_sk: float) -> np.ndarray:
    """Budget per regio per jaar volgens de verdeelsleutel van het scenario ('risicomodel': naar de som van de
    risicoscore van de populatie `pop` per regio)."""
    b = scenario.budget
    totaal = b.regionaal_programma + b.mbo_begeleiding + b.nazorg_subsidie
    if b.verdeelsleutel == "per_jongere":
        sleutel = rg.aandeel
    elif b.verdeelsleutel == "per_vsv":
        sleutel = rg.aandeel * rg.vsv_factor
    elif b.verdeelsleutel == "risicomodel":
        score = risicoscore(pop, np.arange(len(pop)), vsv_risico, prioriteit_sk)
        sleutel = np.bincount(pop.regio, weights=score, minlength=AANTAL_REGIOS)
    else:
        tabel = b.tabel or {}
        sleutel = np.array([tabel.get(str(r), 0.0) for r in range(1, AANTAL_REGIOS + 1)])
    return totaal * sleutel / sleutel.sum()


def risicoscore(pop: Populatie, rijen: np.ndarray, vsv_risico: np.ndarray, prioriteit_sk: float) -> np.ndarray:
    """Voorspeld risico (hoger = eerder aan de beurt): uitvalrisico maal een factor zonder SK."""
    return vsv_risico[pop.risicocode(rijen)] * np.where(pop.startkwalificatie[rijen], 1.0, prioriteit_sk)


# ------------------------------------------------------------------------------------------ de maand

@dataclass(frozen=True, eq=False)
class Kandidaten:
    """Wie deze maand in aanmerking komt voor begeleiding uit het regionale budget, gesorteerd op regio en dan
    voorrang (wie al begeleid werd eerst, dan de toewijzingsregel van het scenario)."""

    rijen: np.ndarray     # populatierijen
    hefboom: np.ndarray   # (kandidaat,) HEFBOMEN-code
    kosten: np.ndarray    # (kandidaat,) maandkosten in euro voor echte jongeren (maal de schaal)
    grenzen: np.ndarray   # (regio + 1,) de kandidaten van regio i staan in [grenzen[i], grenzen[i + 1])

    @classmethod
    def geen(cls) -> "Kandidaten":
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int8), np.zeros(0), np.zeros(AANTAL_REGIOS + 1, np.int64))


@dataclass(frozen=True, eq=False)
class Begeleidingsmaand:
    """De begeleiding van één maand: de kandidaten, wie van hen bediend wordt, en wie levenscoaching krijgt."""

    kandidaten: Kandidaten
    bediend: np.ndarray         # (kandidaat,) bool
    levenscoaching: np.ndarray  # populatierijen

    @classmethod
    def geen(cls) -> "Begeleidingsmaand":
        return cls(Kandidaten.geen(), np.zeros(0, bool), np.zeros(0, np.int64))

    @property
    def bediende_rijen(self) -> np.ndarray:
        return self.kandidaten.rijen[self.bediend]

    @property
    def bediende_hefboom(self) -> np.ndarray:
        return self.kandidaten.hefboom[self.bediend]


def bepaal_kandidaten(pop: Populatie, b: Beleidsinstellingen, t: int, toeval: np.random.Generator) -> Kandidaten:
    """Wie komt deze maand in aanmerking, voor welke hefboom, in welke volgorde. `toeval` (de stroom 'beleid' van
    deze maand) beslist alleen bij de toewijzing 'willekeurig'."""
    delen, hefboom = [], []
    if b.actief[TIJDENS] or b.actief[COACHING]:
        ond = np.flatnonzero((pop.toestand == c.ONDERWIJS) & (pop.leerjaar >= 1))
        dg = doelgroep(pop, ond)
        coaching = b.coaching[dg] & (pop.leerjaar[ond] <= b.coaching_leerjaren)
        coach = ond[coaching]
        tijdens = ond[b.tijdens[dg] & ~coaching]
        delen += [coach, tijdens]
        hefboom += [COACHING, TIJDENS]
    buiten = None
    if b.actief[NAZORG]:
        recent = np.flatnonzero((pop.uitstroommaand >= 0) & (t - pop.uitstroommaand < b.nazorg_maanden)
                                & (pop.toestand != c.ONDERWIJS) & pop.actief())
        recent = recent[b.na[doelgroep(pop, recent)]]
        if not b.nazorg_zonder_diploma:
            recent = recent[~np.isin(pop.uitstroomgroep[recent], _ZONDER_DIPLOMA)]
        delen.append(recent)
        hefboom.append(NAZORG)
        buiten = recent
    if b.actief[GEMEENTE]:
        # nieuw onder art. 7a: ook wie geen uitkering heeft (thuis, in beeld); bijstandsgerechtigden kregen
        # al begeleiding onder de Participatiewet en zitten dus ook in het nulalternatief
        gem = (pop.toestand == c.THUIS) & pop.in_beeld
        if buiten is not None:
            gem[buiten] = False
        delen.append(np.flatnonzero(gem))
        hefboom.append(GEMEENTE)
    rijen = np.concatenate(delen) if delen else np.zeros(0, np.int64)
    hefbomen = (np.concatenate([np.full(len(d), h, np.int8) for d, h in zip(delen, hefboom)])
                if delen else np.zeros(0, np.int8))

    # wie al begeleid werd gaat voor; daarna de regel van het scenario
    status = pop.begeleiding[rijen]
    al_bediend = status == c.BEGELEID
    if b.toewijzing == "hoogste_risico":
        sleutel = -risicoscore(pop, rijen, b.vsv_risico, b.prioriteit_sk)
    elif b.toewijzing == "wie_eerst_komt":
        # wie nu voor het eerst in aanmerking komt, meldt zich deze maand (zet_begeleiding onthoudt t)
        sleutel = np.where(status == c.GEEN_BEGELEIDING, t, pop.begeleiding_sinds[rijen]).astype(float)
    else:
        sleutel = toeval.random(len(pop))[rijen]
    volgorde = np.lexsort((sleutel, ~al_bediend, pop.regio[rijen]))
    rijen, hefbomen = rijen[volgorde], hefbomen[volgorde]
    # de schaal vermenigvuldigt elke rij; het budget is in euro voor echte jongeren
    return Kandidaten(rijen, hefbomen, b.kosten_maand[hefbomen] * b.schaal,
                      np.searchsorted(pop.regio[rijen], np.arange(AANTAL_REGIOS + 1)))


def wie_levenscoaching(pop: Populatie, b: Beleidsinstellingen, t: int) -> np.ndarray:
    """Wie deze maand levenscoaching krijgt: multiproblematiek, 18 of ouder, niet op school of aan het werk,
    en nog binnen het ene traject van `beleid.levenscoaching.maanden` maanden (dat begint bij de eerste keer)."""
    if not b.actief[LEVENSCOACHING]:
        return np.zeros(0, np.int64)
    leeftijd = pop.leeftijd_maanden()
    kan = np.flatnonzero(pop.multiproblematiek & np.isin(pop.toestand, (c.THUIS, c.UITKERING, c.ZORG))
                         & (leeftijd >= 18 * 12))
    sinds = pop.levenscoaching_sinds[kan]
    return kan[(sinds < 0) | (t - sinds < b.levenscoaching_maanden)]


class Factorbuffers:
    """Factoren per rij die bijna overal 1 zijn: dezelfde arrays elke maand, alleen de vorige keer gewijzigde rijen
    terug op 1 (een maand maakt zo geen vijf nieuwe arrays ter grootte van de populatie). Float32: de kernen
    lezen ze zo zonder kopie. Hoort bij één model; wat `nieuw` teruggeeft geldt tot de volgende aanroep."""

    def __init__(self, aantal: int = 5):
        self.aantal = aantal
        self.arrays: list[np.ndarray] = []
        self.gewijzigd = np.zeros(0, np.int64)

    def nieuw(self, n: int, rijen: np.ndarray) -> list[np.ndarray]:
        """De arrays (lengte n) met overal 1; `rijen` zijn de rijen die de aanroeper deze maand wijzigt."""
        if not self.arrays or len(self.arrays[0]) != n:  # de populatie groeide of kromp: opnieuw
            self.arrays = [np.ones(n, np.float32) for _ in range(self.aantal)]
        else:
            for a in self.arrays:
                a[self.gewijzigd] = 1.0
        self.gewijzigd = rijen
        return self.arrays


def basiseffect(b: Beleidsinstellingen) -> Effecten:
    """De effecten voor wie geen begeleiding krijgt: alleen het Doorstroompunt."""
    return Effecten(bereik_doorstroompunt=b.bereik,
                    leeftijdsgrens_doorstroompunt_maanden=b.leeftijdsgrens_doorstroompunt_maanden)


def effecten(pop: Populatie, b: Beleidsinstellingen, maand: Begeleidingsmaand, buffers: Factorbuffers) -> Effecten:
    """Factoren op de kansen voor wie deze maand begeleid wordt of levenscoaching krijgt."""
    effect = basiseffect(b)
    rijen, h = maand.bediende_rijen, maand.bediende_hefboom
    lc = maand.levenscoaching
    if not len(rijen) and not len(lc):
        return effect
    vsv, vind, verlies, terug, zorg = buffers.nieuw(len(pop), np.concatenate([rijen, lc]))
    vsv[rijen] = 1 - b.vsv_daling[h]
    vind[rijen] = b.baanvinden[h]
    nazorg = rijen[h == NAZORG]
    verlies[nazorg] = b.baanbehoud
    terug[nazorg[~pop.startkwalificatie[nazorg]]] = b.terugkeer
    vind[lc] *= b.baanvinden[LEVENSCOACHING]
    zorg[lc] = b.zorg_uitstroom
    effect.vsv, effect.baanvinden, effect.baanverlies, effect.terugkeer, effect.zorg_uitstroom = (
        vsv, vind, verlies, terug, zorg)
    return effect


# ------------------------------------------------------------------------------------------ de uitkomst

@dataclass
class Begeleidingscijfers:
    """De begeleiding van een hele run (echte jongeren, euro): de bron van de tabellen en van de MKBA."""

    maanden: list[int]
    gekwalificeerd: np.ndarray  # (maand, hefboom, doelgroep, regio)
    bediend: np.ndarray         # (maand, hefboom, doelgroep, regio)
    kosten_maand: np.ndarray    # (hefboom,) per jongere per maand; 0 voor hefbomen die het scenario niet kent
    budget: np.ndarray          # (maand, regio) het programmabudget van de maand
    bediend_groep: np.ndarray | None = None  # (maand, hefboom, groep) bij uitsplitsing naar kenmerken

    def uitgaven(self) -> np.ndarray:
        """Uitgaven aan begeleiding per maand en hefboom (euro)."""
        return self.bediend.sum(axis=(2, 3)) * self.kosten_maand

    def frame(self) -> pd.DataFrame:
        """Per maand, hefboom, doelgroep en regio: gekwalificeerd, bediend, wachtend, uitgaven (euro)."""
        kolommen = ["datum", "hefboom", "doelgroep", "regio", "gekwalificeerd", "bediend", "wachtend", "uitgaven"]
        G, B = self.gekwalificeerd, self.bediend
        idx = np.nonzero(G > 0)
        datums = c.maanddatums(self.maanden)
        df = pd.DataFrame({
            "datum": datums[idx[0]] if len(datums) else pd.DatetimeIndex([]),
            "hefboom": np.array(HEFBOMEN)[idx[1]],
            "doelgroep": np.array(DOELGROEPEN + ("overig",))[idx[2]],
            "regio": (idx[3] + 1).astype(np.int16),
            "gekwalificeerd": G[idx],
            "bediend": B[idx],
        })
        df["wachtend"] = df.gekwalificeerd - df.bediend
        df["uitgaven"] = df.bediend * self.kosten_maand[idx[1]]
        return df[kolommen]

    def budget_frame(self) -> pd.DataFrame:
        """Budget per maand en regio (euro), ook als het niet aan begeleiding is besteed."""
        datums = c.maanddatums(self.maanden)
        return pd.DataFrame({
            "datum": np.repeat(datums, AANTAL_REGIOS),
            "regio": np.tile(np.arange(1, AANTAL_REGIOS + 1), len(datums)).astype(np.int16),
            "budget": self.budget.reshape(-1),
        })
