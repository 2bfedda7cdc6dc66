"""MKBA: gesloten vormen en boekhoudregels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from simulatie import laad_scenario
from simulatie.gedeeld import codes as c
from simulatie.economie.levensloop import Levensloopprijzen, loonkosten, stromen, verwachting
from simulatie.kern.vertrek import MET_SK, NIVEAUS_BIJ_VERTREK, VERTREKLEEFTIJDEN, ZONDER_SK
from simulatie.economie.mkba import (LEVENSLOOP, MAATSCHAPPIJ, PARTIJEN, POSTEN, Eenheidsprijzen, bereken, discontering,
                                     kasboek, kasboek_array, nulpunt)
from simulatie.experimenten.woordenschat import EFFECTSCHAAL
from simulatie.invoer.scenario import valideer
from simulatie.experimenten import vergelijking as vg
from simulatie.experimenten.vergelijking import populatieruis, vergelijk
from simulatie.gedeeld.opmaak import mln
from simulatie.voorkant.cli import _vergelijkingstabel


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


def test_overdrachten_vallen_weg_voor_de_maatschappij(vergelijking):
    k = vergelijking.kasboek()
    overdracht = k[k.soort == "overdracht"].groupby(["scenario", "datum", "post"]).bedrag.sum()
    schaal = k.bedrag.abs().max()
    assert (overdracht.abs() < 1e-9 * schaal).all()
    assert set(k[k.soort == "overdracht"].post.str.removeprefix(LEVENSLOOP)) == {
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
    pd.testing.assert_frame_equal(v.nul.waarderingsframe, v.alternatieven[0].waarderingsframe)
    r = v.mkba()
    p = v.parameters
    datums = pd.date_range("2026-01-01", periods=24, freq="MS")
    index = p.prijsindex(r.prijsjaar) / p.prijsindex(2026)
    kosten = (6_000_000.0 / 12 * index * discontering(datums, r.discontovoet)).sum()
    assert r.kengetallen.ncw_maatschappij.item() == pytest.approx(-kosten, rel=1e-9)
    assert r.kengetallen.kosten.item() == pytest.approx(kosten, rel=1e-9)
    assert r.kengetallen.baten.item() == pytest.approx(0.0, abs=1e-6 * kosten)


@pytest.mark.parametrize("prijs,posten", [
    ("prijzen.uitkering.uitvoeringskosten_per_jaar", {"uitvoering_uitkeringen", LEVENSLOOP + "uitvoering_uitkeringen"}),
    (("prijzen.onderwijs.mbo_per_student_per_jaar", "prijzen.onderwijs.vo_per_student_per_jaar",
      "prijzen.onderwijs.ho_per_student_per_jaar"), {"onderwijs_bekostiging", "onderwijskosten"}),
    ("prijzen.programma.doorstroompunt_per_contact", {"doorstroompunt"}),
])
def test_dubbele_prijs_verdubbelt_alleen_die_post(vergelijking, prijs, posten):
    p = vergelijking.parameters
    prijzen = prijs if isinstance(prijs, tuple) else (prijs,)
    dubbel = p.vervang({q: 2 * p[q] for q in prijzen})
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


def test_levensloop_staat_apart_en_zonder_is_het_de_gesimuleerde_run(vergelijking):
    """Met de levensloop uit is de uitkomst precies die van de gesimuleerde maanden (horizon en uitloop); met de
    levensloop aan staat hij op aparte posten en is het verschil hun contante waarde. De drie delen tellen op."""
    met = vergelijking.mkba(levensloop=True)
    zonder = vergelijking.mkba(levensloop=False)
    loop = met.tabel[met.tabel.post.str.startswith(LEVENSLOOP) & (met.tabel.partij == MAATSCHAPPIJ)]
    assert len(loop) and not zonder.tabel.post.str.startswith(LEVENSLOOP).any()
    km, kz = met.kengetallen.iloc[0], zonder.kengetallen.iloc[0]
    assert kz.ncw_maatschappij == pytest.approx(kz.ncw_horizon + kz.ncw_uitloop, rel=1e-12)
    assert kz.ncw_levensloop == 0.0
    assert km.ncw_horizon + km.ncw_uitloop == pytest.approx(kz.ncw_maatschappij, rel=1e-9)
    assert km.ncw_levensloop == pytest.approx(loop.contante_waarde.sum(), rel=1e-9)
    assert km.ncw_maatschappij == pytest.approx(km.ncw_horizon + km.ncw_uitloop + km.ncw_levensloop, rel=1e-12)


def test_levensloop_van_een_jongere_in_gesloten_vorm(parameters):
    """Eén jongere van 27 met SK, aan het werk: de contante waarde van haar productie tot de AOW-leeftijd is de som
    over de maanden van kans op werk maal loonkosten maal discontofactor, met de formules uit levensloop.py
    uitgeschreven."""
    lp = Levensloopprijzen.uit(parameters)
    e = Eenheidsprijzen.uit(parameters)
    vertrek = np.zeros((1, len(c.TOESTANDEN), len(VERTREKLEEFTIJDEN), len(NIVEAUS_BIJ_VERTREK)))
    vertrek[0, c.WERK, -1, MET_SK] = 1.0
    productie, uitkering = stromen(lp, vertrek, e.wml_met_lasten)
    r = e.discontovoet
    maanden = lp.aow_maanden - 27 * 12
    k = np.arange(maanden)
    jaren = (k + 0.5) / 12
    # met SK is de groep de referentie: geen kloof; het verschil met de groep bij vertrek (1 - 0,70) dooft uit
    kans = lp.werk_27[MET_SK] + (1 - lp.werk_27[MET_SK]) * lp.persistentie ** jaren
    loon = e.wml_met_lasten[-1] * lp.loonfactor[MET_SK] * (1 + lp.loongroei) ** np.minimum(jaren, 18)  # referentie
    verwacht = (kans * loon * (1 + r) ** (-(k + 1) / 12)).sum()  # geboekt vanaf de maand na vertrek
    assert (productie * (1 + r) ** (-np.arange(len(productie)) / 12)).sum() == pytest.approx(verwacht, rel=1e-10)
    assert productie[maanden + 1:].sum() == 0  # na de AOW-leeftijd niets
    # zonder SK en thuis: minder werk, meer uitkering, en het verschil met SK neemt af maar verdwijnt niet snel
    werk_zonder, uitk_zonder = verwachting(lp, c.THUIS, 27, ZONDER_SK)
    werk_met, _ = verwachting(lp, c.THUIS, 27, MET_SK)
    assert (werk_zonder <= werk_met).all() and uitk_zonder.mean() > 0.2
    assert (werk_met - werk_zonder)[12 * 10] > 0.5 * (lp.werk_27[MET_SK] - lp.werk_27[ZONDER_SK])
    assert loonkosten(lp, e.wml_met_lasten, 27, ZONDER_SK)[0] < loonkosten(lp, e.wml_met_lasten, 27, MET_SK)[0]


def test_de_onzekerheid_varieert_de_levensloop_niet_een_eindwaarde():
    from simulatie.experimenten.woordenschat import STANDAARD

    assert not any("eindwaarde" in n for n in STANDAARD)
    assert {"prijzen.levensloop.kloof_afname_per_jaar", "prijzen.levensloop.persistentie_toestand"} <= set(STANDAARD)


def test_nulpunt_interpoleert_tussen_de_runs():
    assert nulpunt({0.0: -100.0, 1.0: 100.0}) == pytest.approx(0.5)
    assert nulpunt({0.0: -300.0, 1.0: -100.0}) == pytest.approx(1.5)          # doorgetrokken
    assert nulpunt({0.0: -300.0, 1.0: -100.0, 1.5: 50.0}) == pytest.approx(1.0 + 0.5 * 100 / 150)
    assert np.isnan(nulpunt({0.0: -100.0, 1.0: -200.0}))                     # effect maakt het erger
    assert nulpunt({0.0: 50.0, 1.0: 150.0}) == pytest.approx(-0.5)            # ook zonder effect al positief


def test_break_even_ligt_waar_de_ncw_nul_is():
    """Een nieuwe run bij de gevonden effectschaal heeft een NCW dicht bij nul, en iets minder of meer
    effect geeft het verwachte teken."""
    # op schaal 40: de populatieruis in het verschil tussen twee effectniveaus is daar enkele miljoenen (op schaal
    # 100 zo'n 50 miljoen: dan meet de toets ruis in plaats van de interpolatie)
    v = vergelijk("nulalternatief", "wet", jaren=3, seed=4, schaal=40, voortgang=False, werkers=1, break_even=True)
    k = v.mkba().kengetallen.iloc[0]
    s = k.break_even_effectschaal
    assert np.isfinite(s) and s > 0
    assert len(v.effectruns["wet"]) == 2  # zonder effect en bij de eerste schatting

    def ncw(schaal):
        alt = laad_scenario("wet").model_copy(update={"effect_schaal": float(schaal), "naam": "wet_x"})
        return vergelijk("nulalternatief", alt, jaren=3, seed=4, schaal=40, voortgang=False,
                         werkers=1).mkba().kengetallen.ncw_maatschappij.item()

    # interpolatie tussen drie runs; de NCW is niet lineair in het effect (de levensloop)
    assert abs(ncw(s)) < 0.15 * k.kosten
    assert ncw(0.85 * s) < 0 < ncw(1.15 * s)


def test_kasboek_tabel_heeft_de_afgesproken_kolommen(vergelijking):
    k = kasboek(vergelijking.nul, vergelijking.parameters)
    assert list(k.columns) == ["datum", "post", "partij", "soort", "bedrag"]
    assert set(k.soort) == {"reëel", "overdracht"}


def test_regios_en_groepen_tellen_op_tot_het_land(vergelijking):
    """De netto contante waarde per regio, en per groep binnen elke indeling, telt op tot de landelijke MKBA
    (ook per partij)."""
    r = vergelijking.mkba()
    land = r.tabel[(r.tabel.scenario == "wet") & (r.tabel.post == "totaal")].set_index("partij").contante_waarde
    regio = vergelijking.regio()
    wet = regio[regio.scenario == "wet"]
    assert len(wet) == 40
    schaal = abs(land[MAATSCHAPPIJ])
    assert wet.ncw_maatschappij.sum() == pytest.approx(land[MAATSCHAPPIJ], rel=1e-9, abs=1e-6 * schaal)
    for partij in ("rijk_ocw", "gemeenten", "uwv", "jongeren"):
        assert wet[f"ncw_{partij}"].sum() == pytest.approx(land[partij], rel=1e-9, abs=1e-6 * schaal), partij
    assert (regio[regio.scenario == "nulalternatief"].ncw_maatschappij == 0).all()
    g = vergelijking.groepen()
    for indeling, t in g[g.scenario == "wet"].groupby("indeling"):
        assert t.ncw_maatschappij.sum() == pytest.approx(land[MAATSCHAPPIJ], rel=1e-9, abs=1e-6 * schaal), indeling
    assert set(g.indeling) == {"schooltype", "migratie", "multiproblematiek", "regio"}


def test_kasritme_is_het_verschil_per_partij_en_jaar_niet_contant(vergelijking):
    r = vergelijking.mkba()
    k = vergelijking.kasritme(r)
    assert {"Rijk (OCW)", "Rijk (SZW)", "UWV", "Gemeenten", "Zorgverzekeraars", "Werkgevers",
            "Jongeren"} <= set(k.columns)
    wet = k[k.scenario == "wet"].set_index("jaar")
    per_jaar = r.per_jaar[(r.per_jaar.scenario == "wet") & (r.per_jaar.partij == "rijk_ocw")].set_index("jaar")
    np.testing.assert_allclose(wet["Rijk (OCW)"], per_jaar.verschil, rtol=1e-12)
    # niet contant: de som is niet de NCW, de contante som wel
    assert per_jaar.contant.sum() != pytest.approx(per_jaar.verschil.sum())


def test_regios_en_groepen_in_het_bestand_volgen_de_instellingen_van_de_mkba(vergelijking, tmp_path):
    """Met --zonder-levensloop en een andere discontovoet tellen regio.csv en groepen.csv op tot de landelijke NCW
    van dezelfde MKBA (eerder rekenden de regio's altijd met de levensloop en beide met de standaarddiscontovoet)."""
    from simulatie.rapportage.rapport import schrijf_vergelijking

    r = vergelijking.mkba(levensloop=False, discontovoet=0.05)
    land = r.kengetallen.set_index("scenario").loc["wet", "ncw_maatschappij"]
    schrijf_vergelijking(tmp_path, vergelijking, r)
    regio, groepen = pd.read_csv(tmp_path / "regio.csv"), pd.read_csv(tmp_path / "groepen.csv")
    marge = 1e-6 * abs(land)
    assert regio[regio.scenario == "wet"].ncw_maatschappij.sum() == pytest.approx(land, abs=marge)
    for indeling, t in groepen[groepen.scenario == "wet"].groupby("indeling"):
        assert t.ncw_maatschappij.sum() == pytest.approx(land, abs=marge), indeling


def test_verdringing_verdeelt_de_loonkosten_van_verdrongen_werkenden_als_elke_loonkost(vergelijking):
    """Wie verdrongen wordt, verliest zijn loonkosten: het netto deel de overige werkenden, de belasting en premies
    (de wig) Financiën, net als bij de loonkosten van de jongeren zelf; voor de maatschappij blijft het
    verdringing maal de productie (binnen de horizon en in de levensloop)."""
    p = vergelijking.parameters
    e = Eenheidsprijzen.uit(p)
    k = vergelijking.kasboek()
    for voorvoegsel in ("", LEVENSLOOP):
        per_partij = k[k.post.isin([voorvoegsel + "productie", voorvoegsel + "verdringing"])].pivot_table(
            index=["scenario", "datum"], columns=["post", "partij"], values="bedrag", aggfunc="sum", fill_value=0.0)
        productie = per_partij[(voorvoegsel + "productie", "werkgevers")]
        v = per_partij[voorvoegsel + "verdringing"]
        assert (productie > 0).any()
        marge = 1e-9 * productie.abs().max()
        np.testing.assert_allclose(v["overige_werkenden"], -(1 - e.wig) * e.verdringing * productie, atol=marge)
        np.testing.assert_allclose(v["rijk_financien"], -e.wig * e.verdringing * productie, atol=marge)
        np.testing.assert_allclose(v.sum(axis=1), -e.verdringing * productie, atol=marge)


def test_break_even_legt_de_run_zelf_op_de_effectschaal_van_zijn_scenario():
    """Een alternatief met effect_schaal 0,5: dezelfde drie runs (effect 0, 0,5 en 1) geven hetzelfde break-even-
    effect, of de eigen run nu die op 0,5 is of die op 1 (eerder lag de eigen run altijd op 1)."""
    wet = laad_scenario("wet")
    half = EFFECTSCHAAL.op(wet, 0.5).model_copy(update={"naam": "wet_half"})
    zonder = EFFECTSCHAAL.op(wet, 0.0).model_copy(update={"naam": "wet_zonder"})
    v = vergelijk("nulalternatief", wet, half, zonder, jaren=3, seed=8, schaal=400, voortgang=False, werkers=1)
    heel, half_u, zonder_u = v.alternatieven
    p = v.parameters
    ncw = bereken(v.nul, [zonder_u, half_u, heel], p).kengetallen.set_index("scenario").ncw_maatschappij
    punten = {0.0: ncw["wet_zonder"], 0.5: ncw["wet_half"], 1.0: ncw["wet"]}
    verwacht = nulpunt(punten)
    assert np.isfinite(verwacht)
    uit_half = bereken(v.nul, [half_u], p, {"wet_half": {0.0: zonder_u, 1.0: heel}}).kengetallen.iloc[0]
    uit_heel = bereken(v.nul, [heel], p, {"wet": {0.0: zonder_u, 0.5: half_u}}).kengetallen.iloc[0]
    marge = 1e-9 * max(abs(x) for x in punten.values()) / abs(punten[1.0] - punten[0.0])
    assert uit_half.break_even_effectschaal == pytest.approx(verwacht, abs=marge)
    assert uit_heel.break_even_effectschaal == pytest.approx(verwacht, abs=marge)
    # alleen de run zonder effect: de lijn door (0, NCW zonder) en (0,5, NCW van de run zelf)
    twee = bereken(v.nul, [half_u], p, {"wet_half": {0.0: zonder_u}}).kengetallen.iloc[0]
    assert twee.break_even_effectschaal == pytest.approx(nulpunt({0.0: punten[0.0], 0.5: punten[0.5]}), abs=marge)


def test_populatieruis_volgt_de_instellingen_van_de_mkba(vergelijking):
    """Het interval van de populatieruis rekent met hetzelfde prijsjaar, dezelfde discontovoet en levensloop als de
    MKBA (eerder altijd de standaard, ook in de tabel van `jongeren vergelijk`)."""
    opties = {"prijsjaar": 2024, "discontovoet": 0.04, "levensloop": False}
    ruis = populatieruis(vergelijking, trekkingen=3, werkers=1, **opties)
    r = vergelijking.mkba(**opties)
    k = r.kengetallen.set_index("scenario").loc["wet"]
    t = ruis.set_index("uitkomst")
    assert t.loc["ncw_maatschappij", "waarde"] == pytest.approx(k.ncw_maatschappij, rel=1e-9)
    assert t.loc["ncw_horizon", "waarde"] == pytest.approx(k.ncw_horizon, rel=1e-9)
    # zonder levensloop: de NCW is die van de gesimuleerde maanden (horizon en uitloop)
    assert t.loc["ncw_maatschappij", "waarde"] == pytest.approx(k.ncw_horizon + k.ncw_uitloop, rel=1e-9)
    assert k.ncw_levensloop == 0.0


def test_populatieruis_rekent_het_interval_met_student_t(vergelijking):
    """Met n trekkingen is de standaardafwijking geschat: het 95%-interval is waarde ± t(0,975; n - 1) sd, niet
    ± 1,96 sd; de ± in de tabel van `jongeren vergelijk` is dat interval."""
    n = 3
    ruis = populatieruis(vergelijking, trekkingen=n, werkers=1)
    kwantiel = stats.t.ppf(0.975, n - 1)
    assert kwantiel > 1.96 * 2  # bij drie trekkingen telt het verschil echt
    np.testing.assert_allclose(ruis.hoog - ruis.waarde, kwantiel * ruis.sd_populatieruis, rtol=1e-12)
    np.testing.assert_allclose(ruis.waarde - ruis.laag, kwantiel * ruis.sd_populatieruis, rtol=1e-12)
    t = ruis.set_index("uitkomst")
    tabel = _vergelijkingstabel(vergelijking.effecten(), vergelijking.mkba(), "nulalternatief", ruis)
    regel = next(x for x in tabel.splitlines() if x.startswith("wet "))
    marge = kwantiel * t.loc["ncw_maatschappij", "sd_populatieruis"]
    assert regel.split()[-2] == mln(marge)
    assert mln(marge) != mln(1.96 * t.loc["ncw_maatschappij", "sd_populatieruis"])


def test_ww_en_wajong_bruto_bij_het_uwv_de_loonheffing_naar_financien(vergelijking):
    """Het UWV betaalt WW en Wajong bruto (een deel van het brutoloon, een deel van het minimumloon), de jongere
    ontvangt netto en Financiën de loonheffing; de bijstand is een netto norm die de gemeenten betalen. Voor de
    maatschappij valt de post weg. Ook in de levensloop: het deel van het UWV bruto, de jongere netto de norm."""
    p = vergelijking.parameters
    e = Eenheidsprijzen.uit(p)
    b = p["prijzen.uitkering.belasting_op_uitkering"]
    assert 0 < b < 1
    brutoloon = e.loonkosten / (1 + p["prijzen.loon.werkgeverslasten"])
    wajong = p["prijzen.uitkering.wajong_aandeel_wml"] * e.wml_met_lasten / (1 + p["prijzen.loon.werkgeverslasten"])
    for u in vergelijking.uitkomsten:
        datums, posten, K = kasboek_array(u, p)
        U = u.uitkeringen
        bruto_uwv = ((U[:, 1] * p["prijzen.uitkering.ww_vervangingsratio"] * brutoloon).sum(axis=(1, 2))
                     + (U[:, 2].sum(axis=2) * wajong).sum(axis=1))
        k = K[:len(U), posten.index("uitkeringen")]
        kolom = {q: k[:, PARTIJEN.index(q)] for q in ("uwv", "rijk_financien", "jongeren", "gemeenten")}
        marge = 1e-9 * np.abs(k).max()
        np.testing.assert_allclose(kolom["uwv"], -bruto_uwv, atol=marge)
        np.testing.assert_allclose(kolom["rijk_financien"], b * bruto_uwv, atol=marge)
        np.testing.assert_allclose(kolom["jongeren"], -kolom["gemeenten"] + (1 - b) * bruto_uwv, atol=marge)
        np.testing.assert_allclose(k.sum(axis=1), 0.0, atol=marge)
        # levensloop: de jongere ontvangt de netto norm, het UWV betaalt zijn deel bruto
        a = p["prijzen.levensloop.aandeel_bijstand"]
        ll = K[:, posten.index(LEVENSLOOP + "uitkeringen")]
        netto = ll[:, PARTIJEN.index("jongeren")]
        assert (netto > 0).any()
        marge = 1e-9 * np.abs(ll).max()
        np.testing.assert_allclose(ll[:, PARTIJEN.index("gemeenten")], -a * netto, atol=marge)
        np.testing.assert_allclose(ll[:, PARTIJEN.index("uwv")], -(1 - a) * netto / (1 - b), atol=marge)
        np.testing.assert_allclose(ll[:, PARTIJEN.index("rijk_financien")], b * (1 - a) * netto / (1 - b), atol=marge)


def test_onderwijs_kost_per_schooltype_zijn_eigen_bedrag(vergelijking):
    """Leerlingen in het vo, studenten in het mbo (bbl tegen de lagere bbl-bekostiging) en in het ho elk tegen hun
    eigen bedrag per jaar (eerder allemaal tegen het mbo-bedrag)."""
    p = vergelijking.parameters
    jaar = int(p["prijzen.mkba.prijsjaar"])
    prijs = {t: p.prijs(f"prijzen.onderwijs.{t}_per_student_per_jaar", jaar) / 12 for t in ("vo", "mbo", "ho")}
    assert len({round(x) for x in prijs.values()}) == 3
    bbl_factor = p["prijzen.onderwijs.bbl_factor"]
    for u in vergelijking.uitkomsten:
        _, posten, K = kasboek_array(u, p)
        u = u.horizon()  # in de uitloop verdwijnen vo en ho (er komt niemand meer bij)
        onderwijs = u.standen[:, c.ONDERWIJS]  # (maand, schooltype, regio)
        vo = onderwijs[:, list(c.VO_TYPEN)].sum(axis=(1, 2))
        mbo, ho = onderwijs[:, c.MBO].sum(axis=1), onderwijs[:, c.HO].sum(axis=1)
        bbl = u.waardering[:, c.ONDERWIJS, :, :, 1].sum(axis=(1, 2))
        # de tellingen van de waardering en de standen zijn dezelfde jongeren
        np.testing.assert_allclose(u.waardering[:, c.ONDERWIJS].sum(axis=(1, 2, 3)), vo + mbo + ho)
        assert (vo > 0).all() and (ho > 0).all() and (bbl > 0).all() and (bbl < mbo).all()
        verwacht = vo * prijs["vo"] + ho * prijs["ho"] + (mbo - bbl) * prijs["mbo"] + bbl * bbl_factor * prijs["mbo"]
        k = K[:len(vo), posten.index("onderwijs_bekostiging")]
        np.testing.assert_allclose(k[:, PARTIJEN.index("onderwijsinstellingen")], verwacht, rtol=1e-12)
        np.testing.assert_allclose(k[:, PARTIJEN.index("rijk_ocw")], -verwacht, rtol=1e-12)
        kosten = K[:len(vo), posten.index("onderwijskosten"), PARTIJEN.index("onderwijsinstellingen")]
        np.testing.assert_allclose(kosten, -verwacht, rtol=1e-12)


def test_break_even_op_een_fijne_schaal_rekent_zonder_effect_op_de_grove(monkeypatch):
    """Fijner dan BREAK_EVEN_SCHAAL draait het break-even-effect de run zonder effect op die grovere schaal, tegen
    een nulalternatief op dezelfde schaal: het punt zonder effect is het verschil van die twee runs."""
    monkeypatch.setattr(vg, "BREAK_EVEN_SCHAAL", 800)
    v = vergelijk("nulalternatief", "wet", jaren=2, seed=6, schaal=400, voortgang=False, werkers=1, break_even=True)
    (schaal, run), = v.effectruns["wet"].items()
    zonder, grove_nul = run
    assert schaal == 0.0 and zonder.schaal == grove_nul.schaal == 800 and grove_nul.naam == "nulalternatief"
    assert zonder.scenario.effect_schaal == 0.0
    k = v.mkba().kengetallen.iloc[0]
    punt_nul = bereken(grove_nul, [zonder], v.parameters).kengetallen.iloc[0].ncw_maatschappij
    assert k.ncw_zonder_effect == pytest.approx(punt_nul, rel=1e-12)
    assert k.break_even_effectschaal == pytest.approx(nulpunt({0.0: punt_nul, 1.0: k.ncw_maatschappij}), rel=1e-12)
