"""Benchmark van de Sobol-analyse: wandtijd tegen steekproefgrootte N en schaal, en hoe zeker de top 5 is.

Draait `gevoeligheid.analyseer("sobol", ...)` voor de wet tegen het nulalternatief voor elke combinatie
van --n en --schaal (elk in een eigen tijdelijke map, dus zonder te hervatten) en meldt per combinatie:
gevallen, simulaties (runs), wandtijd, seconden per run, en uit de gepaarde bootstrap of de top 5 als
groep en in volgorde zeker is. Met --uit blijven de tabellen staan.

    .venv/bin/python benchmarks/sobol.py --n 16 32 --schaal 100 200 400     # hoe de tijd groeit
    .venv/bin/python benchmarks/sobol.py --n 256 --schaal 200                # de run uit de notitie
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd


def runs_in_ontwerp(ontwerp: pd.DataFrame, nul, alt, schaal: int, jaren: int) -> int:
    """Hoeveel simulaties het experiment doet: per groep (gedeelde nulrun) de verschillende runs."""
    from simulatie.experimenten.experiment import Vergelijkingsevaluator
    from simulatie.experimenten.woordenschat import TREKKING
    from simulatie.experimenten.vergelijking import gelezen_parameters

    e = Vergelijkingsevaluator(nul.als_dict(), alt.als_dict(), schaal=schaal, jaren=jaren)
    _, alternatief, p = e.invoer({})
    gelezen = gelezen_parameters(alternatief, jaren=jaren, seed=e.seed, schaal=schaal, parameters=p)
    sleutels = e.groepssleutels(ontwerp)
    alt_kolommen = [k for k in ontwerp.columns if k in gelezen or k == TREKKING]  # elke populatie: eigen runs
    groepen = pd.DataFrame({"nul": sleutels}).join(ontwerp[alt_kolommen])
    # per groep één nulrun en een run per verschillende combinatie van wat het alternatief leest
    return int(groepen.nul.nunique() + groepen.drop_duplicates().shape[0])


def main() -> None:
    from simulatie.experimenten.gevoeligheid import analyseer, ontwerp_sobol, rangorde_zeker
    from simulatie.experimenten.woordenschat import Onzekerheden
    from simulatie.invoer.parameters import laad_parameters
    from simulatie.invoer.scenario import laad_scenario

    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("--n", type=int, nargs="+", default=[16, 32])
    a.add_argument("--schaal", type=int, nargs="+", default=[200])
    a.add_argument("--jaren", type=int, default=10)
    a.add_argument("--parameters", default=None, help="komma-gescheiden patronen (standaard: de vaste set)")
    a.add_argument("--uit", type=Path, default=None, help="bewaar de tabellen onder deze map")
    args = a.parse_args()

    nul, alt = laad_scenario("nulalternatief"), laad_scenario("wet")
    patronen = tuple(args.parameters.split(",")) if args.parameters else None
    o = Onzekerheden.kies(laad_parameters(), patronen).met_populatieruis()  # zoals analyseer
    rijen = []
    for schaal in args.schaal:
        for n in args.n:
            ontwerp, _ = ontwerp_sobol(o, n)
            runs = runs_in_ontwerp(ontwerp, nul, alt, schaal, args.jaren)
            with tempfile.TemporaryDirectory() as tmp:
                uit = (args.uit / f"n{n}_schaal{schaal}") if args.uit else Path(tmp)
                start = time.perf_counter()
                t = analyseer("sobol", alt, nul, n, uit, schaal=schaal, jaren=args.jaren, patronen=patronen,
                              opnieuw=True, voortgang=False)
                seconden = time.perf_counter() - start
            zeker = rangorde_zeker(t["sobol_rangorde"])
            rijen.append({"parameters": len(o.namen), "n": n, "schaal": schaal, "gevallen": len(ontwerp),
                          "runs": runs, "seconden": round(seconden, 1),
                          "seconden_per_run": round(seconden / runs, 3),
                          "top5_zeker": zeker["top"], "volgorde_zeker": zeker["volgorde"]})
            print(pd.DataFrame(rijen[-1:]).to_string(index=False, header=len(rijen) == 1), flush=True)


if __name__ == "__main__":
    main()
