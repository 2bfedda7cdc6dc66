"""Schrijven naar de uitvoermap: alles of niets, met herkomst bij elk resultaat.

Bestanden gaan eerst naar een tijdelijke map naast de uitvoermap en worden pas aan het eind
verplaatst; een fout halverwege laat de uitvoermap dus zoals hij was.
"""

from __future__ import annotations

import json
import platform
import shutil
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from simulatie.fouten import InvoerFout


@contextmanager
def uitvoermap(doel: str | Path) -> Iterator[Path]:
    """Geeft een tijdelijke map; bij succes komen de bestanden in `doel`, bij een fout nergens."""
    doel = Path(doel)
    if doel.exists() and not doel.is_dir():
        raise InvoerFout("De uitvoermap is een bestaand bestand.", bestand=doel, veld="--uit",
                         toegestaan="een (nieuwe of bestaande) map")
    ouder = doel.parent
    try:
        ouder.mkdir(parents=True, exist_ok=True)
        tijdelijk = Path(tempfile.mkdtemp(prefix=f".{doel.name}.bezig-", dir=ouder))
    except OSError as fout:
        raise InvoerFout(f"De uitvoermap kan niet worden gemaakt: {fout.strerror}.", bestand=doel,
                         veld="--uit", toegestaan="een map waarin geschreven mag worden") from None
    try:
        yield tijdelijk
        doel.mkdir(parents=True, exist_ok=True)
        for bestand in sorted(tijdelijk.iterdir()):
            doelbestand = doel / bestand.name
            if doelbestand.is_dir() and not doelbestand.is_symlink():
                shutil.rmtree(doelbestand)
            bestand.replace(doelbestand)
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)


@contextmanager
def atomair(pad: str | Path) -> Iterator[Path]:
    """Schrijf naar de gegeven tijdelijke naam; pas als dat lukt, vervangt hij `pad` in één stap. Een
    onderbreking laat dus nooit een half bestand achter (de verborgen tijdelijke naam wordt genegeerd)."""
    pad = Path(pad)
    tijdelijk = pad.with_name(f".{pad.name}.tmp")
    try:
        yield tijdelijk
        tijdelijk.replace(pad)
    finally:
        tijdelijk.unlink(missing_ok=True)


def herkomst(**gegevens) -> dict:
    """Wat nodig is om een resultaat te herleiden en te herhalen."""
    import mesa
    import numpy

    from simulatie import __version__

    return {
        "pakket": "jongeren-duurzaam-werk",
        "versie": __version__,
        "gemaakt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "mesa": mesa.__version__,
        **gegevens,
    }


def schrijf_json(pad: Path, data: dict) -> None:
    pad.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")


class Stopwatch:
    def __init__(self):
        self.start = time.perf_counter()

    @property
    def seconden(self) -> float:
        return time.perf_counter() - self.start
