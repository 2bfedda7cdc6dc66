"""Schrijven naar de uitvoermap: alles of niets, met herkomst bij elk resultaat.

Een uitvoermap beschrijft één run. Een run schrijft alleen in een map die nog niet bestaat of leeg is, of
met `overschrijf` (--overschrijf): dan gaan eerst de bestanden weg die de vorige run schreef, zoals zijn
eigendomsbestand (EIGENAAR) die opsomt; bestanden die niet van een run zijn, blijven staan.

Vóór het rekenen wordt gecontroleerd of er geschreven mag worden; bestanden gaan eerst naar een tijdelijke
map naast de uitvoermap en worden pas aan het eind verplaatst. Een fout halverwege laat de uitvoermap dus
zoals hij was, en mappen die de run maakte, gaan weer weg. Tijdens de run houdt een slot (`slot`) andere
runs uit dezelfde map: twee runs schrijven nooit door elkaar. Wie het slot neemt, ruimt de tijdelijke mappen op
die een gedode run (kill -9) naast de uitvoermap liet staan: met het slot vrij leeft hun eigenaar niet meer.

Elke opdracht behandelt `--uit` op dezelfde manier (`uitvoerpad`): een bestaand bestand, een symbolische
koppeling die nergens heen wijst en een map binnen de uitvoer van een andere opdracht worden geweigerd; een
koppeling naar een map wordt gevolgd (slot en tijdelijke map liggen naast de echte map).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import platform
import re
import shutil
import signal
import threading
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import mesa
import numpy

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.versie import __version__

EIGENAAR = ".jongeren-uitvoer.json"  # welke bestanden de run in deze map schreef
_OSFOUTEN = {
    errno.EACCES: "geen schrijfrechten", errno.EPERM: "niet toegestaan", errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOENT: "het pad bestaat niet", errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.ENOSPC: "de schijf is vol", errno.ENAMETOOLONG: "de naam is te lang", errno.EEXIST: "bestaat al",
}


def _oorzaak(fout: OSError) -> str:
    if fout.errno in _OSFOUTEN:
        return _OSFOUTEN[fout.errno]
    return fout.strerror or str(fout)


def _niet_schrijfbaar(doel: Path, fout: OSError) -> InvoerFout:
    return InvoerFout(f"In de uitvoermap kan niet worden geschreven: {_oorzaak(fout)}.", bestand=doel, veld="--uit",
                      toegestaan="een map waarin geschreven mag worden")


def uitvoerpad(doel: str | Path) -> Path:
    """Het absolute pad van een uitvoermap, met symbolische koppelingen gevolgd. Geweigerd: een lege naam, de
    wortel van het bestandssysteem, een bestaand bestand, een koppeling die nergens heen wijst, en een map
    binnen de uitvoer van een andere opdracht (die haar map als geheel beheert)."""
    if not str(doel).strip():
        raise InvoerFout("Een lege naam is geen uitvoermap.", veld="--uit",
                         toegestaan="een (nieuwe of lege) map, bijvoorbeeld resultaten/mijn_run")
    pad = Path(os.path.abspath(doel))
    for deel in (pad, *pad.parents):
        if deel.is_symlink() and not deel.exists():
            raise InvoerFout(f"'{deel}' is een symbolische koppeling naar iets dat niet bestaat "
                             f"({os.readlink(deel)}).", bestand=doel, veld="--uit",
                             toegestaan="een (nieuwe of lege) map, of een koppeling naar een bestaande map")
    pad = Path(os.path.realpath(pad))
    if not pad.name:
        raise InvoerFout("De wortel van het bestandssysteem is geen uitvoermap.", bestand=doel, veld="--uit",
                         toegestaan="een (nieuwe of lege) map, bijvoorbeeld resultaten/mijn_run")
    if pad.exists() and not pad.is_dir():
        raise InvoerFout("De uitvoermap is een bestaand bestand.", bestand=doel, veld="--uit",
                         toegestaan="een (nieuwe of lege) map")
    for ouder in pad.parents:
        opdracht = _opdracht_van(ouder)
        if opdracht is not None:
            raise InvoerFout(f"De uitvoermap ligt in de map van een andere uitvoer ({opdracht} in {ouder}); die "
                             f"opdracht beheert haar map als geheel.", bestand=doel, veld="--uit",
                             toegestaan="een map buiten de uitvoer van een andere opdracht")
    return pad


def _opdracht_van(map_: Path) -> str | None:
    """De opdracht die volgens het eigendomsbestand in `map_` schreef, of None als er geen is."""
    pad = map_ / EIGENAAR
    if not pad.is_file():  # ook als de map geen map is of niet te lezen
        return None
    try:
        data = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "onbekend"  # er staat een eigendomsbestand: de map is van een opdracht, al is het onleesbaar
    opdracht = data.get("opdracht") if isinstance(data, dict) else None
    return opdracht if isinstance(opdracht, str) and opdracht else "onbekend"


def _maak_ouders(pad: Path) -> list[Path]:
    """Maak de ontbrekende mappen boven `pad`; geeft de gemaakte, de bovenste eerst."""
    ontbreekt = [p for p in pad.parents if not p.exists()][::-1]
    gemaakt: list[Path] = []
    try:
        for p in ontbreekt:
            p.mkdir()
            gemaakt.append(p)
    except OSError:
        _ruim_ouders_op(gemaakt)
        raise
    return gemaakt


def _ruim_ouders_op(gemaakt: list[Path]) -> None:
    for p in reversed(gemaakt):
        try:
            p.rmdir()  # alleen als hij leeg is
        except OSError:
            break


@contextmanager
def slot(doel: str | Path) -> Iterator[list[Path]]:
    """Houd andere runs uit `doel` zolang dit blok loopt (een fcntl-slot op een verborgen bestand ernaast; het
    slot vervalt vanzelf als het proces stopt, ook bij kill -9). Maakt de ontbrekende bovenliggende mappen en
    geeft ze; lukt het blok niet, dan gaan ze weer weg. Dat het slotbestand gemaakt kan worden, toont ook
    dat er naast `doel` geschreven mag worden."""
    doel = Path(doel)
    try:
        gemaakt = _maak_ouders(doel)
    except OSError as fout:
        raise _niet_schrijfbaar(doel, fout) from None
    pad = doel.parent / f".{doel.name}.slot"
    gelukt = False
    try:
        fd = _neem_slot(doel, pad)
        try:
            _ruim_gedode_runs_op(doel)
            yield gemaakt
            gelukt = True
        finally:
            pad.unlink(missing_ok=True)  # eerst weghalen, dan loslaten: wie het oude bestand nog pakt, ziet dat
            os.close(fd)
    finally:
        if not gelukt:
            _ruim_ouders_op(gemaakt)


def _tijdelijk_prefix(doel: Path) -> str:
    return f".{doel.name}.bezig-"


def _ruim_gedode_runs_op(doel: Path) -> None:
    """Haal de tijdelijke mappen weg die een gedode run (kill -9) naast `doel` liet staan. Alleen die van deze
    uitvoermap (het prefix en de 8 tekens van mkdtemp): wie het slot van `doel` heeft, weet dat hun eigenaar
    niet meer leeft."""
    naam = re.compile(re.escape(_tijdelijk_prefix(doel)) + r"[A-Za-z0-9_]{8}")
    try:
        oud = [p for p in doel.parent.iterdir() if naam.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    for p in oud:
        shutil.rmtree(p, ignore_errors=True)


def _neem_slot(doel: Path, pad: Path, pogingen: int = 3) -> int:
    """Een exclusief fcntl-slot op `pad`; geeft de bestandsdescriptor. Bezet: een InvoerFout."""
    for _ in range(pogingen):
        try:
            fd = os.open(pad, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as fout:
            raise _niet_schrijfbaar(doel, fout) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InvoerFout("Er schrijft al een andere run naar deze uitvoermap.", bestand=doel, veld="--uit",
                             toegestaan="wachten tot die run klaar is, of een andere map") from None
        try:
            if os.fstat(fd).st_ino == os.stat(pad).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # de vorige houder haalde het bestand net weg: opnieuw, met een nieuw bestand
    raise InvoerFout("Het slot van de uitvoermap wisselt steeds van eigenaar.", bestand=doel, veld="--uit",
                     toegestaan="wachten tot de andere runs klaar zijn, of een andere map")


def eigen_bestanden(doel: Path) -> list[str] | None:
    """De bestanden die de vorige run volgens het eigendomsbestand in `doel` schreef (None: geen run)."""
    try:
        data = json.loads((doel / EIGENAAR).read_text(encoding="utf-8"))
        return [n for n in data["bestanden"] if isinstance(n, str) and n and Path(n).name == n and n != EIGENAAR]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def controleer_leeg(doel: Path, overschrijf: bool, vervangt: tuple[str, ...] = ("run", "vergelijk")) -> list[str]:
    """Mag een run in `doel` schrijven? Geeft de namen die er al staan en niet van een vorige run zijn (die blijven
    staan bij --overschrijf). Alleen de uitvoer van een opdracht uit `vervangt` mag vervangen worden: een map met
    het eigendomsbestand van een andere opdracht wordt geweigerd. Test ook of er in een bestaande map geschreven
    mag worden."""
    if not doel.exists():
        return []
    inhoud = sorted(p.name for p in doel.iterdir())
    if inhoud and not overschrijf:
        voorbeeld = ", ".join(n for n in inhoud[:3] if n != EIGENAAR) or EIGENAAR
        raise InvoerFout(f"De uitvoermap bestaat al en is niet leeg ({len(inhoud)} bestand(en), bijvoorbeeld "
                         f"{voorbeeld}); een run zou er bestanden van een andere run naast zetten.", bestand=doel,
                         veld="--uit", toegestaan="een nieuwe of lege map, of --overschrijf om de bestanden van de "
                                                  "vorige run te vervangen")
    opdracht = _opdracht_van(doel)
    if opdracht is not None and opdracht not in vervangt:
        raise InvoerFout(f"In de uitvoermap staat de uitvoer van '{opdracht}' (volgens {EIGENAAR}); deze opdracht "
                         f"vervangt alleen de uitvoer van {' of '.join(repr(o) for o in vervangt)}.", bestand=doel,
                         veld="--uit", toegestaan="een nieuwe of lege map, of een map zonder uitvoer van een "
                                              "andere opdracht")
    try:
        tempfile.TemporaryFile(dir=doel).close()
    except OSError as fout:
        raise _niet_schrijfbaar(doel, fout) from None
    eigen = set(eigen_bestanden(doel) or ())
    return [n for n in inhoud if n not in eigen and n != EIGENAAR]


@contextmanager
def uitvoermap(doel: str | Path, overschrijf: bool = False, opdracht: str = "",
               naast_invoer: bool = False, vervangt: tuple[str, ...] = ("run", "vergelijk")) -> Iterator[Path]:
    """Geeft een tijdelijke map; bij succes komen de bestanden in `doel`, bij een fout nergens.

    Controleert vóór het rekenen (dus bij het binnengaan) of er in `doel` geschreven mag worden en of hij leeg
    is (of `overschrijf`: dan gaan alleen de bestanden van de vorige uitvoer van een opdracht uit `vervangt`
    weg), en houdt andere runs eruit tot de bestanden staan. Met `naast_invoer` staan er bewust andere
    bestanden in de map (kalibratie/ met de doelen) en wordt daar niet over gemeld."""
    doel = uitvoerpad(doel)
    with slot(doel):
        vreemd = controleer_leeg(doel, overschrijf, vervangt)
        if vreemd and not naast_invoer:
            print(f"Let op: in {doel} blijven {len(vreemd)} bestand(en) staan die niet van een vorige run zijn "
                  f"(bijvoorbeeld {', '.join(vreemd[:3])}).", file=sys.stderr)
        try:
            tijdelijk = Path(tempfile.mkdtemp(prefix=_tijdelijk_prefix(doel), dir=doel.parent))
            os.chmod(tijdelijk, 0o777 & ~_umask())  # mkdtemp maakt 0700; de uitvoermap krijgt gewone rechten
        except OSError as fout:
            raise _niet_schrijfbaar(doel, fout) from None
        try:
            yield tijdelijk
            with ononderbroken():
                _plaats(tijdelijk, doel, opdracht)
        finally:
            shutil.rmtree(tijdelijk, ignore_errors=True)


@contextmanager
def ononderbroken() -> Iterator[None]:
    """Laat Ctrl-C en SIGTERM het blok niet onderbreken (het verplaatsen van de bestanden: half verplaatst zou de
    map noch oud noch nieuw laten). Het blok duurt milliseconden en is het laatste van de opdracht: die maakt
    zijn werk dan af. Alleen in de hoofddraad (daar komen de signalen binnen)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    oud = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in oud.items():
            if handler is not None:  # None: niet vanuit Python gezet, dan valt er niets terug te zetten
                signal.signal(s, handler)


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


def _plaats(tijdelijk: Path, doel: Path, opdracht: str) -> None:
    """Zet de bestanden uit `tijdelijk` in `doel`, met een eigendomsbestand dat ze opsomt."""
    namen = sorted(p.name for p in tijdelijk.iterdir())
    schrijf_json(tijdelijk / EIGENAAR, {"pakket": "jongeren-duurzaam-werk", "opdracht": opdracht,
                                        "gemaakt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                        "bestanden": namen})
    if not doel.exists():
        tijdelijk.rename(doel)  # in één stap
        return
    for naam in eigen_bestanden(doel) or ():
        oud = doel / naam
        if oud.is_dir() and not oud.is_symlink():
            shutil.rmtree(oud)
        else:
            oud.unlink(missing_ok=True)
    for bestand in sorted(tijdelijk.iterdir(), key=lambda p: p.name == EIGENAAR):  # het eigendomsbestand als laatste
        doelbestand = doel / bestand.name
        if doelbestand.is_dir() and not doelbestand.is_symlink():
            shutil.rmtree(doelbestand)
        bestand.replace(doelbestand)


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
