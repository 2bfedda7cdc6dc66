"""Hulp voor de notebooks: één plek voor de instellingen (schaal, horizon, steekproef) en het bewaren
van figuren, zodat dezelfde notebook op testschaal (in de tests) en op volle schaal (echt gebruik) draait.

Instellingen via omgevingsvariabelen, met standaarden voor interactief gebruik:
    JONGEREN_SCHAAL   jongeren per rij (1 = volledige populatie; standaard 10)
    JONGEREN_JAREN    horizon in jaren (standaard 10)
    JONGEREN_N        trekkingen voor de onzekerheid (standaard 20)
    JONGEREN_UIT      map voor figuren en tabellen (standaard resultaten/notebooks)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from simulatie.experimenten.experiment import Experiment, Vergelijkingsevaluator
from simulatie.experimenten.gevoeligheid import analyseer, ontwerp_psa
from simulatie.experimenten.vergelijking import populatieruis
from simulatie.experimenten.woordenschat import Onzekerheden
from simulatie.gedeeld.opmaak import nl
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.scenario import laad_scenario
from simulatie.rapportage.figuren import bewaar


@dataclass(frozen=True)
class Instellingen:
    schaal: int
    jaren: int
    n: int
    uit: Path
    seed: int = 0

    def __str__(self) -> str:
        return (f"schaal {self.schaal} (1 = volledige populatie), {self.jaren} jaar, {self.n} trekkingen voor de "
                f"onzekerheid; figuren naar {self.uit}/")


def instellingen() -> Instellingen:
    uit = Path(os.environ.get("JONGEREN_UIT", Path(__file__).resolve().parents[2] / "resultaten" / "notebooks"))
    uit.mkdir(parents=True, exist_ok=True)
    return Instellingen(schaal=int(os.environ.get("JONGEREN_SCHAAL", "10")),
                        jaren=int(os.environ.get("JONGEREN_JAREN", "10")),
                        n=int(os.environ.get("JONGEREN_N", "20")), uit=uit)


def bewaar_figuur(fig, naam: str, inst: Instellingen):
    """Bewaar als PNG en SVG in de uitvoermap en geef de figuur terug (zodat de notebook hem toont)."""
    bewaar(fig, inst.uit / naam)
    return fig


def bandbreedte(nul: str, alternatief: str, inst: Instellingen, **vast) -> pd.DataFrame:
    """Uitkomsten van `alternatief` tegen `nul` voor `inst.n` trekkingen uit de onzekere parameters
    (Latin hypercube over de standaardset, zie woordenschat.STANDAARD) en uit de populatie (elke trekking een ander
    zaad: het interval bevat de populatieruis). Eén regel per trekking; hervat als de notebook opnieuw draait."""
    o = Onzekerheden.kies(laad_parameters()).met_populatieruis()
    ontwerp, _ = ontwerp_psa(o, inst.n, seed=inst.seed)
    evaluator = Vergelijkingsevaluator(laad_scenario(nul).als_dict(), laad_scenario(alternatief).als_dict(),
                                       seed=inst.seed, schaal=max(inst.schaal, 1), jaren=inst.jaren, vast=vast)
    map_ = inst.uit / "onzekerheid" / f"{alternatief}_tegen_{nul}_s{inst.schaal}_j{inst.jaren}_n{inst.n}"
    res = Experiment(map_, ontwerp, evaluator, {"alternatief": alternatief, "nul": nul}).draai(voortgang=False)
    return res.filter(regex="^u:").rename(columns=lambda k: k[2:])


def interval(reeks: pd.Series, schaal: float = 1e6, eenheid: str = "mln") -> str:
    """'gemiddeld x (90%: a tot b)' in Nederlandse notatie."""
    def f(x):
        return nl(x / schaal)
    return f"{f(reeks.mean())} {eenheid} (90%: {f(reeks.quantile(0.05))} tot {f(reeks.quantile(0.95))})"


def met_ruis(v, inst: Instellingen) -> pd.DataFrame:
    """De kengetallen van een vergelijking met het 95%-interval van de populatieruis (vergelijking.populatieruis):
    per alternatief NCW (mln), voorkomen vsv'ers en extra jongeren in duurzaam werk, elk met laag en hoog. Zo
    drukt een notebook nooit één run af alsof het de uitkomst is."""
    ruis = populatieruis(v, trekkingen=max(2, min(inst.n, 8)))
    rijen = {}
    for (scenario, uitkomst), t in ruis.set_index(["scenario", "uitkomst"]).iterrows():
        schaal = 1e6 if uitkomst.startswith("ncw") else 1.0
        naam = {"ncw_maatschappij": "NCW (mln)", "ncw_horizon": "NCW horizon (mln)", "voorkomen_vsv": "voorkomen vsv",
                "extra_duurzaam_werk": "extra duurzaam werk"}[uitkomst]
        rijen.setdefault(scenario, {}).update({naam: t.waarde / schaal, f"{naam} laag": t.laag / schaal,
                                               f"{naam} hoog": t.hoog / schaal})
    return pd.DataFrame(rijen).T.rename_axis("scenario")


def psa(alternatief: str, inst: Instellingen, nul: str = "nulalternatief", priors: str = "bewijs") -> dict:
    """De probabilistische analyse van `alternatief` (gevoeligheid.analyseer, methode psa) op de schaal van de
    notebook, in één map die notebooks delen: wie hem als tweede vraagt, leest hem (hervatten). `priors`: de
    verdelingen van de effecten (woordenschat.PRIORS)."""
    achter = "" if priors == "bewijs" else f"_{priors}"
    map_ = inst.uit / f"psa_{alternatief}_s{inst.schaal}_j{inst.jaren}_n{max(inst.n, 4)}{achter}"
    return analyseer("psa", laad_scenario(alternatief), laad_scenario(nul), n=max(inst.n, 4), uit=map_,
                     schaal=inst.schaal, jaren=inst.jaren, voortgang=False, priors=priors)
