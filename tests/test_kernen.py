"""De numba-kernen: dezelfde regel als de beschrijving, en trekkingen die uniform en onafhankelijk zijn."""

from __future__ import annotations

import numpy as np
from scipy.stats import kstest

from simulatie.gedeeld import codes as c
from simulatie.kern import kernen
from simulatie.kern.beleid import Begeleidingsmaand, Factorbuffers, bepaal_kandidaten, effecten, wie_levenscoaching
from simulatie.kern.kernen import uniformen
from simulatie.kern.toestanden import Effecten, Overgangsregels, _effecten, _kolommen

from conftest import START, maak_populatie


def test_uniformen_zijn_uniform_onafhankelijk_en_herhaalbaar():
    u = uniformen(np.random.default_rng(3), 5, 100_000)
    assert u.shape == (5, 100_000) and u.dtype == np.float32 and u.min() >= 0 and u.max() < 1
    for rij in u:  # Kolmogorov-Smirnov: bij 100.000 trekkingen verwerpt p < 0,001 alleen een echte afwijking
        assert kstest(rij, "uniform").pvalue > 1e-3
    # de hoge en lage helft van hetzelfde 64-bitsgetal zijn onafhankelijk: correlatie binnen 4 standaardfouten
    assert abs(np.corrcoef(u[0], u[1])[0, 1]) < 4 / np.sqrt(u.shape[1])
    np.testing.assert_array_equal(u, uniformen(np.random.default_rng(3), 5, 100_000))


def test_kern_volgt_de_kansen_per_bestemming(parameters):
    """De getrokken bestemmingen van de kern hebben de kansen die dezelfde kern als matrix geeft (binomiale marge),
    voor werkenden (baanverlies, eerste jaar) en thuiszitters met risicofactoren."""
    regels = Overgangsregels.uit(parameters, np.ones(40), np.ones(40))
    n = 80_000
    for toestand, extra in ((c.WERK, {"maanden_in_toestand": 3}), (c.THUIS, {"migratie": True, "in_beeld": False})):
        pop = maak_populatie(n, toestand=toestand, startkwalificatie=False, **extra)
        rijen = np.arange(n)
        k = regels.kansen(pop, rijen[:1], Effecten(), START)[:, 0]
        u = uniformen(np.random.default_rng(9), 2, n)
        naar = kernen.bestemmingen(rijen, START, _kolommen(pop), _effecten(Effecten()), regels.tabellen.kern, u[0],
                                   u[1])
        totaal = min(k.sum(), 0.95)
        for j in range(len(c.TOESTANDEN)):
            verwacht = k[j] / k.sum() * totaal
            marge = 4 * np.sqrt(verwacht * (1 - verwacht) / n) + 1e-9
            assert abs(np.mean(naar == j) - verwacht) < marge, (c.TOESTANDEN[toestand], c.TOESTANDEN[j])


def test_snelle_weg_geeft_precies_de_bestemmingen_van_de_kansen():
    """`bestemmingen` slaat wie zeker blijft over (een bovengrens per herkomst); de uitkomst is precies die van de
    volledige formule: de kansen van `kansen`, dezelfde trekkingen, dezelfde keuze. Op een echte populatie, met
    begeleiding (effecten per rij), in elke toestand buiten school."""
    from simulatie import JongerenModel

    model = JongerenModel("wet", seed=3, schaal=200)
    model.run_for(3)
    pop, regels = model.populatie, model.regels
    rijen = np.flatnonzero((pop.toestand != c.ONDERWIJS) & (pop.toestand < len(c.TOESTANDEN))).astype(np.int64)
    b = model.instellingen
    kandidaten = bepaal_kandidaten(pop, b, model.maand, model.toeval("beleid", model.maand))
    maand = Begeleidingsmaand(kandidaten, np.ones(len(kandidaten.rijen), bool), wie_levenscoaching(pop, b, model.maand))
    effect = effecten(pop, b, maand, Factorbuffers())
    u = uniformen(np.random.default_rng(4), 2, len(pop))
    naar = kernen.bestemmingen(rijen, model.maand, _kolommen(pop), _effecten(effect), regels.tabellen.kern, u[0], u[1])
    k = regels.kansen(pop, rijen, effect, model.maand)
    totaal = k.sum(axis=0)
    weg = u[0, rijen] < np.minimum(totaal, 0.95)
    keuze = (u[1, rijen] * totaal >= np.cumsum(k, axis=0)).sum(axis=0)
    np.testing.assert_array_equal(naar, np.where(weg, keuze, -1))
    assert weg.sum() > 100 and len(set(naar[weg])) >= 4  # de toets ziet echte overgangen naar elke kant
