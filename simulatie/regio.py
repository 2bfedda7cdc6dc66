"""De 40 RMC-regio's (Doorstroompunt-regio's) als Mesa-agenten.

Een regio kent haar omvang, haar vsv-niveau en de krapte van haar arbeidsmarkt; het beleid geeft haar
een budget dat zij omzet in coaches en een keuze wie begeleiding krijgt (zie beleid.py).
"""

from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass
from functools import lru_cache

import mesa
import numpy as np
import yaml

from simulatie.parameters import MAP, Parameters

AANTAL_REGIOS = 40


@lru_cache(maxsize=1)
def regionamen() -> tuple[str, ...]:
    boom = yaml.safe_load((MAP / "regio.yaml").read_text(encoding="utf-8"))
    return tuple(boom[f"r{n:02d}"]["_naam"] for n in range(1, AANTAL_REGIOS + 1))


@dataclass(frozen=True)
class Regiogegevens:
    """Vaste kenmerken van alle regio's als arrays (index = regionummer - 1)."""

    namen: tuple[str, ...]
    aandeel: np.ndarray       # aandeel van de jongeren, som 1
    vsv_factor: np.ndarray    # vsv-percentage / gewogen landelijk gemiddelde
    krapte: np.ndarray        # factor op de baankans

    @classmethod
    def uit(cls, p: Parameters) -> "Regiogegevens":
        def reeks(naam: str) -> np.ndarray:
            return np.array([p[f"regio.r{n:02d}.{naam}"] for n in range(1, AANTAL_REGIOS + 1)])

        aandeel = reeks("aandeel_jongeren")
        aandeel = aandeel / aandeel.sum()
        vsv = reeks("vsv_percentage")
        return cls(regionamen(), aandeel, vsv / (aandeel @ vsv), reeks("krapte"))


class _TellerPerModel(weakref.WeakKeyDictionary):
    """Een teller voor unique_id per model, zonder het model vast te houden."""

    def __getitem__(self, model):
        try:
            return super().__getitem__(model)
        except KeyError:
            teller = itertools.count(1)
            self[model] = teller
            return teller


class Regio(mesa.Agent):
    """Eén RMC-regio: zet haar budget om in coaches en kiest wie begeleid wordt.

    Elke maand krijgt de regio van het beleid haar kandidaten, al op volgorde van voorrang (wie al
    begeleid werd eerst, dan de toewijzingsregel van het scenario), met hun maandkosten. `step()` bedient
    hen op volgorde zolang het maandbudget reikt; de rest wacht.
    """

    # Mesa 3.3 telt unique_id's in een klassenattribuut dat elk model voor altijd vasthoudt (mesa#3179,
    # opgelost in mesa#3180 maar nog niet uitgebracht): een experiment met duizenden runs liep zo vol
    # (7 MB per run). Een eigen teller met een zwakke verwijzing laat het model vrij.
    _ids = _TellerPerModel()

    def __init__(self, model: mesa.Model, nummer: int, naam: str, aandeel: float):
        super().__init__(model)
        self.nummer = nummer
        self.naam = naam
        self.aandeel = aandeel
        self.budget_maand = 0.0
        self.selectie = slice(0, 0)
        self._kosten = np.zeros(0)
        self.bediend = np.zeros(0, bool)
        self.uitgaven_maand = 0.0

    @property
    def index(self) -> int:
        return self.nummer - 1

    def coaches(self, kosten_per_fte: float) -> float:
        """Aantal fte aan coaches dat het budget betaalt."""
        return self.budget_maand * 12.0 / kosten_per_fte

    def kandidaten(self, selectie: slice, kosten_per_maand: np.ndarray, budget_maand: float) -> None:
        self.selectie = selectie
        self._kosten = kosten_per_maand
        self.budget_maand = budget_maand

    def step(self) -> None:
        # de schaal vermenigvuldigt elke rij; het budget is in euro voor echte jongeren
        kosten = self._kosten * self.model.schaal
        self.bediend = np.cumsum(kosten) <= self.budget_maand + 1e-9
        self.uitgaven_maand = float(kosten[self.bediend].sum())

    def __repr__(self) -> str:
        return f"Regio({self.nummer}, {self.naam!r})"
