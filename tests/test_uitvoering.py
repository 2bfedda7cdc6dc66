"""De uitvoerder en het rungeheugen: elke uitvoerder geeft dezelfde uitkomsten, in een vaste volgorde."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulatie import laad_parameters, laad_scenario
from simulatie.experimenten.kalibratie import VRIJ, Kalibratie, lees_doelen
from simulatie.experimenten.runs import Rungeheugen
from simulatie.experimenten.uitvoering import DaskCluster, InDitProces, LokaleProcessen, kies_uitvoerder
from simulatie.experimenten.vergelijking import vergelijk
from simulatie.experimenten.woordenschat import RUIS_UITKOMSTEN, UITKOMSTEN, UITKOMSTMATEN, uitkomsten
from simulatie.gedeeld.fouten import InvoerFout

from conftest import draai, niets_geschreven, weigert

WORTEL = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dask_adres(tmp_path_factory):
    """Een Dask-scheduler met één werker in eigen processen, zoals een cluster op een andere machine (een
    scheduler in het testproces zelf deelt zijn lus met de client en blijft op een Dask-Queue wachten)."""
    pytest.importorskip("dask.distributed")
    bestand = tmp_path_factory.mktemp("dask") / "scheduler.json"
    pad = os.pathsep.join([str(WORTEL), str(WORTEL / "tests"), os.environ.get("PYTHONPATH", "")])
    omgeving = {**os.environ, "PYTHONPATH": pad}  # de werker vindt het pakket en de taken van deze toets
    processen = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                   "--port", "0", "--scheduler-file", str(bestand), "--no-dashboard"],
                                  env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(240):
            if bestand.exists() and bestand.stat().st_size:
                break
            time.sleep(0.25)
        processen.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                           str(bestand), "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                          env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        adres = json.loads(bestand.read_text())["address"]
        with DaskCluster(adres) as u:
            u.client.wait_for_workers(1, timeout=120)
        yield adres
    finally:
        for proces in reversed(processen):
            proces.terminate()
            proces.wait(timeout=30)


@pytest.fixture(params=["dit_proces", "processen", "dask"])
def uitvoerder(request):
    if request.param == "dit_proces":
        u = InDitProces()
    elif request.param == "processen":
        u = LokaleProcessen(2)
    else:
        u = DaskCluster(request.getfixturevalue("dask_adres"))
    yield u
    u.sluit()


def _traag_kwadraat(x: int) -> int:
    time.sleep(0.05 * (3 - x))  # de eerste taak is het laatst klaar
    return x * x


def _meld(taak: int, kanaal) -> int:
    for k in range(taak):
        kanaal.put((taak, k))
    return taak


def _faal(x: int) -> int:
    if x == 1:
        raise ValueError("taak 1 faalt")
    return x


def test_map_in_volgorde_stroom_alles(uitvoerder):
    assert uitvoerder.map(_traag_kwadraat, [0, 1, 2, 3]) == [0, 1, 4, 9]
    assert sorted(uitvoerder.stroom(_traag_kwadraat, [0, 1, 2, 3])) == [(0, 0), (1, 1), (2, 4), (3, 9)]


def test_meldingen_onderweg_komen_allemaal_aan(uitvoerder):
    gemeld = []
    assert uitvoerder.map(_meld, [1, 3, 2], tussendoor=gemeld.append) == [1, 3, 2]
    assert sorted(gemeld) == [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]


@pytest.mark.parametrize("maak", [InDitProces, lambda: LokaleProcessen(2)])
def test_fout_in_een_taak_komt_terug(maak):
    with maak() as u, pytest.raises(ValueError, match="taak 1 faalt"):
        u.map(_faal, [0, 1, 2])


def test_kies_uitvoerder():
    assert isinstance(kies_uitvoerder(None, 1), InDitProces)
    u = kies_uitvoerder(None, 3)
    assert isinstance(u, LokaleProcessen) and u.werkers == 3


@pytest.fixture(scope="module")
def vergelijking_dit_proces():
    return vergelijk("nulalternatief", "wet", jaren=1, seed=3, schaal=2000, voortgang=False, uitvoerder=InDitProces())


def test_vergelijk_gelijk_op_elke_uitvoerder(uitvoerder, vergelijking_dit_proces):
    v = vergelijk("nulalternatief", "wet", jaren=1, seed=3, schaal=2000, voortgang=False, uitvoerder=uitvoerder)
    w = vergelijking_dit_proces
    pd.testing.assert_frame_equal(v.effecten(), w.effecten())
    assert uitkomsten(v.nul, v.alternatieven[0], v.parameters) == uitkomsten(w.nul, w.alternatieven[0], w.parameters)


@pytest.fixture(scope="module")
def kalibratiepunten():
    basis = laad_parameters(gekalibreerd=False)
    x0 = np.array([basis[v[0]] for v in VRIJ])
    x1, x2 = x0.copy(), x0.copy()
    x1[0] *= 0.9
    x2[-1] *= 1.1
    return basis, [x0, x1, x2]


def _kalibratie(basis, **extra) -> Kalibratie:
    return Kalibratie(basis, lees_doelen(), seed=1, schaal=2000, **extra)


@pytest.fixture(scope="module")
def residuen_dit_proces(kalibratiepunten):
    basis, xs = kalibratiepunten
    return _kalibratie(basis).veel_residuen(xs, InDitProces())


def test_kalibratiestap_gelijk_op_elke_uitvoerder(uitvoerder, kalibratiepunten, residuen_dit_proces):
    basis, xs = kalibratiepunten
    k = _kalibratie(basis)
    r = k.veel_residuen(xs, uitvoerder)
    for a, b in zip(r, residuen_dit_proces):
        np.testing.assert_array_equal(a, b)
    assert len(k.runs) == 3
    assert not np.array_equal(r[0], r[1])  # de punten doen ertoe


def test_voortgangsbestand_hervat_en_weigert_andere_instellingen(tmp_path, kalibratiepunten, residuen_dit_proces):
    basis, xs = kalibratiepunten
    pad = tmp_path / ".voortgang.jsonl"
    k = _kalibratie(basis, voortgangsbestand=pad)
    k.veel_residuen(xs[:2], LokaleProcessen(2))
    regels = [json.loads(r) for r in pad.read_text().splitlines()]
    assert "instellingen" in regels[0] and len(regels) == 3  # één regel per gerekend punt
    assert {r["punt"] for r in regels[1:]} == {1, 2} and all("doelfunctie" in r for r in regels[1:])
    with pad.open("a") as f:
        f.write('{"sleutel": ["kalibratie", 1, 2000], "gel')  # afgebroken tijdens het schrijven
    hervat = _kalibratie(basis, voortgangsbestand=pad)
    assert len(hervat.runs) == 2
    r = hervat.veel_residuen(xs, InDitProces())  # alleen het derde punt wordt gerekend
    assert (hervat.runs.treffers, len(hervat.runs)) == (5, 3)
    for a, b in zip(r, residuen_dit_proces):
        np.testing.assert_array_equal(a, b)
    geldig = []
    for regel in pad.read_text().splitlines():
        try:
            geldig.append(json.loads(regel))
        except ValueError:
            pass
    assert len(geldig) == 4 and geldig[-1]["punt"] == 3  # de kop en drie punten; het afgekapte stuk telt niet
    with pytest.raises(InvoerFout, match="andere instellingen"):
        Kalibratie(basis, lees_doelen(), seed=2, schaal=2000, voortgangsbestand=pad)


def test_rungeheugen_treft_als_de_gelezen_parameters_gelijk_zijn():
    p = laad_parameters()
    wet = laad_scenario("wet")
    runs = Rungeheugen()
    instellingen = {"seed": 0, "schaal": 2000, "jaren": 1}
    a = runs.run(wet, p, **instellingen)
    # een prijs leest de simulatie niet: dezelfde run
    assert runs.run(wet, p.vervang({"prijzen.mkba.discontovoet": 0.04}), **instellingen) is a
    assert (runs.treffers, runs.missers) == (1, 1)
    # een effect van begeleiding wel: een nieuwe run; een ander zaad ook
    b = runs.run(wet, p.vervang({"beleid.effect.nazorg_baanvinden": 0.3}), **instellingen)
    c = runs.run(wet, p, **{**instellingen, "seed": 1})
    assert b is not a and c is not a
    assert (runs.treffers, runs.missers, len(runs)) == (1, 3, 3)


@pytest.mark.parametrize("adres,fragment", [("onzin", "geen adres"), ("tcp://127.0.0.1:1", "geen antwoord")])
def test_fout_dask_adres_bij_kalibreer_en_vergelijk(tmp_path, capsys, adres, fragment):
    pytest.importorskip("dask.distributed")
    with pytest.raises(InvoerFout, match=fragment):
        DaskCluster(adres)
    uit = tmp_path / "a" / "uit"
    for opdracht in (("kalibreer", "--schaal", 100, "--max-iteraties", 1),
                     ("vergelijk", "nulalternatief", "wet", "--schaal", 2000, "--jaren", 1)):
        code, _, err = draai(capsys, *opdracht, "--dask", adres, "--uit", uit)
        weigert(code, err, "'--dask'", fragment, "tcp://HOST:POORT")
        niets_geschreven(tmp_path)


def _pid(_taak) -> int:
    return os.getpid()


def test_lokale_processen_rekenen_een_enkele_taak_in_dit_proces():
    # één taak in een nieuwe pool is alleen opstarttijd en een tweede populatie in het geheugen (break-even-ronde)
    assert LokaleProcessen(2).map(_pid, [0]) == [os.getpid()]
    assert os.getpid() not in LokaleProcessen(2).map(_pid, [0, 1])


def test_elke_uitkomstmaat_wordt_berekend(vergelijking_dit_proces):
    # de woordenschat declareert de uitkomsten één keer; wat een geval oplevert, zijn precies die maten
    w = vergelijking_dit_proces
    berekend = uitkomsten(w.nul, w.alternatieven[0], w.parameters)
    assert list(berekend) == [m.naam for m in UITKOMSTMATEN]
    assert set(UITKOMSTEN) <= set(berekend) and set(RUIS_UITKOMSTEN) <= set(UITKOMSTEN)
