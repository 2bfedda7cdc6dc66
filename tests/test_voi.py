"""Waarde van informatie: bekende antwoorden (normaal-normaal) en geneste Monte Carlo."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from simulatie.experimenten.voi import (break_even_tabel, evpi, evppi, evsi_proef, nulpunt_gegeven,
                                     standaardfout_proef)

MU, S1, S2 = 0.2, 1.0, 0.5  # nb(alternatief) = theta1 + theta2, nb(niets doen) = 0
N = 4000


def _verwacht_maximum(mu: float, sd: float) -> float:
    """E[max(Z, 0)] - max(mu, 0) voor Z ~ N(mu, sd²): de waarde van informatie bij één alternatief tegen 0."""
    return sd * norm.pdf(mu / sd) + mu * norm.cdf(mu / sd) - max(mu, 0.0)


@pytest.fixture(scope="module")
def steekproef():
    rng = np.random.default_rng(11)
    t1, t2 = rng.normal(MU, S1, N), rng.normal(0.0, S2, N)
    nb = np.column_stack([np.zeros(N), t1 + t2])
    return nb, t1, t2


def _marge(nb: np.ndarray) -> float:
    # de schatters zijn gemiddelden over N trekkingen van iets met hoogstens de spreiding van nb: 4 standaardfouten
    return 4 * nb[:, 1].std() / np.sqrt(len(nb))


def test_evpi_en_evppi_bij_een_bekend_antwoord(steekproef):
    nb, t1, t2 = steekproef
    assert evpi(nb) == pytest.approx(_verwacht_maximum(MU, np.hypot(S1, S2)), abs=_marge(nb))
    assert evppi(nb, t1) == pytest.approx(_verwacht_maximum(MU, S1), abs=_marge(nb))
    assert evppi(nb, t2) == pytest.approx(_verwacht_maximum(MU, S2), abs=_marge(nb))
    # de groep van beide is alles: gelijk aan de EVPI
    assert evppi(nb, np.column_stack([t1, t2])) == pytest.approx(evpi(nb), abs=_marge(nb))


def test_evppi_tussen_nul_en_evpi_ook_bij_ruis(steekproef):
    nb, t1, _ = steekproef
    ruis = np.random.default_rng(3).normal(size=N)
    for x in (t1, ruis, np.column_stack([t1, ruis])):
        assert 0.0 <= evppi(nb, x) <= evpi(nb)
    assert evppi(nb, ruis) < _marge(nb)  # een parameter die er niet toe doet, is niets waard


def test_evppi_gelijk_aan_geneste_monte_carlo_bij_een_niet_lineair_probleem():
    """nb = theta1² - 1 + theta2 (tegen 0): E[nb | theta1] is niet lineair. Geneste Monte Carlo (buiten theta1,
    binnen theta2) geeft de referentie."""
    rng = np.random.default_rng(5)
    t1, t2 = rng.normal(0, 1, N), rng.normal(0, 1, N)
    nb = np.column_stack([np.zeros(N), t1 ** 2 - 1 + t2])
    buiten = rng.normal(0, 1, 2000)
    binnen = rng.normal(0, 1, (2000, 500))
    voorwaardelijk = (buiten[:, None] ** 2 - 1 + binnen).mean(axis=1)  # E[nb | theta1] per buitentrekking
    genest = np.maximum(voorwaardelijk, 0).mean() - max(voorwaardelijk.mean(), 0)
    assert evppi(nb, t1) == pytest.approx(genest, abs=_marge(nb))


def test_evsi_van_een_proef_naar_de_bekende_vorm(steekproef):
    """Een proef meet theta1 met standaardfout s: de posterieure verwachting heeft spreiding S1² / sqrt(S1² + s²)."""
    nb, t1, _ = steekproef
    rng = np.random.default_rng(2)
    waarden = []
    for s in (0.25, 1.0, 4.0):
        verwacht = _verwacht_maximum(MU, S1 ** 2 / np.hypot(S1, s))
        w = evsi_proef(nb, t1, s, rng)
        assert w == pytest.approx(verwacht, abs=_marge(nb)), s
        waarden.append(w)
    assert waarden[0] > waarden[1] > waarden[2]  # een grotere proef (kleinere fout) is meer waard
    assert waarden[0] <= evppi(nb, t1) + _marge(nb)


def test_standaardfout_van_een_proef_daalt_met_de_wortel_van_n_en_klopt_met_simulatie():
    a, b = standaardfout_proef(100, 0.6, 0.2), standaardfout_proef(400, 0.6, 0.2)
    assert a / b == pytest.approx(2.0)
    # gesimuleerde proeven: de spreiding van het geschatte effect m1/m0 - 1 rond het ware effect
    rng = np.random.default_rng(8)
    n, p0 = 2000, 0.6
    maand = lambda p: 1 - (1 - p) ** (1 / 12)  # noqa: E731
    p1 = 1 - (1 - maand(p0) * 1.2) ** 12
    schatting = maand(rng.binomial(n, p1, 20000) / n) / maand(rng.binomial(n, p0, 20000) / n) - 1
    assert schatting.mean() == pytest.approx(0.2, abs=0.01)
    assert schatting.std() == pytest.approx(standaardfout_proef(n, p0, 0.2), rel=0.05)


def test_evpi_tabel_per_parameter_en_groep_tussen_nul_en_evpi(steekproef):
    import pandas as pd

    from simulatie.experimenten.voi import evpi_tabel, evsi_tabel

    nb, t1, t2 = steekproef
    x = pd.DataFrame({"beleid.effect.nazorg_baanvinden": t1, "prijzen.mkba.verdringing": t2,
                      "prijzen.loon.wig": np.random.default_rng(1).normal(size=N)})
    t = evpi_tabel(nb, x)
    # een NCW over de hele levensloop, geen bedrag per jaar: geen kolommen 'per jaar' (eerder NCW / horizon)
    assert list(t.columns) == ["parameter", "groep", "evppi", "evpi", "eenheid"]
    assert ((t.evppi >= 0) & (t.evppi <= t.evpi)).all()
    waardering = t.set_index("parameter").loc["(groep) waardering"]
    assert waardering.evppi == pytest.approx(_verwacht_maximum(MU, S2), abs=_marge(nb))  # wig doet niets
    v = evsi_tabel(nb, t1, MU, 0.7, 1500.0, n_per_arm=(50, 5000))
    assert v.evsi.iloc[1] > v.evsi.iloc[0] and (v.kosten_proef == 2 * v.deelnemers_per_arm * 1500.0).all()
    # te weinig trekkingen: geen schatting in plaats van een onbetrouwbare
    assert evpi_tabel(nb[:10], x.head(10)).evppi.isna().all()


def test_evsi_per_proef_hoog_voor_het_effect_waar_de_keuze_van_afhangt():
    """Uit een PSA-tabel: twee proeven (nazorg op werk, begeleiding tegen uitval). Hangt de NCW alleen van het
    uitvaleffect af, dan is een grote proef daarnaar veel waard (bijna de EVPPI) en een proef naar nazorg niets."""
    import pandas as pd

    from simulatie.experimenten.gevoeligheid import PROEVEN, waarde_van_informatie
    from simulatie.experimenten.woordenschat import Onzekerheden
    from simulatie.invoer.parameters import laad_parameters

    p = laad_parameters()
    namen = tuple(effect for _, effect, _, _ in PROEVEN)
    o = Onzekerheden.kies(p, namen)
    rng = np.random.default_rng(5)
    uitval, nazorg = rng.uniform(0, 0.35, 600), rng.uniform(0, 0.5, 600)
    ncw = 1e9 * (uitval - 0.1) + rng.normal(0, 5e7, 600)  # negatief bij een klein uitvaleffect
    res = pd.DataFrame({"p:beleid.effect.begeleiding_tijdens_vsv": uitval, "p:beleid.effect.nazorg_baanvinden": nazorg,
                        "u:ncw_maatschappij": ncw})
    t = waarde_van_informatie(res, o, p, seed=0)
    v = t["evsi"].set_index(["proef", "deelnemers_per_arm"]).evsi
    evppi_uitval = t["evpi"].set_index("parameter").evppi["beleid.effect.begeleiding_tijdens_vsv"]
    assert set(t["evsi"].proef) == {naam for naam, _, _, _ in PROEVEN}
    assert v["begeleiding tegen uitval", 2500] > 0.5 * evppi_uitval > 0
    assert v["begeleiding tegen uitval", 2500] > v["begeleiding tegen uitval", 100]
    assert v["nazorg op werk", 2500] < 0.05 * evppi_uitval


def test_break_even_uit_de_psa_bij_een_bekend_nulpunt():
    """NCW = 100 (e - 0,3) + een tweede onzekerheid + ruis: de verwachte NCW gegeven e is 100 (e - 0,3), nul bij
    e = 0,3. Met 2.000 trekkingen is de fout van de spline daar hooguit enkele duizendsten (sd van de ruis 10, de
    helling 100: een fout van 1 in de verwachting is 0,01 in e; ruim genomen)."""
    rng = np.random.default_rng(5)
    e, andere = rng.uniform(0, 0.6, 2000), rng.uniform(-1, 1, 2000)
    ncw = 100 * (e - 0.3) + 20 * andere + rng.normal(0, 10, 2000)
    t = break_even_tabel(ncw, pd.DataFrame({"e": e, "andere": andere}))
    rij = t.set_index("parameter").loc["e"]
    assert rij.break_even == pytest.approx(0.3, abs=0.02)
    assert rij.richting == "stijgend"
    assert rij.kans_boven_break_even == pytest.approx(np.mean(e > rij.break_even))
    assert rij.kans_boven_break_even == pytest.approx(0.5, abs=0.05)
    # de tweede onzekerheid: E[ncw | andere] = 20 andere, nul bij 0; een dalende kromme heeft de kans eronder
    t2 = break_even_tabel(-ncw, pd.DataFrame({"e": e}))
    assert t2.richting.iloc[0] == "dalend" and t2.kans_boven_break_even.iloc[0] == pytest.approx(
        np.mean(e < t2.break_even.iloc[0]))
    assert np.isnan(nulpunt_gegeven(e, ncw + 1000))  # gaat binnen het bereik niet door nul
