"""Snelheid: het gevectoriseerde JongerenModel tegen de per-agent-versie, en een nationale run.

    python benchmarks/snelheid.py --schaal 100 --maanden 24
    python benchmarks/snelheid.py --nationaal     # jongeren run nulalternatief, 10 jaar, schaal 1

Eén JongerenModel wordt gebouwd en gekopieerd naar een PerAgentModel; beide draaien dezelfde maanden
vanaf dezelfde startpopulatie (met de cohorten van september). Het scenario is het nulalternatief
zonder de nazorgsubsidie: de per-agent-versie kent geen begeleiding uit een budget (zie per_agent.py).
Een agent-maand is één actieve jongere (rij) die één maand door de regels gaat.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
sys.path.insert(0, str(HIER.parent))

from per_agent import PerAgentModel  # noqa: E402

from simulatie import JongerenModel  # noqa: E402
from simulatie.invoer.scenario import Scenario  # noqa: E402


def _getal(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def vergelijk_snelheid(schaal: int, maanden: int, seed: int = 1) -> dict:
    scenario = Scenario(naam="nulalternatief_zonder_nazorg",
                        beschrijving="Doorstroompunt tot 23 jaar, geen begeleiding uit een budget")
    vector = JongerenModel(scenario, seed=seed, schaal=schaal)
    per_agent = PerAgentModel(vector, seed=seed + 1000)  # kopie van de startpopulatie, vóór de eerste stap
    # de honderdduizenden agenten van de kopie niet telkens door de garbage collector laten nalopen: die ronde viel
    # anders in een willekeurige stap (vaak van het gevectoriseerde model) en telde daar mee
    gc.collect()
    gc.freeze()

    regels_s = 0.0  # de tijd in Overgangsregels.stap alleen (zonder beleid en waarneming)
    stap = vector.regels.stap

    def getimede_stap(*args):
        nonlocal regels_s
        begin = time.perf_counter()
        uit = stap(*args)
        regels_s += time.perf_counter() - begin
        return uit

    vector.regels.stap = getimede_stap  # alleen op deze instantie
    agent_maanden, vector_s, agent_s = 0, 0.0, 0.0
    for _ in range(maanden):
        # de per-agent-versie eerst: zij telt de nieuwkomers van januari op de populatie van vóór de stap
        begin = time.perf_counter()
        per_agent.step()
        agent_s += time.perf_counter() - begin
        begin = time.perf_counter()
        vector.step()
        vector_s += time.perf_counter() - begin
        # wie deze maand door de regels ging: nog actief, of deze maand 27 geworden
        agent_maanden += int(vector.populatie.actief().sum()) + round(vector.waarnemer.laatste["uit_27"] / schaal)
    del vector.regels.stap
    return {"rijen": len(vector.populatie), "maanden": maanden, "agent_maanden": agent_maanden,
            "vector_s": vector_s, "regels_s": regels_s, "per_agent_s": agent_s,
            "vector_per_s": agent_maanden / vector_s, "regels_per_s": agent_maanden / regels_s,
            "per_agent_per_s": agent_maanden / agent_s}


def nationaal(jaren: int = 10) -> list[dict]:
    """`jongeren run` op volle schaal als apart proces, twee keer met een lege opwarmcache: eerst zonder
    opgewarmde populatie op schijf (het opwarmen telt mee), dan met. Wandtijd en piekgeheugen (maximale RSS)."""
    import os

    jongeren = Path(sys.executable).with_name("jongeren")
    basis = [str(jongeren)] if jongeren.exists() else [shutil.which("jongeren") or "jongeren"]
    uitkomsten = []
    with tempfile.TemporaryDirectory(prefix="jongeren_benchmark_") as map_:
        omgeving = {**os.environ, "JONGEREN_CACHE": str(Path(map_) / "cache")}
        for keer, label in enumerate(("zonder opgewarmde populatie op schijf", "met opgewarmde populatie op schijf")):
            opdracht = basis + ["run", str(HIER.parent / "scenario's" / "nulalternatief.toml"), "--jaren", str(jaren),
                                "--schaal", "1", "--uit", str(Path(map_) / f"nulalternatief_{keer}")]
            begin = time.perf_counter()
            # /usr/bin/time meet het piekgeheugen van deze ene run (RUSAGE_CHILDREN houdt het maximum van alle)
            r = subprocess.run(["/usr/bin/time", "-f", "%M", *opdracht], check=True, cwd=HIER.parent,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=omgeving)
            wand = time.perf_counter() - begin
            piek_kb = int(r.stderr.strip().splitlines()[-1])  # kilobyte
            uitkomsten.append({"label": label, "wandtijd_s": wand, "piekgeheugen_gb": piek_kb / 1024 ** 2,
                               "opdracht": " ".join(opdracht)})
        # de populatie van die run (uit de opwarmcache): rijen van 15 tot 27 jaar in het frame op schaal 1
        os.environ["JONGEREN_CACHE"] = omgeving["JONGEREN_CACHE"]
        from simulatie import JongerenModel

        frame = JongerenModel("nulalternatief", seed=0, schaal=1).populatie.frame()
        uitkomsten[-1]["rijen_15_27"] = int((frame.leeftijd >= 15).sum())
    return uitkomsten


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--schaal", type=int, default=100, help="jongeren per rij (standaard 100)")
    p.add_argument("--maanden", type=int, default=24, help="aantal maanden (standaard 24)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--nationaal", action="store_true",
                   help="time 'jongeren run nulalternatief --jaren 10 --schaal 1' in plaats van de vergelijking")
    a = p.parse_args()
    if a.nationaal:
        uitkomsten = nationaal()
        for r in uitkomsten:
            print(f"Nationale run (nulalternatief, 10 jaar, schaal 1), {r['label']}: {r['wandtijd_s']:.1f} s "
                  f"wandtijd, piekgeheugen {r['piekgeheugen_gb']:.2f} GB")
        print(f"populatie.frame() op schaal 1: {_getal(uitkomsten[-1]['rijen_15_27'])} rijen van 15 tot 27 jaar")
        return
    r = vergelijk_snelheid(a.schaal, a.maanden, a.seed)
    print(f"Schaal {a.schaal}: {_getal(r['rijen'])} rijen na {r['maanden']} maanden, "
          f"{_getal(r['agent_maanden'])} agent-maanden.")
    for label, tijd, snelheid in (("gevectoriseerd, hele stap", r["vector_s"], r["vector_per_s"]),
                                  ("gevectoriseerd, alleen regels", r["regels_s"], r["regels_per_s"]),
                                  ("per agent (Mesa, Python-lus)", r["per_agent_s"], r["per_agent_per_s"])):
        print(f"  {label:30s} {tijd:7.2f} s {_getal(snelheid):>12} agent-maanden per seconde")
    print(f"  verhouding gevectoriseerd / per agent: {r['vector_per_s'] / r['per_agent_per_s']:.1f} "
          f"(alleen de regels: {r['regels_per_s'] / r['per_agent_per_s']:.1f})")


if __name__ == "__main__":
    main()
