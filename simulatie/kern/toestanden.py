"""Toestanden en de maandelijkse overgangsregels, gevectoriseerd over de hele populatie.

Eén aanroep van `Overgangsregels.stap` is één maand voor alle rijen tegelijk. Volgorde in een maand:
  1. wie 27 wordt verlaat de doelgroep (toestand UIT);
  2. uitkeringen die vanzelf veranderen: na de zoektermijn van vier weken begint de aangevraagde bijstand
     (of ziet de jongere ervan af); wie het einde van zijn WW bereikt, vraagt bijstand aan of komt thuis;
  3. juli: diploma's voor wie het laatste leerjaar afmaakt (doorstromen of de arbeidsmarkt op), en
     afstroom van havo/vwo naar het mbo voor wie het jaar niet haalt;
  4. september: iedereen in het onderwijs gaat een leerjaar verder (nieuwe cohorten beginnen op 1);
  5. uitval uit het onderwijs (vsv als zonder startkwalificatie en onder 23);
  6. werk, uitkering (bijstand, WW, Wajong), zorg en thuis: concurrerende risico's naar elke andere toestand;
  7. Doorstroompunt: thuiszittenden buiten beeld worden bereikt.
Elke rij doet hooguit één overgang per maand. De trekkingen (uniforme getallen per rij) komen van
buiten, zodat een scenario en het nulalternatief dezelfde trekkingen voor dezelfde jongere gebruiken.

Uitkering: WW alleen na werk (minstens een half jaar, de wekeneis), Wajong alleen met een beperking, en
bijstand pas na de zoektermijn: wie bijstand aanvraagt is eerst een maand thuis (`uitkering_type`
'bijstand' bij toestand 'thuis'). Wajong en dagbesteding gaan vaak samen: wie in zorg is met `uitkering_type`
'wajong' krijgt de Wajong naast de zorg (zo telt het UWV haar ook).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.kern import kernen
from simulatie.invoer.parameters import Parameters
from simulatie.kern.populatie import UIT, Populatie, risicoprevalentie

VOLGENDE_STAP = {  # na een diploma: (parameter doorstroomkans, volgend schooltype, volgend niveau)
    (c.MBO, 1): ("entree_naar_mbo_2", c.MBO, 2),
    (c.MBO, 2): ("mbo_2_naar_mbo_3", c.MBO, 3),
    (c.MBO, 3): ("mbo_3_naar_mbo_4", c.MBO, 4),
    (c.MBO, 4): ("mbo_4_naar_ho", c.HO, c.HBO),
    (c.PRO, 0): ("pro_naar_mbo", c.MBO, 1),
    (c.VSO, 0): ("vso_naar_mbo", c.MBO, 1),
}

# Stromen die het model telt (per regio en schooltype). 'uit_27' is wie de doelgroep verlaat.
STROMEN = ("nieuwe_vsv", "schoolverlaters", "diploma", "startkwalificatie_behaald", "baanstart",
           "baanverlies", "naar_uitkering", "uit_uitkering", "terug_naar_school", "in_beeld_gekomen",
           "uit_27", "wajong_toegekend")

# Herkomst voor de maandkansen: de toestand buiten het onderwijs, met de uitkering naar soort
HERKOMSTEN = ("werk", "bijstand", "ww", "wajong", "zorg", "thuis")


def maandkans(jaarkans):
    """Jaarkans naar maandkans: dezelfde overleving over twaalf maanden."""
    return maandkans_over(jaarkans, 12)


def maandkans_over(kans, maanden: int):
    """De maandkans die over `maanden` maanden samen `kans` geeft."""
    return 1.0 - (1.0 - np.asarray(kans, dtype=float)) ** (1.0 / maanden)


# het tussenjaar: van de zomer van het diploma tot en met september een jaar later
TUSSENJAAR_MAANDEN = 15


def risicocode(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """Bits: 1 = startkwalificatie, 2 = migratie, 4 = beperking, 8 = multiproblematiek."""
    return (pop.startkwalificatie[rijen].astype(np.uint8) | (pop.migratie[rijen].astype(np.uint8) << 1)
            | (pop.beperking[rijen].astype(np.uint8) << 2) | (pop.multiproblematiek[rijen].astype(np.uint8) << 3))


def _factor_tabel(sk: float, mig: float, bep: float, multi: float) -> np.ndarray:
    """Vermenigvuldigingsfactor per risicocode (16 combinaties). `sk` geldt voor wie GEEN SK heeft."""
    codes = np.arange(16)
    return (np.where(codes & 1, 1.0, sk) * np.where(codes & 2, mig, 1.0) * np.where(codes & 4, bep, 1.0)
            * np.where(codes & 8, multi, 1.0))


def codekansen(prevalentie: tuple[float, float, float], sk: bool) -> np.ndarray:
    """Kans op elke risicocode bij onafhankelijke kenmerken (multiproblematiek, migratie, beperking)."""
    multi, mig, bep = prevalentie
    codes = np.arange(16)
    kans = (np.where(codes & 2, mig, 1 - mig) * np.where(codes & 4, bep, 1 - bep)
            * np.where(codes & 8, multi, 1 - multi))
    return np.where((codes & 1).astype(bool) == sk, kans, 0.0)


@dataclass
class Effecten:
    """Wat het beleid deze maand aan de kansen verandert: een factor per rij (array) of voor iedereen."""

    vsv: float | np.ndarray = 1.0
    baanvinden: float | np.ndarray = 1.0
    baanverlies: float | np.ndarray = 1.0
    terugkeer: float | np.ndarray = 1.0
    zorg_uitstroom: float | np.ndarray = 1.0
    bereik_doorstroompunt: float = 0.0
    leeftijdsgrens_doorstroompunt_maanden: int = 23 * 12
    vsv_trend: float = 1.0  # factor op alle uitvalkansen (opwarmen: het vsv-niveau van dat schooljaar)


def _logit(p):
    return np.log(p) - np.log1p(-p)


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _deel(x, rijen):
    return x[rijen] if isinstance(x, np.ndarray) else x


def _kolommen(pop: Populatie) -> tuple:
    """De kolommen die kernen.py per rij leest, in zijn volgorde."""
    return (pop.toestand, pop.uitkering_type, pop.startkwalificatie, pop.migratie, pop.beperking,
            pop.multiproblematiek, pop.in_beeld, pop.maanden_in_toestand, pop.regio, pop.uitstroomgroep,
            pop.uitstroommaand, pop.geboortemaand)


def _effecten(effect: Effecten) -> tuple:
    """De effecten op de kansen buiten school als arrays: lengte 1 (voor iedereen) of één per rij."""
    return tuple(np.atleast_1d(np.asarray(x, dtype=np.float32))
                 for x in (effect.baanvinden, effect.terugkeer, effect.baanverlies, effect.zorg_uitstroom))


def cel(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """Opleidingscel (schooltype x niveau x leerweg), plat: de index van de tabellen per opleiding."""
    return (pop.schooltype[rijen].astype(np.int32) * 5 + pop.niveau[rijen]) * len(c.LEERWEGEN) + pop.leerweg[rijen]


def _groeptabellen() -> tuple[np.ndarray, np.ndarray]:
    """Uitstroomgroep per opleidingscel (zie `cel`): na een diploma, en bij uitval (tweede as: zonder/met
    startkwalificatie)."""
    g = c.UITSTROOMGROEP
    st, nv, lw = (x.reshape(-1) for x in np.indices((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN))))
    bbl = lw == c.BBL
    diploma = np.select(
        [st == c.PRO, st == c.VSO, st == c.HO, (st == c.HAVO) | (st == c.VWO), st == c.VMBO, nv == 1, nv == 2],
        [g["pro"], g["vso"], g["ho"], g["havo_vwo"], g["vsv_vo"], np.where(bbl, g["entree_bbl"], g["entree_bol"]),
         np.where(bbl, g["mbo2_bbl"], g["mbo2_bol"])],
        np.where(bbl, g["mbo34_bbl"], g["mbo34_bol"])).astype(np.int8)
    zonder_sk = np.select([st == c.MBO, st == c.PRO, st == c.VSO, st == c.HO, (st == c.HAVO) | (st == c.VWO)],
                          [g["vsv_mbo"], g["pro"], g["vso"], g["ho_uitval"], g["vsv_havo_vwo"]], g["vsv_vo"])
    # uitval met SK: uit het mbo de groep van het niveau, uit het ho 'ho_uitval'
    met_sk = np.where(st == c.MBO, diploma, np.where(st == c.HO, g["ho_uitval"], zonder_sk))
    return diploma, np.stack([zonder_sk, met_sk], axis=1).astype(np.int8)


DIPLOMAGROEP, UITVALGROEP = _groeptabellen()
# Uitstroomgroepen met startkwalificatie (voor de normering van de kans op werk na school)
_MET_SK = {"mbo2_bol", "mbo34_bol", "mbo2_bbl", "mbo34_bbl", "ho", "havo_vwo", "ho_uitval"}
# Schooltype waarvan de samenstelling (risicofactoren) een uitstroomgroep benadert
_GROEP_SCHOOLTYPE = {"vso": c.VSO, "pro": c.PRO, "vsv_vo": c.VMBO, "ho": c.HO, "havo_vwo": c.HAVO,
                     "vsv_havo_vwo": c.HAVO, "ho_uitval": c.HO}


@dataclass
class Stromen:
    """De rijen die deze maand een stroom doormaakten (voor tellingen per regio en schooltype)."""

    rijen: dict[str, list[np.ndarray]] = field(default_factory=lambda: {s: [] for s in STROMEN})
    uit_27_toestand: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))
    ervaren_werk: list[np.ndarray] = field(default_factory=list)  # naar werk met een jaar ervaring (bbl)

    def voeg(self, naam: str, rijen: np.ndarray) -> None:
        if len(rijen):
            self.rijen[naam].append(rijen)

    def alle(self, naam: str) -> np.ndarray:
        delen = self.rijen[naam]
        return np.concatenate(delen) if delen else np.zeros(0, np.int64)


class Overgangsregels:
    """De kansen uit de parameters, klaargezet als opzoektabellen; `stap` past ze toe op de populatie.

    Groepskansen uit de bronnen (uitval per opleiding, werk direct na school per uitstroomgroep) gelden voor
    de groep als geheel; risicofactoren verschuiven ze per persoon. De normering daarvan gebeurt op de
    samenstelling bij binnenkomst (de prevalenties per vo-route), niet op een populatie: de regels bestaan
    dan al vóór het opwarmen en hangen alleen van de parameters af."""

    def __init__(self, p: Parameters, regio_vsv_factor: np.ndarray, regio_krapte: np.ndarray):
        self.p = p
        self.regio_vsv_factor = np.asarray(regio_vsv_factor, dtype=float)
        self.regio_krapte = np.asarray(regio_krapte, dtype=float)
        self.regio_baanfactor = np.asarray(regio_krapte, dtype=float) ** p["overgangen.factor.regio_krapte_gewicht"]
        self._duur_tabel(p)
        f = "overgangen.factor."
        r = "overgangen.vsv_risico."
        self.vsv_risico = _factor_tabel(1.0, p[r + "migratie"], p[r + "beperking"], p[r + "multiproblematiek"])
        self.baanvinden_risico = _factor_tabel(p[f + "baanvinden_zonder_sk"], p[f + "baanvinden_migratie"],
                                               p[f + "baanvinden_beperking"], p[f + "baanvinden_multiproblematiek"])
        verlies = p[f + "baanverlies_risico"]
        self.baanverlies_risico = _factor_tabel(p[f + "baanverlies_zonder_sk"], 1.0, verlies, verlies)
        # beperking en multiproblematiek samen tellen één keer
        self.baanverlies_risico[(np.arange(16) & 12) == 12] /= verlies
        self._vsv_tabel(p)
        self._maandkansen(p)
        self._uitkeringen(p)
        self._bestemmingen(p)
        self._kern: tuple | None = None  # de tabellen voor kernen.py, bij het eerste gebruik

    # ------------------------------------------------------------------------------------ tabellen
    def _duur_tabel(self, p: Parameters) -> None:
        d = "populatie.opleidingsduur."
        self.duur = np.zeros((len(c.SCHOOLTYPEN), 5), np.int8)
        for naam, st in (("vmbo", c.VMBO), ("pro", c.PRO), ("vso", c.VSO), ("havo", c.HAVO), ("vwo", c.VWO)):
            self.duur[st, 0] = p[d + naam]
        for niveau in (1, 2, 3, 4):
            self.duur[c.MBO, niveau] = p[f"{d}mbo_{niveau}"]
        self.duur[c.HO, c.HBO], self.duur[c.HO, c.WO] = p[d + "hbo"], p[d + "wo"]
        z = "overgangen.zittenblijven."
        self.zittenblijven = np.array([p[z + naam] for naam in c.SCHOOLTYPEN], np.float32)

    def _vsv_tabel(self, p: Parameters) -> None:
        """Uitvalkans per maand per opleiding (schooltype x niveau x leerweg), genormeerd zodat een groep met
        de samenstelling bij binnenkomst gemiddeld de gepubliceerde kans houdt."""
        v = "overgangen.vsv_kans_per_jaar."
        jaar = np.zeros((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN)))
        for naam, lw in ((("vmbo_basis", c.BASIS), ("vmbo_kader", c.KADER), ("vmbo_gemengd", c.GEMENGD),
                          ("vmbo_theoretisch", c.THEORETISCH))):
            jaar[c.VMBO, 0, lw] = min(1.0, p[v + naam] * p[v + "vmbo_factor"])
        for naam, st in (("pro", c.PRO), ("vso", c.VSO), ("havo", c.HAVO), ("vwo", c.VWO)):
            jaar[st, 0, c.GEEN] = p[v + naam]
        jaar[c.HO, c.HBO, c.GEEN], jaar[c.HO, c.WO, c.GEEN] = p[v + "hbo"], p[v + "wo"]
        for niveau in (1, 2, 3, 4):
            jaar[c.MBO, niveau, c.BOL] = p[f"{v}mbo_{niveau}_bol"]
            jaar[c.MBO, niveau, c.BBL] = p[f"{v}mbo_{niveau}_bbl"]
        gemiddeld = np.array([codekansen(risicoprevalentie(p, st), sk=False) @ self.vsv_risico
                              for st in range(len(c.SCHOOLTYPEN))])
        self.vsv_maand = (maandkans(jaar) / gemiddeld[:, None, None]).reshape(-1)  # plat: index = `cel`

    def _maandkansen(self, p: Parameters) -> None:
        """H[herkomst, naar]: basiskans per maand (herkomst in HERKOMSTEN, naar in TOESTANDEN)."""
        self.H = np.zeros((len(HERKOMSTEN), len(c.TOESTANDEN)))
        for i, van in enumerate(HERKOMSTEN):
            for j, naar in enumerate(c.TOESTANDEN):
                naam = f"overgangen.maandkans.{van}_{naar}"
                if naar != _TOESTAND_VAN_HERKOMST[van] and naam in p:
                    self.H[i, j] = p[naam]
        f = "overgangen.factor."
        for naar in (c.UITKERING, c.ZORG, c.THUIS):
            self.H[HERKOMSTEN.index("werk"), naar] *= p[f + "baanverlies_schaal"]
        self.H_naar_van = np.ascontiguousarray(self.H.T.astype(np.float32))  # [naar, herkomst]
        self.duur_per_jaar = p[f + "baanvinden_duur_per_jaar"]
        # factor op de baankans naar maanden in de toestand (een tabel: machtsverheffen per rij is traag)
        maanden = np.arange(c.LEEFTIJDSGRENS_MAANDEN + 1)
        self.duur_factor = (self.duur_per_jaar ** (np.maximum(maanden - 6, 0) / 12.0)).astype(np.float32)
        self.onder_18 = p[f + "baanvinden_onder_18"]
        self.verlies_eerste_jaar = p[f + "baanverlies_eerste_jaar"]
        self.terug_vanaf_23 = p[f + "terugkeer_onderwijs_vanaf_23"]
        self.terug_met_sk = p[f + "terugkeer_onderwijs_met_sk"]
        # havo/vwo-gediplomeerden die niet direct doorstuderen: een deel gaat na een tussenjaar alsnog naar het ho
        d = "overgangen.doorstroom."
        self.tussenjaar = float(maandkans_over(p[d + "tussenjaar_naar_ho"], TUSSENJAAR_MAANDEN))
        self.hbo_naar_wo_master = p[d + "hbo_naar_wo_master"]
        self.in_beeld_factor = p[f + "in_beeld_naar_school_en_werk"]
        self.in_beeld_bij_thuiskomst = p["overgangen.in_beeld.bij_thuiskomst"]

    def _uitkeringen(self, p: Parameters) -> None:
        u = "overgangen.uitkering."
        self.ww_eis_maanden = int(p[u + "ww_wekeneis_maanden"])
        self.ww_duur_maanden = int(p[u + "ww_duur_maanden"])
        self.ww_einde_bijstand = p[u + "na_ww_bijstand"]
        self.afzien_na_zoektermijn = p[u + "afzien_na_zoektermijn"]
        # kans dat een uitkering met een beperking Wajong is (anders bijstand), per herkomst
        self.wajong = {"school": p[u + "wajong_bij_beperking_na_school"],
                       "thuis": p[u + "wajong_bij_beperking_thuis"], "zorg": p[u + "wajong_bij_beperking_zorg"]}

    def _bestemmingen(self, p: Parameters) -> None:
        """Per uitstroomgroep: kans op werk direct na school (als log-odds, genormeerd op de samenstelling
        bij binnenkomst), en de verdeling van de rest."""
        b = "overgangen.bestemming_na_uitstroom."
        n = len(c.UITSTROOMGROEPEN)
        werk = np.full(n, 0.5)
        self.zorg_van_rest = np.full(n, p[b + "zorg_van_rest"])
        for naam, code in c.UITSTROOMGROEP.items():
            if naam != "nog_niet":
                werk[code] = p[f"{b}werk_{naam}"]
        self.zorg_van_rest[c.UITSTROOMGROEP["vso"]] = p[b + "vso_zorg_van_rest"]
        self.uitkering_van_rest = p[b + "uitkering_van_rest"]
        d = "overgangen.doorstroom."
        self.doorstroom = {k: (p[d + naam], st, nv) for k, (naam, st, nv) in VOLGENDE_STAP.items()}
        self.havo_naar_ho, self.havo_naar_mbo = p[d + "havo_naar_ho"], p[d + "havo_naar_mbo"]
        self.vwo_naar_ho, self.vwo_naar_wo = p[d + "vwo_naar_ho"], p[d + "vwo_naar_wo"]
        self.afstroom = np.zeros(len(c.SCHOOLTYPEN))
        self.afstroom[c.HAVO], self.afstroom[c.VWO] = p[d + "havo_afstroom_naar_mbo"], p[d + "vwo_afstroom_naar_havo"]
        self.vmbo_naar_mbo = p[d + "vmbo_naar_mbo"]
        self.vmbo_gt_naar_havo = p[d + "vmbo_gt_naar_havo"]
        # per vmbo-leerweg: (laagste niveau, kans op minstens één niveau hoger, kans op twee niveaus hoger);
        # kader kan naar niveau 2, 3 of 4 (het kaderdiploma geeft toegang tot niveau 3 en 4)
        kader_4 = p[d + "vmbo_kader_naar_niveau_4"]
        self.vmbo_niveau = {
            c.BASIS: (1, 1 - p[d + "vmbo_basis_naar_entree"], 0.0),
            c.KADER: (2, kader_4 + (1 - kader_4) * p[d + "vmbo_kader_naar_niveau_3"], kader_4),
            c.GEMENGD: (3, p[d + "vmbo_gt_naar_niveau_4"], 0.0),
            c.THEORETISCH: (3, p[d + "vmbo_gt_naar_niveau_4"], 0.0),
        }
        self.bbl_aandeel = np.array([0.0] + [p[f"populatie.bbl_aandeel.mbo_{k}"] for k in (1, 2, 3, 4)])
        # log-odds per groep zodat het groepsgemiddelde bij de samenstelling van binnenkomst de bron houdt
        log_factor = np.log(self.baanvinden_risico)
        self.werk_logit = np.zeros(n)
        for naam, code in c.UITSTROOMGROEP.items():
            if naam == "nog_niet":
                continue
            st = _GROEP_SCHOOLTYPE.get(naam, c.MBO)
            kans = codekansen(risicoprevalentie(p, st), sk=naam in _MET_SK)
            doel = float(np.clip(werk[code], 1e-6, 1 - 1e-6))
            laag, hoog = -20.0, 20.0
            for _ in range(60):  # bisectie op de verschuiving
                midden = (laag + hoog) / 2
                if kans @ _expit(_logit(doel) + midden + log_factor) > doel:
                    hoog = midden
                else:
                    laag = midden
            self.werk_logit[code] = _logit(doel) + (laag + hoog) / 2

    # ------------------------------------------------------------------------------------ de maand
    def stap(self, pop: Populatie, t: int, u: np.ndarray, effect: Effecten) -> Stromen:
        """Eén maand. `u` heeft vorm (4, n): onafhankelijke uniforme trekkingen per rij; in september een vijfde
        rij voor het zittenblijven (zonder die rij gaat iedereen over)."""
        m = t % 12 + 1
        pop.maand = t
        stromen = Stromen()
        leeftijd = t - pop.geboortemaand
        begin = pop.toestand.copy()
        gewijzigd = np.zeros(len(pop), dtype=bool)
        # de groepen rijen naar de toestand bij het begin van de maand (wie 27 wordt, valt erbuiten)
        oud = (leeftijd >= c.LEEFTIJDSGRENS_MAANDEN) & (begin != UIT)
        nog = ~oud & (begin != UIT)
        uitkering_of_thuis = np.flatnonzero(nog & ((begin == c.THUIS) | (begin == c.UITKERING)))
        achttien = np.flatnonzero(nog & (leeftijd == 18 * 12) & ((begin == c.THUIS) | (begin == c.ZORG)))
        ond = np.flatnonzero(nog & (begin == c.ONDERWIJS))
        buiten_school = np.flatnonzero(nog & (begin != c.ONDERWIJS))
        thuis = np.flatnonzero(nog & (begin == c.THUIS) & ~pop.in_beeld & ~pop.startkwalificatie
                               & (leeftijd < effect.leeftijdsgrens_doorstroompunt_maanden))
        oud = np.flatnonzero(oud)

        # 1. 27 jaar: de doelgroep uit
        stromen.voeg("uit_27", oud)
        stromen.uit_27_toestand = begin[oud]
        pop.toestand[oud] = UIT
        gewijzigd[oud] = True

        # 2. uitkeringen die vanzelf veranderen, en de Wajong-beoordeling op 18 jaar
        self._zoektermijn_en_ww_einde(pop, uitkering_of_thuis, begin, gewijzigd, u, stromen)
        self._wajong_op_18(pop, achttien[~gewijzigd[achttien]], begin, gewijzigd, u, stromen)

        if m == 7:  # 3. diploma's en afstroom
            klaar = ond[pop.leerjaar[ond] >= self.duur[pop.schooltype[ond], pop.niveau[ond]]]
            self._diplomeer(pop, klaar, t, leeftijd, u, stromen)
            gewijzigd[klaar] = True
            self._afstroom(pop, ond[~gewijzigd[ond]], u, gewijzigd)
        if m == 9:  # 4. nieuw schooljaar: een leerjaar verder, behalve wie blijft zitten (of vertraagt)
            if len(u) > 4:
                blijft = (pop.leerjaar[ond] > 0) & (u[4, ond] < self.zittenblijven[pop.schooltype[ond]])
                pop.leerjaar[ond] += ~blijft
            else:
                pop.leerjaar[ond] += 1

        # 5. uitval: wie in een opleiding zit (niet wie in de zomer op de start wacht)
        ond = ond[~gewijzigd[ond] & (pop.leerjaar[ond] >= 1)]
        uitval = ond[kernen.uitval(ond.astype(np.int64), u[0], pop.schooltype, pop.niveau, pop.leerweg,
                                   pop.startkwalificatie, pop.migratie, pop.beperking, pop.multiproblematiek, pop.regio,
                                   self.vsv_maand, self.vsv_risico, self.regio_vsv_factor,
                                   np.atleast_1d(np.asarray(effect.vsv, np.float32)), float(effect.vsv_trend),
                                   len(c.LEERWEGEN))]
        groep = UITVALGROEP[cel(pop, uitval), pop.startkwalificatie[uitval].astype(np.intp)]
        self._verlaat_school(pop, uitval, groep, t, leeftijd, u, stromen, vsv_mogelijk=True)
        gewijzigd[uitval] = True

        # 6. werk, uitkering, zorg en thuis: concurrerende risico's, voor alle herkomsten in één keer
        self._wissel(pop, buiten_school[~gewijzigd[buiten_school]], t, leeftijd, u, effect, stromen, gewijzigd)

        # 7. Doorstroompunt bereikt thuiszitters buiten beeld (onder de leeftijdsgrens, zonder SK)
        thuis = thuis[~gewijzigd[thuis]]
        bereikt = thuis[u[2, thuis] < effect.bereik_doorstroompunt]
        pop.in_beeld[bereikt] = True
        stromen.voeg("in_beeld_gekomen", bereikt)

        pop.maanden_in_toestand += 1
        pop.maanden_in_toestand[gewijzigd] = 0
        for rijen in stromen.ervaren_werk:
            pop.maanden_in_toestand[rijen] = 12
        return stromen

    # ------------------------------------------------------------------------------------ uitkeringen
    def herkomst(self, pop: Populatie, rijen: np.ndarray) -> np.ndarray:
        """Index in HERKOMSTEN: de toestand buiten het onderwijs, met de uitkering naar soort."""
        return _HERKOMST[pop.toestand[rijen], pop.uitkering_type[rijen]]

    def _zoektermijn_en_ww_einde(self, pop, kandidaten, begin, gewijzigd, u, stromen) -> None:
        """`kandidaten`: wie bij het begin van de maand thuis was of een uitkering had (en geen 27 werd)."""
        soort = pop.uitkering_type[kandidaten]
        # na de zoektermijn (vier weken: de maand na de aanvraag) begint de bijstand, tenzij de jongere afziet
        wacht = kandidaten[(begin[kandidaten] == c.THUIS) & (soort == c.BIJSTAND)]
        afzien = u[3, wacht] < self.afzien_na_zoektermijn
        pop.uitkering_type[wacht[afzien]] = c.GEEN_UITKERING
        begint = wacht[~afzien]
        pop.toestand[begint] = c.UITKERING
        gewijzigd[begint] = True
        stromen.voeg("naar_uitkering", begint)
        # WW is na de maximale duur op: bijstand aanvragen (zoektermijn) of thuis
        op = kandidaten[(begin[kandidaten] == c.UITKERING) & (soort == c.WW)
                        & (pop.maanden_in_toestand[kandidaten] >= self.ww_duur_maanden)]
        bijstand = u[3, op] < self.ww_einde_bijstand
        pop.toestand[op] = c.THUIS
        pop.uitkering_type[op] = np.where(bijstand, c.BIJSTAND, c.GEEN_UITKERING)
        pop.in_beeld[op] = bijstand | (u[2, op] < self.in_beeld_bij_thuiskomst)
        gewijzigd[op] = True
        stromen.voeg("uit_uitkering", op)

    def _wajong_op_18(self, pop, rijen, begin, gewijzigd, u, stromen) -> None:
        """Wie met een beperking van school kwam en op zijn 18e thuis of in de zorg is, wordt voor de Wajong
        beoordeeld (de uitkering begint op 18): met dezelfde kans als wie op 18 of later van school gaat.
        `rijen`: wie deze maand precies 18 is en thuis of in zorg was."""
        rijen = rijen[pop.beperking[rijen] & (pop.uitkering_type[rijen] == c.GEEN_UITKERING)
                      & (pop.uitstroommaand[rijen] >= 0)]
        wajong = rijen[u[3, rijen] < self.wajong["school"]]
        pop.uitkering_type[wajong] = c.WAJONG
        thuis = wajong[begin[wajong] == c.THUIS]
        pop.toestand[thuis] = c.UITKERING
        pop.in_beeld[thuis] = True
        gewijzigd[thuis] = True
        stromen.voeg("naar_uitkering", thuis)
        stromen.voeg("wajong_toegekend", wajong)

    def _naar_uitkering(self, pop, rijen, herkomst: str, u3) -> np.ndarray:
        """Wie een uitkering krijgt of aanvraagt: het soort (WW, Wajong of bijstand in de zoektermijn).
        Geeft per rij de nieuwe toestand: 'uitkering', of 'thuis' voor wie de zoektermijn ingaat."""
        if herkomst == "werk":
            soort = np.where(pop.maanden_in_toestand[rijen] >= self.ww_eis_maanden, c.WW, c.BIJSTAND)
        else:
            al_wajong = pop.uitkering_type[rijen] == c.WAJONG  # uit de zorg, met Wajong
            wajong = al_wajong | (pop.beperking[rijen] & (u3 < self.wajong[herkomst]))
            soort = np.where(wajong, c.WAJONG, c.BIJSTAND)
        pop.uitkering_type[rijen] = soort
        return np.where(soort == c.BIJSTAND, c.THUIS, c.UITKERING).astype(np.int8)

    # ------------------------------------------------------------------------------------ overgangen
    def _zet(self, pop: Populatie, rijen: np.ndarray, toestand: np.ndarray, u3: np.ndarray) -> None:
        """Zet een nieuwe toestand buiten het onderwijs (zonder uitkering, behalve een Wajong die in de zorg
        doorloopt); wie thuis komt, is met een kans in beeld."""
        wajong_in_zorg = (toestand == c.ZORG) & (pop.uitkering_type[rijen] == c.WAJONG)
        pop.toestand[rijen] = toestand
        pop.uitkering_type[rijen] = np.where(wajong_in_zorg, c.WAJONG, c.GEEN_UITKERING)
        pop.in_beeld[rijen] = (toestand != c.THUIS) | (u3 < self.in_beeld_bij_thuiskomst)

    def _zet_uitkering(self, pop, rijen, herkomst: str, u3, stromen) -> None:
        """Naar een uitkering: WW of Wajong meteen, bijstand na de zoektermijn (dan eerst thuis, in beeld)."""
        al_wajong = pop.uitkering_type[rijen] == c.WAJONG
        toestand = self._naar_uitkering(pop, rijen, herkomst, u3)
        pop.toestand[rijen] = toestand
        pop.in_beeld[rijen] = True
        stromen.voeg("naar_uitkering", rijen[toestand == c.UITKERING])
        stromen.voeg("wajong_toegekend", rijen[(pop.uitkering_type[rijen] == c.WAJONG) & ~al_wajong])

    def _bestemming(self, pop: Populatie, rijen: np.ndarray, groep: np.ndarray, leeftijd: np.ndarray,
                    u2: np.ndarray) -> np.ndarray:
        """Toestand direct na school: werk (naar groep en persoonlijke kans), anders uitkering/zorg/thuis."""
        werk = _expit(self.werk_logit[groep] + np.log(self.baanvinden_risico[risicocode(pop, rijen)]))
        rest = 1.0 - werk
        uitk = rest * self.uitkering_van_rest * (leeftijd[rijen] >= 18 * 12)
        zorg = rest * self.zorg_van_rest[groep]
        # werk, uitkering, zorg en thuis hebben opeenvolgende codes: tel de drempels die u2 passeert
        return (c.WERK + (u2 >= werk).astype(np.int8) + (u2 >= werk + uitk)
                + (u2 >= werk + uitk + zorg)).astype(np.int8)

    def _verlaat_school(self, pop, rijen, groep, t, leeftijd, u, stromen, vsv_mogelijk: bool) -> None:
        if not len(rijen):
            return
        toestand = self._bestemming(pop, rijen, groep, leeftijd, u[1, rijen])
        uitk = toestand == c.UITKERING
        self._zet(pop, rijen[~uitk], toestand[~uitk], u[2, rijen[~uitk]])
        self._zet_uitkering(pop, rijen[uitk], "school", u[3, rijen[uitk]], stromen)
        # naar dagbesteding met een beperking (vanaf 18): vaak met Wajong ernaast
        zorg = rijen[(toestand == c.ZORG) & pop.beperking[rijen] & (leeftijd[rijen] >= 18 * 12)]
        wajong = zorg[u[3, zorg] < self.wajong["zorg"]]
        pop.uitkering_type[wajong] = c.WAJONG
        stromen.voeg("wajong_toegekend", wajong)
        pop.uitstroommaand[rijen] = t
        pop.uitstroomgroep[rijen] = groep
        pop.leerjaar[rijen] = 0
        stromen.voeg("schoolverlaters", rijen)
        if vsv_mogelijk:
            # DUO telt pro- en vso-verlaters niet als vsv'er
            nieuw = rijen[~pop.startkwalificatie[rijen] & (leeftijd[rijen] < c.VSV_LEEFTIJDSGRENS_MAANDEN)
                          & (pop.schooltype[rijen] != c.PRO) & (pop.schooltype[rijen] != c.VSO)]
            pop.vsv[nieuw] = True
            stromen.voeg("nieuwe_vsv", nieuw)
        stromen.voeg("baanstart", rijen[toestand == c.WERK])
        # wie na een bbl-opleiding werkt, werkte al bij de leerbedrijf: telt als een baan van minstens een jaar
        stromen.ervaren_werk.append(rijen[(toestand == c.WERK) & (pop.leerweg[rijen] == c.BBL)])

    def _start_opleiding(self, pop, rijen, schooltype, niveau, leerweg, leerjaar) -> None:
        pop.toestand[rijen] = c.ONDERWIJS
        pop.schooltype[rijen] = schooltype
        pop.niveau[rijen] = niveau
        pop.leerweg[rijen] = leerweg
        pop.leerjaar[rijen] = leerjaar
        pop.in_beeld[rijen] = True
        pop.uitkering_type[rijen] = c.GEEN_UITKERING

    def _diplomeer(self, pop: Populatie, klaar: np.ndarray, t, leeftijd, u, stromen: Stromen) -> None:
        """Juli: diploma. Dan doorstromen (vanaf september) of de arbeidsmarkt op."""
        stromen.voeg("diploma", klaar)
        st, nv = pop.schooltype[klaar], pop.niveau[klaar]
        # startkwalificatie: mbo-2 of hoger, havo of vwo
        sk_nieuw = klaar[(((st == c.MBO) & (nv >= 2)) | (st == c.HAVO) | (st == c.VWO))
                         & ~pop.startkwalificatie[klaar]]
        pop.startkwalificatie[sk_nieuw] = True
        stromen.voeg("startkwalificatie_behaald", sk_nieuw)

        # vmbo: door naar het mbo op een niveau dat bij de leerweg past (gemengd/theoretisch ook naar havo-4),
        # anders vsv uit het vo
        vmbo = klaar[st == c.VMBO]
        door = vmbo[u[3, vmbo] < self.vmbo_naar_mbo]
        gt = (pop.leerweg[door] == c.GEMENGD) | (pop.leerweg[door] == c.THEORETISCH)
        havo = door[gt & (u[1, door] < self.vmbo_gt_naar_havo)]
        self._start_opleiding(pop, havo, c.HAVO, 0, c.GEEN, 1)  # september: havo-4 (het tweede van drie jaar)
        door = door[~np.isin(door, havo)]
        if len(door):
            laag, een_hoger, twee_hoger = (np.array([self.vmbo_niveau.get(k, (0, 0.0, 0.0))[i]
                                                     for k in range(len(c.LEERWEGEN))]) for i in range(3))
            lw = pop.leerweg[door]
            niveau = laag[lw] + (u[2, door] < een_hoger[lw]) + (u[2, door] < twee_hoger[lw])
            leerweg = np.where(u[0, door] < self.bbl_aandeel[niveau], c.BBL, c.BOL)
            self._start_opleiding(pop, door, c.MBO, niveau, leerweg, 0)
        weg = vmbo[u[3, vmbo] >= self.vmbo_naar_mbo]
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["vsv_vo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=True)

        # havo: naar het ho, naar mbo-4, of de arbeidsmarkt op (met SK)
        havo = klaar[st == c.HAVO]
        naar_ho = havo[u[3, havo] < self.havo_naar_ho]
        naar_mbo = havo[(u[3, havo] >= self.havo_naar_ho) & (u[3, havo] < self.havo_naar_ho + self.havo_naar_mbo)]
        self._start_opleiding(pop, naar_ho, c.HO, c.HBO, c.GEEN, 0)
        self._start_opleiding(pop, naar_mbo, c.MBO, 4, np.where(u[0, naar_mbo] < self.bbl_aandeel[4], c.BBL, c.BOL), 0)
        weg = havo[u[3, havo] >= self.havo_naar_ho + self.havo_naar_mbo]
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["havo_vwo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=False)
        # vwo: naar het wo of het hbo, of de arbeidsmarkt op
        vwo = klaar[st == c.VWO]
        naar_ho = vwo[u[3, vwo] < self.vwo_naar_ho]
        self._start_opleiding(pop, naar_ho, c.HO, np.where(u[1, naar_ho] < self.vwo_naar_wo, c.WO, c.HBO), c.GEEN, 0)
        weg = vwo[u[3, vwo] >= self.vwo_naar_ho]
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["havo_vwo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=False)

        for (schooltype, niveau), (kans, volgend_type, volgend_niveau) in self.doorstroom.items():
            groep = klaar[(st == schooltype) & (nv == niveau)]
            door = groep[u[3, groep] < kans]
            if volgend_type == c.MBO and schooltype != c.MBO:  # pro/vso naar entree
                leerweg = np.where(u[0, door] < self.bbl_aandeel[1], c.BBL, c.BOL)
            else:
                leerweg = c.GEEN if volgend_type == c.HO else pop.leerweg[door]
            self._start_opleiding(pop, door, volgend_type, volgend_niveau, leerweg, 0)
            weg = groep[u[3, groep] >= kans]
            self._verlaat_school(pop, weg, DIPLOMAGROEP[cel(pop, weg)], t, leeftijd, u, stromen,
                                 vsv_mogelijk=schooltype == c.MBO)
        # ho: na een hbo-bachelor een deel naar een wo-master (de laatste twee jaar van het wo, met premaster)
        ho = klaar[st == c.HO]
        master = ho[(nv[st == c.HO] == c.HBO) & (u[3, ho] < self.hbo_naar_wo_master)]
        self._start_opleiding(pop, master, c.HO, c.WO, c.GEEN, self.duur[c.HO, c.WO] - 2)
        ho = ho[~np.isin(ho, master)]
        self._verlaat_school(pop, ho, np.full(len(ho), c.UITSTROOMGROEP["ho"], np.int8), t, leeftijd, u, stromen,
                             vsv_mogelijk=False)

    def _afstroom(self, pop: Populatie, rijen: np.ndarray, u, gewijzigd) -> None:
        """Juli: wie in havo of vwo het jaar niet haalt, stroomt af: havo naar mbo-4, vwo naar de havo (in het
        volgende leerjaar). Een overgang binnen het onderwijs, geen uitval."""
        af = rijen[u[1, rijen] < self.afstroom[pop.schooltype[rijen]]]
        havo = af[pop.schooltype[af] == c.HAVO]
        vwo = af[pop.schooltype[af] == c.VWO]
        self._start_opleiding(pop, havo, c.MBO, 4, np.where(u[0, havo] < self.bbl_aandeel[4], c.BBL, c.BOL), 0)
        self._start_opleiding(pop, vwo, c.HAVO, 0, c.GEEN, np.minimum(pop.leerjaar[vwo], self.duur[c.HAVO, 0] - 1))
        gewijzigd[af] = True

    def kansen(self, pop: Populatie, rijen: np.ndarray, effect: Effecten, t: int) -> np.ndarray:
        """Maandkans per bestemming (vorm: toestanden x rijen) voor wie buiten het onderwijs is: de regel staat
        één keer uitgeschreven in kernen.py."""
        return kernen.kansen(np.asarray(rijen, np.int64), t, _kolommen(pop), _effecten(effect), self._tabellen())

    def _tabellen(self) -> tuple:
        """De tabellen van de regel buiten het onderwijs, zoals kernen.py ze leest (één keer per regelset)."""
        if self._kern is None:
            scalars = np.array([self.onder_18, self.in_beeld_factor, self.terug_vanaf_23, self.terug_met_sk,
                                self.tussenjaar, self.verlies_eerste_jaar], dtype=np.float64)
            codes = np.array([c.UITSTROOMGROEP["havo_vwo"], TUSSENJAAR_MAANDEN, c.BIJSTAND,
                              c.LEEFTIJDSGRENS_MAANDEN], dtype=np.int64)
            self._kern = (np.ascontiguousarray(self.H, dtype=np.float64), _HERKOMST.astype(np.int64),
                          _TOESTAND_PER_HERKOMST.astype(np.int64), np.asarray(self.baanvinden_risico, np.float64),
                          np.asarray(self.regio_baanfactor, np.float64), self.duur_factor.astype(np.float64),
                          np.asarray(self.baanverlies_risico, np.float64), scalars, codes)
        return self._kern

    def _wissel(self, pop, rijen, t, leeftijd, u, effect, stromen, gewijzigd) -> None:
        """Wie werkt, een uitkering heeft, in zorg is of thuis zit: weg naar een andere toestand?"""
        if not len(rijen):
            return
        naar = kernen.bestemmingen(np.asarray(rijen, np.int64), t, _kolommen(pop), _effecten(effect),
                                   self._tabellen(), u[0], u[1])
        weg = naar >= 0
        rijen, naar = rijen[weg], naar[weg]
        van = _TOESTAND_PER_HERKOMST[self.herkomst(pop, rijen)]
        # wie de zorg verlaat met Wajong, houdt die: niet thuis maar in de Wajong
        naar[(van == c.ZORG) & (naar == c.THUIS) & (pop.uitkering_type[rijen] == c.WAJONG)] = c.UITKERING
        gewijzigd[rijen] = True
        stromen.voeg("uit_uitkering", rijen[van == c.UITKERING])

        school = naar == c.ONDERWIJS
        if school.any():
            self._naar_school(pop, rijen[school], t, van[school])
            stromen.voeg("terug_naar_school", rijen[school])
        uitk = naar == c.UITKERING
        for bron in ("werk", "thuis", "zorg"):  # alleen van hieruit is 'uitkering' een bestemming
            deze = rijen[uitk & (van == c.TOESTANDEN.index(bron))]
            self._zet_uitkering(pop, deze, bron, u[3, deze], stromen)
        overig = ~school & ~uitk
        o_rijen, doel, bron = rijen[overig], naar[overig], van[overig]
        self._zet(pop, o_rijen, doel, u[2, o_rijen])
        stromen.voeg("baanverlies", rijen[(van == c.WERK) & ~school])
        stromen.voeg("baanstart", o_rijen[doel == c.WERK])

    def _naar_school(self, pop: Populatie, rijen: np.ndarray, t: int, vanuit: np.ndarray) -> None:
        """Terug naar school: zonder SK naar niveau 2 (entree na pro/vso), met SK een niveau hoger (na mbo-4,
        havo, vwo of ho: naar het hbo)."""
        st, nv, sk = pop.schooltype[rijen], pop.niveau[rijen], pop.startkwalificatie[rijen]
        zonder = np.where((st == c.PRO) | (st == c.VSO), 1, np.maximum(nv, 2))
        naar_ho = sk & ((st == c.HO) | (st == c.HAVO) | (st == c.VWO) | ((st == c.MBO) & (nv >= 4)))
        met = np.where(naar_ho, c.HBO, np.maximum(nv + 1, 3))
        niveau = np.where(sk, met, zonder).astype(np.int8)
        schooltype = np.where(naar_ho, c.HO, c.MBO).astype(np.int8)
        leerweg = np.where(schooltype == c.HO, c.GEEN, np.where(vanuit == c.WERK, c.BBL, c.BOL)).astype(np.int8)
        m = t % 12 + 1
        leerjaar = 1 if (m >= 9 or m <= 2) else 0  # tot en met februari meteen in, later wacht tot september
        self._start_opleiding(pop, rijen, schooltype, niveau, leerweg, leerjaar)


# herkomst per (toestand, uitkering_type); onderwijs en UIT doen niet mee (-1 wordt nergens gebruikt)
_TOESTAND_VAN_HERKOMST = {"werk": "werk", "bijstand": "uitkering", "ww": "uitkering", "wajong": "uitkering",
                          "zorg": "zorg", "thuis": "thuis"}
_TOESTAND_PER_HERKOMST = np.array([c.TOESTANDEN.index(_TOESTAND_VAN_HERKOMST[h]) for h in HERKOMSTEN], np.int8)
_HERKOMST = np.zeros((len(c.TOESTANDEN) + 1, len(c.UITKERINGSTYPEN)), np.intp)
for _i, _h in enumerate(HERKOMSTEN):
    if _TOESTAND_VAN_HERKOMST[_h] == "uitkering":
        _HERKOMST[c.UITKERING, c.UITKERINGSTYPEN.index(_h)] = _i
    else:
        _HERKOMST[c.TOESTANDEN.index(_h), :] = _i
_HERKOMST[c.UITKERING, c.GEEN_UITKERING] = HERKOMSTEN.index("bijstand")
