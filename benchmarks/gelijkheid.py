"""Meetlat voor een herbouw: zijn de uitkomsten na een verandering precies gelijk aan die ervoor?

    python benchmarks/gelijkheid.py schrijf MAP      # de uitkomsten van deze checkout in MAP
    python benchmarks/gelijkheid.py vergelijk OUD NIEUW

`schrijf` draait via de CLI (de stabiele grens van het pakket):
  - `vergelijk` van het nulalternatief tegen alle scenariobestanden (schaal 200, 3 jaar, met break-even en twee
    trekkingen voor de populatieruis), dus de MKBA, de effecten, de regio's, de groepen en het kasritme;
  - `run nulalternatief` (de maandcijfers);
  - een kleine PSA (`gevoeligheid wet --methode psa --n 8`): de uitkomsten van een experiment per geval;
  - een korte kalibratie (`kalibreer --schaal 100 --max-iteraties 1`): fit, identificatie en toetsen.
`vergelijk` legt elk CSV- en Parquet-bestand van OUD naast dat van NIEUW met `assert_frame_equal` (rtol 1e-12) en
noemt wat verschilt. Geen toets: het duurt enkele minuten en meet een verandering, geen gedrag.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

SCENARIOS = Path(__file__).resolve().parents[1] / "scenario's"
# bestanden die tijd, paden of versies dragen: geen uitkomst
OVERSLAAN = {"herkomst.json", "experiment.json"}


def schrijf(map_: Path) -> None:
    jongeren = [sys.executable, "-m", "simulatie.voorkant.cli"]
    alle = sorted(p.stem for p in SCENARIOS.glob("*.toml") if p.stem != "nulalternatief")
    opdrachten = [
        [*jongeren, "vergelijk", "nulalternatief", *alle, "--schaal", "200", "--jaren", "3",
         "--ruis-trekkingen", "2", "--uit", str(map_ / "vergelijk")],
        [*jongeren, "run", "nulalternatief", "--schaal", "200", "--jaren", "3", "--uit", str(map_ / "run")],
        [*jongeren, "gevoeligheid", "wet", "--methode", "psa", "--n", "8", "--schaal", "400", "--jaren", "3",
         "--werkers", "2", "--uit", str(map_ / "psa")],
        [*jongeren, "kalibreer", "--schaal", "100", "--max-iteraties", "1", "--zonder-volle-schaal", "--werkers", "2",
         "--uit", str(map_ / "kalibratie")],
    ]
    for opdracht in opdrachten:
        print("$", " ".join(opdracht[2:]), flush=True)
        subprocess.run(opdracht, check=True, stdout=subprocess.DEVNULL)


def _lees(pad: Path) -> pd.DataFrame:
    df = pd.read_csv(pad) if pad.suffix == ".csv" else pd.read_parquet(pad)
    return df.drop(columns=[k for k in df.columns if k in ("seconden", "duur_s")], errors="ignore")


def vergelijk(oud: Path, nieuw: Path) -> int:
    bestanden = sorted(p.relative_to(oud) for p in oud.rglob("*") if p.suffix in (".csv", ".parquet")
                       and p.name not in OVERSLAAN)
    fouten = 0
    for rel in bestanden:
        if not (nieuw / rel).exists():
            print(f"ONTBREEKT  {rel}")
            fouten += 1
            continue
        try:
            pd.testing.assert_frame_equal(_lees(oud / rel), _lees(nieuw / rel), rtol=1e-12, check_dtype=False)
        except AssertionError as verschil:
            print(f"VERSCHIL   {rel}: {str(verschil).splitlines()[0:3]}")
            fouten += 1
    nieuwe = sorted(p.relative_to(nieuw) for p in nieuw.rglob("*") if p.suffix in (".csv", ".parquet")
                    and not (oud / p.relative_to(nieuw)).exists())
    for rel in nieuwe:
        print(f"NIEUW      {rel}")
    print(f"{len(bestanden) - fouten} van {len(bestanden)} tabellen gelijk (rtol 1e-12).")
    return 1 if fouten else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "schrijf":
        schrijf(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "vergelijk":
        sys.exit(vergelijk(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
