"""Gedeelde hulpstukken voor de tests: kleine populaties die snel draaien."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from simulatie.gedeeld import codes as c
from simulatie.invoer.parameters import laad_parameters
from simulatie.kern.populatie import KOLOMMEN, Populatie

START = c.maandindex(2026, 1)

# Tests rekenen het opwarmen zelf (de schijfcache heeft een eigen test): geen toestand van buiten de test.
os.environ["JONGEREN_CACHE"] = "uit"


# ------------------------------------------------------------------------------------ de opdrachtregel

def draai(capsys, *args) -> tuple[int, str, str]:
    """Draai `jongeren` in dit proces: (afsluitcode, stdout, stderr)."""
    from simulatie.voorkant.cli import main

    try:
        code = main([str(a) for a in args])
    except SystemExit as e:  # argparse
        code = e.code
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def weigert(code: int, err: str, *fragmenten: str) -> None:
    """Afsluitcode 2, een Nederlandse melding met de fragmenten (bestand, veld, toegestaan), geen traceback."""
    assert code == 2, err
    assert err.startswith("Fout"), err
    assert "Traceback" not in err
    for f in fragmenten:
        assert f in err, (f, err)


def niets_geschreven(map_: Path, behalve: set[str] = frozenset()) -> None:
    """Geen bestand en geen (lege) map in `map_`, behalve de genoemde invoerbestanden."""
    assert {p.name for p in map_.iterdir()} <= set(behalve), sorted(p.name for p in map_.iterdir())


@pytest.fixture(scope="session")
def parameters():
    return laad_parameters()


def maak_populatie(n: int, maand: int = START, **waarden) -> Populatie:
    """n identieke jongeren: 20 jaar, met SK, geen risicofactoren, regio 1; `waarden` overschrijven."""
    standaard = {
        "id": np.arange(n), "gewicht": 1.0, "geboortemaand": maand - 20 * 12, "toestand": c.WERK,
        "maanden_in_toestand": 0, "schooltype": c.MBO, "niveau": 2, "leerweg": c.BOL, "leerjaar": 0, "regio": 0,
        "multiproblematiek": False, "migratie": False, "beperking": False, "startkwalificatie": True,
        "diploma_mbo34": False,
        "vsv": False, "in_beeld": True, "uitstroommaand": -1, "uitstroomgroep": c.UITSTROOMGROEP["mbo2_bol"],
        "uitkering_type": c.GEEN_UITKERING, "begeleiding": 0, "begeleiding_sinds": -1, "levenscoaching_sinds": -1,
    }
    standaard.update(waarden)
    kolommen = {k: np.broadcast_to(np.asarray(v, dtype=KOLOMMEN[k]), (n,)).copy() for k, v in standaard.items()}
    return Populatie(kolommen, maand)
