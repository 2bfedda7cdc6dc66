"""Het causale deel van een startkwalificatie: wie dankzij begeleiding niet uitvalt en een SK haalt, krijgt op de
arbeidsmarkt met kans `beleid.effect.causaal_aandeel_sk` de kansen van een jongere met SK, en anders die van een
uitvaller zonder SK (selectie). De telling van vsv en SK verandert daardoor niet, de waarde van een voorkomen
vsv'er wel."""

from __future__ import annotations

import numpy as np

from simulatie.economie.mkba import bereken
from simulatie.experimenten.vergelijking import draai_model, simuleer
from simulatie.gedeeld import codes as c
from simulatie.invoer.scenario import laad_scenario
from simulatie.kern.vertrek import MET_SK, ZONDER_SK, niveau_bij_vertrek
from tests.conftest import maak_populatie

AANDEEL = "beleid.effect.causaal_aandeel_sk"


def _kort(naam: str, jaren: int = 3):
    s = laad_scenario(naam)
    return s.model_copy(update={"looptijd": s.looptijd.model_copy(update={"jaren": jaren})})


def test_de_arbeidsmarkt_ziet_de_sk_van_het_selectiedeel_niet():
    pop = maak_populatie(3, gered=np.array([c.NIET_GERED, c.GERED_CAUSAAL, c.GERED_SELECTIE], np.int8),
                         toestand=c.WERK, uitstroomgroep=c.UITSTROOMGROEP["mbo2_bol"])
    assert pop.startkwalificatie.all()
    np.testing.assert_array_equal(pop.sk_arbeidsmarkt, [True, True, False])
    np.testing.assert_array_equal(pop.risicocode(np.arange(3), arbeidsmarkt=True) & 1, [1, 1, 0])
    np.testing.assert_array_equal(pop.risicocode(np.arange(3)) & 1, [1, 1, 1])
    np.testing.assert_array_equal(niveau_bij_vertrek(pop, np.arange(3)), [MET_SK, MET_SK, ZONDER_SK])


def _ruime_coaching():
    """Intensieve coaching voor het hele mbo met een budget dat iedereen bedient: veel voorkomen uitval."""
    s = _kort("wet_intensieve_coaching", 2)
    return s.model_copy(update={
        "coaching": s.coaching.model_copy(update={"doelgroepen": ("entree", "mbo2_bol", "mbo2_bbl", "mbo34")}),
        "budget": s.budget.model_copy(update={"regionaal_programma": 5e9})})


def test_gered_wordt_met_het_causale_aandeel_verdeeld(parameters):
    """Het aandeel causaal onder wie gered werd is het causale aandeel: binomiaal, vier standaardfouten."""
    p = parameters.vervang({AANDEEL: 0.25})
    model = draai_model(_ruime_coaching(), jaren=2, seed=3, schaal=100, parameters=p, uitloop=False)
    gered = model.populatie.gered
    n = int((gered != c.NIET_GERED).sum())
    assert n >= 100, n  # genoeg om het aandeel te toetsen
    aandeel = (gered == c.GERED_CAUSAAL).sum() / n
    assert abs(aandeel - 0.25) < 4 * np.sqrt(0.25 * 0.75 / n)
    # zonder begeleiding die uitval voorkomt, wordt niemand gered (en wordt het aandeel niet gelezen)
    nul = draai_model(_kort("nulalternatief", 1), jaren=1, seed=3, schaal=2000, parameters=p, uitloop=False)
    assert (nul.populatie.gered == c.NIET_GERED).all()


def test_het_causale_aandeel_verandert_de_waarde_niet_de_telling(parameters):
    """Met aandeel 0, 0,25 en 1: dezelfde voorkomen vsv'ers (dezelfde trekkingen), maar een NCW die met het
    aandeel stijgt; met aandeel 0 blijven de baten van de extra SK's weg."""
    nul = simuleer(_kort("nulalternatief", 2), seed=5, schaal=200, parameters=parameters)
    uitkomsten = {a: simuleer(_ruime_coaching(), seed=5, schaal=200, parameters=parameters.vervang({AANDEEL: a}))
                  for a in (0.0, 0.25, 1.0)}
    k = {a: bereken(nul, [u], parameters).kengetallen.iloc[0] for a, u in uitkomsten.items()}
    assert k[0.0].voorkomen_vsv == k[0.25].voorkomen_vsv == k[1.0].voorkomen_vsv > 0
    sk = {a: u.totalen()["startkwalificatie_behaald"] for a, u in uitkomsten.items()}
    assert sk[0.0] == sk[1.0]
    assert k[0.0].ncw_maatschappij < k[0.25].ncw_maatschappij < k[1.0].ncw_maatschappij
