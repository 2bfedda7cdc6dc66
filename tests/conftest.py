"""Gedeelde hulpstukken voor de tests: kleine populaties die snel draaien."""

from __future__ import annotations

import os

import numpy as np
import pytest

from simulatie import codes as c
from simulatie.parameters import laad_parameters
from simulatie.populatie import KOLOMMEN, Populatie

START = c.maandindex(2026, 1)

# Tests rekenen het opwarmen zelf (de schijfcache heeft een eigen test): geen toestand van buiten de test.
os.environ["JONGEREN_CACHE"] = "uit"


@pytest.fixture(scope="session")
def parameters():
    return laad_parameters()


def maak_populatie(n: int, maand: int = START, **waarden) -> Populatie:
    """n identieke jongeren: 20 jaar, met SK, geen risicofactoren, regio 1; `waarden` overschrijven."""
    standaard = {
        "id": np.arange(n), "gewicht": 1.0, "geboortemaand": maand - 20 * 12, "toestand": c.WERK,
        "maanden_in_toestand": 0, "schooltype": c.MBO, "niveau": 2, "leerweg": c.BOL, "leerjaar": 0, "regio": 0,
        "multiproblematiek": False, "migratie": False, "beperking": False, "startkwalificatie": True,
        "vsv": False, "in_beeld": True, "uitstroommaand": -1, "uitstroomgroep": c.UITSTROOMGROEP["mbo2_bol"],
        "uitkering_type": c.GEEN_UITKERING, "begeleiding": 0, "begeleiding_sinds": -1, "levenscoaching_sinds": -1,
    }
    standaard.update(waarden)
    kolommen = {k: np.broadcast_to(np.asarray(v, dtype=KOLOMMEN[k]), (n,)).copy() for k, v in standaard.items()}
    return Populatie(kolommen, maand)
