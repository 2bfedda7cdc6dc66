"""Experimenten: veel gevallen (scenario, parameterwaarden, seed) draaien op een uitvoerder.

Een geval is een rij van een ontwerp (een matrix van parameterwaarden). Een evaluator rekent een geval
uit tot een dict met uitkomsten. De uitvoerder is standaard een pool van lokale processen (alle kernen),
of een Dask-cluster (`dask="lokaal"` of het adres van een scheduler). Elk afgerond geval wordt meteen
als eigen Parquet-bestand in de opslag geschreven (eerst onder een tijdelijke naam, dan hernoemd): een
onderbroken experiment hervat waar het stopte, zonder een geval te verliezen of dubbel te rekenen.

In de taal van de EMA Workbench: de parameters met een verdeling zijn de onzekerheden, het scenario
is de hefboom, de uitkomsten zijn de outcomes.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from simulatie.fouten import InvoerFout
from simulatie.uitvoer import atomair

ONTWERP = "ontwerp.parquet"
OPSLAG = "gevallen"
MANIFEST = "experiment.json"


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

    def __call__(self, waarden: Mapping[str, float]) -> dict[str, float]:
        return next(self.groep([waarden]))

    def groep(self, gevallen: Iterable[Mapping[str, float]], runs: "Runcache | None" = None
              ) -> Iterator[dict[str, float]]:
        """De uitkomsten van een reeks gevallen, in volgorde, met gedeelde simulaties (in `runs`)."""
        runs = runs if runs is not None else Runcache(self.seed, self.schaal, self.jaren)
        effecten: dict[tuple[int, int], dict[str, float]] = {}
        for waarden in gevallen:
            nul, alt, p = self.invoer(waarden)
            u_nul, u_alt = runs.haal(nul, p), runs.haal(alt, p)
            paar = (id(u_nul), id(u_alt))
            if paar not in effecten:
                effecten[paar] = effectuitkomsten(u_nul, u_alt, p)
            yield {**ncw_uitkomsten(u_nul, u_alt, p), **effecten[paar]}

    def groepssleutels(self, ontwerp: pd.DataFrame) -> list[tuple]:
        """Per geval de waarden van de gevarieerde parameters die het nulalternatief leest: gevallen met
        dezelfde sleutel delen hun nulrun en gaan samen naar één werker. Een proefrun met de
        basiswaarden laat zien welke parameters dat zijn."""
        from simulatie.vergelijking import gelezen_parameters

        nul, _, p = self.invoer({})
        gelezen = gelezen_parameters(nul, jaren=self.jaren, seed=self.seed, schaal=self.schaal, parameters=p)
        relevant = [k for k in ontwerp.columns if k in gelezen]
        if not relevant:
            return [()] * len(ontwerp)
        return list(ontwerp[relevant].itertuples(index=False, name=None))

    def invoer(self, waarden: Mapping[str, float]):
        """(nulalternatief, alternatief, parameters) van een geval."""
        from simulatie.parameters import laad_parameters
        from simulatie.scenario import valideer

        waarden = dict(waarden)
        nul, alt = dict(self.nul), dict(self.alternatief)
        budget = waarden.pop("scenario.budget_factor", None)  # hefboom als onzekerheid: de budgetcurve
        if budget is not None:
            alt["budget"] = {**alt["budget"], "regionaal_programma": alt["budget"]["regionaal_programma"] * budget}
        p = laad_parameters().vervang({**self.vast, **waarden}, bron="experiment")
        return valideer(nul), valideer(alt), p


class Runcache:
    """De simulaties van één groep gevallen. Een run hangt alleen af van scenario, zaad, schaal, looptijd
    en de parameters die hij las; een geval dat op al die parameters gelijk is, krijgt dezelfde run."""

    def __init__(self, seed: int, schaal: int, jaren: int):
        from simulatie.parameters import Geheugen

        self.seed, self.schaal, self.jaren = seed, schaal, jaren
        self._runs = Geheugen()

    def haal(self, scenario, p):
        from simulatie.vergelijking import draai_model, uitkomst_van

        def draai(gevolgd):
            start = time.perf_counter()
            model = draai_model(scenario, jaren=self.jaren, seed=self.seed, schaal=self.schaal, parameters=gevolgd)
            return uitkomst_van(model, self.jaren, time.perf_counter() - start)

        return self._runs.haal(json.dumps(scenario.als_dict(), sort_keys=True, default=str), p, draai)

    def __len__(self) -> int:
        return len(self._runs)


def ncw_uitkomsten(nul, alternatief, p) -> dict[str, float]:
    """NCW per partij en voor de maatschappij, en de baten/kostenverhouding (hangen van de prijzen af)."""
    from simulatie.mkba import PARTIJEN, contante_waarde, kosten_en_baten

    posten, cw = contante_waarde(nul, alternatief, p)
    kosten, baten, _ = kosten_en_baten(posten, cw)
    uit = {"ncw_maatschappij": float(cw.sum())}
    uit.update({f"ncw_{partij}": float(cw[:, j].sum()) for j, partij in enumerate(PARTIJEN)})
    uit["baten_kosten_verhouding"] = float(baten / kosten) if kosten > 0 else float("nan")
    return uit


def effectuitkomsten(nul, alternatief, p) -> dict[str, float]:
    """Voorkomen vsv'ers, extra jongeren in duurzaam werk, bediend en wachtend (alleen van de runs)."""
    from simulatie.mkba import effectkengetallen

    voorkomen, extra = effectkengetallen(nul, alternatief)
    return {"voorkomen_vsv": voorkomen, "extra_duurzaam_werk": extra,
            **{n: alternatief.totalen.get(n, 0.0) for n in ("bediend", "wachtend")}}


# ------------------------------------------------------------------------------------ uitvoerders

def _uitvoerder(dask: str | None, werkers: int | None):
    """(submit, afsluiten): een functie die f(x) indient en een future geeft, en een opruimfunctie."""
    if dask:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask staat in de afhankelijkheden
            raise InvoerFout("Dask is niet geïnstalleerd.", veld="--dask", toegestaan="pip install 'dask[distributed]'")
        if dask == "lokaal":
            cluster = LocalCluster(n_workers=werkers or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
            afsluiten = lambda: (client.close(), cluster.close())  # noqa: E731
        else:
            try:
                client = Client(dask, timeout="20s")
            except OSError as fout:
                raise InvoerFout(f"Geen Dask-scheduler bereikbaar op '{dask}': {fout}.", veld="--dask",
                                 toegestaan="'lokaal' of een adres als tcp://host:8786") from None
            afsluiten = client.close
        return (lambda f, *a: client.submit(f, *a, pure=False)), afsluiten
    werkers = werkers or os.cpu_count() or 1
    if werkers == 1:
        from concurrent.futures import Future

        def direct(f, *a):
            fut: Future = Future()
            try:
                fut.set_result(f(*a))
            except BaseException as fout:  # noqa: BLE001 - de fout komt bij .result() terug
                fut.set_exception(fout)
            return fut
        return direct, lambda: None
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=werkers)
    return pool.submit, lambda: pool.shutdown(cancel_futures=True)


def _reken(evaluator: Callable, gevallen: list[tuple[int, dict[str, float]]]) -> list[tuple[int, dict, float]]:
    """Reken een taak (één of meer gevallen) uit: per geval (nummer, uitkomsten, seconden)."""
    if len(gevallen) == 1 or not hasattr(evaluator, "groep"):
        uit = []
        for geval, waarden in gevallen:
            start = time.perf_counter()
            uit.append((geval, evaluator(waarden), time.perf_counter() - start))
        return uit
    uit, start = [], time.perf_counter()
    for (geval, _), uitkomst in zip(gevallen, evaluator.groep(w for _, w in gevallen)):
        nu = time.perf_counter()
        uit.append((geval, uitkomst, nu - start))  # de seconden die dit geval aan de taak toevoegde
        start = nu
    return uit


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

    # -- beheer van de opslag
    def _manifest(self) -> dict:
        return {"herkomst": self.herkomst, "parameters": list(self.ontwerp.columns), "gevallen": len(self.ontwerp)}

    def voorbereiden(self, opnieuw: bool = False) -> None:
        manifest = self.map / MANIFEST
        if opnieuw and self.map.exists():
            for p in list(self.opslag.glob("*.parquet")) + [manifest, self.map / ONTWERP]:
                p.unlink(missing_ok=True)
        if manifest.exists():
            bestaand = json.loads(manifest.read_text())
            ontwerp = pd.read_parquet(self.map / ONTWERP)
            if bestaand != json.loads(json.dumps(self._manifest(), default=str)) or not ontwerp.equals(
                    self.ontwerp.reset_index(drop=True)):
                raise InvoerFout("In deze map staat al een ander experiment.", bestand=self.map, veld="--uit",
                                 toegestaan="een lege map, dezelfde opdracht om te hervatten, of --opnieuw")
            return
        self.opslag.mkdir(parents=True, exist_ok=True)
        self.ontwerp.reset_index(drop=True).to_parquet(self.map / ONTWERP, index=False)
        manifest.write_text(json.dumps(self._manifest(), indent=2, default=str, ensure_ascii=False))

    def klaar(self) -> set[int]:
        if not self.opslag.exists():
            return set()
        return {int(p.stem.split("-")[1]) for p in self.opslag.glob("geval-*.parquet")}

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
        rij = {"geval": geval, **{f"p:{k}": v for k, v in waarden.items()},
               **{f"u:{k}": v for k, v in uitkomst.items()},
               **{f"h:{k}": v for k, v in self.herkomst.items() if isinstance(v, (int, float, str))},
               "seconden": seconden}
        with atomair(self.opslag / f"geval-{geval:06d}.parquet") as tijdelijk:
            pd.DataFrame([rij]).to_parquet(tijdelijk, index=False)

    def resultaten(self) -> pd.DataFrame:
        """De opslag als één tabel, gesorteerd op geval."""
        bestanden = sorted(self.opslag.glob("geval-*.parquet"))
        if not bestanden:
            return pd.DataFrame()
        return pd.concat([pd.read_parquet(b) for b in bestanden], ignore_index=True).sort_values("geval",
                                                                                                  ignore_index=True)

    # -- draaien
    def draai(self, dask: str | None = None, werkers: int | None = None, voortgang: bool = True,
              opnieuw: bool = False) -> pd.DataFrame:
        from tqdm.auto import tqdm

        self.voorbereiden(opnieuw=opnieuw)
        gedaan = self.klaar()
        open_ = [i for i in range(len(self.ontwerp)) if i not in gedaan]
        balk = tqdm(total=len(self.ontwerp), initial=len(gedaan), desc="gevallen", unit="geval",
                    disable=None if voortgang else True)
        if open_:
            rijen = self.ontwerp.to_dict("records")
            taken = self.taken(open_)
            submit, afsluiten = _uitvoerder(dask, werkers)
            try:
                lopend = [submit(_reken, self.evaluator, [(i, rijen[i]) for i in taak]) for taak in taken]
                for fut in _als_klaar(lopend, dask is not None):
                    for geval, uitkomst, seconden in fut.result():
                        self._schrijf(geval, rijen[geval], uitkomst, seconden)
                        balk.update(1)
            finally:
                afsluiten()
        balk.close()
        return self.resultaten()


def _als_klaar(futures: list, is_dask: bool) -> Iterable:
    if is_dask:
        from dask.distributed import as_completed
        return as_completed(futures)
    from concurrent.futures import as_completed
    return as_completed(futures)


# ------------------------------------------------------------------------------------ een testfunctie

@dataclass(frozen=True)
class Ishigami:
    """De Ishigami-functie (a=7, b=0,1) op x1..x3 in [-pi, pi]: bekende Sobol-indices, om de keten te toetsen.

    `vertraging` (seconden per geval) maakt een experiment traag genoeg om het halverwege af te breken."""

    a: float = 7.0
    b: float = 0.1
    vertraging: float = 0.0

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
