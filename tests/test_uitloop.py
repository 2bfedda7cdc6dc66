"""De uitloop en het einde van het beleid: na de horizon loopt het model door tot iedereen 27 is, zonder nieuwe
cohorten en zonder beleid; de levensloop begint voor iedereen op 27 jaar, uit de eigen toestand en het eigen niveau
van het model. Zo hangt de NCW van een beleid niet af van waar de horizon is afgesneden."""

from __future__ import annotations

import numpy as np
import pytest

from simulatie.economie.mkba import Tellingen, kasboek_array
from simulatie.experimenten.vergelijking import draai_model, simuleer, vergelijk
from simulatie.gedeeld.fouten import InvoerFout
from simulatie.invoer.scenario import laad_scenario, valideer
from simulatie.invoer.parameters import laad_parameters
from simulatie.kern.uitkomst import Uitkomst

SCHAAL = 1000


def _met_looptijd(naam: str, jaren: int, beleid_jaren: int | None):
    s = laad_scenario(naam)
    return s.model_copy(update={"looptijd": s.looptijd.model_copy(update={"jaren": jaren,
                                                                          "beleid_jaren": beleid_jaren})})


@pytest.fixture(scope="module")
def uitgelopen():
    """De wet, twee jaar en de uitloop: het model en zijn uitkomst."""
    model = draai_model(_met_looptijd("wet", 2, None), jaren=2, seed=4, schaal=SCHAAL, parameters=None)
    return model, Uitkomst.van(model, 2)


def test_niemand_begint_de_levensloop_voor_27(uitgelopen):
    """Na de uitloop is niemand meer in het model; iedereen die er ooit was, vertrok op zijn 27e (een rij per id,
    de id's zijn doorlopend genummerd), en het kasboek van de levensloop krijgt alleen 27-jarigen."""
    model, u = uitgelopen
    assert u.uitgelopen and not model.populatie.actief().any()
    # elke rij die ooit in het model kwam (start, cohorten, nieuwkomers) vertrok één keer, op zijn 27e
    assert u.uit_27.sum() == pytest.approx(model._volgend_id * SCHAAL)
    vertrek = Tellingen.uit(u).vertrek  # (maand, toestand, vertrekleeftijd 14..27, niveau)
    assert vertrek[:, :, -1].sum() == pytest.approx(u.uit_27.sum())
    assert vertrek[:, :, :-1].sum() == 0.0
    # de uitloop duurt tot de jongste (14 bij het einde van de horizon) 27 is: ruim twaalf jaar, hooguit veertien
    uitloop = len(u.maanden) - u.horizonmaanden
    assert 12 * 12 < uitloop <= 14 * 12


def test_in_de_uitloop_geen_instroom_en_geen_beleid(uitgelopen):
    _, u = uitgelopen
    h = u.horizonmaanden
    jongeren = u.standen.sum(axis=(1, 2, 3))
    assert (np.diff(jongeren[h:]) <= 1e-9).all()  # niemand komt erbij
    assert u.programmabudget[h:].sum() == 0.0 and u.begeleidingsuitgaven[h:].sum() == 0.0
    assert u.programmabudget[:h].sum() > 0.0
    assert u.begeleidingscijfers.bediend[h:].sum() == 0.0
    # de horizon-weergave is de run tot de uitloop
    assert len(u.horizon().maanden) == h == 24
    np.testing.assert_array_equal(u.horizon().standen, u.standen[:h])


def test_het_beleid_stopt_na_beleid_jaren_ook_binnen_de_horizon():
    u = simuleer(_met_looptijd("wet", 3, 1), seed=2, schaal=2000)
    assert u.beleidsjaren == 1 and u.jaren == 3
    assert u.programmabudget[:12].sum() > 0 and u.programmabudget[12:].sum() == 0.0
    assert u.begeleidingscijfers.bediend[12:].sum() == 0.0


def test_ncw_hangt_niet_af_van_waar_de_horizon_is_afgesneden():
    """Vijf jaar beleid in een run van vijf of van acht jaar (plus uitloop): dezelfde NCW. De trekkingen horen bij
    de jongere (zijn id), niet bij zijn rij, en de cohorten van na het beleid zijn in beide scenario's gelijk: de
    NCW is dan gelijk op afronding na (de som van een paar miljoen bedragen; relatief 1e-9)."""
    uitkomsten = {}
    for jaren in (5, 8):
        v = vergelijk(_met_looptijd("nulalternatief", jaren, 5), _met_looptijd("wet", jaren, 5), seed=1,
                      schaal=2000, voortgang=False, werkers=1)
        uitkomsten[jaren] = v.mkba().kengetallen.iloc[0]
    kort, lang = uitkomsten[5], uitkomsten[8]
    assert abs(kort.ncw_maatschappij) > 1e6  # er is een effect om gelijk te zijn
    assert lang.ncw_maatschappij == pytest.approx(kort.ncw_maatschappij, rel=1e-9)
    assert lang.voorkomen_vsv == pytest.approx(kort.voorkomen_vsv)
    # wat in de korte run uitloop is, is in de lange deels horizon: de verdeling verschilt, de som niet
    assert lang.ncw_horizon != pytest.approx(kort.ncw_horizon, rel=1e-3)


def test_de_mkba_met_levensloop_vraagt_een_uitloop():
    u = simuleer(_met_looptijd("nulalternatief", 1, None), seed=0, schaal=4000, uitloop=False)
    assert not u.uitgelopen
    with pytest.raises(ValueError, match="uitloop"):
        kasboek_array(u, laad_parameters(), levensloop=True)
    kasboek_array(u, laad_parameters(), levensloop=False)


def test_beleid_jaren_langer_dan_de_horizon_wordt_geweigerd():
    with pytest.raises(InvoerFout) as fout:
        valideer({"naam": "x", "looptijd": {"jaren": 5, "beleid_jaren": 6}})
    assert "beleid_jaren" in str(fout.value) and "1 tot en met jaren" in str(fout.value)
    assert laad_scenario("wet").looptijd.beleidsjaren(3) == 3
    assert valideer({"naam": "x", "looptijd": {"jaren": 8, "beleid_jaren": 5}}).looptijd.beleidsjaren() == 5


def test_de_structurele_jaarbalans_is_de_ncw_van_n_min_die_van_de_eerste_helft_per_jaar():
    """De tweede helft van het beleid apart: met het hele niveauverschil causaal (aandeel 1) is de MKBA lineair in de
    tellingen, dus NCW(4 jaar) - NCW(2 jaar), beide tegen het nulalternatief, is precies de jaarlijkse balans maal
    de contante waarde van een euro aan het begin van jaar 3 en 4."""
    p = laad_parameters().vervang({"prijzen.levensloop.causaal_aandeel_sk": 1.0})
    v = vergelijk(_met_looptijd("nulalternatief", 4, None), _met_looptijd("wet", 4, None), seed=2, schaal=SCHAAL,
                  parameters=p, structureel=True, voortgang=False, werkers=1)
    korter = vergelijk(_met_looptijd("nulalternatief", 4, None), _met_looptijd("wet", 4, 2), seed=2, schaal=SCHAAL,
                       parameters=p, voortgang=False, werkers=1)
    r = v.mkba()
    k, k_korter = r.kengetallen.iloc[0], korter.mkba().kengetallen.iloc[0]
    assert (k.structureel_vanaf, k.structureel_tot, k.structureel_schaal) == (3, 4, SCHAAL)
    annuiteit = (1 + r.discontovoet) ** -2 + (1 + r.discontovoet) ** -3
    assert k.structureel_ncw_per_jaar * annuiteit == pytest.approx(k.ncw_maatschappij - k_korter.ncw_maatschappij,
                                                                   rel=1e-9)
    # het programma van twee jaar: het jaarbudget van de wet
    assert k.structureel_programmakosten_per_jaar * annuiteit == pytest.approx(
        k.programmakosten - k_korter.programmakosten, rel=1e-9)
    assert k.structureel_programmakosten_per_jaar > 0
