"""De notebooks: hoe lang elk notebook van boven naar beneden duurt op de schaal van de toetsen.

    python benchmarks/notebooks.py --herhalingen 3
    python benchmarks/notebooks.py --schaal 10 --jaren 10 --n 20 --herhalingen 1   # de standaard van de notebooks

Dezelfde instellingen als `tests/test_notebooks.py` (JONGEREN_SCHAAL=1000, JONGEREN_JAREN=2, JONGEREN_N=3; figuren
naar een tijdelijke map); meldt elke meting en de mediaan per notebook. De toets kijkt of de notebooks draaien en
hun figuren bewaren, niet hoe snel.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from simulatie.gedeeld.opmaak import nl

MAP = Path(__file__).resolve().parent.parent / "notebooks"


def meet(pad: Path, omgeving: dict[str, str]) -> float:
    """Seconden voor één notebook, in een nieuwe kernel (het starten van de kernel telt mee)."""
    nb = nbformat.read(pad, as_version=4)
    oud = {k: os.environ.get(k) for k in omgeving}
    os.environ.update(omgeving)  # de kernel erft de omgeving van dit proces
    try:
        begin = time.perf_counter()
        NotebookClient(nb, timeout=None, kernel_name="python3", resources={"metadata": {"path": str(MAP)}}).execute()
        return time.perf_counter() - begin
    finally:
        for k, v in oud.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herhalingen", type=int, default=3)
    ap.add_argument("--schaal", type=int, default=1000)
    ap.add_argument("--jaren", type=int, default=2)
    ap.add_argument("--n", type=int, default=3)
    a = ap.parse_args()
    for pad in sorted(MAP.glob("*.ipynb")):
        tijden = []
        for _ in range(a.herhalingen):
            with tempfile.TemporaryDirectory(prefix="bench_nb_") as uit:
                tijden.append(meet(pad, {"JONGEREN_SCHAAL": str(a.schaal), "JONGEREN_JAREN": str(a.jaren),
                                         "JONGEREN_N": str(a.n), "JONGEREN_UIT": uit}))
        print(f"{pad.stem}: {'; '.join(nl(t, 0) for t in tijden)} s, mediaan {nl(statistics.median(tijden), 0)} s",
              flush=True)


if __name__ == "__main__":
    main()
