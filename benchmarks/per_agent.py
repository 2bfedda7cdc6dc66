"""Dezelfde maandregels per agent: één Mesa-agent per jongere, met een `step()` in gewone Python.

Dit is de meetlat voor de snelheid van het gevectoriseerde model (benchmarks/snelheid.py) en een
statistisch orakel voor zijn regels (tests/test_orakel.py). De stappen 1-7 van
`Overgangsregels.stap` (simulatie/kern/toestanden.py) zijn hier onafhankelijk opnieuw geschreven, per
jongere en per maand, met eigen trekkingen uit `model.rng`. Alleen de opzoektabellen (kansen per groep,
risicofactoren, genormeerde uitvalkansen en werkkansen) komen uit dezelfde `Overgangstabellen`
(simulatie/kern/overgangstabellen.py), zodat beide implementaties dezelfde parameters gebruiken.
Elke beslissing trekt hier een eigen getal; toestanden.py doet hetzelfde door een trekking na een beslissing te
verversen (`_ververs`) als dezelfde rij die maand nog een beslissing neemt (doorstromen en dan de Wajong).

Nieuwe jongeren: in september komt, net als in `JongerenModel._nieuw_schooljaar`, het cohort van
`nieuw_cohort` binnen, en in januari de nieuwkomers van `aanvulling`, met dezelfde argumenten en dezelfde
toevalsstromen: beide implementaties krijgen dus precies dezelfde nieuwe rijen (het aantal per leeftijd
hangt alleen van de leeftijden af, en die zijn in beide gelijk).

Beperking: het beleid wordt niet per agent nagebouwd. Alleen scenario's zonder capaciteitshefbomen en
zonder levenscoaching worden aanvaard; dan geeft het beleid voor iedereen dezelfde factoren
(`beleid.basiseffect`: bereik en leeftijdsgrens van het Doorstroompunt), en die leest dit model elke maand.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.kern.beleid import basiseffect
from simulatie.kern.overgangstabellen import HERKOMSTEN, TUSSENJAAR_MAANDEN
from simulatie.kern.populatie import aanvulling, nieuw_cohort
from simulatie.kern.toestanden import STROMEN, Effecten

UIT = len(c.TOESTANDEN)  # 27 geworden: telt niet meer mee
KENMERKEN = ("toestand", "schooltype", "niveau", "leerweg", "leerjaar", "geboortemaand", "regio",
             "multiproblematiek", "migratie", "beperking", "startkwalificatie", "vsv", "in_beeld",
             "maanden_in_toestand", "uitstroomgroep", "uitstroommaand", "uitkering_type")
G = c.UITSTROOMGROEP
JAAR_18, JAAR_23 = 18 * 12, 23 * 12
GEEN, BIJSTAND, WW, WAJONG = c.GEEN_UITKERING, c.BIJSTAND, c.WW, c.WAJONG


class Jongere(mesa.Agent):
    """Eén jongere; alle kenmerken zijn gewone Python-getallen en -booleans."""

    def __init__(self, model: "PerAgentModel", kenmerken: dict):
        super().__init__(model)
        for naam in KENMERKEN:
            setattr(self, naam, kenmerken[naam])
        self.gewijzigd = False
        self.ervaren = False

    def risicocode(self) -> int:
        return (self.startkwalificatie | self.migratie << 1 | self.beperking << 2
                | self.multiproblematiek << 3)

    # ------------------------------------------------------------------------------ de maand
    def step(self) -> None:
        if self.toestand == UIT:
            return
        m = self.model
        t = m.maand
        leeftijd = t - self.geboortemaand
        begin = self.toestand
        self.gewijzigd = self.ervaren = False
        if leeftijd >= c.LEEFTIJDSGRENS_MAANDEN:  # 1. 27 jaar
            self.toestand = UIT
            m.tel("uit_27")
            return
        if not self.uitkering_verandert(leeftijd):  # 2. zoektermijn voorbij, WW op, Wajong op 18
            if begin == c.ONDERWIJS:
                self.onderwijs(t, leeftijd)  # 3-5
            else:
                self.wissel(t, leeftijd)  # 6
                e = m.effect  # 7. Doorstroompunt
                if (begin == c.THUIS and not self.gewijzigd and not self.in_beeld and not self.startkwalificatie
                        and leeftijd < e.leeftijdsgrens_doorstroompunt_maanden
                        and m.rng.random() < e.bereik_doorstroompunt):
                    self.in_beeld = True
                    m.tel("in_beeld_gekomen")
        self.maanden_in_toestand = 12 if self.ervaren else 0 if self.gewijzigd else self.maanden_in_toestand + 1

    def uitkering_verandert(self, leeftijd: int) -> bool:
        m, tab = self.model, self.model.tab
        if (leeftijd == JAAR_18 and self.toestand in (c.THUIS, c.ZORG) and self.beperking
                and self.uitkering_type == GEEN and self.uitstroommaand >= 0):
            if m.rng.random() < tab["wajong"]["school"]:
                self.uitkering_type = WAJONG
                m.tel("wajong_toegekend")
                if self.toestand == c.THUIS:
                    self.toestand, self.in_beeld, self.gewijzigd = c.UITKERING, True, True
                    m.tel("naar_uitkering")
                    return True
            return False
        if self.toestand == c.THUIS and self.uitkering_type == BIJSTAND:  # de zoektermijn is voorbij
            if m.rng.random() < tab["afzien"]:
                self.uitkering_type = GEEN
                return False  # ziet af en blijft thuis: gewoon door de maand
            self.toestand, self.gewijzigd = c.UITKERING, True
            m.tel("naar_uitkering")
            return True
        if self.toestand == c.UITKERING and self.uitkering_type == WW and self.maanden_in_toestand >= tab["ww_duur"]:
            bijstand = m.rng.random() < tab["na_ww_bijstand"]
            self.toestand, self.gewijzigd = c.THUIS, True
            self.uitkering_type = BIJSTAND if bijstand else GEEN
            self.in_beeld = bijstand or m.rng.random() < tab["in_beeld_bij_thuiskomst"]
            m.tel("uit_uitkering")
            return True
        return False

    def onderwijs(self, t: int, leeftijd: int) -> None:
        m, tab = self.model, self.model.tab
        maand = t % 12 + 1
        if maand == 7:
            if self.leerjaar >= tab["duur"][self.schooltype][self.niveau]:
                self.diplomeer(t, leeftijd)
                return
            if self.afstroom():
                return
        if maand == 9 and (self.leerjaar == 0 or m.rng.random() >= tab["zittenblijven"][self.schooltype]):
            self.leerjaar += 1
        if self.leerjaar < 1:  # wacht op de start in september
            return
        cel = (self.schooltype * 5 + self.niveau) * len(c.LEERWEGEN) + self.leerweg
        kans = (tab["vsv_maand"][cel] * tab["vsv_risico"][self.risicocode()]
                * tab["regio_vsv"][self.regio] * m.effect.vsv * m.effect.vsv_trend)
        if m.rng.random() < kans:
            st = self.schooltype
            if st == c.MBO:
                groep = self.diplomagroep() if self.startkwalificatie else G["vsv_mbo"]
            elif st == c.HO:
                groep = G["ho_uitval"]
            elif st in (c.HAVO, c.VWO):
                groep = G["vsv_havo_vwo"]
            else:
                groep = {c.PRO: G["pro"], c.VSO: G["vso"]}.get(st, G["vsv_vo"])
            self.verlaat_school(groep, t, leeftijd, vsv_mogelijk=True)

    def afstroom(self) -> bool:
        """Juli: havo naar mbo-4, vwo naar havo, met de afstroomkans per jaar."""
        m, tab = self.model, self.model.tab
        if self.schooltype not in (c.HAVO, c.VWO) or m.rng.random() >= tab["afstroom"][self.schooltype]:
            return False
        if self.schooltype == c.HAVO:
            self.start(c.MBO, 4, c.BBL if m.rng.random() < tab["bbl_aandeel"][4] else c.BOL, 0)
        else:
            self.start(c.HAVO, 0, c.GEEN, min(self.leerjaar, tab["duur"][c.HAVO][0] - 1))
        return True

    def diplomagroep(self) -> int:
        bbl = self.leerweg == c.BBL
        if self.schooltype in (c.PRO, c.VSO):
            return G["pro"] if self.schooltype == c.PRO else G["vso"]
        if self.niveau == 1:
            return G["entree_bbl"] if bbl else G["entree_bol"]
        if self.niveau == 2:
            return G["mbo2_bbl"] if bbl else G["mbo2_bol"]
        return G["mbo34_bbl"] if bbl else G["mbo34_bol"]

    def diplomeer(self, t: int, leeftijd: int) -> None:
        """Juli, laatste leerjaar af: diploma, dan doorstromen of de arbeidsmarkt op."""
        m, tab, rng = self.model, self.model.tab, self.model.rng
        m.tel("diploma")
        self.gewijzigd = True
        st, nv = self.schooltype, self.niveau
        if ((st == c.MBO and nv >= 2) or st in (c.HAVO, c.VWO)) and not self.startkwalificatie:
            self.startkwalificatie = True
            m.tel("startkwalificatie_behaald")
        if st == c.VMBO:
            if rng.random() < tab["vmbo_naar_mbo"]:
                gt = self.leerweg in (c.GEMENGD, c.THEORETISCH)
                if gt and rng.random() < tab["vmbo_gt_naar_havo"]:
                    self.start(c.HAVO, 0, c.GEEN, 1)
                    return
                laag, een_hoger, twee_hoger = tab["vmbo_niveau"][self.leerweg]
                trek = rng.random()
                niveau = laag + (trek < een_hoger) + (trek < twee_hoger)
                leerweg = c.BBL if rng.random() < tab["bbl_aandeel"][niveau] else c.BOL
                self.start(c.MBO, niveau, leerweg, 0)
            else:
                self.verlaat_school(G["vsv_vo"], t, leeftijd, vsv_mogelijk=True)
        elif st == c.HAVO:
            u = rng.random()
            if u < tab["havo_naar_ho"]:
                self.start(c.HO, c.HBO, c.GEEN, 0)
            elif u < tab["havo_naar_ho"] + tab["havo_naar_mbo"]:
                self.start(c.MBO, 4, c.BBL if rng.random() < tab["bbl_aandeel"][4] else c.BOL, 0)
            else:
                self.verlaat_school(G["havo_vwo"], t, leeftijd, vsv_mogelijk=False)
        elif st == c.VWO:
            if rng.random() < tab["vwo_naar_ho"]:
                self.start(c.HO, c.WO if rng.random() < tab["vwo_naar_wo"] else c.HBO, c.GEEN, 0)
            else:
                self.verlaat_school(G["havo_vwo"], t, leeftijd, vsv_mogelijk=False)
        elif st == c.HO:
            if nv == c.HBO and rng.random() < tab["hbo_naar_wo_master"]:
                self.start(c.HO, c.WO, c.GEEN, tab["duur"][c.HO][c.WO] - 2)
            else:
                self.verlaat_school(G["ho"], t, leeftijd, vsv_mogelijk=False)
        else:
            kans, volgend_type, volgend_niveau = tab["doorstroom"][(st, nv)]
            if rng.random() < kans:
                if volgend_type == c.HO:
                    leerweg = c.GEEN
                elif st != c.MBO:  # pro/vso naar entree
                    leerweg = c.BBL if rng.random() < tab["bbl_aandeel"][1] else c.BOL
                else:
                    leerweg = self.leerweg
                self.start(volgend_type, volgend_niveau, leerweg, 0)
            else:
                self.verlaat_school(self.diplomagroep(), t, leeftijd, vsv_mogelijk=st == c.MBO)

    def verlaat_school(self, groep: int, t: int, leeftijd: int, vsv_mogelijk: bool) -> None:
        """Van school: werk met een persoonlijke kans (log-odds), anders uitkering, zorg of thuis."""
        m, tab = self.model, self.model.tab
        werk = 1.0 / (1.0 + math.exp(-(tab["werk_logit"][groep] + math.log(tab["baanvinden"][self.risicocode()]))))
        rest = 1.0 - werk
        uitkering = rest * tab["uitkering_van_rest"] if leeftijd >= JAAR_18 else 0.0
        zorg = rest * tab["zorg_van_rest"][groep]
        u = m.rng.random()
        naar = (c.WERK if u < werk else c.UITKERING if u < werk + uitkering
                else c.ZORG if u < werk + uitkering + zorg else c.THUIS)
        if naar == c.UITKERING:
            self.naar_uitkering("school")
        else:
            self.zet(naar)
            if naar == c.ZORG and self.beperking and leeftijd >= JAAR_18 and m.rng.random() < tab["wajong"]["zorg"]:
                self.uitkering_type = WAJONG
                m.tel("wajong_toegekend")
        self.uitstroommaand, self.uitstroomgroep, self.leerjaar = t, groep, 0
        m.tel("schoolverlaters")
        if (vsv_mogelijk and not self.startkwalificatie and leeftijd < c.VSV_LEEFTIJDSGRENS_MAANDEN
                and self.schooltype not in (c.PRO, c.VSO)):  # DUO telt pro en vso niet als vsv
            self.vsv = True
            m.tel("nieuwe_vsv")
        if naar == c.WERK:
            m.tel("baanstart")
            self.ervaren = self.leerweg == c.BBL  # werkte al bij de leerbedrijf

    def naar_uitkering(self, herkomst: str) -> None:
        """WW na een half jaar werk, Wajong met een beperking, anders bijstand na de zoektermijn (eerst thuis)."""
        m, tab = self.model, self.model.tab
        al_wajong = self.uitkering_type == WAJONG
        if herkomst == "werk":
            soort = WW if self.maanden_in_toestand >= tab["ww_eis"] else BIJSTAND
        else:
            soort = WAJONG if al_wajong or (self.beperking and m.rng.random() < tab["wajong"][herkomst]) else BIJSTAND
        self.uitkering_type = soort
        self.toestand = c.THUIS if soort == BIJSTAND else c.UITKERING
        self.in_beeld, self.gewijzigd = True, True
        if self.toestand == c.UITKERING:
            m.tel("naar_uitkering")
        if soort == WAJONG and not al_wajong:
            m.tel("wajong_toegekend")

    def zet(self, toestand: int) -> None:
        """Nieuwe toestand buiten het onderwijs; wie thuis komt, is met een kans in beeld."""
        self.uitkering_type = WAJONG if (toestand == c.ZORG and self.uitkering_type == WAJONG) else GEEN
        self.toestand = toestand
        self.in_beeld = toestand != c.THUIS or self.model.rng.random() < self.model.tab["in_beeld_bij_thuiskomst"]
        self.gewijzigd = True

    def start(self, schooltype: int, niveau: int, leerweg: int, leerjaar: int) -> None:
        self.toestand, self.schooltype, self.niveau, self.leerweg = c.ONDERWIJS, schooltype, niveau, leerweg
        self.leerjaar, self.in_beeld, self.gewijzigd, self.uitkering_type = leerjaar, True, True, GEEN

    def herkomst(self) -> int:
        if self.toestand == c.UITKERING:
            return HERKOMSTEN.index({WW: "ww", WAJONG: "wajong"}.get(self.uitkering_type, "bijstand"))
        return HERKOMSTEN.index(c.TOESTANDEN[self.toestand])

    def wissel(self, t: int, leeftijd: int) -> None:
        """Werk, uitkering, zorg, thuis: een kans per bestemming; één trekking of, één trekking waarheen."""
        m, tab, e = self.model, self.model.tab, self.model.effect
        s, code = self.toestand, self.risicocode()
        k = list(tab["H"][self.herkomst()])
        in_beeld = tab["in_beeld_factor"] if (s == c.THUIS and self.in_beeld) else 1.0
        k[c.WERK] *= (tab["baanvinden"][code] * tab["regio_baan"][self.regio]
                      * (tab["onder_18"] if leeftijd < JAAR_18 else 1.0) * in_beeld * e.baanvinden)
        if s != c.WERK:  # de baankans daalt met de duur zonder werk (na een half jaar)
            k[c.WERK] *= tab["duur_per_jaar"] ** (max(self.maanden_in_toestand - 6, 0) / 12.0)
        k[c.ONDERWIJS] *= ((tab["terug_vanaf_23"] if leeftijd >= JAAR_23 else 1.0)
                           * (tab["terug_met_sk"] if self.startkwalificatie else 1.0) * in_beeld * e.terugkeer)
        if self.uitstroomgroep == G["havo_vwo"] and t - self.uitstroommaand < TUSSENJAAR_MAANDEN:
            k[c.ONDERWIJS] += tab["tussenjaar"]
        if leeftijd < JAAR_18 or self.uitkering_type == BIJSTAND:
            k[c.UITKERING] = 0.0  # geen uitkering onder 18; wie in de zoektermijn zit, vraagt niet opnieuw aan
        if s == c.WERK:
            verlies = (tab["baanverlies"][code] * e.baanverlies
                       * (tab["verlies_eerste_jaar"] if self.maanden_in_toestand < 12 else 1.0))
            for naar in (c.UITKERING, c.ZORG, c.THUIS):
                k[naar] *= verlies
        if s == c.ZORG:
            k = [x * e.zorg_uitstroom for x in k]
        k[s] = 0.0
        totaal = sum(k)
        if m.rng.random() >= min(totaal, 0.95):
            return
        u, som = m.rng.random() * totaal, 0.0
        for naar, x in enumerate(k):
            som += x
            if u < som:
                break
        if s == c.ZORG and naar == c.THUIS and self.uitkering_type == WAJONG:
            naar = c.UITKERING  # de Wajong loopt door na de zorg
        if s == c.UITKERING:
            m.tel("uit_uitkering")
        if s == c.WERK and naar != c.ONDERWIJS:
            m.tel("baanverlies")
        if naar == c.ONDERWIJS:
            self.naar_school(t, s)
            m.tel("terug_naar_school")
        elif naar == c.UITKERING:
            self.naar_uitkering({c.WERK: "werk", c.THUIS: "thuis", c.ZORG: "zorg"}[s])
        else:
            self.zet(naar)
            if naar == c.WERK:
                m.tel("baanstart")

    def naar_school(self, t: int, vanuit: int) -> None:
        """Zonder SK naar niveau 2 (entree na pro/vso), met SK een niveau hoger of naar het hbo."""
        st, nv = self.schooltype, self.niveau
        naar_ho = self.startkwalificatie and (st in (c.HO, c.HAVO, c.VWO) or (st == c.MBO and nv >= 4))
        if naar_ho:
            schooltype, niveau = c.HO, c.HBO
        elif self.startkwalificatie:
            schooltype, niveau = c.MBO, max(nv + 1, 3)
        else:
            schooltype, niveau = c.MBO, (1 if st in (c.PRO, c.VSO) else max(nv, 2))
        leerweg = c.GEEN if schooltype == c.HO else (c.BBL if vanuit == c.WERK else c.BOL)
        maand = t % 12 + 1
        self.start(schooltype, niveau, leerweg, 1 if (maand >= 9 or maand <= 2) else 0)


class PerAgentModel(mesa.Model):
    """Een kopie van een JongerenModel als één agent per actieve rij; zelfde regels, eigen toeval.

    `bron` levert de populatie (gekopieerd, niet gedeeld), de overgangstabellen, de beleidsinstellingen,
    parameters, schaal en de toevalsstromen voor nieuwe jongeren. Een stap is één maand voor alle agenten;
    `stromen` telt (in rijen) wat er gebeurde. Met `effect` gelden die effecten in plaats van die van het beleid.
    """

    def __init__(self, bron, seed: int = 12345, effect: Effecten | None = None):
        super().__init__(seed=seed)
        self.bron, self.instellingen, self.vast_effect = bron, bron.instellingen, effect
        sc = bron.scenario
        if self.instellingen.actief.any():
            raise ValueError(f"scenario '{sc.naam}' heeft begeleiding uit een budget of levenscoaching; de "
                             "per-agent-versie kent alleen scenario's met voor iedereen dezelfde effecten")
        self.maand = bron.maand
        self.tab = self._tabellen(bron.regels.tabellen)
        self.stromen = dict.fromkeys(STROMEN, 0)
        self.effect = Effecten()
        pop = bron.populatie
        kolommen = {naam: getattr(pop, naam).tolist() for naam in KENMERKEN}
        self._maak_agenten(kolommen)

    @staticmethod
    def _tabellen(r) -> dict:
        """De overgangstabellen als gewone Python-lijsten (sneller per getal)."""
        return {
            "duur": r.duur.tolist(), "vsv_maand": r.vsv_maand.tolist(), "vsv_risico": r.vsv_risico.tolist(),
            "regio_vsv": r.regio_vsv_factor.tolist(), "regio_baan": r.regio_baanfactor.tolist(),
            "baanvinden": r.baanvinden_risico.tolist(), "baanverlies": r.baanverlies_risico.tolist(),
            "werk_logit": r.werk_logit.tolist(), "zorg_van_rest": r.zorg_van_rest.tolist(),
            "uitkering_van_rest": float(r.uitkering_van_rest), "H": r.H.tolist(),
            "doorstroom": {k: (float(p), st, nv) for k, (p, st, nv) in r.doorstroom.items()},
            "vmbo_naar_mbo": float(r.vmbo_naar_mbo), "vmbo_gt_naar_havo": float(r.vmbo_gt_naar_havo),
            "havo_naar_ho": float(r.havo_naar_ho), "havo_naar_mbo": float(r.havo_naar_mbo),
            "vwo_naar_ho": float(r.vwo_naar_ho), "vwo_naar_wo": float(r.vwo_naar_wo),
            "afstroom": r.afstroom.tolist(), "zittenblijven": r.zittenblijven.tolist(),
            "bbl_aandeel": r.bbl_aandeel.tolist(),
            "vmbo_niveau": {lw: (laag, float(a), float(b)) for lw, (laag, a, b) in r.vmbo_niveau.items()},
            "duur_per_jaar": float(r.duur_per_jaar), "onder_18": float(r.onder_18),
            "verlies_eerste_jaar": float(r.verlies_eerste_jaar),
            "terug_vanaf_23": float(r.terug_vanaf_23), "terug_met_sk": float(r.terug_met_sk),
            "tussenjaar": float(r.tussenjaar), "hbo_naar_wo_master": float(r.hbo_naar_wo_master),
            "in_beeld_factor": float(r.in_beeld_factor), "in_beeld_bij_thuiskomst": float(r.in_beeld_bij_thuiskomst),
            "ww_eis": r.ww_eis_maanden, "ww_duur": r.ww_duur_maanden, "na_ww_bijstand": float(r.ww_einde_bijstand),
            "afzien": float(r.afzien_na_zoektermijn), "wajong": {k: float(v) for k, v in r.wajong.items()},
        }

    def _maak_agenten(self, kolommen: dict[str, list]) -> None:
        for i in range(len(kolommen["toestand"])):
            if kolommen["toestand"][i] != UIT:
                Jongere(self, {naam: kolommen[naam][i] for naam in KENMERKEN})

    def tel(self, stroom: str | None) -> None:
        if stroom is not None:
            self.stromen[stroom] += 1

    def _effecten(self) -> Effecten:
        """Voor iedereen dezelfde effecten: zonder hefbomen alleen het Doorstroompunt."""
        return self.vast_effect if self.vast_effect is not None else basiseffect(self.instellingen)

    def _nieuw(self, kolommen: dict[str, np.ndarray]) -> None:
        self._maak_agenten({naam: kolommen[naam].tolist() for naam in KENMERKEN})

    def step(self) -> None:
        """Eén maand: in september eerst het nieuwe cohort en in januari de nieuwkomers (zoals JongerenModel),
        dan elke jongere."""
        t = self.maand
        b = self.bron
        maand = t % 12 + 1
        if maand == 9:
            for a in [a for a in self.agents if a.toestand == UIT]:
                a.remove()
            cohort = nieuw_cohort(b.parameters, b.schaal, b.toeval("cohort", t), t, b.regiogegevens.aandeel,
                                  b.profiel.cohort(c.jaar_maand(t)[0]))
            self._nieuw(cohort)
        if maand == 1 and t > b.startmaand:
            # de aantallen per leeftijd zijn in beide implementaties gelijk: tel ze op de gevectoriseerde populatie,
            # die nog in de vorige maand staat (maar dezelfde geboortemaanden heeft)
            pop = b.populatie
            pop.maand = t
            nieuw = aanvulling(pop, b.profiel.doel(c.jaar_maand(t)[0]), b.schaal, b.toeval("aanvulling", t),
                               b.sjablonen, b.parameters["populatie.nieuwkomers.aandeel_student"])
            self._nieuw(nieuw)
        self.effect = self._effecten()
        self.agents.do("step")
        self.maand += 1

    def tellingen(self) -> dict[str, int]:
        """Aantal actieve agenten (rijen, niet maal de schaal) per toestand."""
        telling = dict.fromkeys(c.TOESTANDEN, 0)
        for a in self.agents:
            if a.toestand != UIT:
                telling[c.TOESTANDEN[a.toestand]] += 1
        return telling
