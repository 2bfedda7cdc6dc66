"""De 40 RMC-regio's (Doorstroompunt-regio's) als Mesa-agenten.

Een regio kent haar omvang, haar vsv-niveau en de krapte van haar arbeidsmarkt; het beleid geeft haar
een budget dat zij omzet in coaches en een keuze wie begeleiding krijgt (zie beleid.py).
"""

from __future__ import annotations

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


class Regio(mesa.Agent):
    """Eén RMC-regio. Haar gedrag per maand (capaciteit, toewijzing) komt uit het beleid."""

    def __init__(self, model: mesa.Model, nummer: int, naam: str, aandeel: float):
        super().__init__(model)
        self.nummer = nummer
        self.naam = naam
        self.aandeel = aandeel

    @property
    def index(self) -> int:
        return self.nummer - 1

    def __repr__(self) -> str:
        return f"Regio({self.nummer}, {self.naam!r})"
