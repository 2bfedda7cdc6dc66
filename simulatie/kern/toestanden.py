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
Elke beslissing over een rij krijgt een eigen, onafhankelijke trekking: volgt er in dezelfde maand nog een
beslissing die dezelfde rij van `u` leest (doorstromen en dan de Wajong, afzien en dan de Wajong, het jaar halen
en dan de bestemming na uitval), dan ververst `_ververs` de trekking na de eerste beslissing (zie daar).

Uitkering: WW alleen na werk (minstens een half jaar, de wekeneis), Wajong alleen met een beperking, en
bijstand pas na de zoektermijn: wie bijstand aanvraagt is eerst een maand thuis (`uitkering_type`
'bijstand' bij toestand 'thuis'). Wajong en dagbesteding gaan vaak samen: wie in zorg is met `uitkering_type`
'wajong' krijgt de Wajong naast de zorg (zo telt het UWV haar ook).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import Parameters
from simulatie.kern import kernen
from simulatie.kern.overgangstabellen import HERKOMST, TOESTAND_PER_HERKOMST, Overgangstabellen, expit
from simulatie.kern.populatie import UIT, Populatie

# Stromen die het model telt (per regio en schooltype). 'uit_27' is wie de doelgroep verlaat.
STROMEN = ("nieuwe_vsv", "schoolverlaters", "diploma", "startkwalificatie_behaald", "baanstart",
           "baanverlies", "naar_uitkering", "uit_uitkering", "terug_naar_school", "in_beeld_gekomen",
           "uit_27", "wajong_toegekend")


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


def _kolommen(pop: Populatie) -> tuple:
    """De kolommen die kernen.py per rij leest, in zijn volgorde."""
    return (pop.toestand, pop.uitkering_type, pop.startkwalificatie, pop.migratie, pop.beperking,
            pop.multiproblematiek, pop.in_beeld, pop.maanden_in_toestand, pop.regio, pop.uitstroomgroep,
            pop.uitstroommaand, pop.geboortemaand)


def _effecten(effect: Effecten) -> tuple:
    """De effecten op de kansen buiten school als arrays: lengte 1 (voor iedereen) of één per rij."""
    return tuple(np.atleast_1d(np.asarray(x, dtype=np.float32))
                 for x in (effect.baanvinden, effect.terugkeer, effect.baanverlies, effect.zorg_uitstroom))


def _groeptabellen() -> tuple[np.ndarray, np.ndarray]:
    """Uitstroomgroep per opleidingscel (Populatie.cel): na een diploma, en bij uitval (tweede as: zonder/met
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
_ONDER_EEN = np.nextafter(np.float32(1), np.float32(0))  # de grootste float32 onder 1


def _ververs(u: np.ndarray, rijen: np.ndarray, drempel) -> None:
    """Na de beslissing `u[rijen] < drempel` (één drempel of één per rij): vervang u[rijen] door de plaats binnen
    de gekozen kant, herschaald naar [0, 1): u / drempel eronder, (u - drempel) / (1 - drempel) erboven.

    Gegeven de uitkomst van de beslissing is dat weer uniform op [0, 1) en onafhankelijk van die uitkomst, dus een
    volgende beslissing voor dezelfde rij in dezelfde maand is een nieuwe, onafhankelijke trekking. Zonder dit las
    een tweede beslissing de eerste opnieuw: wie na een diploma niet doorstroomde (u[3] >= de doorstroomkans),
    kreeg de Wajong alleen als de Wajong-kans boven de doorstroomkans lag, dus bijna nooit. Gekozen boven een extra
    rij trekkingen: de regel geldt voor elke rij van `u` (ook u[1]: het jaar halen en dan uitvallen), de maand
    vraagt niet meer getallen, en de trekkingen blijven dezelfde tussen scenario's."""
    if not len(rijen):
        return
    x = u[rijen].astype(np.float64)
    d = np.broadcast_to(np.asarray(drempel, np.float64), x.shape)
    onder = x < d
    nieuw = np.where(onder, x / np.where(onder, d, 1.0), (x - d) / np.where(onder, 1.0, 1.0 - d))
    u[rijen] = np.minimum(nieuw, _ONDER_EEN)  # afronding in float32 mag niet op 1 uitkomen


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
    """De maandregels: `stap` past de tabellen (overgangstabellen.Overgangstabellen) toe op de populatie."""

    def __init__(self, tabellen: Overgangstabellen):
        self.tabellen = tabellen

    @classmethod
    def uit(cls, p: Parameters, regio_vsv_factor: np.ndarray, regio_krapte: np.ndarray) -> "Overgangsregels":
        """De regels met de tabellen uit de parameters en de regio's (vsv-niveau, krapte)."""
        return cls(Overgangstabellen.uit(p, regio_vsv_factor, regio_krapte))

    # ------------------------------------------------------------------------------------ de maand
    def stap(self, pop: Populatie, t: int, u: np.ndarray, effect: Effecten) -> Stromen:
        """Eén maand. `u` heeft vorm (4, n): onafhankelijke uniforme trekkingen per rij; in september een vijfde
        rij voor het zittenblijven (zonder die rij gaat iedereen over). `u` blijft onveranderd: de maand werkt op
        een kopie, waarin `_ververs` gebruikte trekkingen vervangt."""
        u = np.array(u, copy=True)
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
            klaar = ond[pop.leerjaar[ond] >= self.tabellen.duur[pop.schooltype[ond], pop.niveau[ond]]]
            self._diplomeer(pop, klaar, t, leeftijd, u, stromen)
            gewijzigd[klaar] = True
            self._afstroom(pop, ond[~gewijzigd[ond]], u, gewijzigd)
        if m == 9:  # 4. nieuw schooljaar: een leerjaar verder, behalve wie blijft zitten (of vertraagt)
            if len(u) > 4:
                blijft = (pop.leerjaar[ond] > 0) & (u[4, ond] < self.tabellen.zittenblijven[pop.schooltype[ond]])
                pop.leerjaar[ond] += ~blijft
            else:
                pop.leerjaar[ond] += 1

        # 5. uitval: wie in een opleiding zit (niet wie in de zomer op de start wacht)
        ond = ond[~gewijzigd[ond] & (pop.leerjaar[ond] >= 1)]
        uitval = ond[kernen.uitval(ond.astype(np.int64), u[0], pop.schooltype, pop.niveau, pop.leerweg,
                                   pop.startkwalificatie, pop.migratie, pop.beperking, pop.multiproblematiek, pop.regio,
                                   self.tabellen.vsv_maand, self.tabellen.vsv_risico, self.tabellen.regio_vsv_factor,
                                   np.atleast_1d(np.asarray(effect.vsv, np.float32)), float(effect.vsv_trend),
                                   len(c.LEERWEGEN))]
        groep = UITVALGROEP[pop.cel(uitval), pop.startkwalificatie[uitval].astype(np.intp)]
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
        return HERKOMST[pop.toestand[rijen], pop.uitkering_type[rijen]]

    def _zoektermijn_en_ww_einde(self, pop, kandidaten, begin, gewijzigd, u, stromen) -> None:
        """`kandidaten`: wie bij het begin van de maand thuis was of een uitkering had (en geen 27 werd)."""
        soort = pop.uitkering_type[kandidaten]
        # na de zoektermijn (vier weken: de maand na de aanvraag) begint de bijstand, tenzij de jongere afziet
        wacht = kandidaten[(begin[kandidaten] == c.THUIS) & (soort == c.BIJSTAND)]
        afzien = u[3, wacht] < self.tabellen.afzien_na_zoektermijn
        _ververs(u[3], wacht, self.tabellen.afzien_na_zoektermijn)  # wie afziet, kan deze maand nog wisselen
        pop.uitkering_type[wacht[afzien]] = c.GEEN_UITKERING
        begint = wacht[~afzien]
        pop.toestand[begint] = c.UITKERING
        gewijzigd[begint] = True
        stromen.voeg("naar_uitkering", begint)
        # WW is na de maximale duur op: bijstand aanvragen (zoektermijn) of thuis
        op = kandidaten[(begin[kandidaten] == c.UITKERING) & (soort == c.WW)
                        & (pop.maanden_in_toestand[kandidaten] >= self.tabellen.ww_duur_maanden)]
        bijstand = u[3, op] < self.tabellen.ww_einde_bijstand
        pop.toestand[op] = c.THUIS
        pop.uitkering_type[op] = np.where(bijstand, c.BIJSTAND, c.GEEN_UITKERING)
        pop.in_beeld[op] = bijstand | (u[2, op] < self.tabellen.in_beeld_bij_thuiskomst)
        gewijzigd[op] = True
        stromen.voeg("uit_uitkering", op)

    def _wajong_op_18(self, pop, rijen, begin, gewijzigd, u, stromen) -> None:
        """Wie met een beperking van school kwam en op zijn 18e thuis of in de zorg is, wordt voor de Wajong
        beoordeeld (de uitkering begint op 18): met dezelfde kans als wie op 18 of later van school gaat.
        `rijen`: wie deze maand precies 18 is en thuis of in zorg was."""
        rijen = rijen[pop.beperking[rijen] & (pop.uitkering_type[rijen] == c.GEEN_UITKERING)
                      & (pop.uitstroommaand[rijen] >= 0)]
        wajong = rijen[u[3, rijen] < self.tabellen.wajong["school"]]
        _ververs(u[3], rijen, self.tabellen.wajong["school"])  # wie thuis of in zorg blijft, kan nog wisselen
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
            soort = np.where(pop.maanden_in_toestand[rijen] >= self.tabellen.ww_eis_maanden, c.WW, c.BIJSTAND)
        else:
            al_wajong = pop.uitkering_type[rijen] == c.WAJONG  # uit de zorg, met Wajong
            wajong = al_wajong | (pop.beperking[rijen] & (u3 < self.tabellen.wajong[herkomst]))
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
        pop.in_beeld[rijen] = (toestand != c.THUIS) | (u3 < self.tabellen.in_beeld_bij_thuiskomst)

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
        werk = expit(self.tabellen.werk_logit[groep] + np.log(self.tabellen.baanvinden_risico[pop.risicocode(rijen)]))
        rest = 1.0 - werk
        uitk = rest * self.tabellen.uitkering_van_rest * (leeftijd[rijen] >= 18 * 12)
        zorg = rest * self.tabellen.zorg_van_rest[groep]
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
        wajong = zorg[u[3, zorg] < self.tabellen.wajong["zorg"]]
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
        tab = self.tabellen
        stromen.voeg("diploma", klaar)
        st, nv = pop.schooltype[klaar], pop.niveau[klaar]
        # startkwalificatie: mbo-2 of hoger, havo of vwo
        sk_nieuw = klaar[(((st == c.MBO) & (nv >= 2)) | (st == c.HAVO) | (st == c.VWO))
                         & ~pop.startkwalificatie[klaar]]
        pop.startkwalificatie[sk_nieuw] = True
        stromen.voeg("startkwalificatie_behaald", sk_nieuw)
        pop.diploma_mbo34[klaar[(st == c.MBO) & (nv >= 3)]] = True

        # vmbo: door naar het mbo op een niveau dat bij de leerweg past (gemengd/theoretisch ook naar havo-4),
        # anders vsv uit het vo
        vmbo = klaar[st == c.VMBO]
        door = vmbo[u[3, vmbo] < tab.vmbo_naar_mbo]
        weg = vmbo[u[3, vmbo] >= tab.vmbo_naar_mbo]
        _ververs(u[3], vmbo, tab.vmbo_naar_mbo)  # wie van school gaat, trekt de Wajong opnieuw
        gt = (pop.leerweg[door] == c.GEMENGD) | (pop.leerweg[door] == c.THEORETISCH)
        havo = door[gt & (u[1, door] < tab.vmbo_gt_naar_havo)]
        self._start_opleiding(pop, havo, c.HAVO, 0, c.GEEN, 1)  # september: havo-4 (het tweede van drie jaar)
        door = door[~np.isin(door, havo)]
        if len(door):
            laag, een_hoger, twee_hoger = (np.array([tab.vmbo_niveau.get(k, (0, 0.0, 0.0))[i]
                                                     for k in range(len(c.LEERWEGEN))]) for i in range(3))
            lw = pop.leerweg[door]
            niveau = laag[lw] + (u[2, door] < een_hoger[lw]) + (u[2, door] < twee_hoger[lw])
            leerweg = np.where(u[0, door] < tab.bbl_aandeel[niveau], c.BBL, c.BOL)
            self._start_opleiding(pop, door, c.MBO, niveau, leerweg, 0)
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["vsv_vo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=True)

        # havo: naar het ho, naar mbo-4, of de arbeidsmarkt op (met SK)
        havo = klaar[st == c.HAVO]
        naar_ho = havo[u[3, havo] < tab.havo_naar_ho]
        naar_mbo = havo[(u[3, havo] >= tab.havo_naar_ho) & (u[3, havo] < tab.havo_naar_ho + tab.havo_naar_mbo)]
        self._start_opleiding(pop, naar_ho, c.HO, c.HBO, c.GEEN, 0)
        self._start_opleiding(pop, naar_mbo, c.MBO, 4, np.where(u[0, naar_mbo] < tab.bbl_aandeel[4], c.BBL, c.BOL), 0)
        weg = havo[u[3, havo] >= tab.havo_naar_ho + tab.havo_naar_mbo]
        _ververs(u[3], havo, tab.havo_naar_ho + tab.havo_naar_mbo)
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["havo_vwo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=False)
        # vwo: naar het wo of het hbo, of de arbeidsmarkt op
        vwo = klaar[st == c.VWO]
        naar_ho = vwo[u[3, vwo] < tab.vwo_naar_ho]
        self._start_opleiding(pop, naar_ho, c.HO, np.where(u[1, naar_ho] < tab.vwo_naar_wo, c.WO, c.HBO), c.GEEN, 0)
        weg = vwo[u[3, vwo] >= tab.vwo_naar_ho]
        _ververs(u[3], vwo, tab.vwo_naar_ho)
        self._verlaat_school(pop, weg, np.full(len(weg), c.UITSTROOMGROEP["havo_vwo"], np.int8), t, leeftijd, u,
                             stromen, vsv_mogelijk=False)

        for (schooltype, niveau), (kans, volgend_type, volgend_niveau) in tab.doorstroom.items():
            groep = klaar[(st == schooltype) & (nv == niveau)]
            door = groep[u[3, groep] < kans]
            nieuwe_leerweg: np.ndarray | int
            if volgend_type == c.MBO and schooltype != c.MBO:  # pro/vso naar entree
                nieuwe_leerweg = np.where(u[0, door] < tab.bbl_aandeel[1], c.BBL, c.BOL)
            else:
                nieuwe_leerweg = c.GEEN if volgend_type == c.HO else pop.leerweg[door]
            self._start_opleiding(pop, door, volgend_type, volgend_niveau, nieuwe_leerweg, 0)
            weg = groep[u[3, groep] >= kans]
            _ververs(u[3], groep, kans)
            self._verlaat_school(pop, weg, DIPLOMAGROEP[pop.cel(weg)], t, leeftijd, u, stromen,
                                 vsv_mogelijk=schooltype == c.MBO)
        # ho: na een hbo-bachelor een deel naar een wo-master (de laatste twee jaar van het wo, met premaster)
        ho = klaar[st == c.HO]
        master = ho[(nv[st == c.HO] == c.HBO) & (u[3, ho] < tab.hbo_naar_wo_master)]
        _ververs(u[3], ho, np.where(nv[st == c.HO] == c.HBO, tab.hbo_naar_wo_master, 0.0))  # wo: geen keuze
        self._start_opleiding(pop, master, c.HO, c.WO, c.GEEN, tab.duur[c.HO, c.WO] - 2)
        ho = ho[~np.isin(ho, master)]
        self._verlaat_school(pop, ho, np.full(len(ho), c.UITSTROOMGROEP["ho"], np.int8), t, leeftijd, u, stromen,
                             vsv_mogelijk=False)

    def _afstroom(self, pop: Populatie, rijen: np.ndarray, u, gewijzigd) -> None:
        """Juli: wie in havo of vwo het jaar niet haalt, stroomt af: havo naar mbo-4, vwo naar de havo (in het
        volgende leerjaar). Een overgang binnen het onderwijs, geen uitval."""
        tab = self.tabellen
        af = rijen[u[1, rijen] < tab.afstroom[pop.schooltype[rijen]]]
        _ververs(u[1], rijen, tab.afstroom[pop.schooltype[rijen]])  # wie blijft, kan deze maand nog uitvallen
        havo = af[pop.schooltype[af] == c.HAVO]
        vwo = af[pop.schooltype[af] == c.VWO]
        self._start_opleiding(pop, havo, c.MBO, 4, np.where(u[0, havo] < tab.bbl_aandeel[4], c.BBL, c.BOL), 0)
        self._start_opleiding(pop, vwo, c.HAVO, 0, c.GEEN, np.minimum(pop.leerjaar[vwo], tab.duur[c.HAVO, 0] - 1))
        gewijzigd[af] = True

    def kansen(self, pop: Populatie, rijen: np.ndarray, effect: Effecten, t: int) -> np.ndarray:
        """Maandkans per bestemming (vorm: toestanden x rijen) voor wie buiten het onderwijs is: de regel staat
        één keer uitgeschreven in kernen.py."""
        return kernen.kansen(np.asarray(rijen, np.int64), t, _kolommen(pop), _effecten(effect), self.tabellen.kern)

    def _wissel(self, pop, rijen, t, leeftijd, u, effect, stromen, gewijzigd) -> None:
        """Wie werkt, een uitkering heeft, in zorg is of thuis zit: weg naar een andere toestand?"""
        if not len(rijen):
            return
        naar = kernen.bestemmingen(np.asarray(rijen, np.int64), t, _kolommen(pop), _effecten(effect),
                                   self.tabellen.kern, u[0], u[1])
        weg = naar >= 0
        rijen, naar = rijen[weg], naar[weg]
        van = TOESTAND_PER_HERKOMST[self.herkomst(pop, rijen)]
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
