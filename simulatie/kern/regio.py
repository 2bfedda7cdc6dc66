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

from simulatie.gedeeld.codes import AANTAL_REGIOS
from simulatie.invoer.parameters import MAP, Parameters


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


@dataclass
class Regiostand:
    """De stand van alle regio's deze maand, als arrays (index = regionummer - 1), zoals de populatie."""

    budget_maand: np.ndarray   # euro
    saldo: np.ndarray          # onbesteed budget dat naar de volgende maand schuift
    kandidaten: np.ndarray     # rijen die in aanmerking kwamen
    bediend: np.ndarray        # rijen die begeleid worden
    uitgaven: np.ndarray       # euro

    @classmethod
    def leeg(cls, aantal: int = AANTAL_REGIOS) -> "Regiostand":
        return cls(*(np.zeros(aantal) for _ in range(5)))


class Regio(mesa.Agent):
    """Eén RMC-regio: zet haar budget om in coaches en kiest wie begeleid wordt.

    Elke maand krijgt de regio van het beleid haar kandidaten, al op volgorde van voorrang (wie al
    begeleid werd eerst, dan de toewijzingsregel van het scenario), met hun maandkosten. Zij bedient hen
    op volgorde zolang haar maandbudget reikt; de rest wacht. `bedien` doet dat voor alle regio's in
    één keer, gevectoriseerd zoals de populatie (veertig losse stappen kostten een tiende van de maand);
    elke regio leest haar eigen plek in de gedeelde `Regiostand`.

    Wat een maand overblijft schuift door naar de volgende, tot de kosten van één rij. Op schaal k is
    een rij k jongeren: zonder doorschuiven bleef elke maand tot een rij aan budget liggen (op schaal
    200 in het nulalternatief vier vijfde van het budget). Zo besteedt een regio op elke schaal
    gemiddeld haar budget, zoals zij dat jongere voor jongere zou doen.
    """

    # Mesa 3.3 telt unique_id's in een klassenattribuut dat elk model voor altijd vasthoudt (mesa#3179,
    # opgelost in mesa#3180 maar nog niet uitgebracht): een experiment met duizenden runs liep zo vol
    # (7 MB per run). Een eigen teller met een zwakke verwijzing laat het model vrij.
    _ids = _TellerPerModel()

    def __init__(self, model: mesa.Model, nummer: int, naam: str, aandeel: float, stand: Regiostand):
        super().__init__(model)
        self.nummer = nummer
        self.naam = naam
        self.aandeel = aandeel
        self.stand = stand

    @property
    def index(self) -> int:
        return self.nummer - 1

    @property
    def budget_maand(self) -> float:
        return float(self.stand.budget_maand[self.index])

    @property
    def saldo(self) -> float:
        return float(self.stand.saldo[self.index])

    @property
    def uitgaven_maand(self) -> float:
        return float(self.stand.uitgaven[self.index])

    def coaches(self, kosten_per_fte: float) -> float:
        """Aantal fte aan coaches dat het budget betaalt."""
        return self.budget_maand * 12.0 / kosten_per_fte

    @staticmethod
    def bedien(stand: Regiostand, kosten: np.ndarray, grenzen: np.ndarray, budget_maand: np.ndarray,
               rij_maximum: float) -> np.ndarray:
        """Elke regio bedient haar kandidaten op volgorde zolang haar maandbudget plus saldo reikt.

        `kosten` zijn de maandkosten per kandidaat (euro voor echte jongeren), gesorteerd op regio en
        voorrang; de kandidaten van regio i staan in `kosten[grenzen[i]:grenzen[i + 1]]`. Wat overblijft
        schuift door, tot `rij_maximum` (de duurste rij). Geeft per kandidaat of hij bediend wordt en
        werkt de stand bij (budget, saldo, kandidaten, bediend, uitgaven)."""
        aantal = np.diff(grenzen)
        beschikbaar = budget_maand + stand.saldo
        cumulatief = np.cumsum(kosten)
        voor_regio = np.concatenate([[0.0], cumulatief])[grenzen[:-1]]
        bediend = cumulatief - np.repeat(voor_regio, aantal) <= np.repeat(beschikbaar, aantal) + 1e-9
        regio = np.repeat(np.arange(len(aantal)), aantal)
        stand.budget_maand, stand.kandidaten = budget_maand, aantal
        stand.uitgaven = np.bincount(regio, weights=kosten * bediend, minlength=len(aantal))
        stand.bediend = np.bincount(regio, weights=bediend, minlength=len(aantal))
        stand.saldo = np.minimum(beschikbaar - stand.uitgaven, rij_maximum)
        return bediend

    def __repr__(self) -> str:
        return f"Regio({self.nummer}, {self.naam!r})"
