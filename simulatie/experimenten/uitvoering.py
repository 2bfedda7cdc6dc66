"""Eén manier om veel taken uit te rekenen: de uitvoerder (evaluator in de taal van de EMA Workbench).

Een `Uitvoerder` rekent `fn(taak)` voor een lijst taken, in dit proces (`InDitProces`), over lokale processen
(`LokaleProcessen`) of op een Dask-cluster (`DaskCluster`: 'lokaal' of het adres van een scheduler). De
vergelijking (vergelijk), de experimenten en de kalibratie gebruiken hem allemaal.

- `map(fn, taken)`: de uitkomsten in de volgorde van de taken;
- `stroom(fn, taken)`: (nummer, uitkomst) zodra een taak klaar is, in de volgorde van afronden;
- met `tussendoor` krijgt `fn` een kanaal mee (`fn(taak, kanaal)`): wat een taak onderweg met `kanaal.put`
  meldt, komt meteen bij `tussendoor` in dit proces (een experiment schrijft zo elk geval zodra het klaar is,
  ook als één taak er meer rekent).

Een uitkomst hangt alleen van de taak af, nooit van de werker: elke taak draagt haar eigen zaad. Dus geeft
elke uitvoerder dezelfde uitkomsten (getest). Een fout in een taak komt terug nadat wat al klaar was, gemeld
is; de taken die nog wachten, worden geannuleerd.

De werkers van `LokaleProcessen` leven niet langer dan hun opdracht. Ctrl-C gaat in een terminal naar de hele
procesgroep; de werkers negeren het (al vanaf hun start: het signaal is geblokkeerd terwijl ze gestart worden),
en het hoofdproces beëindigt ze bij elke onderbreking of fout (SIGTERM behandelt de opdrachtregel als Ctrl-C).
Wordt het hoofdproces zelf gedood (kill -9), dan stopt de kernel de werkers: op Linux vraagt elke werker bij
zijn start PR_SET_PDEATHSIG (prctl) aan; op andere systemen kijkt een wachtdraad elke halve seconde of de ouder
nog leeft. Beide werken met de startmethode 'spawn' die Mesa instelt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import signal
import sys
import threading
import time
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.managers import SyncManager
from typing import Any, Callable, Iterator, Protocol, Sequence

from simulatie.gedeeld.fouten import InvoerFout

DASK_HULP = "draai op een Dask-cluster: 'lokaal' of het adres van een scheduler (tcp://HOST:POORT)"
DASK_TOEGESTAAN = ("'lokaal' of het adres van een draaiende scheduler, tcp://HOST:POORT, "
                   "bijvoorbeeld tcp://127.0.0.1:8786")


class Uitvoerder(Protocol):
    """Rekent taken uit; zie de moduledocumentatie."""

    werkers: int

    def stroom(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None
               ) -> Iterator[tuple[int, Any]]: ...

    def map(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None) -> list: ...

    def sluit(self) -> None: ...


class _Basis:
    werkers = 1

    def map(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None) -> list:
        """De uitkomsten in de volgorde van de taken."""
        uit: dict[int, Any] = dict(self.stroom(fn, taken, tussendoor))
        return [uit[i] for i in range(len(taken))]

    def stroom(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None
               ) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    def sluit(self) -> None:
        """Ruim op (een cluster of verbinding); daarna kan de uitvoerder niet meer rekenen."""

    def __enter__(self):
        return self

    def __exit__(self, *fout) -> None:
        self.sluit()


class _Direct:
    """Het kanaal in dit proces: een melding gaat meteen naar `tussendoor`."""

    def __init__(self, tussendoor: Callable):
        self.put = tussendoor


class InDitProces(_Basis):
    """Alles na elkaar in dit proces: een onderbreking (Ctrl-C) stopt meteen, na de taak die loopt."""

    def stroom(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None
               ) -> Iterator[tuple[int, Any]]:
        kanaal = _Direct(tussendoor) if tussendoor is not None else None
        for i, taak in enumerate(taken):
            yield i, (fn(taak) if kanaal is None else fn(taak, kanaal))


class LokaleProcessen(_Basis):
    """Een pool van `werkers` lokale processen (standaard alle kernen), per aanroep van stroom of map; één taak
    rekent in dit proces."""

    def __init__(self, werkers: int | None = None):
        self.werkers = werkers or os.cpu_count() or 1

    def stroom(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None
               ) -> Iterator[tuple[int, Any]]:
        if len(taken) <= 1:
            # één taak (zoals de tweede ronde van de break-even): een pool is dan alleen opstarttijd, en een nieuw
            # proces bouwt de populatie opnieuw die dit proces al in het geheugen heeft
            yield from InDitProces().stroom(fn, taken, tussendoor)
            return
        ouder = os.getpid()
        beheer = SyncManager() if tussendoor is not None else None
        pool = ProcessPoolExecutor(max_workers=min(self.werkers, max(len(taken), 1)), initializer=_werker_start,
                                   initargs=(ouder,))
        gelukt = False
        try:
            with _zonder_ctrl_c():  # de processen starten hier (spawn: bij submit), met Ctrl-C geblokkeerd
                if beheer is not None:
                    beheer.start(_werker_start, (ouder,))
                kanaal = beheer.Queue() if beheer is not None else None
                lopend = [pool.submit(fn, taak) if kanaal is None else pool.submit(fn, taak, kanaal)
                          for taak in taken]
            yield from _oogst(lopend, kanaal, tussendoor, _procesfout)
            gelukt = True
        finally:
            if not gelukt:  # onderbroken of mislukt: niet wachten tot de lopende taken klaar zijn
                for proces in list((pool._processes or {}).values()):  # de pool kent geen terminate (tot 3.14)
                    proces.terminate()
            pool.shutdown(cancel_futures=True)
            if beheer is not None and hasattr(beheer, "shutdown"):  # shutdown bestaat pas na een gelukte start
                beheer.shutdown()


class DaskCluster(_Basis):
    """Een Dask-cluster: `adres` is 'lokaal' (een cluster van `werkers` processen op deze machine, standaard
    alle kernen) of het adres van een draaiende scheduler. De verbinding komt meteen: een fout adres geeft
    een InvoerFout vóór er gerekend of geschreven wordt."""

    def __init__(self, adres: str, werkers: int | None = None):
        # dask pas hier: een zwaar, optioneel pad; wie lokaal rekent, laadt het niet
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask staat in de afhankelijkheden
            raise InvoerFout("Dask is niet geïnstalleerd.", veld="--dask",
                             toegestaan="pip install 'dask[distributed]'") from None
        self.adres = adres
        self._cluster = None
        if adres == "lokaal":
            self._cluster = LocalCluster(n_workers=werkers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self.client = Client(self._cluster)
        else:
            self.client = verbind(adres)
        self.werkers = max(1, len(self.client.scheduler_info().get("workers", {})) or (werkers or 1))

    def stroom(self, fn: Callable, taken: Sequence, tussendoor: Callable | None = None
               ) -> Iterator[tuple[int, Any]]:
        from dask.distributed import Queue  # zie __init__: dask alleen op dit pad

        kanaal = Queue(client=self.client) if tussendoor is not None else None
        lopend = [self.client.submit(fn, taak, pure=False) if kanaal is None
                  else self.client.submit(fn, taak, kanaal, pure=False) for taak in taken]
        try:
            yield from _oogst(lopend, kanaal, tussendoor, _daskfout)
        finally:
            for f in lopend:
                if not f.done():
                    f.cancel()

    def sluit(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


@contextmanager
def _zonder_ctrl_c():
    """Start processen zonder dat Ctrl-C of SIGTERM de start breekt (alleen in de hoofddraad, waar de signalen
    binnenkomen). SIGINT is geblokkeerd, zodat een proces dat hier start het geblokkeerd erft en zijn start niet
    met een traceback afbreekt. Een signaal aan dit proces wordt onthouden en na het blok alsnog gegeven."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    gekregen: list[int] = []
    oud = {s: signal.signal(s, lambda nummer, _: gekregen.append(nummer)) for s in (signal.SIGINT, signal.SIGTERM)}
    masker = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, masker)
        for s, handler in oud.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        for nummer in dict.fromkeys(gekregen):
            signal.raise_signal(nummer)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _werker_start(ouder: int) -> None:
    """De start van een werker: Ctrl-C negeren (de ouder beëindigt de werkers en meldt de onderbreking) en sterven
    met de ouder (zie de moduledocumentatie)."""
    from tqdm import tqdm

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # een Ctrl-C van tijdens de start vervalt
    # tqdm maakt anders een semafoor van multiprocessing, die een beëindigde werker niet afmeldt: de resource
    # tracker meldt dan 'leaked semaphore objects'. Binnen één werker volstaat een gewoon slot.
    tqdm.set_lock(threading.RLock())
    if not _sterf_met_ouder():
        threading.Thread(target=_wacht_op_ouder, args=(ouder,), daemon=True, name="wacht-op-ouder").start()
    if os.getppid() != ouder:  # de ouder stierf al vóór het bovenstaande
        os._exit(1)


def _sterf_met_ouder() -> bool:
    """Vraag de kernel (Linux) om SIGKILL zodra de ouder sterft; False als dat hier niet kan."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _wacht_op_ouder(ouder: int) -> None:
    while os.getppid() == ouder:
        time.sleep(0.5)
    os._exit(1)


def _procesfout(f: Future) -> bool:
    return f.exception() is not None


def _daskfout(f) -> bool:
    return f.status == "error"


def _oogst(lopend: list, kanaal, tussendoor: Callable | None, mislukt: Callable
           ) -> Iterator[tuple[int, Any]]:
    """(nummer, uitkomst) van elke taak zodra zij klaar is; de meldingen op het kanaal gaan intussen naar
    `tussendoor`. Een mislukte taak: eerst alles melden wat al klaar is, dan haar fout."""
    open_ = dict(enumerate(lopend))

    def leeg(wachten: float) -> None:
        while True:
            try:
                melding = kanaal.get(timeout=wachten)
            except Exception:  # noqa: BLE001 - queue.Empty, of de time-out van Dask
                return
            tussendoor(melding)
            wachten = 0.01

    while open_:
        klaar = [i for i, f in open_.items() if f.done()]
        if kanaal is not None:
            # een werker meldt zijn gevallen vóór zijn taak klaar is: na 'klaar' staat alles op het kanaal
            leeg(0.01 if klaar else 0.2)
        elif not klaar:
            time.sleep(0.02)
        if any(mislukt(open_[i]) for i in klaar):
            klaar.sort(key=lambda i: mislukt(open_[i]))  # eerst de geslaagde
        for i in klaar:
            yield i, open_.pop(i).result()  # een mislukte taak geeft hier haar fout


def kies_uitvoerder(dask: str | None = None, werkers: int | None = None) -> Uitvoerder:
    """De uitvoerder voor de opties van de opdrachtregel: Dask als er een adres is, anders lokale processen
    (standaard alle kernen), of dit proces bij één werker."""
    if dask:
        return DaskCluster(dask, werkers)
    werkers = werkers or os.cpu_count() or 1
    return InDitProces() if werkers == 1 else LokaleProcessen(werkers)


def controleer_dask(dask: str | None) -> None:
    """Een Dask-adres vóór er iets geschreven wordt: de vorm, en of er een scheduler antwoordt (binnen 5 s)."""
    if dask and dask != "lokaal":
        verbind(dask).close()


def verbind(dask: str):
    """Een Dask-client voor het adres van een scheduler; een fout adres of geen antwoord: een InvoerFout."""
    if not re.fullmatch(r"(tcp|tls)://[A-Za-z0-9_.\-\[\]:]+:\d{1,5}", dask):
        raise InvoerFout(f"'{dask}' is geen adres van een Dask-scheduler.", veld="--dask", toegestaan=DASK_TOEGESTAAN)
    from dask.distributed import Client  # dask alleen als er een adres is (zwaar, optioneel pad)

    try:
        return Client(dask, timeout="5s")
    except ValueError:
        raise InvoerFout(f"'{dask}' is geen geldig adres van een Dask-scheduler.", veld="--dask",
                         toegestaan=DASK_TOEGESTAAN) from None
    except (OSError, TimeoutError):
        raise InvoerFout(f"Geen Dask-scheduler bereikbaar op '{dask}' (geen antwoord binnen 5 seconden).",
                         veld="--dask", toegestaan=DASK_TOEGESTAAN) from None

