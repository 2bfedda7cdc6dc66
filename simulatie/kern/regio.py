"""De 40 RMC-regio's (Doorstroompunt-regio's), als arrays (index = regionummer - 1), zoals de populatie.

Een regio kent haar omvang, haar vsv-niveau en de krapte van haar arbeidsmarkt (`Regiogegevens`); het beleid
geeft haar een budget dat zij besteedt aan de kandidaten van haar regio (`Regios.bedien`, zie beleid.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.invoer.parameters import MAP, Parameters, lees_yaml


@lru_cache(maxsize=1)
def regionamen() -> tuple[str, ...]:
    boom = lees_yaml(MAP / "regio.yaml")
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


class Regios:
    """De budgetten van alle regio's en wat er van maand tot maand overblijft (het saldo).

    Elke maand krijgt `bedien` de kandidaten van alle regio's, al op volgorde van voorrang (wie al begeleid werd
    eerst, dan de toewijzingsregel van het scenario), met hun maandkosten. Elke regio bedient haar kandidaten op
    volgorde zolang haar maandbudget plus saldo reikt; de rest wacht. Gevectoriseerd voor alle regio's in één keer,
    zoals de populatie (veertig losse regio-stappen kostten een tiende van de maand).

    Wat een maand overblijft schuift door naar de volgende, tot de kosten van één rij (`rij_maximum`). Op schaal k
    is een rij k jongeren: zonder doorschuiven bleef elke maand tot een rij aan budget liggen (op schaal 200 in het
    nulalternatief vier vijfde van het budget). Zo besteedt een regio op elke schaal gemiddeld haar budget, zoals
    zij dat jongere voor jongere zou doen.
    """

    def __init__(self, budget_per_jaar: np.ndarray, rij_maximum: float):
        self.budget_per_jaar = np.asarray(budget_per_jaar, dtype=float)
        self.rij_maximum = float(rij_maximum)
        self.saldo = np.zeros(len(self.budget_per_jaar))  # onbesteed budget dat naar de volgende maand schuift

    @property
    def budget_maand(self) -> np.ndarray:
        """Het budget van één maand per regio (euro)."""
        return self.budget_per_jaar / 12.0

    def bedien(self, kosten: np.ndarray, grenzen: np.ndarray) -> np.ndarray:
        """Welke kandidaten bediend worden (bool per kandidaat); het saldo schuift door naar de volgende maand.

        `kosten` zijn de maandkosten per kandidaat (euro voor echte jongeren), gesorteerd op regio en voorrang; de
        kandidaten van regio i staan in `kosten[grenzen[i]:grenzen[i + 1]]`."""
        aantal = np.diff(grenzen)
        beschikbaar = self.budget_maand + self.saldo
        cumulatief = np.cumsum(kosten)
        voor_regio = np.concatenate([[0.0], cumulatief])[grenzen[:-1]]
        bediend = cumulatief - np.repeat(voor_regio, aantal) <= np.repeat(beschikbaar, aantal) + 1e-9
        regio = np.repeat(np.arange(len(aantal)), aantal)
        uitgaven = np.bincount(regio, weights=kosten * bediend, minlength=len(aantal))
        self.saldo = np.minimum(beschikbaar - uitgaven, self.rij_maximum)
        return bediend

    def __repr__(self) -> str:
        return f"Regios({len(self.budget_per_jaar)} regio's, budget {self.budget_per_jaar.sum():,.0f} euro per jaar)"
