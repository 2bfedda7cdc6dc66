"""Experimenten en gevoeligheid: bekende Sobol-indices, Dask gelijk aan lokaal, hervatten na afbreken."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

from simulatie import laad_parameters, laad_scenario
from simulatie.experimenten.experiment import Experiment, Ishigami, Vergelijkingsevaluator
from simulatie.experimenten.gevoeligheid import (analyse_rangorde, analyse_sobol, convergentie, ontwerp_psa,
                                                 ontwerp_sobol, ontwerp_tornado, rangorde_zeker)
from simulatie.experimenten.runs import Rungeheugen
from simulatie.experimenten.woordenschat import BUDGETFACTOR, EFFECTSCHAAL, Onzekerheden, met_priors
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.parameters import Verdeling

ISHIGAMI = Onzekerheden(("x1", "x2", "x3"), tuple(Verdeling("uniform", -np.pi, np.pi) for _ in range(3)))


def _sobol_ontwerp(n: int, seed: int = 1) -> pd.DataFrame:
    from SALib.sample import sobol
    return ISHIGAMI.naar_waarden(sobol.sample(ISHIGAMI.probleem(), n, calc_second_order=False, seed=seed))


def test_ishigami_geeft_de_bekende_sobol_indices(tmp_path):
    ontwerp = _sobol_ontwerp(1024)
    res = Experiment(tmp_path / "ishigami", ontwerp, Ishigami()).draai(werkers=1, voortgang=False)
    assert len(res) == len(ontwerp) == 1024 * 5
    s = analyse_sobol(ISHIGAMI, res, uitkomsten=("y",), seed=1).set_index("parameter")
    for naam, (s1, st) in Ishigami().indices().items():
        assert abs(s.loc[naam, "S1"] - s1) <= s.loc[naam, "S1_conf"], (naam, s.loc[naam].to_dict(), s1)
        assert abs(s.loc[naam, "ST"] - st) <= s.loc[naam, "ST_conf"], (naam, s.loc[naam].to_dict(), st)
    assert s.loc["x2", "S1"] > s.loc["x1", "S1"] > s.loc["x3", "S1"]


def test_opslag_is_een_tabel_met_invoer_uitkomst_en_herkomst(tmp_path):
    ontwerp = _sobol_ontwerp(4)
    e = Experiment(tmp_path / "e", ontwerp, Ishigami(), {"methode": "test", "seed": 1})
    res = e.draai(werkers=2, voortgang=False)
    assert list(res.geval) == list(range(len(ontwerp)))
    assert {"p:x1", "p:x2", "p:x3", "u:y", "h:methode", "h:seed", "seconden"} <= set(res.columns)
    np.testing.assert_allclose(res["p:x1"], ontwerp.x1)
    # zelfde opdracht nog eens: niets opnieuw gerekend
    voor = {p: p.stat().st_mtime_ns for p in e.opslag.glob("*.parquet")}
    e.draai(werkers=2, voortgang=False)
    assert voor == {p: p.stat().st_mtime_ns for p in e.opslag.glob("*.parquet")}


def test_ander_experiment_in_dezelfde_map_wordt_geweigerd(tmp_path):
    Experiment(tmp_path / "e", _sobol_ontwerp(2), Ishigami()).draai(werkers=1, voortgang=False)
    from simulatie import InvoerFout
    with pytest.raises(InvoerFout, match="ander experiment"):
        Experiment(tmp_path / "e", _sobol_ontwerp(4), Ishigami()).draai(werkers=1, voortgang=False)


SCRIPT = textwrap.dedent("""
    import sys
    import numpy as np
    from SALib.sample import sobol
    from simulatie.experimenten.experiment import Experiment, Ishigami
    from simulatie.experimenten.woordenschat import Onzekerheden
    from simulatie.invoer.parameters import Verdeling
    o = Onzekerheden(("x1", "x2", "x3"), tuple(Verdeling("uniform", -np.pi, np.pi) for _ in range(3)))
    ontwerp = o.naar_waarden(sobol.sample(o.probleem(), 16, calc_second_order=False, seed=3))
    Experiment(sys.argv[1], ontwerp, Ishigami(vertraging=float(sys.argv[2]))).draai(werkers=1, voortgang=False)
""")


def test_afbreken_en_hervatten_geeft_dezelfde_opslag(tmp_path):
    afgebroken, heel = tmp_path / "afgebroken", tmp_path / "heel"
    # 0,2 s per geval: tussen 20 en 80 gevallen liggen 12 s, ruim genoeg voor deze lus ook op een drukke machine
    proces = subprocess.Popen([sys.executable, "-c", SCRIPT, str(afgebroken), "0.2"])

    def geschreven() -> int:
        return len(list((afgebroken / "gevallen").glob("geval-*.parquet")))

    einde = time.time() + 600  # een ruime grens voor het wachten op 20 gevallen; de toets gaat niet over de tijd
    while time.time() < einde and geschreven() < 20 and proces.poll() is None:
        time.sleep(0.05)
    os.kill(proces.pid, signal.SIGKILL)
    proces.wait()
    tussenstand = geschreven()
    assert tussenstand >= 20, f"het experiment schreef {tussenstand} van de 20 gevallen (code {proces.returncode})"
    assert tussenstand < 80, "het experiment was al klaar voordat het werd afgebroken"
    subprocess.run([sys.executable, "-c", SCRIPT, str(afgebroken), "0"], check=True)
    subprocess.run([sys.executable, "-c", SCRIPT, str(heel), "0"], check=True)

    def opslag(map_):
        bestanden = sorted((map_ / "gevallen").glob("geval-*.parquet"))
        return pd.concat([pd.read_parquet(b) for b in bestanden], ignore_index=True).drop(columns="seconden")

    a, b = opslag(afgebroken), opslag(heel)
    assert len(a) == 16 * 5 and a.geval.is_unique
    pd.testing.assert_frame_equal(a, b)


@pytest.fixture(scope="module")
def klein_model_ontwerp():
    p = laad_parameters()
    o = Onzekerheden.kies(p, ("beleid.effect.nazorg_baanvinden", "prijzen.mkba.discontovoet"))
    ontwerp, _ = ontwerp_psa(o, 3, seed=2)
    evaluator = Vergelijkingsevaluator(laad_scenario("nulalternatief").als_dict(), laad_scenario("wet").als_dict(),
                                       seed=1, schaal=2000, jaren=1)
    return ontwerp, evaluator


def test_dask_lokaal_gelijk_aan_lokale_processen(tmp_path, klein_model_ontwerp):
    pytest.importorskip("dask.distributed")
    ontwerp, evaluator = klein_model_ontwerp
    lokaal = Experiment(tmp_path / "lokaal", ontwerp, evaluator).draai(werkers=2, voortgang=False)
    dask = Experiment(tmp_path / "dask", ontwerp, evaluator).draai(dask="lokaal", werkers=2, voortgang=False)
    pd.testing.assert_frame_equal(lokaal.drop(columns="seconden"), dask.drop(columns="seconden"))
    assert lokaal["u:ncw_maatschappij"].nunique() == len(ontwerp)  # de parameters doen er echt toe


def test_tornado_en_convergentie(klein_model_ontwerp):
    p = laad_parameters()
    o = Onzekerheden.kies(p, ("beleid.effect.*",))
    t = ontwerp_tornado(o, p)
    assert len(t) == 1 + 2 * len(o.namen)
    assert (t.iloc[1:].to_numpy() != t.iloc[0].to_numpy()).sum(axis=1).tolist() == [1] * (2 * len(o.namen))
    c = convergentie(np.array([1.0, -1.0, 3.0, 5.0]))
    assert c.gemiddelde.tolist() == [1.0, 0.0, 1.0, 2.0]
    assert c.kans_positief.tolist() == [1.0, 0.5, 2 / 3, 0.75]


def test_onbekend_patroon_geeft_nederlandse_fout():
    from simulatie import InvoerFout
    with pytest.raises(InvoerFout, match="beleid.bestaat_niet"):
        Onzekerheden.kies(laad_parameters(), ("beleid.bestaat_niet",))


def _lineair(gewichten: list[float], n: int) -> tuple[Onzekerheden, pd.DataFrame]:
    """y = som gewicht_i * x_i op [0, 1]: ST_i is evenredig met gewicht_i kwadraat (geen interacties)."""
    namen = tuple(f"x{i + 1}" for i in range(len(gewichten)))
    o = Onzekerheden(namen, tuple(Verdeling("uniform", 0.0, 1.0) for _ in namen))
    ontwerp, _ = ontwerp_sobol(o, n, seed=3)
    return o, pd.DataFrame({"u:y": ontwerp.to_numpy() @ np.asarray(gewichten)})


def test_rangorde_uit_gepaarde_bootstrap():
    # duidelijk verschillende gewichten: top 5 en volgorde zeker; x6 en x7 staan er zeker buiten
    o, res = _lineair([6, 5, 4, 3, 2, 0.5, 0.4], 512)
    r = analyse_rangorde(o, res, uitkomsten=("y",), seed=1).set_index("parameter")
    assert r.rang.loc[["x1", "x2", "x3", "x4", "x5"]].tolist() == [1, 2, 3, 4, 5]
    assert (r.rang_laag <= r.rang).all() and (r.rang <= r.rang_hoog).all()
    assert rangorde_zeker(analyse_rangorde(o, res, uitkomsten=("y",), seed=1), "y") == {"top": True, "volgorde": True}
    # twee gelijke gewichten: de groep is zeker, hun onderlinge volgorde niet (kans rond 1/2)
    o, res = _lineair([6, 5, 4, 4, 2, 0.5, 0.4], 512)
    r = analyse_rangorde(o, res, uitkomsten=("y",), seed=1)
    assert rangorde_zeker(r, "y") == {"top": True, "volgorde": False}
    gelijk = r[r.parameter.isin(["x3", "x4"])].sort_values("rang")
    assert 0.05 < gelijk.kans_boven_volgende.iloc[0] < 0.95
    # te weinig trekkingen voor gewichten die dicht bij elkaar liggen: de top is niet zeker
    o, res = _lineair([3, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4], 8)
    assert not rangorde_zeker(analyse_rangorde(o, res, uitkomsten=("y",), seed=1), "y")["top"]


# ------------------------------------------------------------------------------ gedeelde simulaties

def _drie_soorten_parameters():
    """Een prijs (leest de simulatie niet), een effect dat alleen de wet kent, en een effect van nazorg
    (bestaat ook in het nulalternatief)."""
    return ("prijzen.mkba.discontovoet", "beleid.effect.begeleiding_tijdens_vsv", "beleid.effect.nazorg_baanvinden")


def test_simulatie_leest_geen_prijzen_en_nul_geen_effecten_van_de_wet():
    from simulatie.experimenten.vergelijking import gelezen_parameters

    _, wet, nazorg = _drie_soorten_parameters()  # de prijs: zie de laatste regel
    gelezen = {naam: gelezen_parameters(laad_scenario(naam), jaren=1, seed=0, schaal=2000,
                                        parameters=laad_parameters())
               for naam in ("nulalternatief", "wet")}
    assert nazorg in gelezen["nulalternatief"] and nazorg in gelezen["wet"]
    assert wet in gelezen["wet"] and wet not in gelezen["nulalternatief"]
    assert not any(n.startswith(("prijzen.mkba.", "prijzen.loon.", "prijzen.eindwaarde.")) for n in gelezen["wet"])


def test_gedeelde_simulaties_geven_precies_dezelfde_uitkomsten(klein_model_ontwerp):
    _, evaluator = klein_model_ontwerp
    p = laad_parameters()
    o = Onzekerheden.kies(p, _drie_soorten_parameters())
    ontwerp, _ = ontwerp_sobol(o, 2, seed=4)  # per trekking: A, AB_prijs, AB_wet, AB_nazorg, B
    rijen = ontwerp.to_dict("records")
    los = [evaluator(r) for r in rijen]
    runs = Rungeheugen()
    samen = list(evaluator.groep(rijen[:3], runs))  # A, AB_prijs, AB_wet: één nulrun, twee runs van de wet
    assert samen == los[:3]
    assert len(runs) == 3
    assert samen[0]["ncw_maatschappij"] != samen[1]["ncw_maatschappij"] != samen[2]["ncw_maatschappij"]
    # de groepssleutel: wat het nulalternatief leest (hier alleen het nazorgeffect)
    sleutels = evaluator.groepssleutels(ontwerp)
    assert sleutels[0] == sleutels[1] == sleutels[2] != sleutels[3]
    assert sleutels == [(w,) for w in ontwerp["beleid.effect.nazorg_baanvinden"]]


def test_experiment_met_groepen_gelijk_aan_los(tmp_path, klein_model_ontwerp):
    _, evaluator = klein_model_ontwerp
    o = Onzekerheden.kies(laad_parameters(), _drie_soorten_parameters())
    ontwerp, _ = ontwerp_sobol(o, 2, seed=4)
    e = Experiment(tmp_path / "samen", ontwerp, evaluator)
    # per trekking twee taken: {A, AB_prijs, AB_wet} en {AB_nazorg, B} (AB_nazorg heeft de nazorgwaarde van B)
    assert sorted(len(t) for t in e.taken(list(range(len(ontwerp))))) == [2, 2, 3, 3]
    samen = e.draai(werkers=2, voortgang=False)
    los = pd.DataFrame([evaluator(r) for r in ontwerp.to_dict("records")]).add_prefix("u:")
    pd.testing.assert_frame_equal(samen[los.columns], los)


def test_psa_per_groep_geeft_intervallen_die_optellen_tot_het_land(tmp_path, klein_model_ontwerp):
    """Met per_groep telt elk geval ook per groep en regio: per indeling tellen de groepen op tot de landelijke
    NCW van dat geval, en groepen_psa.csv geeft per groep een interval over de gevallen."""
    from dataclasses import replace

    from simulatie.economie import groepen

    ontwerp, evaluator = klein_model_ontwerp
    res = Experiment(tmp_path / "psa", ontwerp, replace(evaluator, per_groep=True)).draai(werkers=1, voortgang=False)
    for indeling in ("schooltype", "migratie", "multiproblematiek", "regio"):
        kolommen = [k for k in res.columns if k.startswith(f"u:groep:{indeling}=") and k.endswith(":ncw_maatschappij")]
        assert len(kolommen) == {"schooltype": 7, "regio": 40}.get(indeling, 2)
        np.testing.assert_allclose(res[kolommen].sum(axis=1), res["u:ncw_maatschappij"], rtol=1e-9)
    s = groepen.samenvatting(res)
    assert set(s.uitkomst) == set(groepen.PSA_KOLOMMEN)
    assert ((s.p5 <= s.mediaan) & (s.mediaan <= s.p95)).all()
    mbo = s[(s.indeling == "schooltype") & (s.groep == "mbo") & (s.uitkomst == "ncw_maatschappij")].iloc[0]
    assert mbo.p5 < mbo.p95  # de prijzen variëren: de NCW van de groep die begeleiding krijgt ook
    # zonder per_groep: dezelfde landelijke uitkomsten, geen groepskolommen
    landelijk = Experiment(tmp_path / "land", ontwerp, evaluator).draai(werkers=1, voortgang=False)
    assert not [k for k in landelijk.columns if k.startswith("u:groep:")]
    np.testing.assert_allclose(landelijk["u:ncw_maatschappij"], res["u:ncw_maatschappij"], rtol=1e-12)


def test_hefboom_op_een_scenario_verandert_alleen_zijn_knop():
    wet = laad_scenario("wet")
    half = BUDGETFACTOR.op(wet, 0.5)
    assert half.budget.regionaal_programma == pytest.approx(wet.budget.regionaal_programma / 2, rel=1e-15)
    assert half.bestand == wet.bestand and half.naam == wet.naam
    nul_effect = EFFECTSCHAAL.op(wet, 0.0)
    assert nul_effect.effect_schaal == 0.0
    assert nul_effect.model_copy(update={"effect_schaal": wet.effect_schaal}) == wet  # verder niets veranderd
    with pytest.raises(InvoerFout, match="effect_schaal"):
        EFFECTSCHAAL.op(wet, 7.0)  # buiten 0 tot en met 5: een fout, geen stil afgekapt scenario


def test_de_psa_trekt_de_effecten_uit_de_gekozen_priors():
    """Met de sceptische priors heeft een effect een echte massa op nul: in een PSA-ontwerp van 4.000 trekkingen
    is het aandeel nullen p_nul (binomiaal: sd hooguit 0,008, tolerantie 4 sd); met de aangenomen bandbreedtes
    (uniform) komt nul niet voor. Een onbekende set wordt geweigerd."""
    p = laad_parameters()
    naam = "beleid.effect.begeleiding_tijdens_vsv"
    sceptisch = Onzekerheden.kies(met_priors(p, "sceptisch"))
    p_nul = sceptisch.verdelingen[sceptisch.namen.index(naam)].p_nul
    assert p_nul is not None and 0.1 < p_nul < 0.9
    ontwerp, _ = ontwerp_psa(sceptisch, 4000, seed=3)
    assert (ontwerp[naam] == 0).mean() == pytest.approx(p_nul, abs=0.032)
    ontwerp_a, _ = ontwerp_psa(Onzekerheden.kies(met_priors(p, "aanname")), 4000, seed=3)
    assert (ontwerp_a[naam] == 0).mean() == 0
    with pytest.raises(InvoerFout, match="prior"):
        met_priors(p, "optimistisch")
