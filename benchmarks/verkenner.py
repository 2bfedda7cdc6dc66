"""De verkenner: hoe lang na een klik op "Vergelijk met het nulalternatief" de eerste cijfers er staan.

    python benchmarks/verkenner.py --herhalingen 3 --schaal 50

Per herhaling een nieuwe `jongeren verken` (apart proces, uitvoer naar een tijdelijke map) en een nieuwe pagina in
Chromium (Playwright, `apt-get install chromium`): de wet met nazorg van 24 maanden, dan gemeten van de klik tot de
NCW op de pagina staat (de eerste cijfers) en tot de knop voor de bestanden er is (figuren en zip). Meldt elke
meting en de mediaan. De browsertoets (`tests/test_verkenner.py`) toetst wat er staat, niet hoe snel.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from simulatie.gedeeld.opmaak import nl


def _start(schaal: int, map_: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    proces = subprocess.Popen([sys.executable, "-m", "simulatie.voorkant.cli", "verken", "--poort", str(poort),
                               "--schaal", str(schaal)], cwd=map_, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    adres = f"http://127.0.0.1:{poort}/"
    while proces.poll() is None:
        try:
            urllib.request.urlopen(adres, timeout=1)
            return proces, adres
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"de verkenner startte niet (code {proces.returncode})")


def meet(schaal: int, chromium: str) -> tuple[float, float]:
    """(seconden tot de eerste cijfers, seconden tot de bestanden) na één klik op een vers gestarte verkenner."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench_verken_") as tmp:
        proces, adres = _start(schaal, Path(tmp))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
                pagina = browser.new_page(viewport={"width": 1400, "height": 1000})
                pagina.goto(adres)
                veld = pagina.get_by_label("Maanden nazorg")
                veld.wait_for(timeout=0)
                veld.fill("24")
                veld.press("Enter")
                pagina.get_by_role("button", name="Vergelijk met het nulalternatief").click()
                klik = time.perf_counter()
                pagina.locator("#ncw").wait_for(timeout=0)
                cijfers = time.perf_counter() - klik
                pagina.get_by_text("Download de bestanden").wait_for(timeout=0)
                bestanden = time.perf_counter() - klik
                browser.close()
        finally:
            proces.terminate()
            proces.wait()
    return cijfers, bestanden


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herhalingen", type=int, default=3)
    ap.add_argument("--schaal", type=int, default=50)
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium ontbreekt (apt-get install chromium)")
    metingen = []
    for i in range(a.herhalingen):
        cijfers, bestanden = meet(a.schaal, chromium)
        metingen.append((cijfers, bestanden))
        print(f"meting {i + 1}: eerste cijfers na {nl(cijfers)} s, bestanden na {nl(bestanden)} s", flush=True)
    print(f"mediaan over {a.herhalingen} (schaal {a.schaal}): eerste cijfers na "
          f"{nl(statistics.median(m[0] for m in metingen))} s, bestanden na "
          f"{nl(statistics.median(m[1] for m in metingen))} s")


if __name__ == "__main__":
    main()
