"""De uitkomst van een run (kern/uitkomst.py): benoemde arrays die kloppen met de waarnemer van het model, die
heel blijven over een proces heen, en waaruit de MKBA hetzelfde rekent als via de vergelijking."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest

from simulatie import JongerenModel, laad_scenario
from simulatie.economie.mkba import bereken
from simulatie.experimenten.kalibratie import standen
from simulatie.experimenten.vergelijking import draai_model, vergelijk
from simulatie.gedeeld import codes as c
from simulatie.kern.toestanden import STROMEN
from simulatie.kern.uitkomst import Uitkomst

SCHAAL, ZAAD = 400, 6


@pytest.fixture(scope="module")
def model() -> JongerenModel:
    m = JongerenModel("wet", seed=ZAAD, schaal=SCHAAL, uitsplitsing=True)
    m.run_for(15)
    return m


@pytest.fixture(scope="module")
def uitkomst(model) -> Uitkomst:
    return Uitkomst.van(model, 2)


def test_begeleiding_is_die_van_het_model(model, uitkomst):
    b = model.begeleidingscijfers()
    pd.testing.assert_frame_equal(uitkomst.begeleiding, b.frame())
    pd.testing.assert_frame_equal(uitkomst.budget, b.budget_frame())
    assert len(uitkomst.begeleiding) > 0  # de wet begeleidt: de vergelijking zegt iets


def test_maandcijfers_in_lang_formaat_zijn_de_benoemde_arrays(model, uitkomst):
    # de stand van de laatste maand is de populatie zoals het model haar achterlaat
    assert uitkomst.standen[-1].sum() == pytest.approx(model.populatie.actief().sum() * model.schaal, rel=1e-12)
    f = model.maandcijfers()
    land = f[(f.schooltype == "alle") & (f.regio == 0)]
    for toestand in c.TOESTANDEN:
        verwacht = land[(land.indicator == "aantal") & (land.toestand == toestand)].waarde.to_numpy()
        np.testing.assert_array_equal(uitkomst.stand(toestand).sum(axis=(1, 2)), verwacht)
    for naam in STROMEN:
        verwacht = land[land.indicator == naam].waarde.to_numpy()
        np.testing.assert_array_equal(uitkomst.stroom(naam).sum(axis=(1, 2)), verwacht)
    assert uitkomst.stroom("nieuwe_vsv").sum() > 0
    # de jaarcijfers zijn dezelfde stroom, per kalenderjaar opgeteld
    jaren, reeksen = uitkomst.jaarreeksen()
    assert list(jaren) == [2026, 2027]
    assert reeksen["nieuwe_vsv"].sum() == pytest.approx(uitkomst.stroom("nieuwe_vsv").sum(), rel=1e-12)
    assert uitkomst.totalen()["nieuwe_vsv"] == pytest.approx(uitkomst.stroom("nieuwe_vsv").sum(), rel=1e-12)
    assert uitkomst.jaarcijfers()[("totaal", "nieuwe_vsv")] == uitkomst.totalen()["nieuwe_vsv"]


def test_waardering_is_die_van_de_waarnemer_en_de_delen_tellen_op(model, uitkomst):
    w = model.waarnemer
    np.testing.assert_array_equal(uitkomst.waardering, w.waardering())
    np.testing.assert_array_equal(uitkomst.uitkeringen, w.uitkeringen_naar_soort())
    np.testing.assert_array_equal(uitkomst.leeftijdsstanden, w.standen_naar_leeftijd())
    # de waardering telt iedereen één keer: per toestand gelijk aan de standen
    np.testing.assert_allclose(uitkomst.waardering.sum(axis=(2, 3, 4)), uitkomst.standen.sum(axis=(2, 3)))
    assert uitkomst.uitgesplitst
    for deel in ("regio", "groep"):
        for naam in ("waardering", "uitkeringen", "uit_27"):
            np.testing.assert_allclose(getattr(uitkomst, f"{naam}_{deel}").sum(axis=-1), getattr(uitkomst, naam),
                                       err_msg=f"{naam}_{deel}")
    np.testing.assert_allclose(uitkomst.begeleidingsuitgaven_groep.sum(axis=1),
                               uitkomst.begeleidingsuitgaven.sum(axis=1))
    np.testing.assert_allclose(uitkomst.stromen_groep.sum(axis=-1), uitkomst.stromen.sum(axis=(2, 3)))


def test_waarderingsframe_is_de_waardering_in_lang_formaat(uitkomst):
    f = uitkomst.waarderingsframe
    assert len(f) == uitkomst.waardering.size
    per_toestand = f.groupby("toestand", sort=False).aantal.sum()
    np.testing.assert_allclose(per_toestand.loc[list(c.TOESTANDEN)], uitkomst.waardering.sum(axis=(0, 2, 3, 4)))


def test_heel_over_een_proces_heen_en_onveranderlijk(uitkomst):
    terug = pickle.loads(pickle.dumps(uitkomst))
    pd.testing.assert_frame_equal(terug.maandcijfers, uitkomst.maandcijfers)
    assert terug.totalen() == uitkomst.totalen()
    for veld in dataclasses.fields(Uitkomst):
        a, b = getattr(uitkomst, veld.name), getattr(terug, veld.name)
        if isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b, err_msg=veld.name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        uitkomst.jaren = 3  # type: ignore[misc]
    # tabellen worden niet onthouden: wat over de lijn gaat, zijn alleen de arrays
    uitkomst.maandcijfers  # noqa: B018
    assert set(vars(uitkomst)) == {veld.name for veld in dataclasses.fields(Uitkomst)}


def test_zonder_uitsplitsing_geen_delen():
    m = JongerenModel("nulalternatief", seed=ZAAD, schaal=SCHAAL)
    m.run_for(3)
    u = Uitkomst.van(m)
    assert not u.uitgesplitst and u.waardering_regio is None and u.standen_groep is None
    assert u.jaren == 1 and len(u.maanden) == 3


def test_mkba_uit_uitkomsten_gelijk_aan_die_van_de_vergelijking():
    """De MKBA leest alleen uitkomsten en parameters: uit eigen runs precies dezelfde als via vergelijk."""
    v = vergelijk("nulalternatief", "wet", jaren=1, seed=ZAAD, schaal=SCHAAL, voortgang=False, werkers=1)
    eigen = [Uitkomst.van(draai_model(laad_scenario(naam), jaren=1, seed=ZAAD, schaal=SCHAAL,
                                      parameters=v.parameters), 1) for naam in ("nulalternatief", "wet")]
    los = bereken(eigen[0], eigen[1:], v.parameters)
    via = v.mkba()
    pd.testing.assert_frame_equal(los.tabel, via.tabel)
    pd.testing.assert_frame_equal(los.kengetallen, via.kengetallen)
    pd.testing.assert_frame_equal(los.per_jaar, via.per_jaar)
    assert los.laatste_jaar == via.laatste_jaar == 2026


def test_kalibratie_leest_de_standen_uit_de_uitkomst(model, uitkomst):
    """De standen voor de kalibratiedoelen komen uit de uitkomst: de bijstand onder 27 is het jaargemiddelde van de
    leeftijdsstanden van de waarnemer."""
    s = standen(uitkomst, 2026, jaren=1)
    bijstand = model.waarnemer.standen_naar_leeftijd()[:12, c.TOESTANDEN_UITGEBREID.index("bijstand")]
    assert s["bijstand_onder_27"] == pytest.approx(bijstand.sum(axis=1).mean(), rel=1e-12)
    assert 0 < s["werkloosheid_niet_onderwijsvolgend"] < 1
