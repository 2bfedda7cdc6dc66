"""Toestanden en de maandelijkse overgangsregels, gevectoriseerd over de hele populatie.

Eén aanroep van `Overgangsregels.stap` is één maand voor alle rijen tegelijk. Volgorde in een maand:
  1. wie 27 wordt verlaat de doelgroep (toestand UIT);
  2. juli: diploma's voor wie het laatste leerjaar afmaakt; doorstromen of de arbeidsmarkt op;
  3. september: iedereen in het onderwijs gaat een leerjaar verder (nieuwe cohorten beginnen op 1);
  4. uitval uit het onderwijs (vsv als zonder startkwalificatie en onder 23);
  5. werk, uitkering, zorg en thuis: concurrerende risico's naar elke andere toestand;
  6. Doorstroompunt: thuiszittenden buiten beeld worden bereikt.
Elke rij doet hooguit één overgang per maand. De trekkingen (uniforme getallen per rij) komen van
buiten, zodat een scenario en het nulalternatief dezelfde trekkingen voor dezelfde jongere gebruiken.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulatie import codes as c
from simulatie.parameters import Parameters
from simulatie.populatie import UIT, Populatie

VOLGENDE_STAP = {  # na een diploma: (parameter doorstroomkans, volgend schooltype, volgend niveau)
    (c.MBO, 1): ("entree_naar_mbo_2", c.MBO, 2),
    (c.MBO, 2): ("mbo_2_naar_mbo_3", c.MBO, 3),
    (c.MBO, 3): ("mbo_3_naar_mbo_4", c.MBO, 4),
    (c.MBO, 4): ("mbo_4_naar_ho", c.HO, 0),
    (c.PRO, 0): ("pro_naar_mbo", c.MBO, 1),
    (c.VSO, 0): ("vso_naar_mbo", c.MBO, 1),
}

# Stromen die het model telt (per regio en schooltype). 'uit_27' is wie de doelgroep verlaat.
STROMEN = ("nieuwe_vsv", "schoolverlaters", "diploma", "startkwalificatie_behaald", "baanstart",
           "baanverlies", "naar_uitkering", "uit_uitkering", "terug_naar_school", "in_beeld_gekomen",
           "uit_27")


def maandkans(jaarkans):
    """Jaarkans naar maandkans: dezelfde overleving over twaalf maanden."""
    return 1.0 - (1.0 - np.asarray(jaarkans, dtype=float)) ** (1.0 / 12.0)


def risicocode(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """Bits: 1 = startkwalificatie, 2 = migratie, 4 = beperking, 8 = multiproblematiek."""
    return (pop.startkwalificatie[rijen].astype(np.uint8) | (pop.migratie[rijen].astype(np.uint8) << 1)
            | (pop.beperking[rijen].astype(np.uint8) << 2) | (pop.multiproblematiek[rijen].astype(np.uint8) << 3))


def _factor_tabel(sk: float, mig: float, bep: float, multi: float) -> np.ndarray:
    """Vermenigvuldigingsfactor per risicocode (16 combinaties). `sk` geldt voor wie GEEN SK heeft."""
    codes = np.arange(16)
    return (np.where(codes & 1, 1.0, sk) * np.where(codes & 2, mig, 1.0) * np.where(codes & 4, bep, 1.0)
            * np.where(codes & 8, multi, 1.0))


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


def _logit(p):
    return np.log(p) - np.log1p(-p)


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def _deel(x, rijen):
    return x[rijen] if isinstance(x, np.ndarray) else x


def _groeptabellen() -> tuple[np.ndarray, np.ndarray]:
    """Uitstroomgroep per opleidingscel (schooltype x niveau x leerweg, plat zoals `Overgangsregels.cel`):
    na een diploma, en bij uitval (tweede as: zonder/met startkwalificatie)."""
    g = c.UITSTROOMGROEP
    st, nv, lw = (x.reshape(-1) for x in np.indices((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN))))
    bbl = lw == c.BBL
    diploma = np.select(
        [st == c.PRO, st == c.VSO, nv == 1, nv == 2],
        [g["pro"], g["vso"], np.where(bbl, g["entree_bbl"], g["entree_bol"]),
         np.where(bbl, g["mbo2_bbl"], g["mbo2_bol"])],
        np.where(bbl, g["mbo34_bbl"], g["mbo34_bol"])).astype(np.int8)
    zonder_sk = np.select([st == c.MBO, st == c.PRO, st == c.VSO, st == c.HO],
                          [g["vsv_mbo"], g["pro"], g["vso"], g["ho"]], g["vsv_vo"]).astype(np.int8)
    met_sk = np.where(st == c.MBO, diploma, zonder_sk)  # uitval met SK uit het mbo: de groep van het niveau
    return diploma, np.stack([zonder_sk, met_sk], axis=1)


DIPLOMAGROEP, UITVALGROEP = _groeptabellen()


@dataclass
class Stromen:
    """De rijen die deze maand een stroom doormaakten (voor tellingen per regio en schooltype)."""

    rijen: dict[str, list[np.ndarray]] = field(default_factory=lambda: {s: [] for s in STROMEN})
    uit_27_toestand: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))

    def voeg(self, naam: str, rijen: np.ndarray) -> None:
        if len(rijen):
            self.rijen[naam].append(rijen)

    def alle(self, naam: str) -> np.ndarray:
        delen = self.rijen[naam]
        return np.concatenate(delen) if delen else np.zeros(0, np.int64)


class Overgangsregels:
    """De kansen uit de parameters, klaargezet als opzoektabellen; `stap` past ze toe op de populatie."""

    def __init__(self, p: Parameters, start: Populatie, regio_vsv_factor: np.ndarray, regio_krapte: np.ndarray):
        self.p = p
        self.regio_vsv_factor = np.asarray(regio_vsv_factor, dtype=float)
        self.regio_baanfactor = np.asarray(regio_krapte, dtype=float) ** p["overgangen.factor.regio_krapte_gewicht"]
        self._duur_tabel(p)
        self._vsv_tabel(p)
        f = "overgangen.factor."
        r = "overgangen.vsv_risico."
        self.vsv_risico = _factor_tabel(1.0, p[r + "migratie"], p[r + "beperking"], p[r + "multiproblematiek"])
        self.baanvinden_risico = _factor_tabel(p[f + "baanvinden_zonder_sk"], p[f + "baanvinden_migratie"],
                                               p[f + "baanvinden_beperking"], p[f + "baanvinden_multiproblematiek"])
        verlies = p[f + "baanverlies_risico"]
        self.baanverlies_risico = _factor_tabel(p[f + "baanverlies_zonder_sk"], 1.0, verlies, verlies)
        # beperking en multiproblematiek samen tellen één keer
        self.baanverlies_risico[(np.arange(16) & 12) == 12] /= verlies
        self._maandkansen(p)
        self._bestemmingen(p)
        self._normeer(start)

    # ------------------------------------------------------------------------------------ tabellen
    def _duur_tabel(self, p: Parameters) -> None:
        d = "populatie.opleidingsduur."
        self.duur = np.zeros((len(c.SCHOOLTYPEN), 5), np.int8)
        self.duur[c.VMBO, 0] = p[d + "vmbo"]
        self.duur[c.PRO, 0] = p[d + "pro"]
        self.duur[c.VSO, 0] = p[d + "vso"]
        self.duur[c.HO, 0] = p[d + "ho"]
        for niveau in (1, 2, 3, 4):
            self.duur[c.MBO, niveau] = p[f"{d}mbo_{niveau}"]

    def _vsv_tabel(self, p: Parameters) -> None:
        """Uitvalkans per maand per opleiding (schooltype x niveau x leerweg)."""
        v = "overgangen.vsv_kans_per_jaar."
        jaar = np.zeros((len(c.SCHOOLTYPEN), 5, len(c.LEERWEGEN)))
        for naam, lw in ((("vmbo_basis", c.BASIS), ("vmbo_kader", c.KADER), ("vmbo_gemengd", c.GEMENGD),
                          ("vmbo_theoretisch", c.THEORETISCH))):
            jaar[c.VMBO, 0, lw] = min(1.0, p[v + naam] * p[v + "vmbo_factor"])
        jaar[c.PRO, 0, c.GEEN] = p[v + "pro"]
        jaar[c.VSO, 0, c.GEEN] = p[v + "vso"]
        jaar[c.HO, 0, c.GEEN] = p[v + "ho"]
        for niveau in (1, 2, 3, 4):
            jaar[c.MBO, niveau, c.BOL] = p[f"{v}mbo_{niveau}_bol"]
            jaar[c.MBO, niveau, c.BBL] = p[f"{v}mbo_{niveau}_bbl"]
        self.vsv_maand = maandkans(jaar).reshape(-1)  # plat: index = opleidingscel

    @staticmethod
    def cel(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
        return (pop.schooltype[rijen].astype(np.int32) * 5 + pop.niveau[rijen]) * len(c.LEERWEGEN) + pop.leerweg[rijen]

    def _maandkansen(self, p: Parameters) -> None:
        """H[van, naar]: basiskans per maand (rijen en kolommen in de volgorde van TOESTANDEN)."""
        self.H = np.zeros((len(c.TOESTANDEN), len(c.TOESTANDEN)))
        for van in ("werk", "uitkering", "zorg", "thuis"):
            for naar in c.TOESTANDEN:
                if naar != van:
                    self.H[c.TOESTANDEN.index(van), c.TOESTANDEN.index(naar)] = p[f"overgangen.maandkans.{van}_{naar}"]
        f = "overgangen.factor."
        for naar in (c.UITKERING, c.ZORG, c.THUIS):
            self.H[c.WERK, naar] *= p[f + "baanverlies_schaal"]
        self.H_naar_van = self.H.T.astype(np.float32)  # [naar, van]: kolommen per rij in `kansen`
        self.duur_per_jaar = p[f + "baanvinden_duur_per_jaar"]
        # factor op de baankans naar maanden in de toestand (een tabel: machtsverheffen per rij is traag)
        maanden = np.arange(c.LEEFTIJDSGRENS_MAANDEN + 1)
        self.duur_factor = self.duur_per_jaar ** (np.maximum(maanden - 6, 0) / 12.0)
        self.onder_18 = p[f + "baanvinden_onder_18"]
        self.terug_vanaf_23 = p[f + "terugkeer_onderwijs_vanaf_23"]
        self.terug_met_sk = p[f + "terugkeer_onderwijs_met_sk"]
        self.in_beeld_factor = p[f + "in_beeld_naar_school_en_werk"]
        self.in_beeld_bij_thuiskomst = p["overgangen.in_beeld.bij_thuiskomst"]

    def _bestemmingen(self, p: Parameters) -> None:
        """Per uitstroomgroep: kans op werk direct na school, en de verdeling van de rest."""
        b = "overgangen.bestemming_na_uitstroom."
        n = len(c.UITSTROOMGROEPEN)
        self.werk_na_school = np.zeros(n)
        self.zorg_van_rest = np.full(n, p[b + "zorg_van_rest"])
        for naam, code in c.UITSTROOMGROEP.items():
            if naam != "nog_niet":
                self.werk_na_school[code] = p[f"{b}werk_{naam}"]
        self.zorg_van_rest[c.UITSTROOMGROEP["vso"]] = p[b + "vso_zorg_van_rest"]
        self.uitkering_van_rest = p[b + "uitkering_van_rest"]
        d = "overgangen.doorstroom."
        self.doorstroom = {k: (p[d + naam], st, nv) for k, (naam, st, nv) in VOLGENDE_STAP.items()}
        self.vmbo_naar_mbo = p[d + "vmbo_naar_mbo"]
        self.vmbo_niveau = {  # per vmbo-leerweg: (kans op het hoogste van twee niveaus, laag, hoog)
            c.BASIS: (1 - p[d + "vmbo_basis_naar_entree"], 1, 2),
            c.KADER: (p[d + "vmbo_kader_naar_niveau_3"], 2, 3),
            c.GEMENGD: (p[d + "vmbo_gt_naar_niveau_4"], 3, 4),
            c.THEORETISCH: (p[d + "vmbo_gt_naar_niveau_4"], 3, 4),
        }
        self.bbl_aandeel = np.array([0.0] + [p[f"populatie.bbl_aandeel.mbo_{k}"] for k in (1, 2, 3, 4)])

    def _normeer(self, pop: Populatie) -> None:
        """Normeer de risicofactoren zodat het groepsgemiddelde bij de start de gepubliceerde kans houdt."""
        ond = np.flatnonzero(pop.toestand == c.ONDERWIJS)
        cel = self.cel(pop, ond)
        factor = self.vsv_risico[risicocode(pop, ond)] * self.regio_vsv_factor[pop.regio[ond]]
        som = np.bincount(cel, weights=factor, minlength=len(self.vsv_maand))
        aantal = np.bincount(cel, minlength=len(self.vsv_maand))
        gemiddeld = np.divide(som, aantal, out=np.ones(len(som)), where=aantal > 0)
        self.vsv_maand = self.vsv_maand / gemiddeld
        # kans op werk na school: de risicofactoren verschuiven de log-odds; per groep een verschuiving
        # zodat het groepsgemiddelde de gepubliceerde kans houdt (geen afkappen boven 1)
        uit = np.flatnonzero(pop.uitstroomgroep > 0)
        log_factor = np.log(self.baanvinden_risico[risicocode(pop, uit)])
        groep = pop.uitstroomgroep[uit]
        n = len(c.UITSTROOMGROEPEN)
        aantal = np.bincount(groep, minlength=n)
        doel = np.clip(self.werk_na_school, 1e-6, 1 - 1e-6)
        laag, hoog = np.full(n, -20.0), np.full(n, 20.0)
        for _ in range(60):  # bisectie op de verschuiving, voor alle groepen tegelijk
            midden = (laag + hoog) / 2
            kans = _expit(_logit(doel)[groep] + midden[groep] + log_factor)
            gemiddeld = np.divide(np.bincount(groep, weights=kans, minlength=n), aantal,
                                  out=doel.copy(), where=aantal > 0)
            te_hoog = gemiddeld > doel
            hoog = np.where(te_hoog, midden, hoog)
            laag = np.where(te_hoog, laag, midden)
        self.werk_logit = _logit(doel) + np.where(aantal > 0, (laag + hoog) / 2, 0.0)

    # ------------------------------------------------------------------------------------ de maand
    def stap(self, pop: Populatie, t: int, u: np.ndarray, effect: Effecten) -> Stromen:
        """Eén maand. `u` heeft vorm (4, n): onafhankelijke uniforme trekkingen per rij."""
        m = t % 12 + 1
        pop.maand = t
        stromen = Stromen()
        leeftijd = t - pop.geboortemaand
        begin = pop.toestand.copy()
        gewijzigd = np.zeros(len(pop), dtype=bool)

        # 1. 27 jaar: de doelgroep uit
        oud = np.flatnonzero((leeftijd >= c.LEEFTIJDSGRENS_MAANDEN) & (begin != UIT))
        stromen.voeg("uit_27", oud)
        stromen.uit_27_toestand = begin[oud]
        pop.toestand[oud] = UIT
        gewijzigd[oud] = True

        ond = np.flatnonzero((begin == c.ONDERWIJS) & ~gewijzigd)
        if m == 7:  # 2. diploma's
            klaar = ond[pop.leerjaar[ond] >= self.duur[pop.schooltype[ond], pop.niveau[ond]]]
            self._diplomeer(pop, klaar, t, leeftijd, u, stromen)
            gewijzigd[klaar] = True
        if m == 9:  # 3. nieuw schooljaar
            pop.leerjaar[ond] += 1

        # 4. uitval: wie in een opleiding zit (niet wie in de zomer op de start wacht)
        ond = ond[~gewijzigd[ond] & (pop.leerjaar[ond] >= 1)]
        kans = (self.vsv_maand[self.cel(pop, ond)] * self.vsv_risico[risicocode(pop, ond)]
                * self.regio_vsv_factor[pop.regio[ond]] * _deel(effect.vsv, ond))
        uitval = ond[u[0, ond] < kans]
        groep = UITVALGROEP[self.cel(pop, uitval), pop.startkwalificatie[uitval].astype(np.intp)]
        self._verlaat_school(pop, uitval, groep, t, leeftijd, u, stromen, vsv_mogelijk=True)
        gewijzigd[uitval] = True

        # 5. werk, uitkering, zorg en thuis: concurrerende risico's, voor de vier toestanden in één keer
        buiten_school = np.flatnonzero((begin != c.ONDERWIJS) & (begin != UIT) & ~gewijzigd)
        self._wissel(pop, begin[buiten_school], buiten_school, t, leeftijd, u, effect, stromen, gewijzigd)

        # 6. Doorstroompunt bereikt thuiszitters buiten beeld (onder de leeftijdsgrens, zonder SK)
        thuis = np.flatnonzero((begin == c.THUIS) & ~gewijzigd & ~pop.in_beeld & ~pop.startkwalificatie
                               & (leeftijd < effect.leeftijdsgrens_doorstroompunt_maanden))
        bereikt = thuis[u[2, thuis] < effect.bereik_doorstroompunt]
        pop.in_beeld[bereikt] = True
        stromen.voeg("in_beeld_gekomen", bereikt)

        pop.maanden_in_toestand += 1
        pop.maanden_in_toestand[gewijzigd] = 0
        return stromen

    # ------------------------------------------------------------------------------------ overgangen
    def _zet(self, pop: Populatie, rijen: np.ndarray, toestand: np.ndarray, u3: np.ndarray) -> None:
        """Zet een nieuwe toestand buiten het onderwijs; wie thuis komt is met een kans in beeld."""
        pop.toestand[rijen] = toestand
        thuis = toestand == c.THUIS
        pop.in_beeld[rijen] = ~thuis | (u3 < self.in_beeld_bij_thuiskomst)

    def _bestemming(self, pop: Populatie, rijen: np.ndarray, groep: np.ndarray, leeftijd: np.ndarray,
                    u2: np.ndarray) -> np.ndarray:
        """Toestand direct na school: werk (naar groep en persoonlijke kans), anders uitkering/zorg/thuis."""
        werk = _expit(self.werk_logit[groep] + np.log(self.baanvinden_risico[risicocode(pop, rijen)]))
        rest = 1.0 - werk
        uitk = rest * self.uitkering_van_rest * (leeftijd[rijen] >= 18 * 12)
        zorg = rest * self.zorg_van_rest[groep]
        # werk, uitkering, zorg en thuis hebben opeenvolgende codes: tel de drempels die u2 passeert
        return (c.WERK + (u2 >= werk).astype(np.int8) + (u2 >= werk + uitk) + (u2 >= werk + uitk + zorg)).astype(np.int8)

    def _verlaat_school(self, pop, rijen, groep, t, leeftijd, u, stromen, vsv_mogelijk: bool) -> None:
        if not len(rijen):
            return
        toestand = self._bestemming(pop, rijen, groep, leeftijd, u[1, rijen])
        self._zet(pop, rijen, toestand, u[2, rijen])
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
        self._tel_start(pop, rijen, toestand, stromen)

    @staticmethod
    def _tel_start(pop, rijen, toestand, stromen) -> None:
        stromen.voeg("baanstart", rijen[toestand == c.WERK])
        stromen.voeg("naar_uitkering", rijen[toestand == c.UITKERING])

    def _start_opleiding(self, pop, rijen, schooltype, niveau, leerweg, leerjaar) -> None:
        pop.toestand[rijen] = c.ONDERWIJS
        pop.schooltype[rijen] = schooltype
        pop.niveau[rijen] = niveau
        pop.leerweg[rijen] = leerweg
        pop.leerjaar[rijen] = leerjaar
        pop.in_beeld[rijen] = True

    def _diplomeer(self, pop: Populatie, klaar: np.ndarray, t, leeftijd, u, stromen: Stromen) -> None:
        """Juli: diploma. Dan doorstromen (vanaf september) of de arbeidsmarkt op."""
        stromen.voeg("diploma", klaar)
        st, nv = pop.schooltype[klaar], pop.niveau[klaar]
        sk_nieuw = klaar[(st == c.MBO) & (nv >= 2) & ~pop.startkwalificatie[klaar]]
        pop.startkwalificatie[sk_nieuw] = True
        stromen.voeg("startkwalificatie_behaald", sk_nieuw)

        # vmbo: door naar het mbo op een niveau dat bij de leerweg past, anders vsv uit het vo
        vmbo = klaar[st == c.VMBO]
        door = vmbo[u[3, vmbo] < self.vmbo_naar_mbo]
        if len(door):
            hoog = np.array([self.vmbo_niveau.get(k, (0, 0, 0))[0] for k in range(len(c.LEERWEGEN))])
            laag_nv = np.array([self.vmbo_niveau.get(k, (0, 0, 0))[1] for k in range(len(c.LEERWEGEN))])
            niveau = laag_nv[pop.leerweg[door]] + (u[2, door] < hoog[pop.leerweg[door]])
            leerweg = np.where(u[0, door] < self.bbl_aandeel[niveau], c.BBL, c.BOL)
            self._start_opleiding(pop, door, c.MBO, niveau, leerweg, 0)
        weg = vmbo[u[3, vmbo] >= self.vmbo_naar_mbo]
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["vsv_vo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=True)

        for (schooltype, niveau), (kans, volgend_type, volgend_niveau) in self.doorstroom.items():
            groep = klaar[(st == schooltype) & (nv == niveau)]
            door = groep[u[3, groep] < kans]
            if volgend_type == c.MBO and schooltype != c.MBO:  # pro/vso naar entree
                leerweg = np.where(u[0, door] < self.bbl_aandeel[1], c.BBL, c.BOL)
            else:
                leerweg = c.GEEN if volgend_type == c.HO else pop.leerweg[door]
            self._start_opleiding(pop, door, volgend_type, volgend_niveau, leerweg, 0)
            weg = groep[u[3, groep] >= kans]
            self._verlaat_school(pop, weg, self._diplomagroep(pop, weg), t, leeftijd, u, stromen,
                                 vsv_mogelijk=schooltype == c.MBO)
        ho = klaar[st == c.HO]
        self._verlaat_school(pop, ho, np.full(len(ho), c.UITSTROOMGROEP["ho"], np.int8), t, leeftijd, u, stromen,
                             vsv_mogelijk=False)

    @staticmethod
    def _diplomagroep(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
        return DIPLOMAGROEP[Overgangsregels.cel(pop, rijen)]

    def kansen(self, pop: Populatie, van, rijen: np.ndarray, leeftijd: np.ndarray,
               effect: Effecten) -> np.ndarray:
        """Maandkans per bestemming (vorm: toestanden x rijen); `van` is de huidige toestand buiten het
        onderwijs, per rij of één voor alle rijen."""
        van = np.broadcast_to(np.asarray(van, dtype=np.intp), rijen.shape)
        code = risicocode(pop, rijen)
        lft = leeftijd[rijen]
        k = self.H_naar_van[:, van]  # float32, een kolom per rij
        in_beeld_thuis = (pop.in_beeld[rijen] & (van == c.THUIS)) * (self.in_beeld_factor - 1.0) + 1.0
        # de duur telt niet voor wie werkt: diens kans op 'werk' wordt hieronder toch 0
        duur = self.duur_factor[np.minimum(pop.maanden_in_toestand[rijen], c.LEEFTIJDSGRENS_MAANDEN)]
        k[c.WERK] *= (self.baanvinden_risico[code] * self.regio_baanfactor[pop.regio[rijen]]
                      * np.where(lft < 18 * 12, self.onder_18, 1.0) * in_beeld_thuis
                      * duur * _deel(effect.baanvinden, rijen))
        k[c.ONDERWIJS] *= (np.where(lft >= 23 * 12, self.terug_vanaf_23, 1.0)
                           * np.where(pop.startkwalificatie[rijen], self.terug_met_sk, 1.0)
                           * in_beeld_thuis * _deel(effect.terugkeer, rijen))
        k[c.UITKERING] *= lft >= 18 * 12  # geen bijstand of WW onder 18
        werk = van == c.WERK
        verlies = np.where(werk, self.baanverlies_risico[code] * _deel(effect.baanverlies, rijen), 1.0)
        for naar in (c.UITKERING, c.ZORG, c.THUIS):
            k[naar] *= verlies
        if isinstance(effect.zorg_uitstroom, np.ndarray) or effect.zorg_uitstroom != 1.0:
            k *= np.where(van == c.ZORG, _deel(effect.zorg_uitstroom, rijen), 1.0)
        k[van, np.arange(len(rijen))] = 0.0
        return k

    def _wissel(self, pop, van, rijen, t, leeftijd, u, effect, stromen, gewijzigd) -> None:
        """Wie werkt, een uitkering heeft, in zorg is of thuis zit: weg naar een andere toestand?"""
        if not len(rijen):
            return
        k = self.kansen(pop, van, rijen, leeftijd, effect)
        weg = u[0, rijen] < np.minimum(k.sum(axis=0), 0.95)
        rijen, van = rijen[weg], van[weg]
        cum = np.cumsum(k[:, weg], axis=0)  # alleen voor wie vertrekt: de bestemming
        naar = (u[1, rijen] * cum[-1] >= cum).sum(axis=0).astype(np.int8)
        gewijzigd[rijen] = True

        school = naar == c.ONDERWIJS
        if school.any():
            self._naar_school(pop, rijen[school], t, van[school])
            stromen.voeg("terug_naar_school", rijen[school])
        overig, doel, bron = rijen[~school], naar[~school], van[~school]
        self._zet(pop, overig, doel, u[2, overig])
        uit_werk = bron == c.WERK
        stromen.voeg("baanverlies", overig[uit_werk])
        self._tel_start(pop, overig[~uit_werk], doel[~uit_werk], stromen)
        stromen.voeg("uit_uitkering", rijen[van == c.UITKERING])

    def _naar_school(self, pop: Populatie, rijen: np.ndarray, t: int, vanuit: np.ndarray) -> None:
        """Terug naar school: zonder SK naar niveau 2 (entree na pro/vso), met SK een niveau hoger."""
        st, nv, sk = pop.schooltype[rijen], pop.niveau[rijen], pop.startkwalificatie[rijen]
        zonder = np.where((st == c.PRO) | (st == c.VSO), 1, np.maximum(nv, 2))
        met = np.where((st == c.HO) | (nv >= 4), 0, np.maximum(nv + 1, 3))
        niveau = np.where(sk, met, zonder).astype(np.int8)
        schooltype = np.where(sk & (niveau == 0), c.HO, c.MBO).astype(np.int8)
        leerweg = np.where(schooltype == c.HO, c.GEEN, np.where(vanuit == c.WERK, c.BBL, c.BOL)).astype(np.int8)
        m = t % 12 + 1
        leerjaar = 1 if (m >= 9 or m <= 2) else 0  # tot en met februari meteen in, later wacht tot september
        self._start_opleiding(pop, rijen, schooltype, niveau, leerweg, leerjaar)
