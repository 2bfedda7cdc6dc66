"""Boekhoudregels die eerder fout gingen: coaches in de prijzen van het beleid, de duur van levenscoaching,
jaargemiddelden over de gesimuleerde maanden."""

from __future__ import annotations

import numpy as np
import pytest

from simulatie import JongerenModel, laad_scenario
from simulatie.kern.beleid import LEVENSCOACHING
from simulatie.invoer.scenario import valideer
from simulatie.experimenten.vergelijking import simuleer, vergelijk


def test_coaches_in_de_prijzen_waarmee_het_beleid_ze_betaalt(parameters):
    v = vergelijk("nulalternatief", "wet", jaren=1, seed=2, schaal=2000, voortgang=False, werkers=1)
    r = v.regio()
    wet = r[r.scenario == "wet"]
    # de loonkosten zijn van 2022; het beleid betaalt in prijzen van 2026 (zonder prijsindex: ca. 13% te veel coaches)
    zonder_index = (parameters["beleid.coach.loonkosten_per_fte"]
                    * parameters["beleid.coach.opslag_werkgeverslasten_overhead"])
    fte = zonder_index * parameters.prijsindex(2026) / parameters.prijsindex(2022)
    assert fte / zonder_index > 1.1
    np.testing.assert_allclose(wet.coaches_fte * fte, wet.budget_per_jaar, rtol=1e-12)


def test_levenscoaching_duurt_het_aantal_maanden_uit_de_parameters(parameters):
    """Een traject stopt na `beleid.levenscoaching.maanden`; de parameter wordt gelezen (en doet dus iets in een
    gevoeligheidsanalyse)."""
    gevolgd, gelezen = parameters.registrerend()
    kort = gevolgd.vervang({"beleid.levenscoaching.maanden": 3}, bron="test")
    model = JongerenModel("wet_levenscoaching_1a", seed=3, schaal=500, parameters=kort)
    eerst = None
    for k in range(8):
        model.step()
        lc = set(model.populatie.id[model.begeleiding.levenscoaching].tolist())
        if eerst is None:
            eerst = lc
            assert eerst
        elif k >= 3:
            assert not (eerst & lc), "wie in de eerste maand begon, krijgt na drie maanden geen levenscoaching meer"
    assert "beleid.levenscoaching.maanden" in gelezen
    lang = simuleer("wet_levenscoaching_1a", jaren=1, seed=3, schaal=500,
                    parameters=parameters.vervang({"beleid.levenscoaching.maanden": 24}, bron="test"))
    kort_run = simuleer("wet_levenscoaching_1a", jaren=1, seed=3, schaal=500, parameters=kort)
    lc_lang = lang.begeleidingscijfers.bediend[:, LEVENSCOACHING].sum()
    lc_kort = kort_run.begeleidingscijfers.bediend[:, LEVENSCOACHING].sum()
    assert lc_kort < 0.6 * lc_lang


def test_jaargemiddelde_zonder_sk_deelt_door_de_gesimuleerde_maanden():
    """Begint een run in juli, dan is het gemiddelde van het eerste jaar dat van zes maanden, niet de som / 12."""
    data = laad_scenario("nulalternatief").als_dict()
    data["looptijd"]["start"] = "2026-07"
    data["naam"] = "nul_juli"
    u = simuleer(valideer(data), jaren=1, seed=1, schaal=2000)
    jaren, reeksen = u.jaarreeksen()
    eerste = u.maanden // 12 == jaren[0]
    verwacht = u.zonder_sk.sum(axis=1)[eerste].mean()
    assert reeksen["zonder_startkwalificatie"][0] == pytest.approx(verwacht, rel=1e-12)
