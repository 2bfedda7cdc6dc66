"""Elke beslissing over een rij in een maand heeft een eigen trekking (toestanden.py, `_ververs`).

Wie in juli een diploma haalt, beslist eerst of hij doorstroomt en, als hij van school gaat met een beperking,
daarna of hij een Wajong krijgt (naast de dagbesteding, of als uitkering). Las die tweede beslissing dezelfde
trekking als de eerste, dan kreeg een vso-verlater naast de dagbesteding nooit een Wajong en een vmbo-, entree-,
havo- of vwo-verlater helemaal nooit. Hier: het aandeel Wajong bij die verlaters ligt bij zijn parameter, binnen
vier standaardafwijkingen van een binomiaal aandeel (vaste zaden).
"""

from __future__ import annotations

import numpy as np
import pytest

from simulatie.gedeeld import codes as c
from simulatie.kern.kernen import uniformen
from simulatie.kern.toestanden import Effecten, Overgangsregels

from conftest import maak_populatie

JULI = c.maandindex(2026, 7)
SIGMA = 4.0
MIN_AANTAL = 200  # genoeg verlaters per bestemming om een aandeel van 0,3 van 0 te onderscheiden

# (schooltype, niveau, leerweg, aantal rijen): genoeg rijen dat ook bij een kleine kans om van school te gaan
# (vmbo: 2%) genoeg verlaters in zorg en in een uitkering overblijven
OPLEIDINGEN = {
    "pro": (c.PRO, 0, c.GEEN, 40_000),
    "vso": (c.VSO, 0, c.GEEN, 40_000),
    "vmbo": (c.VMBO, 0, c.BASIS, 1_500_000),
    "entree": (c.MBO, 1, c.BOL, 100_000),
    "havo": (c.HAVO, 0, c.GEEN, 400_000),
    "vwo": (c.VWO, 0, c.GEEN, 300_000),
}


def _juli(parameters, schooltype: int, niveau: int, leerweg: int, n: int):
    """n jongeren van 19 met een beperking in het laatste leerjaar; de stap van juli (diploma's)."""
    regels = Overgangsregels.uit(parameters, np.ones(c.AANTAL_REGIOS), np.ones(c.AANTAL_REGIOS))
    pop = maak_populatie(n, maand=JULI, toestand=c.ONDERWIJS, schooltype=schooltype, niveau=niveau,
                         leerweg=leerweg, leerjaar=regels.tabellen.duur[schooltype, niveau], beperking=True,
                         startkwalificatie=False, geboortemaand=JULI - 19 * 12,
                         uitstroomgroep=c.UITSTROOMGROEP["nog_niet"])
    stromen = regels.stap(pop, JULI, uniformen(np.random.default_rng(23), 4, n), Effecten())
    return regels, pop, stromen.alle("schoolverlaters")


def _binnen_marge(aantal: int, waargenomen: float, kans: float) -> bool:
    return abs(waargenomen - kans) < SIGMA * np.sqrt(kans * (1 - kans) / aantal)


@pytest.mark.parametrize("opleiding", OPLEIDINGEN)
def test_wajong_bij_schoolverlaters_met_beperking(parameters, opleiding):
    """Na een diploma van school met een beperking: in dagbesteding met de kans `wajong_bij_beperking_zorg` een
    Wajong ernaast, en wie een uitkering aanvraagt met de kans `wajong_bij_beperking_na_school` een Wajong (anders
    bijstand: eerst thuis in de zoektermijn)."""
    regels, pop, verlaters = _juli(parameters, *OPLEIDINGEN[opleiding])
    wajong = pop.uitkering_type[verlaters] == c.WAJONG
    zorg = pop.toestand[verlaters] == c.ZORG
    uitkering = ((pop.toestand[verlaters] == c.UITKERING)
                 | ((pop.toestand[verlaters] == c.THUIS) & (pop.uitkering_type[verlaters] == c.BIJSTAND)))
    for deel, kans in ((zorg, regels.tabellen.wajong["zorg"]), (uitkering, regels.tabellen.wajong["school"])):
        aantal = int(deel.sum())
        assert aantal >= MIN_AANTAL, (opleiding, aantal)
        aandeel = float(wajong[deel].mean())
        assert _binnen_marge(aantal, aandeel, kans), (opleiding, aantal, aandeel, kans)


def test_doorstromen_blijft_de_eigen_kans(parameters):
    """De doorstroom zelf verandert niet: het aandeel vso-gediplomeerden dat naar het mbo gaat is de parameter."""
    n = OPLEIDINGEN["vso"][-1]
    regels, pop, verlaters = _juli(parameters, *OPLEIDINGEN["vso"])
    kans = regels.tabellen.doorstroom[(c.VSO, 0)][0]
    assert _binnen_marge(n, 1 - len(verlaters) / n, kans)
    assert np.all(pop.schooltype[pop.toestand == c.ONDERWIJS] == c.MBO)
