"""De NCW van de wet bij 5, 10 en 15 jaar beleid (elk met de uitloop tot iedereen 27 is), en per beleidsjaar.
Geen toets: een meting (issue 23, punt 2).

    .venv/bin/python benchmarks/ncw_per_beleidsjaar.py --schaal 50 --jaren 5 10 15

Per beleidsduur N: de NCW (mln euro), N, de NCW gedeeld door N, en de NCW gedeeld door de contante waarde van een
euro per jaar over N jaar (de annuïteit: wat één beleidsjaar gemiddeld waard is, gemeten aan het begin van dat
jaar)."""

from __future__ import annotations

import argparse

from simulatie.experimenten.vergelijking import vergelijk
from simulatie.invoer.parameters import laad_parameters
from simulatie.invoer.scenario import laad_scenario


def met_looptijd(naam: str, jaren: int):
    s = laad_scenario(naam)
    return s.model_copy(update={"looptijd": s.looptijd.model_copy(update={"jaren": jaren, "beleid_jaren": jaren})})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schaal", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jaren", type=int, nargs="+", default=[5, 10, 15])
    ap.add_argument("--alternatief", default="wet")
    args = ap.parse_args()
    r = laad_parameters()["prijzen.mkba.discontovoet"]
    for n in args.jaren:
        v = vergelijk(met_looptijd("nulalternatief", n), met_looptijd(args.alternatief, n), seed=args.seed,
                      schaal=args.schaal, voortgang=False)
        k = v.mkba().kengetallen.iloc[0]
        annuiteit = sum((1 + r) ** -j for j in range(n))
        print(f"{n} jaar beleid: NCW {k.ncw_maatschappij / 1e6:.1f} mln (horizon {k.ncw_horizon / 1e6:.1f}, uitloop "
              f"{k.ncw_uitloop / 1e6:.1f}, levensloop {k.ncw_levensloop / 1e6:.1f}); per beleidsjaar "
              f"{k.ncw_maatschappij / n / 1e6:.1f} mln; annuïtair {k.ncw_maatschappij / annuiteit / 1e6:.1f} mln; "
              f"programmakosten {k.programmakosten / 1e6:.1f} mln; voorkomen vsv {k.voorkomen_vsv:.0f}", flush=True)


if __name__ == "__main__":
    main()
