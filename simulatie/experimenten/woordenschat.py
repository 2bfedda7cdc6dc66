"""De woordenschat van de experimenten, één keer vastgelegd, in de taal van de EMA Workbench.

- onzekerheden (uncertainties): de parameters met een verdeling die een analyse varieert (`Onzekerheden`,
  de standaardset `STANDAARD`), en de trekking van de synthetische populatie (`TREKKING`: kiest het zaad);
- hefbomen (levers): wat een beleidsmaker aan een alternatief kan draaien zonder een nieuw scenariobestand
  (`BUDGETFACTOR`: het programmabudget maal een factor; `EFFECTSCHAAL`: het effect van de begeleiding maal
  een factor, voor het break-even-effect);
- uitkomsten (outcomes): wat een geval oplevert (`UITKOMSTMATEN`), berekend uit de runs van het
  nulalternatief en een alternatief door `ncw_uitkomsten`, `effectuitkomsten` en `groepsuitkomsten`.

Experimenten, gevoeligheid, waarde van informatie, de vergelijking en de verkenner lezen deze namen hier.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd

from simulatie.economie.groepen import groepstabel, psa_uitkomsten
from simulatie.economie.mkba import (PARTIJEN, contante_waarde, effectkengetallen,
                                     kosten_en_baten)
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.bewijs import met_bewijspriors
from simulatie.invoer.parameters import Parameters, Verdeling
from simulatie.invoer.scenario import Scenario, valideer

# ------------------------------------------------------------------------------------ onzekerheden

# De standaardset onzekerheden: effecten, kosten, waardering en de belangrijkste ongefitte kansen.
# Gekalibreerde parameters staan er niet in: hun bandbreedte is die van vóór de fit.
STANDAARD = (
    "beleid.effect.begeleiding_tijdens_vsv", "beleid.effect.nazorg_baanvinden", "beleid.effect.nazorg_baanbehoud",
    "beleid.effect.nazorg_terugkeer_onderwijs", "beleid.effect.gemeente_baanvinden",
    "beleid.effect.extra_bereik_doorstroompunt_wet", "beleid.coach.caseload_nazorg",
    "beleid.coach.caseload_tijdens_opleiding", "beleid.coach.opslag_werkgeverslasten_overhead",
    "prijzen.mkba.discontovoet", "prijzen.mkba.verdringing", "prijzen.loon.factor_met_sk", "prijzen.loon.wig",
    "overgangen.maandkans.thuis_werk",
    # de voortzetting na het model (levensloop.py): hoe lang verschillen doorwerken, loon- en uitkeringskloof
    "prijzen.levensloop.kloof_afname_per_jaar", "prijzen.levensloop.persistentie_toestand",
    "prijzen.levensloop.uitkering_27_zonder_sk", "prijzen.levensloop.aow_leeftijd",
    # welk deel van het verschil tussen opleidingsniveaus bij vertrek het niveau veroorzaakt (mkba.niveauverschuiving)
    "prijzen.levensloop.causaal_aandeel_sk",
)
# Welke verdelingen de effecten van begeleiding krijgen (bewijs.yaml, simulatie/invoer/bewijs.py): de regel per
# parameter uit het bewijs, overal de sceptische regel waar die als alternatief genoemd is (massa op nul waar
# Nederlandse proeven niets vonden), of de aangenomen bandbreedtes van beleid.yaml.
PRIORS = ("bewijs", "sceptisch", "aanname")


def met_priors(p: Parameters, priors: str) -> Parameters:
    """De parameters met de verdelingen van een prior-set uit PRIORS (de waarden blijven)."""
    if priors not in PRIORS:
        raise InvoerFout(f"Onbekende prior-set '{priors}'.", veld="--priors", toegestaan=" | ".join(PRIORS))
    if priors == "aanname":
        return p
    return met_bewijspriors(p, "sceptisch" if priors == "sceptisch" else None)


# Een kolom van een ontwerp die geen parameter is maar de populatie kiest: het zaad is seed + trekking.
TREKKING = "populatie.trekking"
TREKKINGEN = 2 ** 20  # zoveel verschillende populaties kan een analyse trekken (zaad = seed + trekking)


@dataclass(frozen=True)
class Onzekerheden:
    """Namen en verdelingen van de parameters die gevarieerd worden."""

    namen: tuple[str, ...]
    verdelingen: tuple[Verdeling, ...]

    @classmethod
    def kies(cls, p: Parameters, patronen: tuple[str, ...] | None = None) -> "Onzekerheden":
        """Parameters met een verdeling die op een van de patronen passen (fnmatch, bv. 'beleid.effect.*')."""
        patronen = patronen or STANDAARD
        onzeker = p.onzeker()
        namen = [n for n in onzeker if any(fnmatch.fnmatchcase(n, pat) for pat in patronen)]
        zonder = [pat for pat in patronen if not any(fnmatch.fnmatchcase(n, pat) for n in onzeker)]
        if zonder:
            raise InvoerFout(f"Geen onzekere parameter past op: {', '.join(zonder)}.", veld="--parameters",
                             toegestaan="namen of patronen van parameters met een verdeling, bijvoorbeeld "
                                        "'beleid.effect.*' (zie laad_parameters().onzeker())")
        namen = sorted(namen, key=lambda n: (patronen.index(n) if n in patronen else len(patronen), n))
        return cls(tuple(namen), tuple(p.info(n).verdeling for n in namen))

    def met_populatieruis(self) -> "Onzekerheden":
        """Dezelfde onzekerheden plus de trekking van de synthetische populatie (het zaad; TREKKING):
        zo zit de populatieruis in de spreiding, en in Sobol is de index van de trekking het aandeel ruis."""
        if TREKKING in self.namen:
            return self
        return Onzekerheden(self.namen + (TREKKING,), self.verdelingen + (Verdeling("uniform", 0.0, TREKKINGEN),))

    @property
    def parameters(self) -> tuple[str, ...]:
        """De namen zonder de populatietrekking (wat een parameterbestand kent)."""
        return tuple(n for n in self.namen if n != TREKKING)

    def naar_waarden(self, eenheid: np.ndarray) -> pd.DataFrame:
        """Een steekproef in [0, 1]^d vertaald naar parameterwaarden (de trekking naar een geheel getal)."""
        kolommen = {n: np.asarray(v.kwantiel(eenheid[:, i]), dtype=float)
                    for i, (n, v) in enumerate(zip(self.namen, self.verdelingen))}
        if TREKKING in kolommen:
            kolommen[TREKKING] = np.minimum(np.floor(kolommen[TREKKING]), TREKKINGEN - 1)
        return pd.DataFrame(kolommen)

    def probleem(self) -> dict:
        """Het probleem in de vorm van SALib (de steekproef in [0, 1], zie naar_waarden)."""
        return {"num_vars": len(self.namen), "names": list(self.namen), "bounds": [[0.0, 1.0]] * len(self.namen)}


def zaad(seed: int, waarden: Mapping[str, float]) -> int:
    """Het zaad van een geval: de seed van de analyse, of met een trekking van de populatie (TREKKING) een
    ander zaad per trekking, zodat de populatieruis in de spreiding van de uitkomsten zit."""
    return (seed + int(waarden.get(TREKKING, 0))) % 2 ** 32


# ------------------------------------------------------------------------------------ hefbomen

@dataclass(frozen=True)
class Hefboom:
    """Een knop aan een alternatief: een kolom van een ontwerp (naam) die het scenario verandert, niet de
    parameters. `pas_toe` geeft het scenario (als dict) met de knop op `waarde`."""

    naam: str
    omschrijving: str
    pas_toe: Callable[[dict, float], dict]
    waarden: tuple[float, ...] = ()

    def op(self, scenario: Scenario, waarde: float) -> Scenario:
        """Het scenario met deze knop op `waarde`, opnieuw gevalideerd (met hetzelfde bronbestand)."""
        return valideer(self.pas_toe(scenario.als_dict(), waarde), scenario.bestand)


def _budget(scenario: dict, factor: float) -> dict:
    budget = scenario["budget"]
    return {**scenario, "budget": {**budget, "regionaal_programma": budget["regionaal_programma"] * factor}}


BUDGETFACTOR = Hefboom("scenario.budget_factor", "het regionale programmabudget maal deze factor", _budget,
                       waarden=(0.25, 0.5, 1.0, 1.5, 2.0))
EFFECTSCHAAL = Hefboom("scenario.effect_schaal", "het effect van de begeleiding maal deze factor (break-even)",
                       lambda scenario, factor: {**scenario, "effect_schaal": factor})
# de hefbomen die een ontwerp kan zetten, op naam (niet te verwarren met beleid.HEFBOMEN: de soorten begeleiding)
ONTWERPHEFBOMEN = {h.naam: h for h in (BUDGETFACTOR, EFFECTSCHAAL)}
BUDGETFACTOREN = BUDGETFACTOR.waarden  # de budgetcurve van een PSA


def splits(waarden: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float], int]:
    """(parameterwaarden, hefboomwaarden, trekking) van een geval: de kolommen van een ontwerp naar hun soort."""
    parameters = {k: v for k, v in waarden.items() if k not in ONTWERPHEFBOMEN and k != TREKKING}
    hefbomen = {k: v for k, v in waarden.items() if k in ONTWERPHEFBOMEN}
    return parameters, hefbomen, int(waarden.get(TREKKING, 0))


# ------------------------------------------------------------------------------------ uitkomsten

@dataclass(frozen=True)
class Uitkomstmaat:
    """Een uitkomst van een geval (alternatief tegen nulalternatief) met zijn betekenis."""

    naam: str
    omschrijving: str
    eenheid: str = "euro"
    analyse: bool = True    # gaat de gevoeligheidsanalyse (Sobol, Morris, PSA) in
    ruis: bool = False      # vergelijk geeft er het interval van de populatieruis bij


# de partijen die de gevoeligheidsanalyse apart laat zien (de overige tellen mee in de maatschappij)
_ANALYSE_PARTIJEN = ("rijk_ocw", "rijk_szw", "rijk_financien", "uwv", "gemeenten", "jongeren")

UITKOMSTMATEN = (
    Uitkomstmaat("ncw_maatschappij", "netto contante waarde voor de maatschappij, met levensloop", ruis=True),
    Uitkomstmaat("ncw_horizon", "netto contante waarde voor de maatschappij binnen de horizon (zonder de uitloop "
                                "en de levensloop)", ruis=True),
    *(Uitkomstmaat(f"ncw_{partij}", f"netto contante waarde voor {partij}", analyse=partij in _ANALYSE_PARTIJEN)
      for partij in PARTIJEN),
    Uitkomstmaat("baten_kosten_verhouding", "baten gedeeld door kosten", "verhouding", analyse=False),
    Uitkomstmaat("voorkomen_vsv", "voorkomen voortijdig schoolverlaters over de horizon", "jongeren", ruis=True),
    Uitkomstmaat("extra_duurzaam_werk", "extra jongeren in duurzaam werk (gemiddeld)", "jongeren", ruis=True),
    Uitkomstmaat("bediend", "jongeren in begeleiding uit het budget (gemiddeld per maand)", "jongeren"),
    Uitkomstmaat("wachtend", "jongeren die op begeleiding wachten (gemiddeld per maand)", "jongeren"),
)
# wat een gevoeligheidsanalyse analyseert, en waarvoor vergelijk het interval van de populatieruis geeft
UITKOMSTEN = tuple(m.naam for m in UITKOMSTMATEN if m.analyse)
RUIS_UITKOMSTEN = tuple(m.naam for m in UITKOMSTMATEN if m.ruis)


def ncw_uitkomsten(nul, alternatief, p, **mkba_opties) -> dict[str, float]:
    """NCW per partij en voor de maatschappij, en de baten/kostenverhouding (hangen van de prijzen af).
    `mkba_opties`: prijsjaar, discontovoet en levensloop zoals in mkba.bereken."""
    posten, cw, delen = contante_waarde(nul, alternatief, p, **mkba_opties)
    kosten, baten, _ = kosten_en_baten(posten, cw)
    uit = {"ncw_maatschappij": float(cw.sum()), "ncw_horizon": delen["horizon"]}
    uit.update({f"ncw_{partij}": float(cw[:, j].sum()) for j, partij in enumerate(PARTIJEN)})
    uit["baten_kosten_verhouding"] = float(baten / kosten) if kosten > 0 else float("nan")
    return uit


def groepsuitkomsten(nul, alternatief, p) -> dict[str, float]:
    """Effecten en NCW per groep en regio (groepen.py), voor intervallen per groep (groepen_psa.csv)."""
    return psa_uitkomsten(groepstabel(nul, alternatief, p))


def effectuitkomsten(nul, alternatief, p) -> dict[str, float]:
    """Voorkomen vsv'ers, extra jongeren in duurzaam werk, bediend en wachtend (alleen van de runs)."""
    voorkomen, extra = effectkengetallen(nul, alternatief)
    return {"voorkomen_vsv": voorkomen, "extra_duurzaam_werk": extra,
            **{n: alternatief.totalen().get(n, 0.0) for n in ("bediend", "wachtend")}}


def uitkomsten(nul, alternatief, p, per_groep: bool = False) -> dict[str, Any]:
    """Alle uitkomstmaten van een alternatief tegen het nulalternatief (met `per_groep` ook 'groep:...')."""
    return {**ncw_uitkomsten(nul, alternatief, p), **effectuitkomsten(nul, alternatief, p),
            **(groepsuitkomsten(nul, alternatief, p) if per_groep else {})}
