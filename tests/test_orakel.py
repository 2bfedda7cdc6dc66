"""Orakel: de per-agent-implementatie (benchmarks/per_agent.py) en de gevectoriseerde regels geven, op
dezelfde startpopulatie met elk hun eigen toeval, statistisch dezelfde uitkomsten."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from per_agent import PerAgentModel  # noqa: E402

from simulatie import JongerenModel, codes as c  # noqa: E402
from simulatie.scenario import Scenario  # noqa: E402

MAANDEN = 8  # januari t/m augustus: met de diploma's van juli, zonder nieuw cohort in september


@pytest.fixture(scope="module")
def beide():
    scenario = Scenario(naam="zonder_capaciteitshefbomen")
    vector = JongerenModel(scenario, seed=21, schaal=150)
    agent = PerAgentModel(JongerenModel(scenario, seed=21, schaal=150), seed=99)
    vsv_vector = diploma_vector = 0
    for _ in range(MAANDEN):
        vector.step()
        agent.step()
        vsv_vector += vector.waarnemer.laatste["nieuwe_vsv"] / vector.schaal
        diploma_vector += vector.waarnemer.laatste["diploma"] / vector.schaal
    return vector, agent, vsv_vector, diploma_vector


def test_toestanden_komen_overeen_binnen_binomiale_marge(beide):
    vector, agent, _, _ = beide
    pop = vector.populatie
    n = int(pop.actief().sum())
    telling = agent.tellingen()
    assert sum(telling.values()) == n  # dezelfde mensen werden 27
    for i, naam in enumerate(c.TOESTANDEN):
        p_vector = np.mean(pop.toestand[pop.actief()] == i)
        p_agent = telling[naam] / n
        p = (p_vector + p_agent) / 2
        marge = 4 * np.sqrt(2 * p * (1 - p) / n)  # verschil van twee onafhankelijke binomiale aandelen
        assert abs(p_vector - p_agent) < marge, (naam, p_vector, p_agent, marge)


def test_stromen_komen_overeen_binnen_poissonmarge(beide):
    _, agent, vsv, diplomas = beide
    for naam, a, b in (("nieuwe vsv'ers", vsv, agent.nieuwe_vsv), ("diploma's", diplomas, agent.diplomas)):
        marge = 4 * np.sqrt(a + b)  # verschil van twee Poisson-tellingen
        assert abs(a - b) < marge, (naam, a, b, marge)
        assert a > 50


def _verstoord(verstoring) -> PerAgentModel:
    bron = JongerenModel(Scenario(naam="zonder_capaciteitshefbomen"), seed=21, schaal=150)
    verstoring(bron.regels)
    agent = PerAgentModel(bron, seed=99)
    for _ in range(MAANDEN):
        agent.step()
    return agent


def test_het_orakel_ziet_een_fout_in_de_uitval(beide):
    """Een verstoorde regel (uitvalkans maal drie) valt buiten de marge: de toets kan falen."""
    def verstoor(regels):
        regels.vsv_maand = regels.vsv_maand * 3

    agent = _verstoord(verstoor)
    _, _, vsv, _ = beide
    assert abs(agent.nieuwe_vsv - vsv) > 4 * np.sqrt(agent.nieuwe_vsv + vsv)


def test_het_orakel_ziet_een_fout_in_het_baanvinden(beide):
    def verstoor(regels):
        regels.H = regels.H.copy()
        regels.H[c.THUIS, c.WERK] *= 2

    agent = _verstoord(verstoor)
    vector = beide[0]
    pop = vector.populatie
    n = int(pop.actief().sum())
    p_vector = np.mean(pop.toestand[pop.actief()] == c.THUIS)
    p_agent = agent.tellingen()["thuis"] / n
    assert abs(p_vector - p_agent) > 4 * np.sqrt(2 * p_vector * (1 - p_vector) / n)
