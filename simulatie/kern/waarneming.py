"""Maandcijfers: aantallen per toestand, schooltype en regio, de stromen van de maand, en de begeleiding.

Per maand één kubus (toestand x schooltype x regio) en één per stroom (stroom x schooltype x regio);
`frame()` maakt daar het lange formaat van dat notebooks en Parquet lezen:
    datum, indicator, toestand, schooltype, regio, waarde
met 'alle' (of regio 0) waar over een dimensie is opgeteld. Het `Begeleidingsregister` boekt de begeleiding van
elke maand (gekwalificeerd, bediend, budget) en geeft ze als `beleid.Begeleidingscijfers`.
"""

from __future__ import annotations

import numpy as np

from simulatie.gedeeld import codes as c
from simulatie.invoer.scenario import DOELGROEPEN
from simulatie.kern import kernen
from simulatie.kern.beleid import HEFBOMEN, LEVENSCOACHING, Begeleidingscijfers, Begeleidingsmaand, doelgroep
from simulatie.kern.vertrek import NIVEAUS_BIJ_VERTREK, niveau_bij_vertrek
from simulatie.kern.populatie import (UIT, UITGEBREID_CODE, VAKKEN_UITGEBREID, Populatie, uitgebreide_toestand)
from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.kern.toestanden import STROMEN, Stromen

NT, NS, NR = len(c.TOESTANDEN), len(c.SCHOOLTYPEN), AANTAL_REGIOS
# Leeftijdsbanden voor de waardering (jeugdloon en bijstandsnorm verschillen per leeftijd)
LEEFTIJDSBANDEN = ("onder_16", "16", "17", "18", "19", "20", "21_plus")
NL = len(LEEFTIJDSBANDEN)
DUURZAAM_MAANDEN = 12  # 'duurzaam werk': minstens een jaar onafgebroken aan het werk


def leeftijdsband(leeftijd_maanden: np.ndarray) -> np.ndarray:
    return np.clip(leeftijd_maanden // 12 - 15, 0, NL - 1)


# Leeftijd in hele jaren (14..26) -> leeftijdsband
BAND_VAN_LEEFTIJD = np.clip(np.arange(len(c.LEEFTIJDEN)) + c.MIN_LEEFTIJD - 15, 0, NL - 1)
NA = len(c.LEEFTIJDEN)
NTU = VAKKEN_UITGEBREID
# Toestanden van schoolverlaters een en twee jaar later: de uitgebreide toestanden, met bbl apart (CBS telt wie
# naast een bbl-opleiding werkt als werkend)
VERVOLGTOESTANDEN = c.TOESTANDEN_UITGEBREID + ("zorg_met_wajong", "onderwijs_bbl")
VERVOLG_MAANDEN = (12, 24)
# wie het model verlaat, per jongere: de MKBA legt zo dezelfde jongere in twee runs naast elkaar (zijn id) en
# waardeert een ander opleidingsniveau bij vertrek met het causale deel (mkba.Tellingen)
VERTREKKER = np.dtype([("id", np.int64), ("maand", np.int32), ("code", np.int8), ("regio", np.int8),
                       ("groep", np.int8)])


class Waarnemer:
    """Verzamelt de maandcijfers; gewicht is gelijk voor alle rijen, dus tellen maal schaal."""

    def __init__(self, schaal: int, uitsplitsing: bool = False):
        self.schaal = schaal
        # met `uitsplitsing` ook de leeftijdskubus per regio en per groep (codes.groepcode), en wie vertrekt per
        # regio en groep: de basis van de MKBA per regio en per groep (kost een telling per maand extra)
        self.uitsplitsing = uitsplitsing
        self.regiokubus: list[np.ndarray] = []     # (VAKKEN_UITGEBREID, leeftijd, SK, bbl, regio)
        self.groepkubus: list[np.ndarray] = []     # (VAKKEN_UITGEBREID, leeftijd, SK, bbl, groep)
        self.uit_27_regio: list[np.ndarray] = []   # (NT, niveau, regio)
        self.uit_27_groep: list[np.ndarray] = []   # (NT, niveau, groep)
        self.stromen_groep: list[np.ndarray] = []  # (stroom, groep)
        self.maanden: list[int] = []
        self.aantallen: list[np.ndarray] = []      # (NT, NS, NR)
        self.buiten_beeld: list[np.ndarray] = []   # (NR,)
        self.zonder_sk: list[np.ndarray] = []      # (NT,)
        self.stromen: list[np.ndarray] = []        # (len(STROMEN), NS, NR)
        self.duurzaam: list[np.ndarray] = []       # (NR,) onafgebroken >= 12 maanden aan het werk
        # (VAKKEN_UITGEBREID, leeftijd 14..26, SK, bbl): de toestand met de uitkering naar soort, naar leeftijd;
        # daaruit komen de waardering voor de MKBA en de standen naar leeftijd die met het CBS vergeleken worden
        self.leeftijdskubus: list[np.ndarray] = []
        self.uit_27: list[np.ndarray] = []         # (NT, niveau) wie deze maand 27 werd, naar laatste toestand
        self.vertrekkers: list[np.ndarray] = []    # VERTREKKER per jongere die deze maand 27 werd
        # wie precies 12 en 24 maanden geleden uitstroomde: (horizon, uitstroomgroep, VERVOLGTOESTANDEN)
        self.vervolg: list[np.ndarray] = []
        # uitkeringen: instroom naar soort (bijstand, WW, Wajong) en wie 12 of 24 maanden onafgebroken in dezelfde
        # uitkering zit (soort, horizon)
        self.uitkering_instroom: list[np.ndarray] = []
        self.uitkering_duur: list[np.ndarray] = []
        # voor de kalibratie: per mbo-niveau en leerweg de ingeschrevenen en de nieuwe vsv'ers
        self.mbo_stand: list[np.ndarray] = []      # (niveau 0-4, leerweg bol/bbl)
        self.mbo_vsv: list[np.ndarray] = []
        self.laatste: dict[str, float] = {}
        self._gestapeld: dict[str, np.ndarray] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_gestapeld": {}}  # afgeleid: niet meesturen naar of van een werker

    def reeks(self, naam: str) -> np.ndarray:
        """De maandcijfers `naam` (een van de lijsten hierboven) als één array (maand, ...). Onthouden tot er een
        maand bijkomt: de MKBA per regio of groep leest dezelfde reeks tientallen keren. Niet wijzigen."""
        lijst = getattr(self, naam)
        bewaard = self._gestapeld.get(naam)
        if bewaard is None or len(bewaard) != len(lijst):
            bewaard = self._gestapeld[naam] = np.stack(lijst)
        return bewaard

    def neem_waar(self, pop: Populatie, stromen: Stromen, t: int) -> None:
        # de standen in één gang over de populatie (kernen.tel_standen); wie 27 werd (UIT) telt alleen in het
        # extra vak van de aantallen, dat wegvalt
        st = pop.toestand
        aantallen, buiten_beeld, zonder_sk, duurzaam, lk, rk, gk = kernen.tel_standen(
            t, st, pop.schooltype, pop.regio, pop.in_beeld, pop.startkwalificatie, pop.maanden_in_toestand,
            pop.uitkering_type, pop.leerweg, pop.geboortemaand, pop.migratie, pop.multiproblematiek, UITGEBREID_CODE,
            DUURZAAM_MAANDEN, NS, NR, NA, NTU, c.NG_GROEPEN, self.uitsplitsing)
        kubus = aantallen[:NT] * self.schaal
        self.maanden.append(t)
        self.aantallen.append(kubus)
        self.buiten_beeld.append(buiten_beeld * self.schaal)
        self.zonder_sk.append(zonder_sk[:NT] * self.schaal)
        # alle stromen in één telling: per rij de code (stroom, schooltype, regio)
        codes = [i * NS * NR + pop.schooltype[rijen].astype(np.int64) * NR + pop.regio[rijen]
                 for i, naam in enumerate(STROMEN) for rijen in stromen.rijen[naam]]
        stroom = (np.bincount(np.concatenate(codes), minlength=len(STROMEN) * NS * NR) if codes
                  else np.zeros(len(STROMEN) * NS * NR, np.int64)).reshape(len(STROMEN), NS, NR) * self.schaal
        self.stromen.append(stroom.astype(float))
        self.duurzaam.append(duurzaam * self.schaal)
        if self.uitsplitsing:  # de landelijke kubus is de som over de regio's
            self.regiokubus.append(rk * self.schaal)
            self.groepkubus.append(gk * self.schaal)
        self.leeftijdskubus.append(lk * self.schaal)
        self._vervolg(pop, t)
        self._uitkeringen(pop, stromen)
        mbo = (st == c.ONDERWIJS) & (pop.schooltype == c.MBO)
        self.mbo_stand.append(_mbo_kubus(pop, np.flatnonzero(mbo)) * self.schaal)
        vsv = stromen.alle("nieuwe_vsv")
        self.mbo_vsv.append(_mbo_kubus(pop, vsv[pop.schooltype[vsv] == c.MBO]) * self.schaal)
        uit = stromen.alle("uit_27")
        niveau = niveau_bij_vertrek(pop, uit, stromen.uit_27_toestand)
        nn = len(NIVEAUS_BIJ_VERTREK)
        code = stromen.uit_27_toestand.astype(np.int64) * nn + niveau
        self.uit_27.append(np.bincount(code, minlength=NT * nn).reshape(NT, nn) * self.schaal)
        groep = c.groepcode(pop.schooltype[uit], pop.migratie[uit], pop.multiproblematiek[uit])
        vertrekkers = np.empty(len(uit), VERTREKKER)
        vertrekkers["id"], vertrekkers["maand"], vertrekkers["code"] = pop.id[uit], t, code
        vertrekkers["regio"], vertrekkers["groep"] = pop.regio[uit], groep
        self.vertrekkers.append(vertrekkers)
        if self.uitsplitsing:
            ng = c.NG_GROEPEN
            self.uit_27_regio.append(np.bincount(code * NR + pop.regio[uit], minlength=NT * nn * NR)
                                     .reshape(NT, nn, NR) * self.schaal)
            self.uit_27_groep.append(np.bincount(code * ng + groep, minlength=NT * nn * ng)
                                     .reshape(NT, nn, ng) * self.schaal)
            codes = [i * ng + c.groepcode(pop.schooltype[r], pop.migratie[r], pop.multiproblematiek[r])
                     for i, naam in enumerate(STROMEN) for r in stromen.rijen[naam]]
            self.stromen_groep.append((np.bincount(np.concatenate(codes), minlength=len(STROMEN) * ng) if codes
                                       else np.zeros(len(STROMEN) * ng)).reshape(len(STROMEN), ng) * float(self.schaal))
        per_toestand = kubus.sum(axis=(1, 2))
        self.laatste = {**{naam: float(per_toestand[i]) for i, naam in enumerate(c.TOESTANDEN)},
                        **{naam: float(stroom[i].sum()) for i, naam in enumerate(STROMEN)},
                        "buiten_beeld": float(self.buiten_beeld[-1].sum()),
                        "duurzaam_werk": float(self.duurzaam[-1].sum())}

    def _vervolg(self, pop: Populatie, t: int) -> None:
        """Waar wie 12 en 24 maanden geleden van school ging nu is, per uitstroomgroep."""
        ng, nv = len(c.UITSTROOMGROEPEN), len(VERVOLGTOESTANDEN)
        rijen = np.flatnonzero((pop.uitstroommaand == t - 12) | (pop.uitstroommaand == t - 24))
        rijen = rijen[pop.toestand[rijen] != UIT]
        horizon = (pop.uitstroommaand[rijen] == t - 24).astype(np.int32)
        bbl = (pop.leerweg[rijen] == c.BBL) & (pop.toestand[rijen] == c.ONDERWIJS)
        toestand = np.where(bbl, nv - 1, uitgebreide_toestand(pop.toestand[rijen], pop.uitkering_type[rijen]))
        code = (horizon * ng + pop.uitstroomgroep[rijen]) * nv + toestand
        self.vervolg.append(np.bincount(code, minlength=2 * ng * nv).reshape(2, ng, nv) * self.schaal)

    def _uitkeringen(self, pop: Populatie, stromen: Stromen) -> None:
        instroom = stromen.alle("naar_uitkering")
        self.uitkering_instroom.append(np.bincount(pop.uitkering_type[instroom], minlength=len(c.UITKERINGSTYPEN))[1:]
                                       * self.schaal)
        duur = np.zeros((len(c.UITKERINGSTYPEN) - 1, len(VERVOLG_MAANDEN)))
        for j, maanden in enumerate(VERVOLG_MAANDEN):
            rijen = np.flatnonzero(pop.maanden_in_toestand == maanden)
            rijen = rijen[pop.toestand[rijen] == c.UITKERING]
            duur[:, j] = np.bincount(pop.uitkering_type[rijen], minlength=len(c.UITKERINGSTYPEN))[1:]
        self.uitkering_duur.append(duur * self.schaal)

    # ---------------------------------------------------------------------------------------- afgeleid
    def kubus(self, regio: int | None = None, groep: int | None = None) -> np.ndarray:
        """(maand, VAKKEN_UITGEBREID, leeftijd, SK, bbl): landelijk, of voor één regio of groep (uitsplitsing)."""
        if regio is not None:
            return self.reeks("regiokubus")[..., regio].astype(float)
        if groep is not None:
            return self.reeks("groepkubus")[..., groep].astype(float)
        return self.reeks("leeftijdskubus").astype(float)

    def waardering(self, K: np.ndarray | None = None) -> np.ndarray:
        """(maand, toestand, leeftijdsband, SK, bbl): de aantallen die de MKBA waardeert (uit `kubus()`)."""
        K = self.kubus() if K is None else K  # (maand, NTU, NA, 2, 2)
        naar_toestand = np.array([c.TOESTANDEN.index(n) if n in c.TOESTANDEN else c.UITKERING
                                  for n in c.TOESTANDEN_UITGEBREID] + [c.ZORG])
        W = np.zeros((K.shape[0], NT, NL, 2, 2))
        for u in range(NTU):
            for a in range(NA):
                W[:, naar_toestand[u], BAND_VAN_LEEFTIJD[a]] += K[:, u, a]
        return W

    def uitkeringen_naar_soort(self, K: np.ndarray | None = None) -> np.ndarray:
        """(maand, soort (bijstand, WW, Wajong), leeftijdsband, SK): uitkeringsontvangers, voor de MKBA per betaler."""
        K = (self.kubus() if K is None else K).sum(axis=4)  # (maand, NTU, NA, SK)
        U = np.zeros((K.shape[0], 3, NL, 2))
        for i, naam in enumerate(("bijstand", "ww", "wajong")):
            for a in range(NA):
                U[:, i, BAND_VAN_LEEFTIJD[a]] += K[:, c.TOESTANDEN_UITGEBREID.index(naam), a]
        for a in range(NA):  # Wajong naast de zorg
            U[:, 2, BAND_VAN_LEEFTIJD[a]] += K[:, c.ZORG_MET_WAJONG, a]
        return U

    def standen_naar_leeftijd(self) -> np.ndarray:
        """(maand, VAKKEN_UITGEBREID, leeftijd 14..26): jongeren per toestand (uitkering naar soort, en zorg met
        Wajong apart) en leeftijd."""
        return np.stack(self.leeftijdskubus).sum(axis=(3, 4)).astype(float)


class Begeleidingsregister:
    """Boekt de begeleiding van elke maand: gekwalificeerd en bediend per hefboom, doelgroep en regio, het budget
    per regio, en met `uitsplitsing` de bedienden per groep (codes.groepcode). In echte jongeren (maal de schaal)."""

    def __init__(self, schaal: int, kosten_maand: np.ndarray, uitsplitsing: bool = False):
        self.schaal = schaal
        self.kosten_maand = np.nan_to_num(kosten_maand)  # (hefboom,) 0 voor hefbomen die het scenario niet kent
        self.uitsplitsing = uitsplitsing
        self.maanden: list[int] = []
        self.gekwalificeerd: list[np.ndarray] = []  # (hefboom, doelgroep, regio)
        self.bediend: list[np.ndarray] = []
        self.budget: list[np.ndarray] = []          # (regio,) euro deze maand
        self.bediend_groep: list[np.ndarray] = []   # (hefboom, groep)

    def boek(self, pop: Populatie, maand: Begeleidingsmaand, budget_maand: np.ndarray, t: int) -> None:
        """De begeleiding van maand t; `pop` is de populatie aan het eind van de maand (doelgroep en regio daarvan)."""
        vorm = (len(HEFBOMEN), len(DOELGROEPEN) + 1, AANTAL_REGIOS)

        def code(rijen, hefboom):
            return (hefboom.astype(np.int64) * vorm[1] + doelgroep(pop, rijen)) * vorm[2] + pop.regio[rijen]

        def kubus(codes):
            return np.bincount(codes, minlength=np.prod(vorm)).reshape(vorm).astype(float)

        k = maand.kandidaten
        lc_rijen = maand.levenscoaching
        kandidaten = code(k.rijen, k.hefboom)
        # levenscoaching: iedereen bediend
        lc = kubus(code(lc_rijen, np.full(len(lc_rijen), LEVENSCOACHING, np.int8))) if len(lc_rijen) else 0.0
        self.maanden.append(t)
        self.gekwalificeerd.append((kubus(kandidaten) + lc) * self.schaal)
        self.bediend.append((kubus(kandidaten[maand.bediend]) + lc) * self.schaal)
        self.budget.append(budget_maand)
        if self.uitsplitsing:
            rijen = np.concatenate([maand.bediende_rijen, lc_rijen])
            hefboom = np.concatenate([maand.bediende_hefboom, np.full(len(lc_rijen), LEVENSCOACHING, np.int8)])
            groep = c.groepcode(pop.schooltype[rijen], pop.migratie[rijen], pop.multiproblematiek[rijen])
            self.bediend_groep.append(np.bincount(hefboom.astype(np.int64) * c.NG_GROEPEN + groep,
                                                  minlength=len(HEFBOMEN) * c.NG_GROEPEN)
                                      .reshape(len(HEFBOMEN), c.NG_GROEPEN) * float(self.schaal))

    def cijfers(self) -> Begeleidingscijfers:
        """De boekhouding van alle maanden tot nu toe, als arrays."""
        def stapel(kubussen: list[np.ndarray]) -> np.ndarray:
            return np.stack(kubussen) if kubussen else np.zeros((0, len(HEFBOMEN), len(DOELGROEPEN) + 1, NR))

        return Begeleidingscijfers(list(self.maanden), stapel(self.gekwalificeerd), stapel(self.bediend),
                                   self.kosten_maand.copy(),
                                   np.stack(self.budget) if self.budget else np.zeros((0, NR)),
                                   np.stack(self.bediend_groep) if self.bediend_groep else None)


def _mbo_kubus(pop: Populatie, rijen: np.ndarray) -> np.ndarray:
    """Aantallen per mbo-niveau (0-4) en leerweg (0 = bol, 1 = bbl)."""
    code = pop.niveau[rijen].astype(np.int32) * 2 + (pop.leerweg[rijen] == c.BBL)
    return np.bincount(code, minlength=10).reshape(5, 2)
