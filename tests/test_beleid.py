"""Beleid: gemeenschappelijke toevalsgetallen, capaciteit en toewijzing, verdeelsleutels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from simulatie import JongerenModel, laad_scenario
from simulatie.gedeeld.codes import BEGELEID, GEEN_BEGELEIDING, WACHTEND
from simulatie.invoer.scenario import Scenario
from simulatie.kern.beleid import (COACHING, LEVENSCOACHING, NAZORG, TIJDENS, Begeleidingsmaand, Factorbuffers,
                                   bepaal_kandidaten, effecten, risicoscore, wie_levenscoaching)
from simulatie.experimenten.vergelijking import simuleer, vergelijk

from conftest import maak_populatie


def _variant(basis: str, naam: str, **wijzigingen):
    s = laad_scenario(basis)
    data = s.als_dict()
    for pad, waarde in wijzigingen.items():
        deel = data
        *kop, laatste = pad.split("__")
        for k in kop:
            deel = deel[k]
        deel[laatste] = waarde
    data["naam"] = naam
    from simulatie.invoer.scenario import valideer
    return valideer(data)


def test_twee_identieke_scenarios_verschillen_precies_nul():
    kopie = _variant("wet", "wet_kopie")
    v = vergelijk("wet", kopie, jaren=2, seed=5, schaal=400, voortgang=False, werkers=1)
    e = v.effecten()
    assert (e[e.scenario == "wet_kopie"].verschil_met_nul == 0).all()
    pd.testing.assert_frame_equal(v.nul.maandcijfers, v.alternatieven[0].maandcijfers)


def test_gemeenschappelijke_toevalsgetallen_verkleinen_de_spreiding():
    """Het verschil wet - nul over zaden: met dezelfde trekkingen veel minder spreiding dan zonder."""
    wet, nul = laad_scenario("wet"), laad_scenario("nulalternatief")

    def vsv(u):
        m = u.maandcijfers
        return m[(m.indicator == "nieuwe_vsv") & (m.regio == 0) & (m.schooltype == "alle")].waarde.sum()

    met, zonder = [], []
    for zaad in range(6):
        a = simuleer(wet, jaren=2, seed=zaad, schaal=300)
        b = simuleer(nul, jaren=2, seed=zaad, schaal=300)
        c = simuleer(nul, jaren=2, seed=zaad + 100, schaal=300)
        met.append(vsv(a) - vsv(b))
        zonder.append(vsv(a) - vsv(c))
    assert np.std(met) * 3 < np.std(zonder), (met, zonder)


def test_capaciteit_begrenst_de_uitgaven_per_regio():
    model = JongerenModel("wet", seed=2, schaal=200)
    model.run_for(14)
    b = model.begeleidingscijfers().frame()
    cap = b[b.hefboom != "levenscoaching"]
    budget = model.begeleidingscijfers().budget_frame().set_index(["regio", "datum"]).budget
    # een maand zonder kandidaten heeft geen regels maar wel budget: uitgaven 0, het budget schuift door
    uitgaven = cap.groupby(["regio", "datum"]).uitgaven.sum().reindex(budget.index, fill_value=0.0)
    # een regio geeft nooit meer uit dan zij tot dan toe kreeg (onbesteed budget schuift door)
    assert (uitgaven.groupby("regio").cumsum() <= budget.groupby("regio").cumsum() + 1e-6).all()
    # de vraag is groter dan het budget: er wachten jongeren, en het budget wordt vrijwel helemaal gebruikt
    assert cap.wachtend.sum() > 0
    assert uitgaven.groupby("datum").sum().iloc[-1] > 0.9 * budget.groupby("datum").sum().iloc[-1]


@pytest.mark.parametrize("scenario,schaal", [("nulalternatief", 100), ("wet", 200)])
def test_waar_jongeren_wachten_blijft_hooguit_een_rij_budget_liggen(scenario, schaal):
    """Op schaal k kost één rij k jongeren; wat een maand overblijft schuift door, zodat een regio waar
    steeds jongeren wachten haar budget besteedt op hooguit één rij na (zonder doorschuiven bleef in het
    nulalternatief op schaal 100 ruim de helft van het nazorgbudget liggen)."""
    model = JongerenModel(scenario, seed=2, schaal=schaal)
    model.run_for(24)
    c = model.begeleidingscijfers()
    G, B = (np.delete(x, LEVENSCOACHING, axis=1) for x in (c.gekwalificeerd, c.bediend))
    besteed = (B.sum(axis=2) * np.delete(c.kosten_maand, LEVENSCOACHING)[None, :, None]).sum(axis=(0, 1))
    over = c.budget.sum(axis=0) - besteed  # per regio
    altijd_wachtend = ((G - B).sum(axis=(1, 2)) > 0).all(axis=0)
    assert altijd_wachtend.sum() >= 3  # de toets zegt iets over meer dan één regio
    assert (over >= -1e-6).all()
    assert (over[altijd_wachtend] <= model.regios.rij_maximum + 1e-6).all(), over[altijd_wachtend]


@pytest.mark.parametrize("budget,verwacht", [(0.0, "geen"), (2e9, "iedereen")])
def test_zonder_budget_niemand_met_ruim_budget_iedereen(budget, verwacht):
    s = _variant("wet", "x", budget__regionaal_programma=budget, budget__mbo_begeleiding=0.0)
    model = JongerenModel(s, seed=1, schaal=400)
    model.run_for(3)
    b = model.begeleidingscijfers().frame()
    cap = b[b.hefboom != "levenscoaching"]
    if verwacht == "geen":
        assert cap.bediend.sum() == 0 and cap.gekwalificeerd.sum() > 0
    else:
        assert cap.wachtend.sum() == 0 and cap.bediend.sum() > 0


def test_meer_budget_meer_begeleid_en_minder_wachtend():
    uit = {}
    for naam in ("wet_budget_half", "wet", "wet_budget_dubbel"):
        b = simuleer(naam, jaren=1, seed=3, schaal=300).begeleiding
        cap = b[b.hefboom != "levenscoaching"]
        uit[naam] = (cap.bediend.sum(), cap.wachtend.sum())
    assert uit["wet_budget_half"][0] < uit["wet"][0] < uit["wet_budget_dubbel"][0]
    assert uit["wet_budget_half"][1] > uit["wet"][1] > uit["wet_budget_dubbel"][1]


def test_hoogste_risico_eerst_bedient_riskantere_jongeren_dan_willekeurig():
    def gemiddeld_risico(regel):
        s = _variant("wet", regel, budget__toewijzing=regel)
        model = JongerenModel(s, seed=4, schaal=200)
        model.run_for(2)
        rijen, b = model.begeleiding.bediende_rijen, model.instellingen
        return risicoscore(model.populatie, rijen, b.vsv_risico, b.prioriteit_sk).mean()

    assert gemiddeld_risico("hoogste_risico") > 1.2 * gemiddeld_risico("willekeurig")


def test_wie_eerst_komt_houdt_de_volgorde_van_aanmelden():
    s = _variant("wet", "fcfs", budget__toewijzing="wie_eerst_komt")
    model = JongerenModel(s, seed=4, schaal=200)
    model.run_for(4)
    pop, begeleiding = model.populatie, model.begeleiding
    kandidaten = begeleiding.kandidaten.rijen
    wacht = kandidaten[pop.begeleiding[kandidaten] == WACHTEND]
    bediend = begeleiding.bediende_rijen
    for regio in range(40):
        w = pop.begeleiding_sinds[wacht[pop.regio[wacht] == regio]]
        b = pop.begeleiding_sinds[bediend[pop.regio[bediend] == regio]]
        if len(w) and len(b):
            assert b.min() <= w.min()


def test_verdeelsleutels():
    vsv = JongerenModel("wet_sleutel_per_vsv", seed=1, schaal=2000)
    per_jongere = JongerenModel("wet", seed=1, schaal=2000)
    tabel = JongerenModel("wet_sleutel_tabel", seed=1, schaal=2000)
    risico = JongerenModel("wet_sleutel_risicomodel", seed=1, schaal=2000)
    for m in (vsv, per_jongere, tabel, risico):
        assert m.instellingen.budget_per_jaar.sum() == pytest.approx(111e6)
    a = per_jongere.instellingen.budget_per_jaar
    b = vsv.instellingen.budget_per_jaar
    rg = vsv.regiogegevens
    # per vsv'er: regio's met een hoger vsv-percentage krijgen relatief meer
    assert np.corrcoef(b / a, rg.vsv_factor)[0, 1] > 0.99
    # risicomodel: naar de som van het voorspelde risico; meer jongeren = meer budget, maar niet evenredig
    assert np.corrcoef(risico.instellingen.budget_per_jaar, a)[0, 1] > 0.9
    assert not np.allclose(risico.instellingen.budget_per_jaar, a, rtol=0.02)
    aandelen = laad_scenario("wet_sleutel_tabel").budget.tabel
    np.testing.assert_allclose(tabel.instellingen.budget_per_jaar, [111e6 * aandelen[str(r)] for r in range(1, 41)])


def test_doelgroepen_tijdens_en_na_uitstroom():
    model = JongerenModel("wet_intensieve_coaching", seed=3, schaal=300)
    model.run_for(8)
    pop, kandidaten = model.populatie, model.begeleiding.kandidaten
    h = kandidaten.hefboom
    rijen = kandidaten.rijen
    assert set(np.unique(h)) >= {COACHING, NAZORG}
    coach = rijen[h == COACHING]
    assert ((pop.niveau[coach] == 1) | ((pop.niveau[coach] == 2) & (pop.leerweg[coach] == 1))).all()
    assert not (h == TIJDENS).any()  # coaching gaat voor aanvullende begeleiding bij dezelfde groepen
    na = rijen[h == NAZORG]
    assert (model.maand - 1 - pop.uitstroommaand[na] < 12).all()


def test_aantallen_in_aanmerking_per_regio_en_schooltype():
    v = vergelijk("nulalternatief", "wet", "wet_plus_vmbo", jaren=1, seed=1, schaal=500, voortgang=False, werkers=1)
    d = v.doelgroepen()
    assert {"scenario", "hefboom", "regio", "doelgroep", "gekwalificeerd", "bediend", "wachtend",
            "dekking"} <= set(d.columns)
    vmbo = d[(d.doelgroep == "vmbo") & d.hefboom.isin(["tijdens_opleiding", "nazorg"])]
    assert vmbo[vmbo.scenario == "wet_plus_vmbo"].gekwalificeerd.sum() > 0
    assert vmbo[vmbo.scenario == "wet"].gekwalificeerd.sum() == 0
    assert ((d.bediend <= d.gekwalificeerd + 1e-9)).all()


def test_populatieruis_schaalt_met_de_wortel_van_de_schaal():
    """De ruis van een vergelijking, gemeten op een grove schaal en omgerekend met de wortel van de schaal, is die
    op een fijne schaal. Met 16 trekkingen per schaal is de relatieve standaardfout van een standaardafwijking ca.
    18%, van hun verhouding ca. 26%: de marge van 0,5 tot 2 laat zien of de omrekening klopt (zonder omrekening
    was de verhouding 4, met een lineaire 1/4)."""
    from simulatie.experimenten.vergelijking import populatieruis

    v = vergelijk("nulalternatief", "wet", jaren=2, seed=5, schaal=100, voortgang=False, werkers=1)
    fijn = populatieruis(v, trekkingen=16, ruisschaal=100, werkers=1).set_index("uitkomst").sd_populatieruis
    grof = populatieruis(v, trekkingen=16, ruisschaal=1600, werkers=1).set_index("uitkomst").sd_populatieruis
    for u in ("ncw_horizon", "voorkomen_vsv"):
        assert fijn[u] > 0 and 0.5 < grof[u] / fijn[u] < 2.0, (u, fijn[u], grof[u])


# ------------------------------------------------------------------------------------------ de keten van een maand

def test_kandidaten_levenscoaching_en_effecten_schrijven_de_populatie_niet():
    """De functies van de maand lezen de populatie; alleen zet_begeleiding en begin_levenscoaching schrijven."""
    model = JongerenModel("wet_levenscoaching_1a", seed=4, schaal=400)
    model.run_for(3)
    pop, b, t = model.populatie, model.instellingen, model.maand
    voor = {k: v.copy() for k, v in pop.kolommen().items()}
    kandidaten = bepaal_kandidaten(pop, b, t, model.toeval("beleid", t))
    levenscoaching = wie_levenscoaching(pop, b, t)
    maand = Begeleidingsmaand(kandidaten, np.ones(len(kandidaten.rijen), bool), levenscoaching)
    effect = effecten(pop, b, maand, Factorbuffers())
    for naam, kolom in pop.kolommen().items():
        np.testing.assert_array_equal(kolom, voor[naam], err_msg=naam)
    assert len(kandidaten.rijen) and len(levenscoaching)
    assert isinstance(effect.baanvinden, np.ndarray) and (effect.baanvinden[levenscoaching] > 1).all()
    # de kandidaten staan per regio bij elkaar, in de grenzen die de regio's lezen
    regio = pop.regio[kandidaten.rijen]
    for r in range(40):
        assert (regio[kandidaten.grenzen[r]:kandidaten.grenzen[r + 1]] == r).all()


def test_zet_begeleiding_onthoudt_wanneer_iemand_in_aanmerking_kwam():
    pop = maak_populatie(4, begeleiding=np.array([BEGELEID, WACHTEND, GEEN_BEGELEIDING, GEEN_BEGELEIDING]),
                         begeleiding_sinds=np.array([3, 5, -1, -1]))
    pop.zet_begeleiding(np.array([1, 2]), np.array([BEGELEID, WACHTEND]), t=7)
    np.testing.assert_array_equal(pop.begeleiding, [GEEN_BEGELEIDING, BEGELEID, WACHTEND, GEEN_BEGELEIDING])
    # wie er niet meer bij is, vergeet; wie al wachtte houdt zijn maand; wie nieuw is, krijgt deze maand
    np.testing.assert_array_equal(pop.begeleiding_sinds, [-1, 5, 7, -1])


def test_een_levenscoachtraject_begint_bij_de_eerste_keer():
    pop = maak_populatie(3, levenscoaching_sinds=np.array([-1, 2, -1]))
    pop.begin_levenscoaching(np.array([0, 1]), t=9)
    np.testing.assert_array_equal(pop.levenscoaching_sinds, [9, 2, -1])


def test_instellingen_lezen_geen_parameters_van_hefbomen_die_het_scenario_niet_kent(parameters):
    gevolgd, gelezen = parameters.registrerend()
    model = JongerenModel(Scenario(naam="zonder_hefbomen"), seed=1, schaal=2000, parameters=gevolgd)
    assert not model.instellingen.actief.any()
    assert not {n for n in gelezen if n.startswith(("beleid.effect.", "beleid.coach."))}
    assert np.isnan(model.instellingen.kosten_maand).all() and model.instellingen.rij_maximum == 0.0


def test_het_register_boekt_de_begeleiding_van_de_maand():
    model = JongerenModel("wet", seed=2, schaal=400)
    for _ in range(3):
        model.step()
        c = model.begeleidingscijfers()
        maand = model.begeleiding
        assert c.gekwalificeerd[-1].sum() == len(maand.kandidaten.rijen) * model.schaal
        assert c.bediend[-1].sum() == maand.bediend.sum() * model.schaal
        np.testing.assert_allclose(c.uitgaven()[-1].sum(), (maand.kandidaten.kosten * maand.bediend).sum())
        np.testing.assert_array_equal(c.budget[-1], model.regios.budget_maand)
