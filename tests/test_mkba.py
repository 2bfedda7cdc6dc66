"""MKBA: gesloten vormen en boekhoudregels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulatie import laad_scenario
from simulatie.mkba import MAATSCHAPPIJ, POSTEN, _annuiteit, discontering, kasboek, kasboek_array, nulpunt
from simulatie.scenario import valideer
from simulatie.vergelijking import vergelijk


@pytest.fixture(scope="module")
def vergelijking():
    return vergelijk("nulalternatief", "wet", jaren=3, seed=8, schaal=400, voortgang=False, werkers=1)


def test_constante_jaarstroom_is_de_annuiteit():
    r, jaren = 0.0225, 15
    datums = pd.date_range("2026-01-01", periods=12 * jaren, freq="MS")
    d = discontering(datums, r)
    stroom = np.where(datums.month == 1, 1000.0, 0.0)  # 1000 euro aan het begin van elk jaar
    verwacht = 1000.0 * (1 - (1 + r) ** -jaren) / (1 - 1 / (1 + r))
    assert (stroom * d).sum() == pytest.approx(verwacht, rel=1e-12)
    # en de eindwaarde-annuiteit (achteraf betaald) tegen de som van de termen
    assert _annuiteit(jaren, r) == pytest.approx(sum((1 + r) ** -k for k in range(1, jaren + 1)), rel=1e-12)
    assert _annuiteit(0, r) == 0.0 and _annuiteit(7, 0.0) == 7


def test_overdrachten_vallen_weg_voor_de_maatschappij(vergelijking):
    k = vergelijking.kasboek()
    overdracht = k[k.soort == "overdracht"].groupby(["scenario", "datum", "post"]).bedrag.sum()
    schaal = k.bedrag.abs().max()
    assert (overdracht.abs() < 1e-9 * schaal).all()
    assert set(k[k.soort == "overdracht"].post.str.removeprefix("eindwaarde: ")) == {
        p for p, (soort, _, _) in POSTEN.items() if soort == "overdracht"}
    # per partij vallen ze niet weg
    per_partij = k[(k.soort == "overdracht") & (k.post == "uitkeringen")].groupby("partij").bedrag.sum()
    assert per_partij["jongeren"] > 0 and per_partij["gemeenten"] < 0


def test_tabel_per_partij_telt_op_tot_maatschappij(vergelijking):
    r = vergelijking.mkba()
    t = r.tabel[r.tabel.scenario == "wet"]
    partijen = t[(t.partij != MAATSCHAPPIJ) & (t.post != "totaal")].groupby("post").contante_waarde.sum()
    maatschappij = t[(t.partij == MAATSCHAPPIJ) & (t.post != "totaal")].set_index("post").contante_waarde
    marge = 1e-12 * maatschappij.abs().max()  # afronding in sommen van overdrachten die tot nul optellen
    pd.testing.assert_series_equal(partijen.sort_index(), maatschappij.sort_index(), check_names=False,
                                   rtol=1e-12, atol=marge)
    totaal = t[(t.partij == MAATSCHAPPIJ) & (t.post == "totaal")].contante_waarde.item()
    assert totaal == pytest.approx(r.kengetallen.set_index("scenario").loc["wet", "ncw_maatschappij"])
    assert totaal == pytest.approx(maatschappij.sum())


def test_beleid_zonder_effect_heeft_ncw_gelijk_aan_min_de_kosten():
    """Zelfde wereld, alleen extra budget dat niets uithaalt: NCW = - contante waarde van dat budget."""
    nul = laad_scenario("nulalternatief").model_copy(update={"effect_schaal": 0.0, "naam": "nul_zonder_effect"})
    data = nul.als_dict()
    data.update(naam="extra_budget")
    data["budget"]["mbo_begeleiding"] = 6_000_000.0
    alt = valideer(data)
    v = vergelijk(nul, alt, jaren=2, seed=3, schaal=500, voortgang=False, werkers=1)
    pd.testing.assert_frame_equal(v.nul.waardering, v.alternatieven[0].waardering)
    r = v.mkba()
    p = v.parameters
    datums = pd.date_range("2026-01-01", periods=24, freq="MS")
    index = p.prijsindex(r.prijsjaar) / p.prijsindex(2026)
    kosten = (6_000_000.0 / 12 * index * discontering(datums, r.discontovoet)).sum()
    assert r.kengetallen.ncw_maatschappij.item() == pytest.approx(-kosten, rel=1e-9)
    assert r.kengetallen.kosten.item() == pytest.approx(kosten, rel=1e-9)
    assert r.kengetallen.baten.item() == pytest.approx(0.0, abs=1e-6 * kosten)


@pytest.mark.parametrize("prijs,posten", [
    ("prijzen.uitkering.uitvoeringskosten_per_jaar", {"uitvoering_uitkeringen", "eindwaarde: uitvoering_uitkeringen"}),
    ("prijzen.onderwijs.mbo_per_student_per_jaar", {"onderwijs_bekostiging", "onderwijskosten"}),
    ("prijzen.programma.doorstroompunt_per_contact", {"doorstroompunt"}),
])
def test_dubbele_prijs_verdubbelt_alleen_die_post(vergelijking, prijs, posten):
    p = vergelijking.parameters
    dubbel = p.vervang({prijs: 2 * p[prijs]})
    for u in vergelijking.uitkomsten:
        d1, post1, K1 = kasboek_array(u, p)
        d2, post2, K2 = kasboek_array(u, dubbel)
        assert post1 == post2
        for i, post in enumerate(post1):
            if post in posten:
                np.testing.assert_allclose(K2[:, i], 2 * K1[:, i], rtol=1e-12)
                assert np.abs(K1[:, i]).sum() > 0
            else:
                np.testing.assert_array_equal(K2[:, i], K1[:, i])


def test_ander_prijsjaar_schaalt_alles_met_de_index(vergelijking):
    p = vergelijking.parameters
    a = vergelijking.mkba(prijsjaar=2026)
    b = vergelijking.mkba(prijsjaar=2022)
    factor = p.prijsindex(2022) / p.prijsindex(2026)
    marge = 1e-12 * a.tabel.contante_waarde.abs().max()  # afronding in sommen die tot nul optellen
    np.testing.assert_allclose(b.tabel.contante_waarde, a.tabel.contante_waarde * factor, rtol=1e-10, atol=marge)
    assert b.kengetallen.ncw_maatschappij.item() == pytest.approx(a.kengetallen.ncw_maatschappij.item() * factor)


def test_eindwaarde_staat_apart_en_kan_uit(vergelijking):
    met = vergelijking.mkba(eindwaarde=True)
    zonder = vergelijking.mkba(eindwaarde=False)
    eind = met.tabel[met.tabel.post.str.startswith("eindwaarde: ") & (met.tabel.partij == MAATSCHAPPIJ)]
    assert len(eind) and not zonder.tabel.post.str.startswith("eindwaarde: ").any()
    verschil = met.kengetallen.ncw_maatschappij.item() - zonder.kengetallen.ncw_maatschappij.item()
    assert verschil == pytest.approx(eind.contante_waarde.sum())


def test_eindwaarde_volgt_het_verschil_in_startkwalificaties(vergelijking):
    """Wie met SK de simulatie verlaat, brengt meer mee dan wie zonder SK vertrekt."""
    u = vergelijking.nul
    p = vergelijking.parameters
    _, posten, K = kasboek_array(u, p)
    eind = np.array([x.startswith("eindwaarde: ") for x in posten])
    productie = K[:, posten.index("eindwaarde: productie")].sum()
    assert productie > 0 and K[:, eind].sum() != 0
    # productie per vertrekker met SK hoger dan zonder (CPB: 70% vs 49% werk, hoger loon)
    assert p["prijzen.eindwaarde.met_sk_werk"] * p["prijzen.loon.factor_met_sk"] > \
        p["prijzen.eindwaarde.zonder_sk_werk"] * p["prijzen.loon.factor_zonder_sk"]


def test_nulpunt_interpoleert_tussen_de_runs():
    assert nulpunt({0.0: -100.0, 1.0: 100.0}) == pytest.approx(0.5)
    assert nulpunt({0.0: -300.0, 1.0: -100.0}) == pytest.approx(1.5)          # doorgetrokken
    assert nulpunt({0.0: -300.0, 1.0: -100.0, 1.5: 50.0}) == pytest.approx(1.0 + 0.5 * 100 / 150)
    assert np.isnan(nulpunt({0.0: -100.0, 1.0: -200.0}))                     # effect maakt het erger
    assert nulpunt({0.0: 50.0, 1.0: 150.0}) == pytest.approx(-0.5)            # ook zonder effect al positief


def test_break_even_ligt_waar_de_ncw_nul_is():
    """Een nieuwe run bij de gevonden effectschaal heeft een NCW dicht bij nul, en iets minder of meer
    effect geeft het verwachte teken."""
    v = vergelijk("nulalternatief", "wet", jaren=3, seed=4, schaal=100, voortgang=False, werkers=1, break_even=True)
    k = v.mkba().kengetallen.iloc[0]
    s = k.break_even_effectschaal
    assert np.isfinite(s) and s > 0
    assert len(v.effectruns["wet"]) == 2  # zonder effect en bij de eerste schatting

    def ncw(schaal):
        alt = laad_scenario("wet").model_copy(update={"effect_schaal": float(schaal), "naam": "wet_x"})
        return vergelijk("nulalternatief", alt, jaren=3, seed=4, schaal=100, voortgang=False,
                         werkers=1).mkba().kengetallen.ncw_maatschappij.item()

    assert abs(ncw(s)) < 0.1 * k.kosten  # interpolatie tussen drie runs; de NCW is niet precies lineair
    assert ncw(0.85 * s) < 0 < ncw(1.15 * s)


def test_kasboek_tabel_heeft_de_afgesproken_kolommen(vergelijking):
    k = kasboek(vergelijking.nul, vergelijking.parameters)
    assert list(k.columns) == ["datum", "post", "partij", "soort", "bedrag"]
    assert set(k.soort) == {"reëel", "overdracht"}
