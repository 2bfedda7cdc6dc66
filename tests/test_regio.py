"""De regio's: elk bedient haar kandidaten op volgorde binnen budget plus saldo; het saldo schuift door."""

from __future__ import annotations

import numpy as np
import pytest

from simulatie.kern.regio import Regios


def test_elke_regio_bedient_op_volgorde_zolang_haar_budget_reikt():
    regios = Regios(np.array([1200.0, 0.0, 600.0]), rij_maximum=50.0)  # per maand 100, 0 en 50
    kosten = np.array([40.0, 40.0, 40.0, 10.0, 30.0, 30.0])
    grenzen = np.array([0, 3, 4, 6])  # regio 1: drie kandidaten, regio 2: één, regio 3: twee
    bediend = regios.bedien(kosten, grenzen)
    np.testing.assert_array_equal(bediend, [True, True, False, False, True, False])
    # wat overblijft schuift door: regio 1 hield 20 over, regio 3 ook 20
    np.testing.assert_allclose(regios.saldo, [20.0, 0.0, 20.0])
    # de volgende maand reikt 120 voor drie kandidaten van 40
    assert regios.bedien(kosten, grenzen)[:3].all()
    np.testing.assert_allclose(regios.saldo[0], 0.0, atol=1e-9)


def test_het_saldo_blijft_onder_de_kosten_van_een_rij():
    regios = Regios(np.array([12_000.0]), rij_maximum=300.0)
    for _ in range(3):  # geen kandidaten: het budget blijft liggen, maar nooit meer dan één rij
        assert len(regios.bedien(np.zeros(0), np.array([0, 0]))) == 0
    assert regios.saldo[0] == pytest.approx(300.0)


def test_budget_per_maand():
    regios = Regios(np.array([120_000.0, 60_000.0]), rij_maximum=1.0)
    np.testing.assert_allclose(regios.budget_maand, [10_000.0, 5_000.0])
