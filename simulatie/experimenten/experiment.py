"""Experimenten: veel gevallen (scenario, parameterwaarden, seed) draaien op een uitvoerder.

Een geval is een rij van een ontwerp (een matrix van parameterwaarden). Een evaluator rekent een geval
uit tot een dict met uitkomsten. De uitvoerder is standaard een pool van lokale processen (alle kernen),
of een Dask-cluster (`dask="lokaal"` of het adres van een scheduler). Elk afgerond geval wordt meteen
als eigen Parquet-bestand in de opslag geschreven (eerst onder een tijdelijke naam, dan hernoemd), ook als
een werker meer gevallen samen rekent: een onderbroken experiment hervat waar het stopte, zonder een geval
te verliezen of dubbel te rekenen.

Hervatten mengt nooit twee experimenten. De opslag draagt een vingerafdruk van alles wat zijn gevallen
bepaalt (het ontwerp, de herkomst, en van de evaluator: de scenario's na `basis`, alle parameterwaarden met
de gekalibreerde, de versie van het pakket, seed, schaal en jaren); bij een andere vingerafdruk weigert
`draai` te hervatten en zegt wat verschilt (met `opnieuw` begint hij opnieuw). Elk gevalbestand draagt zijn
nummer, de vingerafdruk van zijn opslag en een controlegetal over zijn invoer en uitkomsten; een bestand
dat daar niet bij past (leeg, afgekapt, van een ander geval of een andere opslag gekopieerd) geeft een
InvoerFout die het bestand noemt. Het wordt niet stilzwijgend opnieuw gerekend: wie het bestand weghaalt,
laat alleen dat geval opnieuw rekenen; `opnieuw` gooit alle gevallen weg.

In de taal van de EMA Workbench: de parameters met een verdeling zijn de onzekerheden, het scenario
is de hefboom, de uitkomsten zijn de outcomes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from simulatie.gedeeld.fouten import InvoerFout
from simulatie.gedeeld.uitvoer import atomair

ONTWERP = "ontwerp.parquet"
OPSLAG = "gevallen"
MANIFEST = "experiment.json"
GEVALBESTAND = re.compile(r"geval-(\d{6})\.parquet")
HERSTEL = ("verwijder dit bestand (dan wordt alleen dit geval opnieuw gerekend), of begin opnieuw met --opnieuw "
           "(alle opgeslagen gevallen gaan weg)")
# wat een deel van de vingerafdruk betekent, voor de melding bij een verschil
DELEN = {
    "nulalternatief": "het nulalternatief (de inhoud van het scenario)",
    "alternatief": "het alternatief (de inhoud van het scenario)",
    "parameters": "de parameterwaarden (parameterbestanden of gekalibreerde waarden)",
    "versie": "de versie van het pakket",
    "instellingen": "seed, schaal of jaren",
    "evaluator": "wat een geval uitrekent",
    "herkomst": "de opdracht (methode, n, seed, schaal, jaren of onderdeel)",
    "ontwerp": "het ontwerp (de parameterwaarden van de gevallen)",
}


def _hash(data) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str, allow_nan=True).encode()).hexdigest()


def vingerafdruk(delen: Mapping[str, object]) -> dict[str, str]:
    """Per deel een sha256 over zijn inhoud, plus 'totaal' over alle delen."""
    afdruk = {naam: _hash(inhoud) for naam, inhoud in delen.items()}
    return {**afdruk, "totaal": _hash(afdruk)}


def verschillen(oud: Mapping[str, str] | None, nieuw: Mapping[str, str]) -> list[str]:
    """In woorden: welke delen van twee vingerafdrukken verschillen."""
    if not isinstance(oud, Mapping):
        return ["de opslag is van een oudere versie (zonder vingerafdruk)"]
    namen = [n for n in {**oud, **nieuw} if n != "totaal" and oud.get(n) != nieuw.get(n)]
    return [DELEN.get(n, n) for n in namen] or (["de vingerafdruk"] if oud.get("totaal") != nieuw["totaal"] else [])


def controleer_dask(dask: str | None) -> None:
    """Een Dask-adres vóór er iets geschreven wordt: de vorm, en of er een scheduler antwoordt (binnen 5 s)."""
    if dask and dask != "lokaal":
        _verbind(dask).close()


def _verbind(dask: str):
    """Een Dask-client voor het adres van een scheduler; een fout adres of geen antwoord: een InvoerFout."""
    toegestaan = "'lokaal' of het adres van een draaiende scheduler, tcp://HOST:POORT, bijvoorbeeld tcp://127.0.0.1:8786"
    if not re.fullmatch(r"(tcp|tls)://[A-Za-z0-9_.\-\[\]:]+:\d{1,5}", dask):
        raise InvoerFout(f"'{dask}' is geen adres van een Dask-scheduler.", veld="--dask", toegestaan=toegestaan)
    from dask.distributed import Client

    try:
        return Client(dask, timeout="5s")
    except ValueError:
        raise InvoerFout(f"'{dask}' is geen geldig adres van een Dask-scheduler.", veld="--dask",
                         toegestaan=toegestaan) from None
    except (OSError, TimeoutError):
        raise InvoerFout(f"Geen Dask-scheduler bereikbaar op '{dask}' (geen antwoord binnen 5 seconden).",
                         veld="--dask", toegestaan=toegestaan) from None


# Een kolom van een ontwerp die geen parameter is maar de populatie kiest: het zaad is seed + trekking.
TREKKING = "populatie.trekking"

# ------------------------------------------------------------------------------------ evaluatoren

@dataclass(frozen=True)
class Vergelijkingsevaluator:
    """Een geval = het alternatief tegen het nulalternatief met deze parameterwaarden (zelfde seed).

    Gevallen kunnen samen worden uitgerekend (`groep`): een simulatie wordt dan hergebruikt door elk
    geval dat op alle parameters die die simulatie las dezelfde waarde heeft. Het resultaat per geval is
    precies gelijk aan dat van een los geval; het scheelt simulaties als een experiment prijzen varieert
    (die leest de simulatie niet) of effecten van begeleiding die het nulalternatief niet kent."""

    nul: dict
    alternatief: dict
    seed: int = 0
    schaal: int = 50
    jaren: int = 10
    vast: Mapping[str, float] = field(default_factory=dict)
    # ook effecten en NCW per groep en regio (groepen.py): runs met uitsplitsing, uitkomsten 'groep:...'
    per_groep: bool = False

    def vingerafdruk(self) -> dict:
        """Alles wat de uitkomst van een geval bepaalt, behalve de waarden van het geval zelf."""
        from simulatie.gedeeld.versie import __version__
        from simulatie.invoer.parameters import laad_parameters

        return {"nulalternatief": self.nul, "alternatief": self.alternatief,
                "parameters": {**laad_parameters().als_dict(), **self.vast}, "versie": __version__,
                "instellingen": {"seed": self.seed, "schaal": self.schaal, "jaren": self.jaren,
                                 "per_groep": self.per_groep}}

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        return next(self.groep([waarden]))

    def groep(self, gevallen: Iterable[Mapping[str, float]], runs: "Runcache | None" = None
              ) -> Iterator[dict[str, float]]:
        """De uitkomsten van een reeks gevallen, in volgorde, met gedeelde simulaties (in `runs`)."""
        runs = runs if runs is not None else Runcache(self.seed, self.schaal, self.jaren, self.per_groep)
        effecten: dict[tuple[int, int], dict[str, float]] = {}
        for waarden in gevallen:
            nul, alt, p = self.invoer(waarden)
            seed = self.zaad(waarden)
            u_nul, u_alt = runs.haal(nul, p, seed), runs.haal(alt, p, seed)
            paar = (id(u_nul), id(u_alt))
            if paar not in effecten:
                effecten[paar] = effectuitkomsten(u_nul, u_alt, p)
            groepen = groepsuitkomsten(u_nul, u_alt, p) if self.per_groep else {}
            yield {**ncw_uitkomsten(u_nul, u_alt, p), **effecten[paar], **groepen}

    def groepssleutels(self, ontwerp: pd.DataFrame) -> list[tuple]:
        """Per geval de waarden van de gevarieerde parameters die het nulalternatief leest: gevallen met
        dezelfde sleutel delen hun nulrun en gaan samen naar één werker. Een proefrun met de
        basiswaarden laat zien welke parameters dat zijn."""
        from simulatie.experimenten.vergelijking import gelezen_parameters

        nul, _, p = self.invoer({})
        gelezen = gelezen_parameters(nul, jaren=self.jaren, seed=self.seed, schaal=self.schaal, parameters=p)
        relevant = [k for k in ontwerp.columns if k in gelezen or k == TREKKING]
        if not relevant:
            return [()] * len(ontwerp)
        return list(ontwerp[relevant].itertuples(index=False, name=None))

    def zaad(self, waarden: Mapping[str, float]) -> int:
        """Het zaad van een geval: de seed van de analyse, of met een trekking van de populatie (TREKKING) een
        ander zaad per trekking, zodat de populatieruis in de spreiding van de uitkomsten zit."""
        return (self.seed + int(waarden.get(TREKKING, 0))) % 2 ** 32

    def invoer(self, waarden: Mapping[str, float]):
        """(nulalternatief, alternatief, parameters) van een geval."""
        from simulatie.invoer.parameters import laad_parameters
        from simulatie.invoer.scenario import valideer

        waarden = dict(waarden)
        waarden.pop(TREKKING, None)  # geen parameter: kiest de populatie (zaad)
        nul, alt = dict(self.nul), dict(self.alternatief)
        budget = waarden.pop("scenario.budget_factor", None)  # hefboom als onzekerheid: de budgetcurve
        if budget is not None:
            alt["budget"] = {**alt["budget"], "regionaal_programma": alt["budget"]["regionaal_programma"] * budget}
        p = laad_parameters().vervang({**self.vast, **waarden}, bron="experiment")
        return valideer(nul), valideer(alt), p


class Runcache:
    """De simulaties van één groep gevallen. Een run hangt alleen af van scenario, zaad, schaal, looptijd
    en de parameters die hij las; een geval dat op al die parameters gelijk is, krijgt dezelfde run."""

    def __init__(self, seed: int, schaal: int, jaren: int, uitsplitsing: bool = False):
        from simulatie.invoer.parameters import Geheugen

        self.seed, self.schaal, self.jaren, self.uitsplitsing = seed, schaal, jaren, uitsplitsing
        self._runs = Geheugen()

    def haal(self, scenario, p, seed: int | None = None):
        from simulatie.experimenten.vergelijking import Uitkomst, draai_model

        seed = self.seed if seed is None else seed

        def draai(gevolgd):
            start = time.perf_counter()
            model = draai_model(scenario, jaren=self.jaren, seed=seed, schaal=self.schaal, parameters=gevolgd,
                                uitsplitsing=self.uitsplitsing)
            return Uitkomst.van(model, self.jaren, time.perf_counter() - start)

        return self._runs.haal((seed, json.dumps(scenario.als_dict(), sort_keys=True, default=str)), p, draai)

    def __len__(self) -> int:
        return len(self._runs)


def ncw_uitkomsten(nul, alternatief, p) -> dict[str, float]:
    """NCW per partij en voor de maatschappij, en de baten/kostenverhouding (hangen van de prijzen af)."""
    from simulatie.economie.mkba import PARTIJEN, binnen_horizon, contante_waarde, kosten_en_baten

    posten, cw = contante_waarde(nul, alternatief, p)
    kosten, baten, _ = kosten_en_baten(posten, cw)
    uit = {"ncw_maatschappij": float(cw.sum()), "ncw_horizon": float(cw[binnen_horizon(posten)].sum())}
    uit.update({f"ncw_{partij}": float(cw[:, j].sum()) for j, partij in enumerate(PARTIJEN)})
    uit["baten_kosten_verhouding"] = float(baten / kosten) if kosten > 0 else float("nan")
    return uit


def groepsuitkomsten(nul, alternatief, p) -> dict[str, float]:
    """Effecten en NCW per groep en regio (groepen.py), voor intervallen per groep (groepen_psa.csv)."""
    from simulatie.economie.groepen import groepstabel, psa_uitkomsten

    return psa_uitkomsten(groepstabel(nul, alternatief, p))


def effectuitkomsten(nul, alternatief, p) -> dict[str, float]:
    """Voorkomen vsv'ers, extra jongeren in duurzaam werk, bediend en wachtend (alleen van de runs)."""
    from simulatie.economie.mkba import effectkengetallen

    voorkomen, extra = effectkengetallen(nul, alternatief)
    return {"voorkomen_vsv": voorkomen, "extra_duurzaam_werk": extra,
            **{n: alternatief.totalen().get(n, 0.0) for n in ("bediend", "wachtend")}}


# ------------------------------------------------------------------------------------ uitvoerders

class _Direct:
    """Een kanaal dat een afgerond geval meteen doorgeeft (één proces: de werker is de schrijver)."""

    def __init__(self, ontvang: Callable):
        self.put = ontvang


def _uitvoerder(dask: str | None, werkers: int | None, ontvang: Callable):
    """(submit, kanaal, afsluiten): een functie die f(x) indient en een future geeft, het kanaal waarop een
    werker elk afgerond geval meldt (met .put; None: `ontvang` krijgt elk geval meteen), en een opruimfunctie."""
    if dask:
        try:
            from dask.distributed import Client, LocalCluster, Queue
        except ImportError:  # pragma: no cover - dask staat in de afhankelijkheden
            raise InvoerFout("Dask is niet geïnstalleerd.", veld="--dask", toegestaan="pip install 'dask[distributed]'")
        if dask == "lokaal":
            cluster = LocalCluster(n_workers=werkers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
            afsluiten = lambda: (client.close(), cluster.close())  # noqa: E731
        else:
            client = _verbind(dask)
            afsluiten = client.close
        return (lambda f, *a: client.submit(f, *a, pure=False)), Queue(client=client), afsluiten
    werkers = werkers or os.cpu_count() or 1
    if werkers == 1:
        from concurrent.futures import Future

        def direct(f, *a):
            fut: Future = Future()
            try:
                fut.set_result(f(*a))
            except Exception as fout:  # noqa: BLE001 - de fout komt bij .result() terug
                fut.set_exception(fout)
            # een onderbreking (Ctrl-C) stopt meteen: de volgende taken worden niet meer ingediend
            return fut
        return direct, _Direct(ontvang), lambda: None
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import Manager

    beheer = Manager()
    pool = ProcessPoolExecutor(max_workers=werkers)
    return pool.submit, beheer.Queue(), lambda: (pool.shutdown(cancel_futures=True), beheer.shutdown())


def _reken(evaluator: Callable, gevallen: list[tuple[int, dict[str, float]]], kanaal) -> int:
    """Reken een taak (één of meer gevallen) uit en meld elk geval zodra het klaar is op `kanaal`
    als (nummer, uitkomsten, seconden); geeft het aantal gevallen."""
    if len(gevallen) == 1 or not hasattr(evaluator, "groep"):
        for geval, waarden in gevallen:
            start = time.perf_counter()
            kanaal.put((geval, evaluator(waarden), time.perf_counter() - start))
        return len(gevallen)
    start = time.perf_counter()
    for (geval, _), uitkomst in zip(gevallen, evaluator.groep(w for _, w in gevallen)):
        nu = time.perf_counter()
        kanaal.put((geval, uitkomst, nu - start))  # de seconden die dit geval aan de taak toevoegde
        start = nu
    return len(gevallen)


# ------------------------------------------------------------------------------------ het experiment

@dataclass
class Experiment:
    """Een ontwerp van gevallen met een evaluator, en een opslagmap waar de resultaten landen."""

    map: Path
    ontwerp: pd.DataFrame           # één rij per geval; kolommen = parameternamen
    evaluator: Callable[[Mapping[str, float]], dict[str, float]]
    herkomst: dict = field(default_factory=dict)

    def __post_init__(self):
        self.map = Path(self.map)
        self.opslag = self.map / OPSLAG
        self.ontwerp = self.ontwerp.reset_index(drop=True)
        self.afdruk = vingerafdruk(self._delen())
        self._rijen: dict[int, dict] = {}  # de gecontroleerde gevallen, op nummer

    # -- beheer van de opslag
    def _delen(self) -> dict:
        """De delen van de vingerafdruk: wat de gevallen van dit experiment bepaalt."""
        e = self.evaluator
        eigen = e.vingerafdruk() if hasattr(e, "vingerafdruk") else {"evaluator": type(e).__qualname__}
        ontwerp = {"kolommen": list(self.ontwerp.columns),
                   "waarden": hashlib.sha256(self.ontwerp.to_numpy(dtype=float).tobytes()).hexdigest()}
        return {**eigen, "herkomst": self.herkomst, "ontwerp": ontwerp}

    def _manifest(self) -> dict:
        return {"herkomst": self.herkomst, "parameters": list(self.ontwerp.columns), "gevallen": len(self.ontwerp),
                "vingerafdruk": self.afdruk}

    def controleer(self) -> None:
        """Hoort een bestaande opslag bij dit experiment? Zo niet: een InvoerFout die zegt wat verschilt."""
        manifest = self.map / MANIFEST
        if not manifest.exists():
            if self.opslag.exists() and any(self.opslag.glob("geval-*.parquet")):
                raise InvoerFout("In deze map staan gevallen zonder experiment.json.", bestand=self.map,
                                 veld="--uit", toegestaan="een lege map, of --opnieuw")
            return
        try:
            bestaand = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InvoerFout("Het experimentbestand is beschadigd.", bestand=manifest, veld="--uit",
                             toegestaan="--opnieuw (de opgeslagen gevallen gaan weg), of een andere map") from None
        oud = bestaand.get("vingerafdruk") if isinstance(bestaand, dict) else None
        if not isinstance(oud, Mapping) or oud.get("totaal") != self.afdruk["totaal"]:
            raise InvoerFout(
                f"In deze map staat een ander experiment; hervatten zou gevallen van twee analyses mengen. Anders "
                f"zijn: {'; '.join(verschillen(oud, self.afdruk))}.", bestand=self.map, veld="--uit",
                toegestaan="dezelfde opdracht met dezelfde invoer om te hervatten, --opnieuw om de opgeslagen "
                           "gevallen weg te gooien en opnieuw te beginnen, of een andere map")

    def voorbereiden(self, opnieuw: bool = False) -> None:
        """Controleer de opslag (of gooi hem weg met `opnieuw`) en schrijf ontwerp en manifest als ze ontbreken."""
        manifest = self.map / MANIFEST
        if opnieuw and self.map.exists():
            for p in list(self.opslag.glob("*.parquet")) + [manifest, self.map / ONTWERP]:
                p.unlink(missing_ok=True)
            self._rijen.clear()
        self.controleer()
        if manifest.exists():
            return
        self.opslag.mkdir(parents=True, exist_ok=True)
        with atomair(self.map / ONTWERP) as tijdelijk:
            self.ontwerp.to_parquet(tijdelijk, index=False)
        with atomair(manifest) as tijdelijk:
            tijdelijk.write_text(json.dumps(self._manifest(), indent=2, default=str, ensure_ascii=False))

    def klaar(self) -> set[int]:
        """De nummers van de opgeslagen gevallen; elk bestand wordt gecontroleerd (zie de moduledocumentatie)."""
        if not self.opslag.exists():
            return set()
        for pad in sorted(self.opslag.glob("geval-*.parquet")):
            gevonden = GEVALBESTAND.fullmatch(pad.name)
            geval = int(gevonden.group(1)) if gevonden else -1
            if not 0 <= geval < len(self.ontwerp):
                raise InvoerFout("Dit bestand hoort niet in de opslag (geen geval van dit ontwerp).", bestand=pad,
                                 toegestaan=f"bestanden geval-NNNNNN.parquet met NNNNNN van 000000 tot "
                                            f"{len(self.ontwerp):06d}; {HERSTEL}")
            if geval not in self._rijen:
                self._rijen[geval] = self._lees(pad, geval)
        return set(self._rijen)

    def _lees(self, pad: Path, geval: int) -> dict:
        """Eén gevalbestand, gecontroleerd op nummer, vingerafdruk van de opslag en controlegetal."""
        try:
            df = pd.read_parquet(pad)
        except Exception as fout:  # noqa: BLE001 - pyarrow kent veel soorten leesfouten
            raise InvoerFout(f"Het gevalbestand is leeg of beschadigd ({type(fout).__name__}).", bestand=pad,
                             toegestaan=HERSTEL) from None
        rij = _gewoon(df.to_dict("records")[0]) if len(df) == 1 else {}
        if rij.get("geval") != geval:
            raise InvoerFout(f"Het gevalbestand bevat geval {rij.get('geval', '(geen)')} in plaats van {geval} "
                             f"(gekopieerd of beschadigd?).", bestand=pad, toegestaan=HERSTEL)
        if rij.get("vingerafdruk") != self.afdruk["totaal"]:
            raise InvoerFout("Het gevalbestand komt uit een andere opslag (andere vingerafdruk).", bestand=pad,
                             toegestaan=HERSTEL)
        if rij.get("controlegetal") != _controlegetal(rij):
            raise InvoerFout("Het controlegetal van het gevalbestand klopt niet: de inhoud is veranderd.",
                             bestand=pad, toegestaan=HERSTEL)
        return rij

    def taken(self, open_: list[int]) -> list[list[int]]:
        """De open gevallen in taken voor de werkers: gevallen met dezelfde groepssleutel van de evaluator
        samen (ze delen simulaties), de grootste taken eerst zodat geen werker aan het eind alleen rekent."""
        if not hasattr(self.evaluator, "groepssleutels"):
            return [[i] for i in open_]
        sleutels = self.evaluator.groepssleutels(self.ontwerp)
        groepen: dict = {}
        for i in open_:
            groepen.setdefault(sleutels[i], []).append(i)
        return sorted(groepen.values(), key=len, reverse=True)

    def _schrijf(self, geval: int, waarden: dict, uitkomst: dict, seconden: float) -> None:
        rij = _gewoon({"geval": geval, "vingerafdruk": self.afdruk["totaal"],
                       **{f"p:{k}": v for k, v in waarden.items()},
                       **{f"u:{k}": v for k, v in uitkomst.items()},
                       **{f"h:{k}": v for k, v in self.herkomst.items() if isinstance(v, (int, float, str))},
                       "seconden": seconden})
        rij["controlegetal"] = _controlegetal(rij)
        with atomair(self.opslag / f"geval-{geval:06d}.parquet") as tijdelijk:
            pd.DataFrame([rij]).to_parquet(tijdelijk, index=False)
        self._rijen[geval] = rij

    def resultaten(self) -> pd.DataFrame:
        """De opslag als één tabel, gesorteerd op geval (zonder vingerafdruk en controlegetal)."""
        gevallen = sorted(self.klaar())
        if not gevallen:
            return pd.DataFrame()
        return (pd.DataFrame([self._rijen[g] for g in gevallen]).drop(columns=["vingerafdruk", "controlegetal"])
                .reset_index(drop=True))

    # -- draaien
    def draai(self, dask: str | None = None, werkers: int | None = None, voortgang: bool = True,
              opnieuw: bool = False) -> pd.DataFrame:
        """Reken de open gevallen uit. Eerst wordt alles gecontroleerd (opslag, gevalbestanden, uitvoerder);
        pas dan wordt er geschreven, zodat een fout in de invoer niets achterlaat."""
        from tqdm.auto import tqdm

        if not opnieuw:
            self.controleer()
        gedaan = set() if opnieuw else self.klaar()
        open_ = [i for i in range(len(self.ontwerp)) if i not in gedaan]
        rijen = self.ontwerp.to_dict("records")
        balk = tqdm(total=len(self.ontwerp), initial=len(gedaan), desc="gevallen", unit="geval",
                    disable=None if voortgang else True)

        def ontvang(melding) -> None:
            geval, uitkomst, seconden = melding
            self._schrijf(geval, rijen[geval], uitkomst, seconden)
            balk.update(1)

        if not open_:
            self.voorbereiden(opnieuw=opnieuw)
        else:
            submit, kanaal, afsluiten = _uitvoerder(dask, werkers, ontvang)
            try:
                taken = self.taken(open_)
                self.voorbereiden(opnieuw=opnieuw)
                lopend = [submit(_reken, self.evaluator, [(i, rijen[i]) for i in taak], kanaal) for taak in taken]
                _ontvang_alles(lopend, kanaal, ontvang, dask is not None)
            finally:
                afsluiten()
        balk.close()
        return self.resultaten()


def _gewoon(rij: dict) -> dict:
    """NumPy-getallen als gewone Python-getallen, zodat het controlegetal na lezen hetzelfde is."""
    uit = {}
    for k, v in rij.items():
        if isinstance(v, np.generic):
            v = v.item()
        uit[k] = v
    return uit


def _controlegetal(rij: Mapping) -> str:
    """sha256 over het geval zonder de rekentijd (een meting, geen uitkomst) en zonder zichzelf."""
    inhoud = {k: (repr(v) if isinstance(v, float) and not math.isfinite(v) else v) for k, v in rij.items()
              if k not in ("seconden", "controlegetal")}
    return _hash(inhoud)


def _ontvang_alles(lopend: list, kanaal, ontvang: Callable, is_dask: bool) -> None:
    """Schrijf elk geval zodra een werker het meldt, tot alle taken klaar zijn; een fout in een taak komt
    terug nadat de gevallen die al klaar waren, geschreven zijn."""
    if isinstance(kanaal, _Direct):  # alles is al gerekend en geschreven
        for fut in lopend:
            fut.result()
        return

    def leeg(wachten: float) -> None:
        while True:
            try:
                melding = kanaal.get(timeout=wachten)
            except Exception:  # noqa: BLE001 - queue.Empty of de time-out van Dask
                return
            ontvang(melding)
            wachten = 0.01

    while True:
        klaar = [f for f in lopend if f.done()]
        if len(klaar) == len(lopend) or any(_mislukt(f, is_dask) for f in klaar):
            leeg(0.01)
            for fut in lopend:
                if fut.done():
                    fut.result()  # geeft de fout van een mislukte taak
            return
        leeg(0.2)


def _mislukt(fut, is_dask: bool) -> bool:
    if is_dask:
        return fut.status == "error"
    return fut.exception() is not None


# ------------------------------------------------------------------------------------ een testfunctie

@dataclass(frozen=True)
class Ishigami:
    """De Ishigami-functie (a=7, b=0,1) op x1..x3 in [-pi, pi]: bekende Sobol-indices, om de keten te toetsen.

    `vertraging` (seconden per geval) maakt een experiment traag genoeg om het halverwege af te breken."""

    a: float = 7.0
    b: float = 0.1
    vertraging: float = 0.0

    def vingerafdruk(self) -> dict:
        return {"evaluator": {"ishigami": [self.a, self.b]}}  # de vertraging verandert geen uitkomst

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        if self.vertraging:
            time.sleep(self.vertraging)
        x1, x2, x3 = (waarden[k] for k in ("x1", "x2", "x3"))
        return {"y": float(np.sin(x1) + self.a * np.sin(x2) ** 2 + self.b * x3 ** 4 * np.sin(x1))}

    def indices(self) -> dict[str, tuple[float, float]]:
        """Analytische (S1, ST) per parameter."""
        a, b, pi = self.a, self.b, np.pi
        v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
        v2 = a ** 2 / 8
        v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
        v = v1 + v2 + v13
        return {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}
