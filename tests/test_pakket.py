"""Een eerlijk pakket: een wheel (zonder de checkout ernaast) rekent dezelfde getallen als de checkout, ook als
Dask-werker. De scenario's en de kalibratie reizen mee in het pakket (pyproject.toml, `simulatie/_scenarios` en
`simulatie/_kalibratie`)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pandas as pd
import pytest

from simulatie import laad_scenario
from simulatie.experimenten.experiment import Experiment, Vergelijkingsevaluator
from simulatie.experimenten.gevoeligheid import ontwerp_psa
from simulatie.experimenten.woordenschat import Onzekerheden
from simulatie.invoer.parameters import laad_parameters

WORTEL = Path(__file__).resolve().parent.parent
VERGELIJK = ["vergelijk", "nulalternatief", "wet", "--schaal", "400", "--jaren", "2", "--ruis-trekkingen", "0",
             "--zonder-break-even"]


@pytest.fixture(scope="module")
def wheelomgeving(tmp_path_factory) -> Path:
    """Een nieuwe virtuele omgeving met alleen het wheel van dit pakket; de afhankelijkheden (numpy, mesa, ...)
    komen uit de huidige omgeving via een .pth-regel, zonder haar bewerkbare installatie van het pakket."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(tmp / "dist"), str(WORTEL)], check=True, capture_output=True)
    wheel = next((tmp / "dist").glob("*.whl"))
    omgeving = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(omgeving)], check=True)
    python = omgeving / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    # de afhankelijkheden: een padregel (een .pth in die map wordt niet uitgevoerd, dus ook niet de bewerkbare
    # installatie van dit pakket)
    (site / "afhankelijkheden.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def _draai(python: Path, argumenten: list[str], map_: Path) -> subprocess.CompletedProcess:
    map_.mkdir()
    omgeving = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(python), "-m", "simulatie.voorkant.cli", *argumenten, "--uit", str(map_ / "uit")],
                          cwd=map_, capture_output=True, text=True, env=omgeving)


def test_wheel_rekent_als_de_checkout(wheelomgeving, tmp_path):
    waar = subprocess.run([str(wheelomgeving), "-c", "import simulatie; print(simulatie.__file__)"],
                          capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert str(wheelomgeving.parent.parent) in waar and str(WORTEL / "simulatie") not in waar
    wheel = _draai(wheelomgeving, VERGELIJK, tmp_path / "wheel")
    checkout = _draai(Path(sys.executable), VERGELIJK, tmp_path / "checkout")
    assert wheel.returncode == 0, wheel.stderr
    assert checkout.returncode == 0, checkout.stderr
    for bestand in ("mkba.csv", "mkba_kengetallen.csv", "effecten.csv", "regio.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "wheel" / "uit" / bestand),
                                      pd.read_csv(tmp_path / "checkout" / "uit" / bestand), check_exact=True)


def test_wheel_zonder_kalibratie_is_een_fout_geen_stille_terugval(wheelomgeving, tmp_path):
    site = Path(subprocess.run([str(wheelomgeving), "-c", "import simulatie, pathlib; "
                                "print(pathlib.Path(simulatie.__file__).parent)"],
                               capture_output=True, text=True, check=True, cwd=tmp_path).stdout.strip())
    bestand = site / "_kalibratie" / "gekalibreerd.yaml"
    weg = bestand.with_suffix(".weg")
    bestand.rename(weg)
    try:
        r = _draai(wheelomgeving, VERGELIJK, tmp_path / "zonder")
    finally:
        weg.rename(bestand)
    assert r.returncode == 2 and "gekalibreerd.yaml" in r.stderr and "Traceback" not in r.stderr


def test_dask_werker_uit_het_wheel_rekent_als_lokale_processen(wheelomgeving, tmp_path):
    pytest.importorskip("dask.distributed")
    p = laad_parameters()
    o = Onzekerheden.kies(p, ("beleid.effect.nazorg_baanvinden", "prijzen.mkba.discontovoet"))
    ontwerp, _ = ontwerp_psa(o, 3, seed=4)
    evaluator = Vergelijkingsevaluator(laad_scenario("nulalternatief").als_dict(), laad_scenario("wet").als_dict(),
                                       seed=1, schaal=2000, jaren=1)
    lokaal = Experiment(tmp_path / "lokaal", ontwerp, evaluator).draai(werkers=1, voortgang=False)

    bestand = tmp_path / "scheduler.json"
    omgeving = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    processen = [subprocess.Popen([str(wheelomgeving), "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                   "--port", "0", "--scheduler-file", str(bestand), "--no-dashboard"],
                                  cwd=tmp_path, env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(120):
            if bestand.exists() and bestand.stat().st_size:
                break
            time.sleep(0.5)
        processen.append(subprocess.Popen([str(wheelomgeving), "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                           str(bestand), "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                          cwd=tmp_path, env=omgeving, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        import json

        from distributed import Client

        adres = json.loads(bestand.read_text())["address"]
        with Client(adres, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
            paden = client.run(lambda: __import__("simulatie").__file__)
        assert all(str(wheelomgeving.parent.parent) in pad for pad in paden.values()), paden
        dask = Experiment(tmp_path / "dask", ontwerp, evaluator).draai(dask=adres, werkers=1, voortgang=False)
    finally:
        for proces in reversed(processen):
            proces.terminate()
            proces.wait(timeout=30)
    pd.testing.assert_frame_equal(lokaal.drop(columns="seconden"), dask.drop(columns="seconden"))
