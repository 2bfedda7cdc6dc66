"""Snelheid: het gevectoriseerde model tegen de per-agent-versie, en een nationale run.

    python benchmarks/snelheid.py --schaal 100 --maanden 8
    python benchmarks/snelheid.py --nationaal          # jongeren run nulalternatief, 10 jaar, schaal 1

Beide implementaties starten van dezelfde populatie en draaien dezelfde maanden (januari tot en met
augustus: met diploma's in juli, zonder nieuw cohort in september). Rapporteert agent-maanden per
seconde en de verhouding.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from per_agent import PerAgentModel  # noqa: E402

from simulatie import JongerenModel  # noqa: E402
from simulatie.scenario import Scenario  # noqa: E402

WORTEL = Path(__file__).resolve().parent.parent


def vergelijk_snelheid(schaal: int, maanden: int) -> dict:
    scenario = Scenario(naam="zonder_capaciteitshefbomen")
    vector = JongerenModel(scenario, seed=1, schaal=schaal)
    per_agent = PerAgentModel(JongerenModel(scenario, seed=1, schaal=schaal), seed=2)
    n = len(vector.populatie)
    start = time.perf_counter()
    vector.run_for(maanden)
    t_vector = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(maanden):
        per_agent.step()
    t_agent = time.perf_counter() - start
    return {"rijen": n, "maanden": maanden, "vector_s": t_vector, "per_agent_s": t_agent,
            "vector_per_s": n * maanden / t_vector, "per_agent_per_s": n * maanden / t_agent,
            "verhouding": t_agent / t_vector}


def nationaal(jaren: int = 10) -> dict:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "simulatie.cli", "run", str(WORTEL / "scenario's" / "nulalternatief.toml"),
                    "--jaren", str(jaren), "--schaal", "1", "--uit", "/tmp/jongeren_benchmark"], check=True,
                   stdout=subprocess.DEVNULL)
    wand = time.perf_counter() - start
    piek = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2  # kB -> GB
    return {"wandtijd_s": wand, "piekgeheugen_gb": piek}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--schaal", type=int, default=100)
    p.add_argument("--maanden", type=int, default=8)
    p.add_argument("--nationaal", action="store_true")
    a = p.parse_args()
    if a.nationaal:
        r = nationaal()
        print(f"Nationale run (schaal 1, 10 jaar): {r['wandtijd_s']:.1f} s wandtijd, piekgeheugen {r['piekgeheugen_gb']:.2f} GB")
        return
    r = vergelijk_snelheid(a.schaal, a.maanden)
    print(f"{r['rijen']:,} rijen, {r['maanden']} maanden".replace(",", "."))
    print(f"gevectoriseerd: {r['vector_s']:.2f} s, {r['vector_per_s']:,.0f} agent-maanden per seconde".replace(",", "."))
    print(f"per agent:      {r['per_agent_s']:.2f} s, {r['per_agent_per_s']:,.0f} agent-maanden per seconde".replace(",", "."))
    print(f"verhouding: het gevectoriseerde model is {r['verhouding']:.0f} keer zo snel")


if __name__ == "__main__":
    main()
