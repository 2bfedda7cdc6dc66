"""De spreiding van de NCW over zaden: dezelfde vergelijking (standaard de wet tegen het nulalternatief, schaal 50)
met de zaden 0 tot en met 9. Geen toets: een meting van hoeveel de uitkomst van de synthetische populatie afhangt.

    .venv/bin/python benchmarks/ncw_zaden.py --schaal 50 --zaden 10

Drukt per zaad de NCW (totaal en de delen) en daaronder het gemiddelde en de standaardafwijking (mln euro)."""

from __future__ import annotations

import argparse

import numpy as np

from simulatie.experimenten.vergelijking import vergelijk


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schaal", type=int, default=50)
    ap.add_argument("--zaden", type=int, default=10)
    ap.add_argument("--alternatief", default="wet")
    ap.add_argument("--werkers", type=int, default=None)
    args = ap.parse_args()
    kolommen = ("ncw_maatschappij", "ncw_horizon", "ncw_uitloop", "ncw_levensloop", "voorkomen_vsv")
    rijen = []
    for zaad in range(args.zaden):
        v = vergelijk("nulalternatief", args.alternatief, seed=zaad, schaal=args.schaal, voortgang=False,
                      werkers=args.werkers)
        k = v.mkba().kengetallen.iloc[0]
        rij = [float(k.get(n, np.nan)) for n in kolommen]
        rijen.append(rij)
        print(f"zaad {zaad}: " + ", ".join(f"{n} {x / (1e6 if n.startswith('ncw') else 1):.1f}"
                                         for n, x in zip(kolommen, rij)), flush=True)
    a = np.array(rijen)
    for i, n in enumerate(kolommen):
        deler = 1e6 if n.startswith("ncw") else 1
        print(f"{n}: gemiddeld {np.nanmean(a[:, i]) / deler:.1f}, sd {np.nanstd(a[:, i], ddof=1) / deler:.1f}")


if __name__ == "__main__":
    main()
