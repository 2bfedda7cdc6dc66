"""Orakel: de per-agent-implementatie (benchmarks/per_agent.py) en de gevectoriseerde regels
(simulatie/kern/toestanden.py) geven op dezelfde startpopulatie, elk met hun eigen toeval, statistisch
dezelfde uitkomsten.

Achttien maanden vanaf januari 2026: met de diploma's van juli, het nieuwe schooljaar en het nieuwe
cohort van september, en een tweede januari met nieuwkomers (beide implementaties krijgen dezelfde nieuwe
rijen, zie per_agent.py). Toestanden: binnen 4 standaardafwijkingen van het verschil van twee onafhankelijke binomiale
aandelen, 4*sqrt(2p(1-p)/n). Stromen (cumulatief): binnen 4*sqrt(a+b), het verschil van twee
Poisson-tellingen. Beide marges zijn ruim: de startpopulatie is gedeeld, dus het echte verschil
varieert minder. Vaste zaden, dus de uitkomst is elke keer dezelfde.

Marges alleen zien geen fout die één groep raakt (een hergebruikte trekking gaf vso-verlaters naast de
dagbesteding nooit een Wajong; de Wajong-instroom als geheel bleef binnen de marge). Daarom ook een samengestelde
maat: per uitstroomgroep het aandeel met een Wajong onder wie tijdens de run van school ging, binnen 4
standaardafwijkingen van het verschil van twee binomiale aandelen. Om die groep groot genoeg te maken, draait
één toets met een beperking voor iedereen in de startpopulatie.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from per_agent import PerAgentModel  # noqa: E402

from simulatie import JongerenModel  # noqa: E402
from simulatie.gedeeld import codes as c  # noqa: E402
from simulatie.kern import model as kernmodel  # noqa: E402
from simulatie.invoer.scenario import Scenario  # noqa: E402
from simulatie.kern.toestanden import STROMEN, Effecten  # noqa: E402

SCHAAL = 25           # ongeveer 73.000 rijen: genoeg om ook kleinere fouten te zien
MAANDEN = 18          # januari 2026 tot en met juni 2027
ZAAD_VECTOR = 2026    # populatie, cohorten en de trekkingen van het gevectoriseerde model
ZAAD_AGENT = 77       # de eigen trekkingen van de per-agent-versie
SIGMA = 4.0
SCHAAL_BEPERKING = 10  # ongeveer 180.000 rijen: zo groot dat een Wajong-kans die één groep mist buiten de marge valt

# Effecten die elke vermenigvuldiging in de regels laten meetellen (voor iedereen gelijk)
STERKE_EFFECTEN = Effecten(vsv=0.6, baanvinden=1.5, baanverlies=0.6, terugkeer=2.0, zorg_uitstroom=1.8,
                           bereik_doorstroompunt=0.25, leeftijdsgrens_doorstroompunt_maanden=27 * 12)


@dataclass
class Uitkomst:
    vector: dict[str, int]        # toestand -> aantal actieve rijen
    agent: dict[str, int]
    stromen_vector: dict[str, float]  # stroom -> cumulatief aantal rijen
    stromen_agent: dict[str, int]
    # uitstroomgroep -> (wie tijdens de run van school ging en nog actief is, van hen met een Wajong)
    verlaters_vector: dict[str, tuple[int, int]]
    verlaters_agent: dict[str, tuple[int, int]]


def verlaters_met_wajong(groep: np.ndarray, uitstroommaand: np.ndarray, uitkering_type: np.ndarray,
                         start: int) -> dict[str, tuple[int, int]]:
    """Per uitstroomgroep: wie vanaf `start` van school ging, en van hen wie een Wajong heeft (actieve rijen)."""
    verlaten = uitstroommaand >= start
    wajong = verlaten & (uitkering_type == c.WAJONG)
    return {naam: (int(np.sum(verlaten & (groep == g))), int(np.sum(wajong & (groep == g))))
            for naam, g in c.UITSTROOMGROEP.items()}


def draai(effect: Effecten | None = None, verstoor=None, schaal: int = SCHAAL, beperking: bool = False) -> Uitkomst:
    """Beide implementaties vanaf dezelfde startpopulatie; `verstoor` wijzigt alleen de per-agent-kopie. Met
    `beperking` heeft iedereen in de startpopulatie een beperking (in beide implementaties)."""
    vector = JongerenModel(Scenario(naam="orakel_zonder_hefbomen"), seed=ZAAD_VECTOR, schaal=schaal)
    if beperking:
        vector.populatie.beperking[:] = True
    start = vector.maand
    agent = PerAgentModel(vector, seed=ZAAD_AGENT, effect=effect)
    if verstoor is not None:
        verstoor(agent)
    maanden = {t % 12 + 1 for t in range(vector.maand, vector.maand + MAANDEN)}
    assert {7, 9} <= maanden  # juli (diploma's) en september (leerjaar, cohort) zitten erin
    stromen = dict.fromkeys(STROMEN, 0.0)
    # met `effect`: de maand van het gevectoriseerde model gebruikt deze effecten in plaats van die van het beleid
    # (de rest van de maand, ook de boekhouding, blijft)
    vervang = mock.patch.object(kernmodel, "effecten", lambda *_: effect) if effect is not None else nullcontext()
    with vervang:
        for _ in range(MAANDEN):
            agent.step()  # eerst: de nieuwkomers van januari worden op de populatie van vóór de stap geteld
            vector.step()
            for naam in STROMEN:
                stromen[naam] += vector.waarnemer.laatste[naam] / schaal
    pop = vector.populatie
    telling = {naam: int(np.sum(pop.toestand == i)) for i, naam in enumerate(c.TOESTANDEN)}
    actief = pop.actief()
    verlaters_vector = verlaters_met_wajong(pop.uitstroomgroep[actief], pop.uitstroommaand[actief],
                                            pop.uitkering_type[actief], start)
    agenten = [a for a in agent.agents if a.toestand != len(c.TOESTANDEN)]
    verlaters_agent = verlaters_met_wajong(*(np.array([getattr(a, k) for a in agenten], dtype=np.int64)
                                             for k in ("uitstroomgroep", "uitstroommaand", "uitkering_type")), start)
    return Uitkomst(telling, agent.tellingen(), stromen, dict(agent.stromen), verlaters_vector, verlaters_agent)


def afwijkingen(u: Uitkomst) -> list[str]:
    """Alles wat buiten de marge valt, leesbaar; leeg als de implementaties overeenkomen."""
    fouten = []
    n = sum(u.vector.values())
    if sum(u.agent.values()) != n:  # 27 worden en het cohort zijn niet toevallig: precies gelijk
        fouten.append(f"actief: gevectoriseerd {n}, per agent {sum(u.agent.values())}")
    for naam in c.TOESTANDEN:
        p_v, p_a = u.vector[naam] / n, u.agent[naam] / n
        p = (p_v + p_a) / 2
        marge = SIGMA * np.sqrt(2 * p * (1 - p) / n)
        if abs(p_v - p_a) > marge:
            fouten.append(f"{naam}: {p_v:.4f} tegen {p_a:.4f} (marge {marge:.4f})")
    for naam in STROMEN:
        a, b = u.stromen_vector[naam], u.stromen_agent[naam]
        marge = SIGMA * np.sqrt(a + b)
        if abs(a - b) > marge:
            fouten.append(f"stroom {naam}: {a:.0f} tegen {b} (marge {marge:.1f})")
    for naam, (n_v, w_v) in u.verlaters_vector.items():
        n_a, w_a = u.verlaters_agent[naam]
        if not n_v or not n_a:
            continue
        p_v, p_a = w_v / n_v, w_a / n_a
        p = (w_v + w_a) / (n_v + n_a)
        marge = SIGMA * np.sqrt(p * (1 - p) * (1 / n_v + 1 / n_a))
        if abs(p_v - p_a) > marge:
            fouten.append(f"Wajong bij verlaters {naam}: {p_v:.3f} van {n_v} tegen {p_a:.3f} van {n_a} "
                          f"(marge {marge:.3f})")
    return fouten


@pytest.fixture(scope="module")
def standaard() -> Uitkomst:
    return draai()


def test_toestanden_en_stromen_komen_overeen(standaard):
    assert afwijkingen(standaard) == []


def test_genoeg_vsv_en_diplomas_om_iets_te_toetsen(standaard):
    for naam in ("nieuwe_vsv", "diploma", "schoolverlaters", "baanstart", "terug_naar_school", "in_beeld_gekomen"):
        assert standaard.stromen_vector[naam] > 30, naam
    assert standaard.stromen_vector["uit_27"] == standaard.stromen_agent["uit_27"]


def test_met_effecten_van_beleid(standaard):
    """Met factoren ongelijk aan 1 tellen ook de effectvermenigvuldigingen en het Doorstroompunt mee."""
    u = draai(STERKE_EFFECTEN)
    assert afwijkingen(u) == []
    assert u.stromen_vector["in_beeld_gekomen"] > 2 * standaard.stromen_vector["in_beeld_gekomen"]


def test_wajong_bij_schoolverlaters_met_beperking():
    """Met een beperking voor iedereen: het aandeel met een Wajong per uitstroomgroep van wie tijdens de run van
    school ging (diploma's van juli, uitval) komt overeen, en de toets heeft iets te zien."""
    u = draai(schaal=SCHAAL_BEPERKING, beperking=True)
    assert afwijkingen(u) == []
    for naam in ("pro", "vso", "vsv_mbo"):
        n, wajong = u.verlaters_vector[naam]
        assert n > 100 and wajong > 30, (naam, n, wajong)


def test_het_orakel_ziet_een_verdubbelde_uitval():
    """De toets kan falen: een verdubbelde uitvalkans in de per-agent-kopie valt buiten de marge
    (al op een vier keer kleinere populatie)."""
    def verstoor(agent):
        agent.tab["vsv_maand"] = [2 * k for k in agent.tab["vsv_maand"]]

    fouten = afwijkingen(draai(verstoor=verstoor, schaal=4 * SCHAAL))
    assert any("nieuwe_vsv" in f for f in fouten), fouten
