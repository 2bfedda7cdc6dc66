"""Hoe een scenario de kansen, de doelgroepen en de kosten verandert."""

from __future__ import annotations

from simulatie.parameters import Parameters
from simulatie.populatie import Populatie
from simulatie.scenario import Scenario
from simulatie.toestanden import Effecten, Stromen


class Beleid:
    def __init__(self, scenario: Scenario, p: Parameters, model):
        self.scenario = scenario
        self.p = p
        self.model = model

    def effecten(self, pop: Populatie, t: int) -> Effecten:
        d = self.scenario.doorstroompunt
        return Effecten(
            bereik_doorstroompunt=self.p["overgangen.in_beeld.bereik_doorstroompunt_per_maand"] * d.extra_bereik,
            leeftijdsgrens_doorstroompunt_maanden=d.leeftijdsgrens * 12,
        )

    def na_stap(self, pop: Populatie, stromen: Stromen, t: int) -> None:
        pass
