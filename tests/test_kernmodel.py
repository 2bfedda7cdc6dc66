"""Het kernmodel: behoud van de populatie, reproduceerbaarheid, overlevingskansen, diplomatiming."""

from __future__ import annotations

from typing import get_args, get_type_hints

import numpy as np
import pandas as pd
import pytest

from simulatie import JongerenModel

from simulatie.gedeeld import codes as c
from simulatie.invoer.scenario import Looptijd, Scenario
from simulatie.kern.populatie import KOLOMMEN, VO_ROUTES, Populatie
from simulatie.kern.toestanden import Effecten, Overgangsregels
from simulatie.kern.vertrek import MBO34, MET_SK, ZONDER_SK, niveau_bij_vertrek

from conftest import START, maak_populatie


def test_populatie_blijft_behouden_op_instroom_en_27_na():
    """Geen jongere ontstaat of verdwijnt, behalve door het nieuwe cohort (september), nieuwkomers (januari)
    en door 27 te worden."""
    model = JongerenModel(seed=3, schaal=400)
    for _ in range(26):  # over twee septembers en twee januari's heen
        voor = int(model.populatie.actief().sum())
        voor_ids = set(model.populatie.id[model.populatie.actief()].tolist())
        model.step()
        pop = model.populatie
        na_ids = set(pop.id[pop.actief()].tolist())
        uit = int(round(model.waarnemer.laatste["uit_27"] / model.schaal))
        nieuw = na_ids - voor_ids
        assert len(voor_ids - na_ids) == uit
        assert int(pop.actief().sum()) == voor - uit + len(nieuw)
        if (model.maand - 1) % 12 + 1 not in (1, 9):
            assert not nieuw, "buiten september en januari komen er geen jongeren bij"
    assert len(np.unique(model.populatie.id)) == len(model.populatie)


def _veertienjarigen(model: JongerenModel) -> int:
    pop = model.populatie
    return int(np.sum(pop.actief() & (pop.leeftijd_maanden() // 12 == c.MIN_LEEFTIJD)))


def test_een_start_in_september_krijgt_het_cohort_van_dat_jaar():
    """Wie in september 2026 begint, krijgt in de eerste maand het cohort van 14-jarigen van 2026: evenveel als een
    run die in augustus begint na zijn tweede maand (zelfde zaad: hetzelfde cohort), en de omvang uit het
    CBS-profiel (stochastisch afgerond: per vo-route hooguit één rij ernaast)."""
    schaal = 400
    september = JongerenModel(Scenario(naam="x", looptijd=Looptijd(start="2026-09")), seed=5, schaal=schaal)
    augustus = JongerenModel(Scenario(naam="x", looptijd=Looptijd(start="2026-08")), seed=5, schaal=schaal)
    assert _veertienjarigen(september) == 0  # het opwarmen stopt in augustus: het cohort komt in de eerste stap
    september.step()
    augustus.run_for(2)
    assert _veertienjarigen(september) == _veertienjarigen(augustus) > 0
    verwacht = september.profiel.cohort(2026) / schaal
    assert abs(_veertienjarigen(september) - verwacht) <= len(VO_ROUTES)
    september.run_for(12)  # tot en met de volgende september: precies één cohort erbij
    assert abs(_veertienjarigen(september) - september.profiel.cohort(2027) / schaal) <= len(VO_ROUTES)


def test_een_start_in_januari_krijgt_de_nieuwkomers_één_keer():
    """De nieuwkomers van de startmaand vult het opwarmen aan; de eerste stap van een januaristart voegt er geen
    tweede keer toe."""
    model = JongerenModel(seed=5, schaal=400)
    voor = int(model.populatie.actief().sum())
    model.step()
    assert int(model.populatie.actief().sum()) == voor - int(round(model.waarnemer.laatste["uit_27"] / model.schaal))


def test_zelfde_zaad_geeft_identieke_uitkomsten_ander_zaad_niet():
    a = JongerenModel(seed=11, schaal=300)
    b = JongerenModel(seed=11, schaal=300)
    d = JongerenModel(seed=12, schaal=300)
    for m in (a, b, d):
        m.run_for(14)
    pd.testing.assert_frame_equal(a.maandcijfers(), b.maandcijfers())
    for naam, kolom in a.populatie.kolommen().items():
        np.testing.assert_array_equal(kolom, getattr(b.populatie, naam), err_msg=naam)
    assert not a.maandcijfers().waarde.equals(d.maandcijfers().waarde)


def _regels_zonder_risico(parameters, pop, **vervang):
    p = parameters.vervang(vervang) if vervang else parameters
    return Overgangsregels.uit(p, np.ones(40), np.ones(40))


def test_constante_kans_geeft_geometrische_overleving(parameters):
    """Werkenden met constante uitstroomkans h: P(nog onafgebroken aan het werk na k maanden) = (1-h)^k."""
    n = 40_000
    pop = maak_populatie(n)
    h = {"werk_uitkering": 0.02, "werk_thuis": 0.03, "werk_zorg": 0.004, "werk_onderwijs": 0.006}
    regels = _regels_zonder_risico(parameters, pop, **{f"overgangen.maandkans.{k}": v for k, v in h.items()},
                                   **{"overgangen.factor.terugkeer_onderwijs_met_sk": 1.0,
                                      "overgangen.factor.baanverlies_schaal": 1.0,
                                      "overgangen.factor.baanverlies_eerste_jaar": 1.0})
    totaal = sum(h.values())
    rng = np.random.default_rng(2024)
    nooit_weg = np.ones(n, bool)
    for k in range(1, 25):
        regels.stap(pop, START + k - 1, rng.random((4, n), dtype=np.float32), Effecten())
        nooit_weg &= pop.toestand == c.WERK
        nooit_weg &= pop.maanden_in_toestand == k
        verwacht = (1 - totaal) ** k
        marge = 4 * np.sqrt(verwacht * (1 - verwacht) / n)
        assert abs(nooit_weg.mean() - verwacht) < marge, (k, nooit_weg.mean(), verwacht)


def test_bestemmingen_volgen_de_verhouding_van_de_kansen(parameters):
    n = 60_000
    pop = maak_populatie(n, toestand=c.THUIS, startkwalificatie=True)
    regels = _regels_zonder_risico(parameters, pop)
    voor = pop.toestand.copy()
    regels.stap(pop, START, np.random.default_rng(7).random((4, n), dtype=np.float32), Effecten())
    een = maak_populatie(1, toestand=c.THUIS, startkwalificatie=True)
    k = regels.kansen(een, np.array([0]), Effecten(), START)[:, 0]
    # 'uitkering' vanuit thuis is de aanvraag: eerst de zoektermijn van vier weken (thuis, soort bijstand) of,
    # met een beperking, de Wajong (maak_populatie: geen beperking)
    aangevraagd = (pop.toestand == c.UITKERING) | ((pop.toestand == c.THUIS) & (pop.uitkering_type == c.BIJSTAND))
    for naar in (c.ONDERWIJS, c.WERK, c.UITKERING, c.ZORG):
        waargenomen = np.mean((voor == c.THUIS) & (aangevraagd if naar == c.UITKERING else pop.toestand == naar))
        marge = 4 * np.sqrt(k[naar] * (1 - k[naar]) / n)
        assert abs(waargenomen - k[naar]) < marge, (c.TOESTANDEN[naar], waargenomen, k[naar])


@pytest.mark.parametrize("niveau,duur", [(1, 1), (2, 2), (3, 3)])
def test_diploma_na_de_opleidingsduur(parameters, niveau, duur):
    """Wie in september begint en niet uitvalt, krijgt in juli van het laatste leerjaar zijn diploma."""
    geen_uitval = {f"overgangen.vsv_kans_per_jaar.mbo_{niveau}_bol": 0.0}
    augustus = c.maandindex(2026, 8)
    n = 500
    pop = maak_populatie(n, maand=augustus, toestand=c.ONDERWIJS, niveau=niveau, leerjaar=0,
                         startkwalificatie=False, geboortemaand=augustus - 16 * 12)
    regels = _regels_zonder_risico(parameters, pop, **geen_uitval)
    rng = np.random.default_rng(1)
    diplomamaanden = []
    for t in range(augustus, augustus + 12 * duur + 6):
        stromen = regels.stap(pop, t, rng.random((4, n), dtype=np.float32), Effecten())
        if len(stromen.alle("diploma")):
            diplomamaanden.append((t, len(stromen.alle("diploma"))))
    assert diplomamaanden == [(c.maandindex(2026 + duur, 7), n)]
    assert pop.startkwalificatie.all() == (niveau >= 2)


def test_uitval_volgt_de_jaarkans(parameters):
    """Een jaar lang uitval uit mbo-2 bol zonder risicofactoren: aandeel uitgevallen = de jaarkans."""
    n = 50_000
    sept = c.maandindex(2026, 9)
    pop = maak_populatie(n, maand=sept, toestand=c.ONDERWIJS, niveau=2, leerjaar=1, startkwalificatie=False,
                         geboortemaand=sept - 17 * 12)
    regels = _regels_zonder_risico(parameters, pop)
    rng = np.random.default_rng(5)
    vsv = 0
    for t in range(sept + 1, sept + 11):  # oktober t/m juli is voor de diploma's; tien maanden
        vsv += len(regels.stap(pop, t, rng.random((4, n), dtype=np.float32), Effecten()).alle("nieuwe_vsv"))
    # zonder risicofactoren: de maandkans van de opleiding, genormeerd op de samenstelling bij binnenkomst (die
    # houdt het groepsgemiddelde op de bron; een jongere zonder risico zit eronder)
    basis = regels.tabellen.vsv_maand[pop.cel(np.array([0]))[0]]
    assert basis < 1 - (1 - parameters["overgangen.vsv_kans_per_jaar.mbo_2_bol"]) ** (1 / 12)
    verwacht = 1 - (1 - basis) ** 10
    assert abs(vsv / n - verwacht) < 4 * np.sqrt(verwacht * (1 - verwacht) / n)


def test_niemand_onder_18_in_de_uitkering():
    model = JongerenModel(seed=2, schaal=300)
    model.run_for(13)
    df = model.populatie.frame()
    assert not ((df.toestand == "uitkering") & (df.leeftijd < 18)).any()
    assert df.leeftijd.max() < 27 and df.leeftijd.min() >= 14


def test_frame_heeft_de_afgesproken_kolommen():
    model = JongerenModel(seed=1, schaal=1000)
    df = model.populatie.frame()
    for kolom in ("id", "gewicht", "leeftijd", "toestand", "schooltype", "niveau", "leerweg",
                  "startkwalificatie", "vsv", "in_beeld", "regio", "uitkering_type"):
        assert kolom in df.columns
    assert set(df.toestand.unique()) <= set(c.TOESTANDEN)
    uitkering = df[df.toestand == "uitkering"]
    assert len(uitkering) and set(uitkering.uitkering_type) <= {"bijstand", "ww", "wajong"}
    assert set(df[~df.toestand.isin(["uitkering", "zorg"])].uitkering_type) == {"geen"}
    assert df.regio.between(1, 40).all()
    assert (df.gewicht == 1000).all()


def test_levensloop_van_een_jongere():
    model = JongerenModel(seed=1, schaal=1000)
    jong = np.flatnonzero(model.populatie.leeftijd_maanden() < 20 * 12)  # wordt binnen het half jaar geen 27
    jongere = int(model.populatie.id[jong[0]])
    model.volg(jongere)
    model.run_for(6)
    pad = model.levensloop(jongere)
    assert list(pad.datum) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert set(pad.toestand) <= set(c.TOESTANDEN)


def test_startpopulatie_volgt_het_leeftijdsprofiel(parameters):
    """Elke leeftijd van 15 tot 27 heeft bij de start het aantal jongeren uit het CBS-profiel (nieuwkomers vullen
    aan; het cohort zelf ligt eronder), binnen de afrondingsruis van de schaal."""
    from simulatie.kern.populatie import Leeftijdsprofiel

    schaal = 20
    model = JongerenModel(seed=4, schaal=schaal)
    leeftijd = model.populatie.leeftijd_maanden() // 12
    per_leeftijd = np.bincount(leeftijd, minlength=28)[15:27] * schaal
    doel = Leeftijdsprofiel(parameters).doel(2026)
    # stochastisch afronden per leeftijd: hooguit een paar rijen; wie al boven het doel zat, blijft erboven
    assert (per_leeftijd >= doel - 3 * schaal).all()
    assert abs(per_leeftijd.sum() - doel.sum()) < 0.01 * doel.sum()
    # op schaal 1 is elke rij één jongere: het land telt dan minstens 2,4 miljoen rijen van 15 tot 27 (het CBS
    # telde 2.575.900 in oktober 2018; benchmarks/snelheid.py --nationaal meldt het aantal van een echte run)
    assert doel.sum() >= 2.4e6


def test_model_wordt_vrijgegeven_na_gebruik():
    """Een experiment maakt duizenden modellen: een model dat niemand meer kent, moet weg kunnen (mesa#3179)."""
    import gc
    import weakref

    model = JongerenModel(seed=1, schaal=2000)
    model.run_for(2)
    zwak = weakref.ref(model)
    del model
    gc.collect()
    assert zwak() is None


def test_cohorten_uit_het_geheugen_zijn_gelijk_aan_nieuw_gebouwd(parameters):
    """Cohorten komen uit een geheugen op de parameters die het bouwen leest: een tweede run is gelijk aan een
    run met een leeg geheugen, en andere geboorten geven een ander cohort (geen verkeerd hergebruik)."""
    from simulatie.kern import model as m

    def run(p):
        model = JongerenModel("wet", seed=3, schaal=500, parameters=p)
        model.run_for(26)  # door twee septembers heen: twee nieuwe cohorten
        return model.populatie.frame(alle=True)

    m._GEBOUWD._uitkomsten.clear()
    m._GEBOUWD.totaal = 0.0
    eerste = run(parameters)
    assert len(m._GEBOUWD) == 2  # twee cohorten
    pd.testing.assert_frame_equal(run(parameters), eerste)
    assert len(m._GEBOUWD) == 2
    meer = parameters.vervang({"populatie.geboorten.j2012": 1.5 * parameters["populatie.geboorten.j2012"]}, bron="test")
    anders = run(meer)
    assert len(m._GEBOUWD) == 3  # het cohort van 2026 (geboren 2012) is nieuw, dat van 2027 niet
    assert len(anders) > len(eerste)


def test_de_kolommen_van_de_populatie_zijn_getypt_zoals_ze_gebouwd_worden():
    """De annotaties op Populatie (voor de typecontrole) en KOLOMMEN (waarmee gebouwd wordt) zeggen hetzelfde."""
    hints = get_type_hints(Populatie)
    for naam, dtype in KOLOMMEN.items():
        assert np.dtype(get_args(get_args(hints[naam])[-1])[0]) == np.dtype(dtype), naam


@pytest.mark.parametrize("startkwalificatie,diploma_mbo34,verwacht", [
    (True, False, MET_SK),      # SK van mbo-2 of havo, uitgevallen uit mbo-3: geen mbo-3/4-diploma
    (False, False, ZONDER_SK),  # zonder SK uitgevallen: vsv
    (True, True, MBO34),        # al een mbo-3-diploma, uitgevallen uit mbo-4: houdt dat diploma
])
def test_uitval_uit_mbo34_telt_naar_het_diploma_dat_er_is(parameters, startkwalificatie, diploma_mbo34, verwacht):
    """Wie uit mbo-3/4 uitvalt, vertrekt met het diploma dat hij heeft, niet met de voortzetting van mbo-3/4 (de
    uitstroomgroep is die van het niveau, voor de kansen op werk). Wie mbo-3 afmaakt en van school gaat: mbo-3/4."""
    oktober = c.maandindex(2026, 10)
    n = 20_000
    pop = maak_populatie(n, maand=oktober, toestand=c.ONDERWIJS, niveau=3, leerjaar=1,
                         startkwalificatie=startkwalificatie, diploma_mbo34=diploma_mbo34,
                         uitstroomgroep=c.UITSTROOMGROEP["nog_niet"])
    regels = _regels_zonder_risico(parameters, pop)
    rng = np.random.default_rng(8)
    for t in range(oktober, oktober + 6):  # oktober tot en met maart: alleen uitval, geen diploma's
        regels.stap(pop, t, rng.random((4, n), dtype=np.float32), Effecten())
    uit = np.flatnonzero((pop.uitstroommaand >= 0) & (pop.toestand != c.ONDERWIJS))  # niet terug naar school
    assert len(uit) > 100
    groep = c.UITSTROOMGROEP["mbo34_bol"] if startkwalificatie else c.UITSTROOMGROEP["vsv_mbo"]
    assert np.all(pop.uitstroomgroep[uit] == groep)
    assert np.all(niveau_bij_vertrek(pop, uit) == verwacht)


def test_diploma_mbo3_en_van_school_telt_als_mbo34(parameters):
    juli = c.maandindex(2027, 7)
    n = 20_000
    pop = maak_populatie(n, maand=juli, toestand=c.ONDERWIJS, niveau=3, leerjaar=3, startkwalificatie=True,
                         uitstroomgroep=c.UITSTROOMGROEP["nog_niet"])
    regels = _regels_zonder_risico(parameters, pop)
    regels.stap(pop, juli, np.random.default_rng(4).random((4, n), dtype=np.float32), Effecten())
    weg = np.flatnonzero(pop.uitstroommaand == juli)
    assert len(weg) > 100 and pop.diploma_mbo34.all()
    assert np.all(niveau_bij_vertrek(pop, weg) == MBO34)
