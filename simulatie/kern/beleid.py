"""Hoe een scenario de doelgroepen, de capaciteit, de kansen en de kosten verandert.

Elke maand, in deze volgorde (zie JongerenModel.step):
  1. `bepaal_kandidaten`: wie komt in aanmerking voor welke begeleiding (hefboom), met maandkosten en
     prioriteit; elke regio krijgt haar kandidaten;
  2. `Regio.bedien`: elke regio kiest binnen haar budget wie begeleid wordt (de rest wacht);
  3. `effecten`: de factoren op de kansen voor wie begeleid wordt (en levenscoaching, Doorstroompunt);
  4. `na_stap`: de boekhouding van de maand (gekwalificeerd, bediend, wachtend, uitgaven).
Een jongere krijgt hooguit één begeleiding uit het regionale budget: op school coaching vóór
aanvullende loopbaanbegeleiding, na school nazorg vóór gemeentelijke begeleiding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import Parameters
from simulatie.kern.populatie import Populatie
from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.invoer.scenario import DOELGROEPEN, Scenario
from simulatie.kern.toestanden import Effecten, Stromen, cel, risicocode

# Hefbomen die uit het regionale budget betaald worden (capaciteit), en levenscoaching (apart gefinancierd).
HEFBOMEN = ("coaching", "tijdens_opleiding", "nazorg", "gemeente", "levenscoaching")
COACHING, TIJDENS, NAZORG, GEMEENTE, LEVENSCOACHING = range(len(HEFBOMEN))
MET_CAPACITEIT = (COACHING, TIJDENS, NAZORG, GEMEENTE)
OVERIG = len(DOELGROEPEN)  # doelgroepcode voor wie in geen school-doelgroep valt (ho, of gemeente-jongeren)
_ZONDER_DIPLOMA = (c.UITSTROOMGROEP["vsv_mbo"], c.UITSTROOMGROEP["vsv_vo"])


def doelgroep_tabel() -> np.ndarray:
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


def fte_kosten(p: Parameters, jaar: int) -> float:
    """Wat een coach (fte) per jaar kost in prijzen van `jaar`: loonkosten met werkgeverslasten en overhead."""
    b = "beleid.coach."
    return p.prijs(b + "loonkosten_per_fte", jaar) * p[b + "opslag_werkgeverslasten_overhead"]


class _Factoren:
    """Factoren per rij die bijna overal 1 zijn: dezelfde arrays elke maand, alleen de vorige keer gewijzigde rijen
    terug op 1 (een maand maakt zo geen vijf nieuwe arrays ter grootte van de populatie). Float32: de kernen
    lezen ze zo zonder kopie."""

    def __init__(self, aantal: int):
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


def _masker(groepen: tuple[str, ...]) -> np.ndarray:
    m = np.zeros(len(DOELGROEPEN) + 1, bool)
    for naam in groepen:
        m[DOELGROEPEN.index(naam)] = True
    return m


class Beleid:
    def __init__(self, scenario: Scenario, p: Parameters, model):
        self.scenario = scenario
        self.model = model
        self._factoren = _Factoren(5)
        self.doelgroep = doelgroep_tabel()
        n = scenario.nazorg
        self.tijdens = _masker(n.tijdens_opleiding)
        self.na = _masker(n.na_uitstroom)
        self.coaching = _masker(scenario.coaching.doelgroepen)
        # welke hefbomen dit scenario gebruikt (per HEFBOMEN)
        self.actief = np.array([self.coaching.any(), self.tijdens.any(), self.na.any(),
                                scenario.gemeente.preventieve_begeleiding, scenario.levenscoaching.variant != "geen"])
        self._kosten(p)
        self._effecten(p)
        self.prioriteit_sk = p["beleid.prioriteit.zonder_sk"]
        self.budget_per_jaar = self._verdeel_budget(model)
        self.rij_maximum = np.nan_to_num(self.kosten_maand).max() * model.schaal  # de duurste rij per maand
        self.kandidaten = np.zeros(0, np.int64)
        self.hefboom = np.zeros(0, np.int8)
        self.kosten = np.zeros(0)                            # maandkosten per kandidaat (euro)
        self.grenzen = np.zeros(AANTAL_REGIOS + 1, np.int64)  # kandidaten per regio: [grenzen[i], grenzen[i+1])
        self._maanden: list[int] = []
        self._gekwalificeerd: list[np.ndarray] = []  # (hefboom, doelgroep, regio)
        self._bediend: list[np.ndarray] = []
        self._budget: list[np.ndarray] = []          # (regio,) euro deze maand
        self._bediend_groep: list[np.ndarray] = []   # (hefboom, groep) bij uitsplitsing naar kenmerken

    # ------------------------------------------------------------------------------ instellingen
    # Alleen de parameters van gebruikte hefbomen worden gelezen: zo hangt een run aantoonbaar niet af van
    # de kosten en effecten van begeleiding die het scenario niet kent (zie Parameters.registrerend).
    def _kosten(self, p: Parameters) -> None:
        """Kosten per begeleide jongere per maand, per hefboom (NaN voor een ongebruikte hefboom)."""
        b = "beleid.coach."
        # bedragen in prijzen van het startjaar van het scenario (de budgetten zijn nominaal)
        jaar = self.scenario.looptijd.startmaand[0]
        coaching = self.scenario.coaching.kosten_per_jongere_per_jaar
        per_jaar = {
            COACHING: lambda: coaching if coaching is not None else p.prijs(b + "intensieve_coaching_per_jaar", jaar),
            TIJDENS: lambda: fte_kosten(p, jaar) / p[b + "caseload_tijdens_opleiding"],
            NAZORG: lambda: fte_kosten(p, jaar) / p[b + "caseload_nazorg"],
            GEMEENTE: lambda: fte_kosten(p, jaar) / p[b + "caseload_gemeente"],
            LEVENSCOACHING: lambda: p.prijs(b + "levenscoaching_per_jaar", jaar),
        }
        self.kosten_maand = np.array([per_jaar[h]() if self.actief[h] else np.nan for h in range(len(HEFBOMEN))]) / 12.0

    def _effecten(self, p: Parameters) -> None:
        """Factoren per hefboom; een ongebruikte hefboom houdt de neutrale waarde (geen daling, factor 1)."""
        e = "beleid.effect."
        s = self.scenario.effect_schaal  # 0 = begeleiding zonder effect (alleen kosten)
        actief = self.actief
        self.vsv_daling = np.zeros(len(HEFBOMEN))
        self.baanvinden = np.ones(len(HEFBOMEN))
        self.baanbehoud, self.terugkeer, self.zorg_uitstroom = 1.0, 1.0, 1.0
        if actief[COACHING]:
            coaching = self.scenario.coaching.effect_vsv
            self.vsv_daling[COACHING] = min(1.0, (coaching if coaching is not None
                                                  else p[e + "intensieve_coaching_vsv"]) * s)
        if actief[TIJDENS]:
            self.vsv_daling[TIJDENS] = min(1.0, p[e + "begeleiding_tijdens_vsv"] * s)
        if actief[NAZORG]:
            self.baanvinden[NAZORG] = 1 + p[e + "nazorg_baanvinden"] * s
            self.baanbehoud = max(0.0, 1 - p[e + "nazorg_baanbehoud"] * s)
            self.terugkeer = 1 + p[e + "nazorg_terugkeer_onderwijs"] * s
        if actief[GEMEENTE]:
            self.baanvinden[GEMEENTE] = 1 + p[e + "gemeente_baanvinden"] * s
        if actief[LEVENSCOACHING]:
            self.baanvinden[LEVENSCOACHING] = 1 + p[e + "levenscoaching_baanvinden"] * s
            self.zorg_uitstroom = 1 + p[e + "levenscoaching_zorg_uitstroom"] * s
            self.levenscoaching_maanden = int(round(p["beleid.levenscoaching.maanden"]))
        d = self.scenario.doorstroompunt
        extra = (p[e + "extra_bereik_doorstroompunt_wet"] - 1) * s + 1 if d.versterkt_bereik else 1.0
        self.bereik = p["overgangen.in_beeld.bereik_doorstroompunt_per_maand"] * extra

    def _verdeel_budget(self, model) -> np.ndarray:
        """Budget per regio per jaar volgens de verdeelsleutel van het scenario."""
        b = self.scenario.budget
        totaal = b.regionaal_programma + b.mbo_begeleiding + b.nazorg_subsidie
        rg = model.regiogegevens
        if b.verdeelsleutel == "per_jongere":
            sleutel = rg.aandeel
        elif b.verdeelsleutel == "per_vsv":
            sleutel = rg.aandeel * rg.vsv_factor
        elif b.verdeelsleutel == "risicomodel":
            pop = model.populatie
            score = self.risicoscore(pop, np.arange(len(pop)))
            sleutel = np.bincount(pop.regio, weights=score, minlength=AANTAL_REGIOS)
        else:
            sleutel = np.array([b.tabel.get(str(r), 0.0) for r in range(1, AANTAL_REGIOS + 1)])
        return totaal * sleutel / sleutel.sum()

    def risicoscore(self, pop: Populatie, rijen: np.ndarray) -> np.ndarray:
        """Voorspeld risico (hoger = eerder aan de beurt): uitvalrisico maal een factor zonder SK."""
        regels = self.model.regels
        return (regels.vsv_risico[risicocode(pop, rijen)]
                * np.where(pop.startkwalificatie[rijen], 1.0, self.prioriteit_sk))

    # ------------------------------------------------------------------------------ de maand
    def bepaal_kandidaten(self, pop: Populatie, t: int) -> None:
        """Wie komt deze maand in aanmerking, voor welke hefboom; geeft elke regio haar kandidaten."""
        delen, hefboom = [], []
        if self.actief[TIJDENS] or self.actief[COACHING]:
            ond = np.flatnonzero((pop.toestand == c.ONDERWIJS) & (pop.leerjaar >= 1))
            dg = self.doelgroep[cel(pop, ond)]
            coach = ond[self.coaching[dg]]
            tijdens = ond[self.tijdens[dg] & ~self.coaching[dg]]
            delen += [coach, tijdens]
            hefboom += [COACHING, TIJDENS]
        buiten = None
        if self.actief[NAZORG]:
            n = self.scenario.nazorg
            recent = np.flatnonzero((pop.uitstroommaand >= 0) & (t - pop.uitstroommaand < n.maanden_na_uitstroom)
                                    & (pop.toestand != c.ONDERWIJS) & pop.actief())
            recent = recent[self.na[self.doelgroep[cel(pop, recent)]]]
            if not n.ook_zonder_diploma:
                recent = recent[~np.isin(pop.uitstroomgroep[recent], _ZONDER_DIPLOMA)]
            delen.append(recent)
            hefboom.append(NAZORG)
            buiten = recent
        if self.actief[GEMEENTE]:
            # nieuw onder art. 7a: ook wie geen uitkering heeft (thuis, in beeld); bijstandsgerechtigden kregen
            # al begeleiding onder de Participatiewet en zitten dus ook in het nulalternatief
            gem = (pop.toestand == c.THUIS) & pop.in_beeld
            if buiten is not None:
                gem[buiten] = False
            delen.append(np.flatnonzero(gem))
            hefboom.append(GEMEENTE)
        self.kandidaten = np.concatenate(delen) if delen else np.zeros(0, np.int64)
        self.hefboom = (np.concatenate([np.full(len(d), h, np.int8) for d, h in zip(delen, hefboom)])
                        if delen else np.zeros(0, np.int8))

        # wie al begeleid werd gaat voor; daarna de regel van het scenario
        rijen = self.kandidaten
        al_bediend = pop.begeleiding[rijen] == 1
        nieuw = pop.begeleiding[rijen] == 0
        pop.begeleiding_sinds[rijen[nieuw]] = t
        regel = self.scenario.budget.toewijzing
        if regel == "hoogste_risico":
            sleutel = -self.risicoscore(pop, rijen)
        elif regel == "wie_eerst_komt":
            sleutel = pop.begeleiding_sinds[rijen].astype(float)
        else:
            sleutel = self.model.toeval("beleid", t).random(len(pop))[rijen]
        volgorde = np.lexsort((sleutel, ~al_bediend, pop.regio[rijen]))
        self.kandidaten, self.hefboom = rijen[volgorde], self.hefboom[volgorde]
        # de schaal vermenigvuldigt elke rij; het budget is in euro voor echte jongeren
        self.kosten = self.kosten_maand[self.hefboom] * self.model.schaal
        self.grenzen = np.searchsorted(pop.regio[self.kandidaten], np.arange(AANTAL_REGIOS + 1))

    def effecten(self, pop: Populatie, t: int, bediend: np.ndarray) -> Effecten:
        """Factoren op de kansen voor wie deze maand begeleid wordt (`bediend`: per kandidaat)."""
        n = len(pop)
        oud = pop.begeleiding.copy()
        pop.begeleiding[oud != 0] = 0
        pop.begeleiding[self.kandidaten] = np.where(bediend, 1, 2)
        weg = (oud != 0) & (pop.begeleiding == 0)
        pop.begeleiding_sinds[weg] = -1
        self._bediend_masker = bediend
        self._bediend_rijen, self._bediend_hefboom = self.kandidaten[bediend], self.hefboom[bediend]

        effect = Effecten(bereik_doorstroompunt=self.bereik,
                          leeftijdsgrens_doorstroompunt_maanden=self.scenario.doorstroompunt.leeftijdsgrens * 12)
        lc = self._levenscoaching(pop, t)
        if not len(self._bediend_rijen) and not len(lc):
            return effect
        rijen, h = self._bediend_rijen, self._bediend_hefboom
        vsv, vind, verlies, terug, zorg = self._factoren.nieuw(n, np.concatenate([rijen, lc]))
        vsv[rijen] = 1 - self.vsv_daling[h]
        vind[rijen] = self.baanvinden[h]
        nazorg = rijen[h == NAZORG]
        verlies[nazorg] = self.baanbehoud
        terug[nazorg[~pop.startkwalificatie[nazorg]]] = self.terugkeer
        vind[lc] *= self.baanvinden[LEVENSCOACHING]
        zorg[lc] = self.zorg_uitstroom
        effect.vsv, effect.baanvinden, effect.baanverlies, effect.terugkeer, effect.zorg_uitstroom = (
            vsv, vind, verlies, terug, zorg)
        return effect

    def _levenscoaching(self, pop: Populatie, t: int) -> np.ndarray:
        """Wie deze maand levenscoaching krijgt: multiproblematiek, 18 of ouder, niet op school of aan het werk,
        en nog binnen het ene traject van `beleid.levenscoaching.maanden` maanden (dat begint bij de eerste keer)."""
        self._lc = np.zeros(0, np.int64)
        if not self.actief[LEVENSCOACHING]:
            return self._lc
        leeftijd = pop.leeftijd_maanden()
        kan = np.flatnonzero(pop.multiproblematiek & np.isin(pop.toestand, (c.THUIS, c.UITKERING, c.ZORG))
                             & (leeftijd >= 18 * 12))
        sinds = pop.levenscoaching_sinds[kan]
        nieuw = kan[sinds < 0]
        pop.levenscoaching_sinds[nieuw] = t
        self._lc = kan[(sinds < 0) | (t - sinds < self.levenscoaching_maanden)]
        return self._lc

    def na_stap(self, pop: Populatie, stromen: Stromen, t: int) -> None:
        """Boekhouding: gekwalificeerd en bediend per hefboom, doelgroep en regio; budget per regio."""
        vorm = (len(HEFBOMEN), len(DOELGROEPEN) + 1, AANTAL_REGIOS)

        def code(rijen, hefboom):
            dg = self.doelgroep[cel(pop, rijen)]
            return (hefboom.astype(np.int64) * vorm[1] + dg) * vorm[2] + pop.regio[rijen]

        def kubus(codes):
            return np.bincount(codes, minlength=np.prod(vorm)).reshape(vorm).astype(float)

        kandidaten = code(self.kandidaten, self.hefboom)
        # levenscoaching: iedereen bediend
        lc = kubus(code(self._lc, np.full(len(self._lc), LEVENSCOACHING, np.int8))) if len(self._lc) else 0.0
        self._maanden.append(t)
        self._gekwalificeerd.append((kubus(kandidaten) + lc) * self.model.schaal)
        self._bediend.append((kubus(kandidaten[self._bediend_masker]) + lc) * self.model.schaal)
        self._budget.append(self.budget_per_jaar / 12.0)
        if self.model.uitsplitsing:
            rijen = np.concatenate([self._bediend_rijen, self._lc])
            hefboom = np.concatenate([self._bediend_hefboom, np.full(len(self._lc), LEVENSCOACHING, np.int8)])
            groep = c.groepcode(pop.schooltype[rijen], pop.migratie[rijen], pop.multiproblematiek[rijen])
            self._bediend_groep.append(np.bincount(hefboom.astype(np.int64) * c.NG_GROEPEN + groep,
                                                   minlength=len(HEFBOMEN) * c.NG_GROEPEN)
                                       .reshape(len(HEFBOMEN), c.NG_GROEPEN) * float(self.model.schaal))

    # ------------------------------------------------------------------------------ inzage
    def cijfers(self) -> "Begeleidingscijfers":
        """De boekhouding van alle maanden tot nu toe, als arrays."""
        vorm = (0, len(HEFBOMEN), len(DOELGROEPEN) + 1, AANTAL_REGIOS)
        stapel = (lambda x: np.stack(x) if x else np.zeros(vorm))  # noqa: E731
        return Begeleidingscijfers(list(self._maanden), stapel(self._gekwalificeerd), stapel(self._bediend),
                                   np.nan_to_num(self.kosten_maand),
                                   np.stack(self._budget) if self._budget else np.zeros((0, AANTAL_REGIOS)),
                                   np.stack(self._bediend_groep) if self._bediend_groep else None)


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
