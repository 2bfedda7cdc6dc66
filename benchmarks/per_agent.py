"""Dezelfde maandregels per agent: één Mesa-agent per jongere, met een step() in gewone Python.

Dit is de meetlat voor de snelheid van het gevectoriseerde model en een statistisch orakel voor zijn
regels (tests/test_orakel.py). De regels zijn onafhankelijk opnieuw geschreven, per jongere en per
maand; alleen de opzoektabellen (kansen per groep, risicofactoren) komen uit dezelfde
`Overgangsregels`, zodat beide implementaties dezelfde parameters gebruiken.

Nieuwe cohorten komen in deze versie niet binnen: vergelijk beide implementaties over een periode
zonder september, of tel alleen de startpopulatie (zie `PerAgentModel.tellingen`).
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from simulatie import codes as c
from simulatie.populatie import KOLOMMEN
from simulatie.toestanden import Effecten, Overgangsregels

UIT = len(c.TOESTANDEN)


def _waarde(effect, i):
    return effect[i] if isinstance(effect, np.ndarray) else effect


class Jongere(mesa.Agent):
    """Eén jongere met haar kenmerken als gewone Python-waarden."""

    def __init__(self, model: "PerAgentModel", rij: dict):
        super().__init__(model)
        self.rij = rij["id"]
        for k, v in rij.items():
            if k != "id":
                setattr(self, k, v.item() if hasattr(v, "item") else v)

    # -- hulpfuncties
    def risicocode(self) -> int:
        return (int(self.startkwalificatie) | int(self.migratie) << 1 | int(self.beperking) << 2
                | int(self.multiproblematiek) << 3)

    def leeftijd(self, t: int) -> int:
        return t - self.geboortemaand

    def zet(self, toestand: int, rng) -> None:
        self.toestand = toestand
        self.in_beeld = toestand != c.THUIS or rng.random() < self.model.regels.in_beeld_bij_thuiskomst
        self.gewijzigd = True

    def verlaat_school(self, groep: int, t: int, rng, vsv_mogelijk: bool) -> None:
        regels = self.model.regels
        logit = regels.werk_logit[groep] + math.log(regels.baanvinden_risico[self.risicocode()])
        werk = 1 / (1 + math.exp(-logit))
        rest = 1 - werk
        uitk = rest * regels.uitkering_van_rest * (self.leeftijd(t) >= 216)
        zorg = rest * regels.zorg_van_rest[groep]
        u = rng.random()
        bestemming = (c.WERK if u < werk else c.UITKERING if u < werk + uitk
                      else c.ZORG if u < werk + uitk + zorg else c.THUIS)
        self.zet(bestemming, rng)
        self.uitstroommaand, self.uitstroomgroep, self.leerjaar = t, groep, 0
        if (vsv_mogelijk and not self.startkwalificatie and self.leeftijd(t) < c.VSV_LEEFTIJDSGRENS_MAANDEN
                and self.schooltype not in (c.PRO, c.VSO)):
            self.vsv = True
            self.model.nieuwe_vsv += 1

    # -- de maand
    def step(self) -> None:
        m = self.model
        t, regels, rng, effect = m.t, m.regels, m.rng, m.effect
        if self.toestand == UIT:
            return
        self.gewijzigd = False
        if self.leeftijd(t) >= c.LEEFTIJDSGRENS_MAANDEN:
            self.toestand = UIT
            return
        maand = t % 12 + 1
        if self.toestand == c.ONDERWIJS:
            if maand == 7 and self.leerjaar >= regels.duur[self.schooltype, self.niveau]:
                self.diplomeer(t, rng)
                return
            if maand == 9:
                self.leerjaar += 1
            if self.leerjaar >= 1:
                cel = (self.schooltype * 5 + self.niveau) * len(c.LEERWEGEN) + self.leerweg
                kans = (regels.vsv_maand[cel] * regels.vsv_risico[self.risicocode()]
                        * regels.regio_vsv_factor[self.regio] * _waarde(effect.vsv, self.rij))
                if rng.random() < kans:
                    self.verlaat_school(self.uitvalgroep(), t, rng, vsv_mogelijk=True)
            return
        self.wissel(t, rng, effect)
        if (self.toestand == c.THUIS and not self.gewijzigd and not self.in_beeld and not self.startkwalificatie
                and self.leeftijd(t) < effect.leeftijdsgrens_doorstroompunt_maanden
                and rng.random() < effect.bereik_doorstroompunt):
            self.in_beeld = True

    def uitvalgroep(self) -> int:
        g = c.UITSTROOMGROEP
        if self.schooltype == c.MBO:
            if self.startkwalificatie:
                return g["mbo2_bbl"] if self.leerweg == c.BBL else g["mbo2_bol"]
            return g["vsv_mbo"]
        return {c.PRO: g["pro"], c.VSO: g["vso"], c.HO: g["ho"]}.get(self.schooltype, g["vsv_vo"])

    def diplomeer(self, t: int, rng) -> None:
        regels, g = self.model.regels, c.UITSTROOMGROEP
        self.model.diplomas += 1
        if self.schooltype == c.MBO and self.niveau >= 2:
            self.startkwalificatie = True
        if self.schooltype == c.VMBO:
            if rng.random() < regels.vmbo_naar_mbo:
                kans, laag, hoog = regels.vmbo_niveau[self.leerweg]
                niveau = hoog if rng.random() < kans else laag
                self.start(c.MBO, niveau, c.BBL if rng.random() < regels.bbl_aandeel[niveau] else c.BOL)
            else:
                self.verlaat_school(g["vsv_vo"], t, rng, vsv_mogelijk=True)
            return
        if self.schooltype == c.HO:
            self.verlaat_school(g["ho"], t, rng, vsv_mogelijk=False)
            return
        kans, volgend_type, volgend_niveau = regels.doorstroom[(self.schooltype, self.niveau)]
        if rng.random() < kans:
            if volgend_type == c.MBO and self.schooltype != c.MBO:
                leerweg = c.BBL if rng.random() < regels.bbl_aandeel[1] else c.BOL
            else:
                leerweg = c.GEEN if volgend_type == c.HO else self.leerweg
            self.start(volgend_type, volgend_niveau, leerweg)
            return
        bbl = self.leerweg == c.BBL
        groep = (g["pro"] if self.schooltype == c.PRO else g["vso"] if self.schooltype == c.VSO
                 else g["entree_bbl" if bbl else "entree_bol"] if self.niveau == 1
                 else g["mbo2_bbl" if bbl else "mbo2_bol"] if self.niveau == 2 else g["mbo34_bbl" if bbl else "mbo34_bol"])
        self.verlaat_school(groep, t, rng, vsv_mogelijk=self.schooltype == c.MBO)

    def start(self, schooltype: int, niveau: int, leerweg: int, leerjaar: int = 0) -> None:
        self.toestand, self.schooltype, self.niveau, self.leerweg = c.ONDERWIJS, schooltype, niveau, leerweg
        self.leerjaar, self.in_beeld, self.gewijzigd = leerjaar, True, True

    def wissel(self, t: int, rng, effect: Effecten) -> None:
        """Concurrerende risico's: kans per bestemming, dan één trekking voor 'weg' en één voor 'waarheen'."""
        regels = self.model.regels
        s, code, lft = self.toestand, self.risicocode(), self.leeftijd(t)
        kansen = [float(regels.H[s, naar]) for naar in range(len(c.TOESTANDEN))]
        in_beeld_thuis = regels.in_beeld_factor if (self.in_beeld and s == c.THUIS) else 1.0
        duur = max(self.maanden_in_toestand - 6, 0) / 12.0
        kansen[c.WERK] *= (regels.baanvinden_risico[code] * regels.regio_baanfactor[self.regio]
                           * (regels.onder_18 if lft < 216 else 1.0) * in_beeld_thuis
                           * (regels.duur_per_jaar ** duur if s != c.WERK else 1.0)
                           * _waarde(effect.baanvinden, self.rij))
        kansen[c.ONDERWIJS] *= ((regels.terug_vanaf_23 if lft >= 276 else 1.0)
                                * (regels.terug_met_sk if self.startkwalificatie else 1.0)
                                * in_beeld_thuis * _waarde(effect.terugkeer, self.rij))
        if lft < 216:
            kansen[c.UITKERING] = 0.0
        if s == c.WERK:
            for naar in (c.UITKERING, c.ZORG, c.THUIS):
                kansen[naar] *= regels.baanverlies_risico[code] * _waarde(effect.baanverlies, self.rij)
        if s == c.ZORG:
            kansen = [k * _waarde(effect.zorg_uitstroom, self.rij) for k in kansen]
        kansen[s] = 0.0
        totaal = sum(kansen)
        if rng.random() >= min(totaal, 0.95):
            return
        u, cumulatief = rng.random() * totaal, 0.0
        for naar, k in enumerate(kansen):
            cumulatief += k
            if u < cumulatief:
                break
        if naar == c.ONDERWIJS:
            self.terug_naar_school(t, s)
        else:
            self.zet(naar, rng)

    def terug_naar_school(self, t: int, vanuit: int) -> None:
        if self.startkwalificatie:
            niveau = 0 if (self.schooltype == c.HO or self.niveau >= 4) else max(self.niveau + 1, 3)
        else:
            niveau = 1 if self.schooltype in (c.PRO, c.VSO) else max(self.niveau, 2)
        schooltype = c.HO if (self.startkwalificatie and niveau == 0) else c.MBO
        leerweg = c.GEEN if schooltype == c.HO else (c.BBL if vanuit == c.WERK else c.BOL)
        maand = t % 12 + 1
        self.start(schooltype, niveau, leerweg, leerjaar=1 if (maand >= 9 or maand <= 2) else 0)


class PerAgentModel(mesa.Model):
    """De startpopulatie van een JongerenModel, als één agent per rij; zelfde regels, eigen toeval."""

    def __init__(self, bron, seed: int = 0):
        super().__init__(seed=seed)
        self.regels: Overgangsregels = bron.regels
        self.beleid = bron.beleid
        self.bron_populatie = bron.populatie
        self.t = bron.maand
        kolommen = bron.populatie.kolommen()
        for i in range(len(bron.populatie)):
            Jongere(self, {**{k: kolommen[k][i] for k in KOLOMMEN}, "id": i})
        self.nieuwe_vsv = 0
        self.diplomas = 0

    def step(self) -> None:
        # het beleid werkt op de populatie-arrays; in het nulalternatief zonder capaciteitshefbomen is het
        # effect voor iedereen gelijk (alleen het Doorstroompunt), dus één keer per maand opvragen volstaat
        self.effect = self.beleid.effecten(self.bron_populatie, self.t) if self.beleid else Effecten()
        self.agents.do("step")
        for a in self.agents:
            if getattr(a, "toestand", UIT) != UIT:
                a.maanden_in_toestand = 0 if a.gewijzigd else a.maanden_in_toestand + 1
        self.t += 1

    def tellingen(self) -> dict[str, int]:
        telling = {naam: 0 for naam in c.TOESTANDEN}
        for a in self.agents:
            if a.toestand != UIT:
                telling[c.TOESTANDEN[a.toestand]] += 1
        return telling
