"""JongerenModel: een Mesa-model waarin één stap één maand is.

De jongeren zijn één gevectoriseerde populatie, de regio's één gevectoriseerde `Regios` (zie ARCHITECTUUR.md).
Een maand is een keten van waarden (zie `step`): wat eenmaal gebouwd is (instellingen, tabellen) verandert niet,
en geen onderdeel houdt het model vast. Toevalsgetallen komen uit stromen die alleen van het zaad, het doel en
de maand afhangen, zodat een scenario en het nulalternatief dezelfde trekkingen voor dezelfde jongere gebruiken
(gemeenschappelijke toevalsgetallen): verschillen zijn dan beleid, geen ruis.
"""

from __future__ import annotations

from pathlib import Path

import mesa
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from simulatie.gedeeld import codes as c
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import Geheugen, Parameters, laad_parameters
from simulatie.invoer.scenario import Scenario, laad_scenario
from simulatie.kern.beleid import (Begeleidingscijfers, Begeleidingsmaand, Beleidsinstellingen, Factorbuffers,
                                   bepaal_kandidaten, effecten, wie_levenscoaching)
from simulatie.kern.kernen import uniformen
from simulatie.kern.opwarming import profiel, startpopulatie
from simulatie.kern.populatie import KOLOMMEN, Populatie, Sjablonen, aanvulling, nieuw_cohort
from simulatie.kern.regio import Regiogegevens, Regios
from simulatie.kern.toestanden import Overgangsregels
from simulatie.kern.uitkomst import Uitkomst
from simulatie.kern.waarneming import Begeleidingsregister, Waarnemer

# Vaste nummers per toevalsstroom: een stroom hangt nooit af van hoeveel een andere stroom trok.
_STROOM = {"populatie": 1, "cohort": 2, "maand": 3, "beleid": 4, "aanvulling": 5, "sjablonen": 6}

# De cohorten hangen alleen af van zaad, schaal, maand en de parameters die het bouwen leest; in een
# experiment zijn ze voor bijna alle runs gelijk. Begrensd op 64 MB aan kolommen, zodat een notebook op
# schaal 1 er niet vol van loopt. (De startpopulatie onthoudt opwarming.startpopulatie.)
_GEBOUWD = Geheugen(maximum=64e6, grootte=lambda kolommen: sum(k.nbytes for k in kolommen.values()))


class JongerenModel(mesa.Model):
    """Jongeren van school naar werk, per maand, onder één scenario.

    >>> model = JongerenModel("nulalternatief", seed=1, schaal=100)
    >>> model.run_for(12)
    >>> model.populatie.frame().toestand.value_counts()
    """

    def __init__(self, scenario: Scenario | str | Path | None = None, seed: int = 0, schaal: int = 1,
                 parameters: Parameters | None = None, stationair: bool = False, uitsplitsing: bool = False,
                 beleidsjaren: int | None = None):
        scenario = laad_scenario(scenario or "nulalternatief") if not isinstance(scenario, Scenario) else scenario
        if not isinstance(schaal, (int, np.integer)) or isinstance(schaal, bool) or schaal < 1:
            raise InvoerFout(f"schaal {schaal!r} is ongeldig.", veld="schaal",
                             toegestaan="een geheel getal >= 1 (1 = de volledige populatie, "
                                        "10 = één rij per 10 jongeren)")
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
            raise InvoerFout(f"seed {seed!r} is ongeldig.", veld="seed", toegestaan="een geheel getal >= 0")
        super().__init__(seed=int(seed))
        self.scenario = scenario
        self.zaad = int(seed)
        self.schaal = int(schaal)
        self.parameters = parameters if parameters is not None else laad_parameters()
        jaar, maand = scenario.looptijd.startmaand
        self.startmaand = c.maandindex(jaar, maand)
        self.maand = self.startmaand  # de maand die de volgende stap simuleert

        self.regiogegevens = Regiogegevens.uit(self.parameters)
        # `stationair`: cohorten en vsv-niveau blijven die van de start (ook in het opwarmen); anders volgen ze
        # de geboorten en het gepubliceerde vsv-niveau per jaar
        self.stationair = bool(stationair)
        # `uitsplitsing`: ook de tellingen per regio en per groep (MKBA per regio en groep; kost een telling extra)
        self.uitsplitsing = bool(uitsplitsing)
        self.regels = Overgangsregels.uit(self.parameters, self.regiogegevens.vsv_factor, self.regiogegevens.krapte)
        self.opwarming = startpopulatie(self.parameters, self.regels, zaad=self.zaad, schaal=self.schaal,
                                        startmaand=self.startmaand, regio_aandeel=self.regiogegevens.aandeel,
                                        stationair=self.stationair)
        self.populatie = Populatie({k: v.copy() for k, v in self.opwarming.kolommen.items()}, self.startmaand)
        self._volgend_id = len(self.populatie)
        self.profiel = profiel(self.parameters, self.startmaand, self.stationair)
        # nieuwkomers na de start lijken op leeftijdgenoten bij de start: in elk scenario dezelfde (CRN)
        self.sjablonen = Sjablonen.uit(self.populatie, self.toeval("sjablonen"))
        # de begeleiding: één keer gelezen uit scenario en parameters; de regio's besteden het budget
        self.instellingen = Beleidsinstellingen.uit(scenario, self.parameters, self.regiogegevens,
                                                    self.regels.tabellen.vsv_risico, self.schaal, self.populatie)
        self.regios = Regios(self.instellingen.budget_per_jaar, self.instellingen.rij_maximum)
        # het einde van het beleid (de eerste maand zonder): na `beleidsjaren` (standaard looptijd.beleid_jaren), en
        # uiterlijk bij het begin van de uitloop
        jaren_beleid = beleidsjaren if beleidsjaren is not None else scenario.looptijd.beleid_jaren
        self.beleidseinde = self.startmaand + 12 * int(jaren_beleid) if jaren_beleid else None
        self.met_beleid = True
        self.uitlopend = False  # in de uitloop komen er geen cohorten en nieuwkomers meer bij
        self.uitloop_begin: int | None = None  # de eerste maand van de uitloop
        self.factoren = Factorbuffers()
        # de waarnemer en het register zijn de registratie (maandkubussen voor MKBA, kalibratie en rapport); een
        # Mesa-DataCollector daarnaast werd gevuld maar door niets gelezen
        self.waarnemer = Waarnemer(self.schaal, self.uitsplitsing)
        self.register = Begeleidingsregister(self.schaal, self.instellingen.kosten_maand, self.uitsplitsing)
        self.begeleiding = Begeleidingsmaand.geen()  # die van de laatste maand, om in te zien
        self._gevolgd: dict[int, list[dict]] = {}

    # ------------------------------------------------------------------------------------ toeval
    def toeval(self, stroom: str, *sleutel: int) -> np.random.Generator:
        """Een toevalsgenerator die alleen afhangt van zaad, stroom en sleutel (bijvoorbeeld de maand)."""
        return np.random.default_rng([self.zaad, _STROOM[stroom], *[int(k) for k in sleutel]])

    # ------------------------------------------------------------------------------------ de stap
    def step(self) -> None:
        """Eén maand, van boven naar beneden; alleen de populatie verandert (en het saldo van de regio's)."""
        t = self.maand
        if self.met_beleid and self.beleidseinde is not None and t >= self.beleidseinde:
            self.beeindig_beleid()
        # elke september een cohort, ook in de eerste maand (het opwarmen stopt de maand ervoor); de nieuwkomers
        # van de startmaand vult het opwarmen al aan (opwarming.warm_op), dus januari pas na de start
        if t % 12 + 1 == 9:
            self._nieuw_schooljaar(t)
        if t % 12 + 1 == 1 and t > self.startmaand and not self.uitlopend:
            self._nieuwkomers(t)
        pop, instellingen = self.populatie, self.instellingen
        # de trekkingen per jongere (id), niet per rij: dezelfde jongere trekt hetzelfde, welke cohorten er ook zijn
        u = uniformen(self.toeval("maand", t), 5 if t % 12 + 1 == 9 else 4, pop.id)
        # begeleiding: wie in aanmerking komt, wie de regio's binnen hun budget bedienen, wie levenscoaching krijgt
        kandidaten = bepaal_kandidaten(pop, instellingen, t, self.toeval("beleid", t))
        bediend = self.regios.bedien(kandidaten.kosten, kandidaten.grenzen)
        pop.zet_begeleiding(kandidaten.rijen, np.where(bediend, c.BEGELEID, c.WACHTEND), t)
        levenscoaching = wie_levenscoaching(pop, instellingen, t)
        pop.begin_levenscoaching(levenscoaching, t)
        self.begeleiding = Begeleidingsmaand(kandidaten, bediend, levenscoaching)
        # de kansen van de maand en de overgangen
        effect = effecten(pop, instellingen, self.begeleiding, self.factoren)
        stromen = self.regels.stap(pop, t, u, effect)
        # de registratie
        self.register.boek(pop, self.begeleiding, self.regios.budget_maand, t)
        self.waarnemer.neem_waar(pop, stromen, t)
        self._volg(t)
        self.maand += 1

    def beeindig_beleid(self) -> None:
        """Het beleid houdt op: vanaf deze maand geldt de wereld zonder beleid (`Scenario.zonder_beleid`, voor elk
        scenario dezelfde). Er begint geen begeleiding meer, en lopende trajecten (begeleiding, nazorg,
        levenscoaching) stoppen nu: ze worden betaald uit een jaarbudget dat met het beleid ophoudt."""
        if not self.met_beleid:
            return
        self.met_beleid = False
        self.instellingen = Beleidsinstellingen.uit(self.scenario.zonder_beleid(), self.parameters, self.regiogegevens,
                                                    self.regels.tabellen.vsv_risico, self.schaal, self.populatie)
        self.regios = Regios(self.instellingen.budget_per_jaar, self.instellingen.rij_maximum)

    def loop_uit(self, voortgang: bool = False) -> int:
        """De uitloop: na de horizon komt niemand meer binnen en houdt het beleid op; het model loopt door tot
        iedereen die er nog is 27 is geworden (en met zijn eigen toestand en niveau de levensloop begint).
        Geeft het aantal gesimuleerde maanden."""
        self.uitlopend = True
        self.uitloop_begin = self.maand
        self.beeindig_beleid()
        # wie er nu is, is minstens 14: na 13 jaar (plus een marge van een jaar) is iedereen 27
        grens = c.LEEFTIJDSGRENS_MAANDEN - 12 * c.MIN_LEEFTIJD + 12
        maanden = 0
        balk = tqdm(total=None, desc=f"{self.scenario.naam} (uitloop)", unit="maand", leave=False,
                    disable=None if voortgang else True)
        while self.populatie.actief().any():
            if maanden >= grens:
                raise RuntimeError(f"de uitloop eindigt niet na {grens} maanden: er zijn nog jongeren onder 27")
            self.step()
            maanden += 1
            balk.update()
        balk.close()
        return maanden

    def _nieuw_schooljaar(self, t: int) -> None:
        """September: wie 27 werd gaat uit de arrays, het nieuwe cohort komt erbij (niet in de uitloop)."""
        self.populatie.houd(self.populatie.actief())
        if self.uitlopend:
            return
        jaar = c.jaar_maand(t)[0]
        self._voeg_toe(self._gebouwd("cohort", t, lambda p: nieuw_cohort(
            p, self.schaal, self.toeval("cohort", t), t, self.regiogegevens.aandeel,
            profiel(p, self.startmaand, self.stationair).cohort(jaar))))

    def _nieuwkomers(self, t: int) -> None:
        """Januari: nieuwkomers vullen elke leeftijd aan tot het CBS-profiel (populatie.aanvulling)."""
        self.populatie.maand = t
        doel = self.profiel.doel(c.jaar_maand(t)[0])
        self._voeg_toe(aanvulling(self.populatie, doel, self.schaal, self.toeval("aanvulling", t), self.sjablonen,
                                  self.parameters["populatie.nieuwkomers.aandeel_student"]))

    def _voeg_toe(self, nieuw: dict[str, np.ndarray]) -> None:
        n = len(nieuw["id"])
        nieuw["id"] = np.arange(self._volgend_id, self._volgend_id + n, dtype=np.int64)
        self._volgend_id += n
        self.populatie.voeg_toe(nieuw)

    def _gebouwd(self, wat: str, t: int, bouw) -> dict[str, np.ndarray]:
        """Kolommen van `bouw(parameters)` (een cohort), uit het geheugen als dat kan; een kopie, want de
        populatie verandert ze."""
        sleutel = (wat, self.zaad, self.schaal, t, self.startmaand, self.stationair,
                   self.regiogegevens.aandeel.tobytes())
        return {k: v.copy() for k, v in _GEBOUWD.haal(sleutel, self.parameters, bouw).items()}

    def run_for(self, maanden: int, voortgang: bool = False) -> None:
        """Simuleer een aantal maanden; met `voortgang` een voortgangsbalk."""
        stappen = range(int(maanden))
        if voortgang:
            stappen = tqdm(stappen, desc=f"{self.scenario.naam}", unit="maand", leave=False, disable=None)
        for _ in stappen:
            self.step()

    # ------------------------------------------------------------------------------------ inzage
    @property
    def datum(self) -> str:
        jaar, maand = c.jaar_maand(self.maand - 1)
        return f"{jaar:04d}-{maand:02d}"

    def begeleidingscijfers(self) -> Begeleidingscijfers:
        """De boekhouding van de begeleiding van alle maanden tot nu toe."""
        return self.register.cijfers()

    def maandcijfers(self) -> pd.DataFrame:
        """Aantallen en stromen per maand, lang formaat (zie Uitkomst.maandcijfers)."""
        return Uitkomst.van(self).maandcijfers

    def volg(self, ids) -> None:
        """Houd de levensloop van deze jongeren bij (per maand één regel), voor `levensloop`."""
        for i in np.atleast_1d(ids):
            self._gevolgd.setdefault(int(i), [])

    def _volg(self, t: int) -> None:
        if not self._gevolgd:
            return
        pop = self.populatie
        ids = np.fromiter(self._gevolgd, dtype=np.int64)
        rij = np.searchsorted(pop.id, ids)  # id's zijn oplopend: nieuwe cohorten krijgen hogere id's
        rij = np.minimum(rij, len(pop) - 1)
        jaar, maand = c.jaar_maand(t)
        for i, r in zip(ids, rij):
            if pop.id[r] == i:
                regel = {k: getattr(pop, k)[r].item() for k in KOLOMMEN if k != "id"}
                regel["toestand"] = (c.TOESTANDEN + ("uit",))[regel["toestand"]]
                self._gevolgd[int(i)].append({"datum": f"{jaar:04d}-{maand:02d}", **regel})

    def levensloop(self, id_: int) -> pd.DataFrame:
        """De gevolgde maanden van één jongere (eerst `volg(id)` aanroepen)."""
        if id_ not in self._gevolgd:
            raise KeyError(f"jongere {id_} wordt niet gevolgd; roep eerst model.volg({id_}) aan")
        return pd.DataFrame(self._gevolgd[id_])
