"""De verkenner in een echte browser (Chromium van Debian, via Playwright): nazorg van 12 naar 24 maanden, rekenen,
en dezelfde NCW als `vergelijk`; de tabel per partij met de namen en getallen van mkba.md, binnen een venster van
1.400 pixels; een onmogelijke waarde geeft de melding van de opdrachtregel naast het veld. Hoe snel de eerste cijfers
er staan, meet `benchmarks/verkenner.py` (geen tijdgrens in een toets).

`.ci/run` installeert Chromium met apt-get en zet JONGEREN_BROWSER_VERPLICHT=1: daar is een ontbrekende browser
een fout, op een eigen machine zonder Chromium wordt de toets overgeslagen."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile

import pandas as pd
import pytest

from simulatie import laad_scenario
from simulatie.gedeeld.opmaak import mln
from simulatie.experimenten.vergelijking import vergelijk
from simulatie.rapportage.rapport import overzicht_tabel
from simulatie.voorkant.verkenner import controleer, hefbomen_van

SCHAAL, JAREN = 50, 10  # de standaardschaal van de pagina
BREEDTE = 1400  # het venster: de pagina en haar tabellen passen erin


def _browser() -> str:
    pad = shutil.which("chromium") or shutil.which("chromium-browser")
    if pad is None or pytest.importorskip("playwright") is None:
        if os.environ.get("JONGEREN_BROWSER_VERPLICHT"):
            pytest.fail("Chromium ontbreekt: .ci/run installeert het met apt-get install chromium")
        pytest.skip("geen Chromium op deze machine (apt-get install chromium)")
    return pad


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def verkenner(tmp_path):
    poort = _vrije_poort()
    proces = subprocess.Popen([sys.executable, "-m", "simulatie.voorkant.cli", "verken", "--poort", str(poort),
                               "--schaal", str(SCHAAL)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    adres = f"http://127.0.0.1:{poort}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(adres, timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proces.kill()
        pytest.fail("de verkenner startte niet: " + proces.stdout.read().decode(errors="replace"))
    yield adres
    proces.terminate()
    proces.wait(timeout=20)


def test_verkenner_rekent_zoals_vergelijk_en_meldt_foute_invoer(verkenner, tmp_path):
    chromium = _browser()
    from playwright.sync_api import sync_playwright

    buiten = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        pagina = browser.new_page(viewport={"width": BREEDTE, "height": 1000})

        def alleen_lokaal(route):  # zonder internet: elk verzoek naar buiten wordt geweigerd (en geteld)
            if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                return route.continue_()
            buiten.append(route.request.url)
            return route.abort()

        pagina.route("**/*", alleen_lokaal)
        pagina.goto(verkenner)
        veld = pagina.get_by_label("Maanden nazorg")
        veld.wait_for(timeout=60_000)
        assert veld.input_value() == "12"
        veld.fill("24")
        veld.press("Enter")
        pagina.get_by_role("button", name="Vergelijk met het nulalternatief").click()
        ncw = pagina.locator("#ncw")
        ncw.wait_for(timeout=120_000)  # wachten op de cijfers, geen eis aan de snelheid
        getoond = ncw.inner_text()
        kader = pagina.locator(".kosten-baten")
        cellen = kader.locator("table").evaluate("t => Array.from(t.rows, r => Array.from(r.cells, c => c.innerText))")
        kader_rechts = kader.bounding_box()["x"] + kader.bounding_box()["width"]
        paginabreedte = pagina.evaluate("document.documentElement.scrollWidth")
        with pagina.expect_download(timeout=120_000) as download:
            pagina.get_by_text("Download de bestanden").click()
        zip_pad = tmp_path / "vergelijking.zip"
        download.value.save_as(zip_pad)

        # een onmogelijke waarde: dezelfde tekst als de opdrachtregel, bij het veld
        veld.fill("99")
        veld.press("Enter")
        melding = pagina.locator(".fout-bij-veld")
        melding.wait_for(timeout=30_000)
        tekst = melding.inner_text()
        pagina.screenshot(path=str(tmp_path / "verkenner.png"), full_page=True)
        browser.close()

    hefbomen = {**hefbomen_van("wet"), "nazorg.maanden_na_uitstroom": 24}
    scenario, fout = controleer("wet", hefbomen)
    assert fout is None
    v = vergelijk(laad_scenario("nulalternatief"), scenario, jaren=JAREN, seed=0, schaal=SCHAAL, voortgang=False,
                  werkers=1)
    r = v.mkba()
    assert getoond == mln(r.kengetallen.set_index("scenario").loc[scenario.naam, "ncw_maatschappij"])
    # de tabel per partij: de posten bij hun naam uit mkba.md, getallen met een decimale komma, even breed als de pagina
    kop, rijen = cellen[0], {rij[0]: rij[1:] for rij in cellen[1:]}
    label = "Begeleiding uit het regionale budget (coaches)"
    assert label in rijen and "programmakosten_begeleiding" not in str(cellen), list(rijen)
    ocw = rijen[label][kop.index("Rijk (OCW)") - 1]
    assert re.fullmatch(r"-\d{1,3}(\.\d{3})*,\d", ocw), ocw  # bijvoorbeeld -499,1 (niet -499.1)
    assert ocw == overzicht_tabel(r, scenario.naam).loc[label, "Rijk (OCW)"]
    assert kader_rechts <= BREEDTE and paginabreedte <= BREEDTE, (kader_rechts, paginabreedte)
    _, cli_fout = controleer("wet", {**hefbomen, "nazorg.maanden_na_uitstroom": 99})
    assert cli_fout.tekst() in tekst and "Toegestaan" in tekst
    assert (tmp_path / "verkenner.png").stat().st_size > 10_000
    with zipfile.ZipFile(zip_pad) as z:  # dezelfde bestanden als `jongeren vergelijk`, en het scenario
        namen = set(z.namelist())
        assert {"mkba.md", "mkba.csv", "effecten.csv", "regio.csv", "groepen.csv", "kasritme.csv",
                f"{scenario.naam}.toml"} <= namen
        kengetallen = pd.read_csv(z.open("mkba_kengetallen.csv")).set_index("scenario")
    assert mln(kengetallen.loc[scenario.naam, "ncw_maatschappij"]) == getoond
    assert not buiten, f"de pagina vroeg iets van buiten: {buiten[:3]}"


def test_psa_interval_hoort_bij_dezelfde_inhoud_niet_bij_dezelfde_naam(tmp_path):
    """Een PSA van `wet` geldt voor de onveranderde wet op de pagina (andere naam), niet voor een andere nazorgduur
    en niet voor een PSA tegen een ander nulalternatief."""
    from simulatie.gedeeld.uitvoer import herkomst, schrijf_json
    from simulatie.voorkant.verkenner import psa_interval, scenario_data

    def psa(map_, alternatief, nul, p5):  # zoals cli._gevoeligheid herkomst.json schrijft
        map_.mkdir()
        schrijf_json(map_ / "herkomst.json", herkomst(opdracht="gevoeligheid", methode="psa", alternatief=alternatief,
                                                      nul=nul))
        pd.DataFrame({"uitkomst": ["ncw_maatschappij"], "p5": [p5], "p95": [p5 + 1], "kans_positief": [0.5]}
                     ).to_csv(map_ / "psa_samenvatting.csv", index=False)

    wet, nul = laad_scenario("wet").als_dict(), laad_scenario("nulalternatief").als_dict()
    andere_nul = {**nul, "effect_schaal": 0.5}
    psa(tmp_path / "a", wet, andere_nul, 1.0)
    assert psa_interval(scenario_data("wet", hefbomen_van("wet")), tmp_path) is None
    psa(tmp_path / "b", wet, nul, 2.0)
    assert psa_interval(scenario_data("wet", hefbomen_van("wet")), tmp_path).p5 == 2.0
    anders = scenario_data("wet", {**hefbomen_van("wet"), "nazorg.maanden_na_uitstroom": 24})
    assert psa_interval(anders, tmp_path) is None
    assert psa_interval(wet, tmp_path / "bestaat_niet") is None


def test_tweede_klik_stopt_de_berekening_en_een_nieuwe_rekent_gewoon():
    """Stop beëindigt het rekenproces en de gestopte berekening meldt niets meer; daarna rekent een nieuwe start
    (in een nieuw proces) wel, met eerst de cijfers en dan de bestanden."""
    import threading

    from simulatie.voorkant.verkenner import Rekenproces, scenario_data

    data = scenario_data("wet", {**hefbomen_van("wet"), "looptijd.jaren": 2})
    gemeld, klaar = [], threading.Event()
    proces = Rekenproces()
    proces.start(data, 2000, gemeld.append, gemeld.append, gemeld.append)
    oud = list(proces._pool._processes.values())
    assert oud and all(p.is_alive() for p in oud)
    proces.stop()
    for p in oud:
        p.join(timeout=60)  # wachten tot het proces weg is; blijft het leven, dan stopte Stop het niet
    assert proces._pool is None and not any(p.is_alive() for p in oud), "Stop beëindigde het rekenproces niet"
    time.sleep(1)
    assert gemeld == []

    def bestanden_klaar(b):
        gemeld.append(b)
        klaar.set()

    proces.start(data, 2000, gemeld.append, bestanden_klaar, lambda fout: (gemeld.append(fout), klaar.set()))
    assert klaar.wait(timeout=600), "de nieuwe berekening meldde geen bestanden en geen fout"
    proces.stop()
    cijfers, bestanden = gemeld
    assert cijfers.scenario == data["naam"] and "effecten" in bestanden.figuren and bestanden.zip


def test_bezette_poort_geeft_een_nederlandse_fout(capsys):
    from simulatie.voorkant.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert main(["verken", "--poort", str(s.getsockname()[1])]) == 2
    fout = capsys.readouterr().err
    assert "al in gebruik" in fout and "--poort" in fout and "Traceback" not in fout
